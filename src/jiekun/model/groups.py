"""The survey table's groups: age–gender (the "4050" split), education buckets, causes."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from jiekun.model.cells import Cells, map_unique
from jiekun.model.labels import age_gender_keys
from jiekun.model.rules import CAUSES, Rules

_EDU_SUFFIX = re.compile(r"(毕业|肄业|在读|结业|学历|文化|程度|及以下|以下|及以上|以上)+$")
_CAUSE_SPLIT = re.compile(r"[、,，;；/／\s]+")


def education_bucket(value: str, vocab: dict[str, str]) -> str | None:
    """The bucket of one raw education value; None when it is unknown.

    Exact match first, then the value without 毕业/肄业/在读…, then the longest known
    level it contains (大学本科 → 本科).
    """
    if value in vocab:
        return vocab[value]
    core = _EDU_SUFFIX.sub("", value)
    if core in vocab:
        return vocab[core]
    for word in sorted(vocab, key=len, reverse=True):
        if word in value:
            return vocab[word]
    return None


def cause_keys(value: str, words: dict[str, str], order: list[str]) -> tuple[list[str], list[str]]:
    """The cause keys one cell names (each once, in report order) and its unknown parts."""
    found, unknown = set(), []
    by_len = sorted(words, key=len, reverse=True)
    for part in _CAUSE_SPLIT.split(value):
        if not part:
            continue
        if part in words:
            found.add(words[part])
            continue
        hit = next((w for w in by_len if w in part), None)
        if hit:
            found.add(words[hit])
        else:
            found.add("other")
            unknown.append(part)
    return [k for k in order if k in found], unknown


def age_gender_groups(rules: Rules, male: pd.Series, age: pd.Series) -> np.ndarray:
    """Codes into ``age_gender_keys(rules)``: men under/over the split, women over/under, unknown."""
    mm = male.fillna(False).to_numpy(dtype=bool)
    ff = (~male.fillna(True)).to_numpy(dtype=bool)
    ag = age.fillna(-1).to_numpy(dtype=np.int64)
    known = age.notna().to_numpy()
    return np.select(
        [
            mm & known & (ag < rules.male_split),
            mm & known & (ag >= rules.male_split),
            ff & known & (ag >= rules.female_split),
            ff & known & (ag < rules.female_split),
        ],
        [0, 1, 2, 3],
        default=4,
    ).astype(np.int8)


def groups(c: Cells, rules: Rules, male: pd.Series, age: pd.Series, examine: np.ndarray):
    """Age–gender group keys and codes, education buckets and cause keys ("a|b") of each row."""
    group = age_gender_groups(rules, male, age)
    vocab = rules.education_values()
    e_txt = c.text("education")
    edu = map_unique(e_txt, lambda v: education_bucket(v, vocab) if v else "unknown")
    c.P.add("education_unknown", examine & edu.isna().to_numpy(), c.col("education"), e_txt)

    words, order = rules.cause_words(), list(CAUSES)
    c_raw = c.text("cause")
    causes = map_unique(c_raw, lambda v: "|".join(cause_keys(v, words, order)[0]))
    unknown = map_unique(c_raw, lambda v: "、".join(cause_keys(v, words, order)[1]))
    c.P.add("cause_unknown", examine & (unknown != "").to_numpy(), c.col("cause"), c_raw, unknown)
    return age_gender_keys(rules), group, edu.fillna("unknown"), causes
