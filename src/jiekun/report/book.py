"""The report workbook's :class:`Book`: the kit, the result, the words, and what several sheets use."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from jiekun.model.labels import hardship_label
from jiekun.text.report import WORDS as TEXT
from jiekun.xlsx.book import Kit

if TYPE_CHECKING:
    from jiekun.pipeline.summary import Result


class Book(Kit):
    """What every sheet writer needs: the kit, the result, the words."""

    def __init__(self, wb, result: Result, lang: str, mask: bool, detail: str, area: str | None = None):
        self.tx = TEXT[lang]
        super().__init__(wb, footer=self.tx["footer"])
        self.result, self.lang, self.mask, self.detail, self.area = result, lang, mask, detail, area
        self.tally = result.tally
        self.rules = result.classified.rules
        self.roster = result.roster

    @property
    def version(self) -> str:
        from jiekun import __version__

        return __version__

    @property
    def stem(self) -> str:
        return Path(self.roster.source).stem

    @property
    def title(self) -> str:
        return self.tx["title"].format(stem=self.stem)

    def hardship_label(self) -> str:
        return hardship_label(self.tally.rules, self.lang)

    def extreme_label(self) -> str:
        return self.rules.tier_label(0, self.lang)

    @cached_property
    def id_columns(self) -> list[str]:
        """The ID column and any other column whose header names an ID number."""
        from jiekun.model.columns import normalize_header

        cols = [self.roster.fields["id"]] if "id" in self.roster.fields else []
        for c in self.roster.data.columns:
            h = normalize_header(c)
            if c not in cols and any(w in h for w in ("身份证", "证件号", "身份号")):
                cols.append(c)
        return cols

    @cached_property
    def problems(self) -> pd.DataFrame:
        """The problem records with their messages, IDs masked when asked."""
        from jiekun.model.ids import mask_ids
        from jiekun.model.problems import messages

        p = self.result.problems.copy()
        if self.mask and len(p):
            m = p["column"].isin(self.id_columns).to_numpy()
            if m.any():
                p.loc[m, "value"] = mask_ids(p.loc[m, "value"].astype(str)).to_numpy()
            legacy = (p["code"] == "id_legacy15").to_numpy()
            if legacy.any():
                p.loc[legacy, "detail"] = mask_ids(p.loc[legacy, "detail"].astype(str)).to_numpy()
        p["message"] = messages(p, self.lang) if len(p) else pd.Series(dtype=object)
        return p

    @cached_property
    def detail_rows(self) -> np.ndarray:
        """Positions (in the roster) of the rows the detail sheet lists."""
        from jiekun.model.row_kinds import DUPLICATE, WORKER

        f = self.result.classified.frame
        kind = f["kind"].to_numpy()
        tier = f["tier"].to_numpy()
        if self.detail == "hardship":
            keep = (kind == WORKER) & (tier >= 0) & (tier < len(self.rules.tiers))
        else:
            keep = (kind == WORKER) | (kind == DUPLICATE)
        return np.flatnonzero(keep)

    @cached_property
    def detail_band(self) -> np.ndarray:
        """0 plain, 1 hardship, 2 extreme, 3 duplicate — per detail row."""
        from jiekun.model.row_kinds import DUPLICATE, WORKER

        f = self.result.classified.frame
        idx = self.detail_rows
        kind = f["kind"].to_numpy()[idx]
        tier = f["tier"].to_numpy()[idx]
        band = np.zeros(len(idx), dtype=np.int8)
        band[(kind == WORKER) & (tier > 0) & (tier < len(self.rules.tiers))] = 1
        band[(kind == WORKER) & (tier == 0)] = 2
        band[kind == DUPLICATE] = 3
        return band
