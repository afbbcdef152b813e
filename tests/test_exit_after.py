"""Exit after N months (``exit_after_months``): the watch (观察期) on month sequences that cross N
in every way, the checks, the rules key, the JSON and the 返困监测 sheet (docs/flows.md)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import openpyxl
import pytest
from conftest import make_id, write_csv
from typer.testing import CliRunner

from jiekun.cli.app import app
from jiekun.errors import RulesError
from jiekun.model.rules import Rules, load_rules
from jiekun.pipeline.batch import batch

runner = CliRunner()
H, N, E, U, OFF = "260", "900", "200", "", None  # household size 1: the income is the per-capita income
MONTHS = [f"2025-{m:02d}" for m in range(1, 9)]

#: name → (income per month Jan…Aug); what the watch does with N = 3 is in the comment.
PLAN = {
    "准时": (H, N, N, N, N, N, N, N),  # watch Feb, Mar; exited in Apr (m0 + N); nothing after
    "回落": (H, N, N, H, H, H, H, H),  # watch Feb, Mar; back under in Apr (N − 1 months above): stayed
    "两次": (H, N, H, N, N, N, H, H),  # watch Feb; stayed Mar; watch Apr, May; exited Jun; returned Jul
    "缺收": (H, N, U, N, N, N, N, N),  # watch Feb; undetermined Mar: untracked, the watch ends
    "离开": (H, N, OFF, OFF, N, N, N, N),  # watch Feb; left the roster in Mar (while on watch)
    "常困": (E, E, E, E, E, E, E, E),  # stayed throughout
    "从无": (N, N, N, N, N, N, N, N),  # never in hardship: in no flow
}
PEOPLE = {name: make_id("19800101", True, i + 1) for i, name in enumerate(PLAN)}


def write_series(folder: Path, plan: dict, months: list[str]) -> Path:
    folder.mkdir(exist_ok=True)
    for k, month in enumerate(months):
        rows = [f"{name},{PEOPLE[name]},男,,初中,示例厂,1,{inc[k]},下岗" for name, inc in plan.items()
                if inc[k] is not None]  # fmt: skip
        write_csv(folder / f"{month}.csv", rows)
    return folder


@pytest.fixture
def series_dir(tmp_path) -> Path:
    return write_series(tmp_path / "s", PLAN, MONTHS)


def run(folder: Path, n: int):
    return batch(
        [folder], rules=dataclasses.replace(Rules(), exit_after_months=n), workers=1, keep_frames=True
    )


def who(flow, key: str) -> set[str]:
    ids = set(flow.detail.loc[flow.detail["flow"] == key, "id"])
    return {name for name, pid in PEOPLE.items() if pid in ids}


def test_watch_with_three_months(series_dir):
    s = run(series_dir, 3)
    by = {f.target: f for f in s.flows}
    assert all(f.balanced for f in s.flows)
    assert who(by["2025-02"], "on_watch") == {"准时", "回落", "两次", "缺收", "离开"}
    assert who(by["2025-02"], "exited") == set()
    assert who(by["2025-03"], "on_watch") == {"准时", "回落"}
    assert who(by["2025-03"], "stayed") == {"准时", "回落", "两次", "常困"}  # on watch counts as stayed
    assert who(by["2025-03"], "untracked") == {"缺收"} and who(by["2025-03"], "left_roster") == {"离开"}
    assert who(by["2025-04"], "exited") == {"准时"}  # last in hardship in January: January + 3
    assert who(by["2025-04"], "stayed") == {"回落", "两次", "常困"}  # 回落 fell back: never left
    assert who(by["2025-04"], "on_watch") == {"两次"}
    for f in s.flows:  # a fall back within N months is never 返困 or 新增
        assert not who(f, "returned") - {"两次"} and not who(f, "entered")
    assert who(by["2025-05"], "on_watch") == {"两次"} and who(by["2025-05"], "exited") == set()
    assert who(by["2025-06"], "exited") == {"两次"}
    assert who(by["2025-07"], "returned") == {"两次"}
    # 缺收 and 离开 come back above the line: their watch ended, they are in no flow
    assert all(
        not ({"缺收", "离开"} & who(f, k)) for f in s.flows[2:] for k in ("exited", "on_watch", "stayed")
    )


def test_json_counts_and_each_months_own_figures(series_dir):
    s = run(series_dir, 3)
    got = [(f["to"], f["stayed"], f["exited"], f["on_watch"], f["left_roster"], f["untracked"], f["returned"])
           for f in s.to_json()["flows"]]  # fmt: skip
    assert got == [
        ("2025-02", 6, 0, 5, 0, 0, 0),
        ("2025-03", 4, 0, 2, 1, 1, 0),
        ("2025-04", 3, 1, 1, 0, 0, 0),
        ("2025-05", 3, 0, 1, 0, 0, 0),
        ("2025-06", 2, 1, 0, 0, 0, 0),
        ("2025-07", 2, 0, 0, 0, 0, 1),
        ("2025-08", 3, 0, 0, 0, 0, 0),
    ]
    # a month's own figures are those of its file: a worker on watch is not hardship there
    assert [m["hardship"] for m in s.to_json()["months"]] == [6, 1, 2, 2, 2, 2, 3, 3]


def test_one_month_is_todays_behaviour(series_dir):
    one = run(series_dir, 1)
    plain = batch([series_dir], workers=1)
    assert one.to_json() == plain.to_json()
    assert all(f["on_watch"] == 0 for f in one.to_json()["flows"])
    by = {f.target: f for f in one.flows}
    assert who(by["2025-02"], "exited") == {"准时", "回落", "两次", "缺收", "离开"}
    assert who(by["2025-04"], "returned") == {"回落"}


def test_n_larger_than_the_series_never_exits(series_dir):
    s = run(series_dir, 24)
    assert all(f.counts["exited"] == 0 for f in s.flows)
    assert who(s.flows[-1], "on_watch") == {"准时"}  # still on watch at the end: seven months above
    assert all(f.balanced for f in s.flows)


def test_a_missing_month_counts_as_a_calendar_month(tmp_path):
    plan = {"准时": (H, N, N, N), "回落": (H, N, H, H)}
    folder = write_series(tmp_path / "gap", plan, ["2025-01", "2025-02", "2025-04", "2025-05"])  # no March
    s = run(folder, 3)
    apr = s.flows[1]
    assert (apr.source, apr.target) == ("2025-02", "2025-04")
    assert who(apr, "exited") == {"准时"}  # January + 3 = April, the flow that spans March
    assert who(apr, "stayed") == {"回落"}
    assert any("缺少 1 个月" in n for n in s.notes)


def test_exactly_n_months_and_one_fewer(tmp_path):
    plan = {"准时": (H, N, N, N, N, N, N), "回落": (H, N, N, N, N, N, H)}
    months = [f"2025-{m:02d}" for m in range(1, 8)]
    s = run(write_series(tmp_path / "six", plan, months), 6)
    assert [f.counts["exited"] for f in s.flows] == [0, 0, 0, 0, 0, 1]  # exit in July = January + 6
    assert [f.counts["on_watch"] for f in s.flows] == [2, 2, 2, 2, 2, 0]
    assert who(s.flows[-1], "stayed") == {"回落"}  # five months above, then back under: stayed


def test_rules_file_key(tmp_path):
    ok = tmp_path / "ok.toml"
    ok.write_text('profile = "survey"\nexit_after_months = 6\n', encoding="utf-8")
    assert load_rules(ok).exit_after_months == 6
    assert Rules().exit_after_months == 1
    for bad in ("0", "2.5", '"6"', "true", "-1"):
        p = tmp_path / "bad.toml"
        p.write_text(f'profile = "survey"\n\nexit_after_months = {bad}\n', encoding="utf-8")
        with pytest.raises(RulesError) as e:
            load_rules(p)
        assert "exit_after_months" in str(e.value) and "3" in str(e.value)  # the key and its line


def test_cli_json_and_relapse_sheet(series_dir, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("exit_after_months = 3\n", encoding="utf-8")
    out = tmp_path / "trend.xlsx"
    r = runner.invoke(app, ["batch", str(series_dir), "--rules", str(rules), "--json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    flows = json.loads(r.stdout)["flows"]
    assert [f["on_watch"] for f in flows] == [5, 2, 1, 1, 0, 0, 0]
    wb = openpyxl.load_workbook(out)
    assert "返困监测" in wb.sheetnames and "观察期" in [c.value for c in wb["月度趋势"][6]]
    ws = wb["返困监测"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6) if row[0].value]
    assert [(x[0], x[3], x[5], x[6], x[7]) for x in rows] == [
        ("准时", "2025-04", "否", None, None),
        ("两次", "2025-06", "是", "2025-07", 1),
    ]
