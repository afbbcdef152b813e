"""Every problem code is in the catalogue and documented; an uncatalogued code cannot be recorded."""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import ROOT

from jiekun.model.problems import CATALOGUE, ProblemCollector, title


@pytest.mark.parametrize("mask", [np.array([True, False]), np.array([False, False])])
def test_an_uncatalogued_code_is_refused_even_when_no_row_is_flagged(mask):
    with pytest.raises(KeyError, match="no_such_code"):
        ProblemCollector(np.array([2, 3])).add("no_such_code", mask)


def test_a_catalogued_code_is_recorded_with_its_severity():
    p = ProblemCollector(np.array([2, 3, 4]))
    p.add("duplicate_id", np.array([False, True, False]), column="身份证号", value="x")
    df = p.frame()
    assert df[["row", "code", "severity"]].values.tolist() == [[3, "duplicate_id", "error"]]


def test_every_code_is_documented_with_severity():
    doc = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    for code, p in CATALOGUE.items():
        assert re.search(rf"\| `{code}` \| {p.severity} \| {re.escape(title(code, 'zh'))} \|", doc), code
