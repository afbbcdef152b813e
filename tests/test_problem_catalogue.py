"""Every problem code the code can emit is in the catalogue and documented."""

from __future__ import annotations

import re

from conftest import ROOT

from jiekun.problems import CATALOGUE, TITLES


def emitted_codes() -> set[str]:
    src = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "jiekun").glob("*.py"))
    direct = set(re.findall(r'\bP\.add\(\s*"([a-z0-9_]+)"', src))
    # codes recorded in a loop over (code, id status) pairs
    cls = (ROOT / "src" / "jiekun" / "classification.py").read_text(encoding="utf-8")
    looped = set(re.findall(r'\(\s*"(id_[a-z0-9_]+)",\s*"[a-z_]+"\)', cls))
    return direct | looped


def test_every_emitted_code_is_catalogued():
    codes = emitted_codes()
    assert len(codes) > 20
    assert codes <= set(CATALOGUE)


def test_every_code_is_documented_with_severity():
    doc = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    for code, p in CATALOGUE.items():
        assert re.search(rf"\| `{code}` \| {p.severity} \| {re.escape(TITLES[code][0])} \|", doc), code
