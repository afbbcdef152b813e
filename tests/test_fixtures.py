"""Golden fixtures: one small file per real-world pitfall (tests/fixtures/expected.json)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app

MANIFEST = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
READABLE = {k: v for k, v in MANIFEST.items() if not v.get("error")}
UNREADABLE = {k: v for k, v in MANIFEST.items() if v.get("error")}
runner = CliRunner()


@pytest.mark.parametrize("name", sorted(READABLE))
def test_fixture_counts_and_findings(name):
    exp = READABLE[name]
    result = jiekun.summarize(
        FIXTURES / name, as_of=dt.date.fromisoformat(exp.get("as_of", "2025-12-31")), sheet=exp.get("sheet")
    )
    t = result.tally
    got = {
        k: getattr(t, k)
        for k in (
            "rows_read",
            "workers",
            "duplicates",
            "non_worker_rows",
            "hardship",
            "extreme",
            "undetermined",
        )
    }
    want = {k: exp[k] for k in got}
    assert got == want
    assert t.rows_read == t.workers + t.duplicates + t.non_worker_rows
    findings = sorted(map(tuple, result.classified.problems[["row", "code"]].to_numpy().tolist()))
    assert findings == sorted(map(tuple, exp.get("findings", [])))


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_fixture_exits_2_with_message(name):
    exp = UNREADABLE[name]
    r = runner.invoke(app, ["summary", str(FIXTURES / name)])
    assert r.exit_code == exp.get("exit", 2)
    assert "Traceback" not in r.output and "错误：" in r.output
    for needle in exp.get("message_contains", []):
        assert needle in r.output
