"""Monthly batches and hardship flows: month detection, the flow definitions, the trend
workbook, ``jiekun batch`` and ``jiekun compare`` (docs/flows.md)."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLES, make_id, write_csv
from typer.testing import CliRunner

from jiekun.cli.app import app
from jiekun.errors import InputError
from jiekun.io.months import assign_months, end_of_month, month_from_name, parse_month, roster_files
from jiekun.model.flows import FLOW_KEYS
from jiekun.pipeline.batch import batch, compare

runner = CliRunner()
MONTHLY = SAMPLES / "monthly"


def flows_of(series) -> list[dict]:
    """The flow objects without ``on_watch``, which is 0 when exits wait one month (tests/test_exit_after.py)."""
    out = [f.to_json() for f in series.flows]
    assert all(f.pop("on_watch") == 0 for f in out)
    return out


def ids_in(flow, key: str) -> set[str]:
    d = flow.detail
    return set(d.loc[d["flow"] == key, "id"])


# ------------------------------------------------------------------ month from file name


@pytest.mark.parametrize(
    ("name", "month"),
    [
        ("2025-03.xlsx", "2025-03"),
        ("2025_03.csv", "2025-03"),
        ("2025.03.xls", "2025-03"),
        ("202503.xlsx", "2025-03"),
        ("2025年3月.xlsx", "2025-03"),
        ("2025年03月困难职工花名册.xlsx", "2025-03"),
        ("示例区花名册2025年11月(终稿).xlsx", "2025-11"),
        ("花名册_2025-3.xlsx", "2025-03"),
        ("roster-20250331.csv", "2025-03"),
        ("２０２５年３月.xlsx", "2025-03"),  # full-width digits
        ("2025-03 to 2025-04.xlsx", "2025-03"),  # the first match wins
        ("名单.xlsx", None),
        ("2025-13.xlsx", None),
        ("v12025031.xlsx", None),  # digits run on: not a month
        ("2025.xlsx", None),
    ],
)
def test_month_from_file_name(name, month):
    assert month_from_name(name) == month


def test_month_comes_from_the_stem_only():
    assert month_from_name(Path("2024-01") / "名单.xlsx") is None
    assert month_from_name(Path("x") / "2024-02.xlsx") == "2024-02"


@pytest.mark.parametrize("value", ["2025-03", "2025-3", "202503", "2025年3月", "2025/03", " 2025.03 "])
def test_month_option_values(value):
    assert parse_month(value) == "2025-03"


@pytest.mark.parametrize("value", ["2025-13", "March", "25-03", ""])
def test_bad_month_option_is_an_input_error(value):
    with pytest.raises(InputError, match="YYYY-MM"):
        parse_month(value)


def test_end_of_month_handles_february_and_december():
    assert end_of_month("2024-02").isoformat() == "2024-02-29"
    assert end_of_month("2025-02").isoformat() == "2025-02-28"
    assert end_of_month("2025-12").isoformat() == "2025-12-31"


def test_folder_listing_skips_temp_hidden_and_other_files(tmp_path):
    for name in ("2025-01.xlsx", "2025-02.csv", "~$2025-01.xlsx", ".~lock.2025-01.xlsx#", ".hidden.csv",
                 "说明.docx", "expected.json", "2025-03.TSV"):  # fmt: skip
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    found = [p.name for _, p in roster_files([tmp_path])]
    assert found == ["2025-01.xlsx", "2025-02.csv", "2025-03.TSV"]


def test_a_folder_without_rosters_is_an_error(tmp_path):
    (tmp_path / "readme.txt.bak").write_text("x")
    with pytest.raises(InputError, match="没有花名册文件"):
        roster_files([tmp_path])


def test_the_same_file_twice_is_an_error(tmp_path):
    p = tmp_path / "2025-01.csv"
    p.write_text("x")
    with pytest.raises(InputError, match="同一个文件给了两次"):
        roster_files([p, tmp_path])


def test_months_sorted_and_explicit_months_override(tmp_path):
    files = [(str(tmp_path / n), tmp_path / n) for n in ("2025-03.csv", "2025-01.csv")]
    assert [m for m, _, _ in assign_months(files)] == ["2025-01", "2025-03"]
    files = [(str(tmp_path / n), tmp_path / n) for n in ("一月.csv", "二月.csv")]
    got = assign_months(files, ["2025-02", "2025年1月"])
    assert [(m, Path(s).name) for m, s, _ in got] == [("2025-01", "二月.csv"), ("2025-02", "一月.csv")]


# ------------------------------------------------------------------ a tiny series by hand

# Household size 1, so the income is the per-capita income. Tiers: E ≤ 245 < H ≤ 280 < N.
PEOPLE = {
    "A": ("甲一", make_id("19800101", True, 1)),  # E, E, H: eased in March
    "B": ("乙二", make_id("19810202", False, 2)),  # H, E, E: worsened in February
    "C": ("丙三", make_id("19820303", True, 3)),  # H, N, H: exited, then returned
    "D": ("丁四", make_id("19830404", False, 4)),  # H, off, H: left the roster, then returned
    "E": ("戊五", make_id("19840505", True, 5)),  # N, H, E: entered, then worsened
    "F": ("己六", make_id("19850606", False, 6)),  # off, E, off: a new worker entering, then leaving
    "G": ("庚七", make_id("19860707", True, 7)),  # H, income blank, H: untracked twice
    "I": ("辛八", make_id("19870808", False, 8)),  # N, N, N: no flow
    "J": ("壬九", make_id("19880909", True, 9)),  # off, N, E: entered in March
    "K": ("癸十", make_id("19691010", False, 10)),  # H all along; 15-digit ID in January and March
    "L": ("子一", make_id("19901111", True, 11)),  # N, off, H: left while not in hardship; entered
    "M": ("丑二", make_id("19911212", False, 12)),  # 840/3 = 280.00 then 560.02/2 = 280.01: exited
    "N": ("寅三", make_id("19920115", True, 13)),  # N, H, N: entered, exited
}
BAD_ID = "990101199305050012"  # wrong check digit: cannot be tracked


def _row(key: str, income, size: int = 1, *, id15: bool = False, idv: str | None = None) -> str:
    name, pid = PEOPLE[key] if key in PEOPLE else (key, idv)
    if id15:
        pid = pid[:6] + pid[8:17]
    return f"{name},{pid},,,初中,示例厂,{size},{income},下岗"


TINY = {
    "2025-01": [_row("A", 200), _row("B", 260), _row("C", 270), _row("D", 250), _row("E", 900), _row("G", 260),
                _row("I", 900), _row("K", 260, id15=True), _row("L", 900), _row("M", 840, 3), _row("N", 900)],
    "2025-02": [_row("A", 200), _row("A", 200), _row("B", 230), _row("C", 500), _row("E", 270), _row("F", 100),
                _row("G", ""), _row("I", 900), _row("J", 900), _row("K", 260), _row("M", "560.02", 2),
                _row("N", 275), _row("无号", 260, idv=BAD_ID)],
    "2025-03": [_row("A", 260), _row("B", 230), _row("C", 270), _row("D", 250), _row("E", 240), _row("G", 260),
                _row("I", 900), _row("J", 200), _row("K", 260, id15=True), _row("L", 270), _row("M", 900),
                _row("N", 300)],
}  # fmt: skip
TINY_FLOWS = [
    {"from": "2025-01", "to": "2025-02", "entered": 3, "returned": 0, "exited": 2, "left_roster": 1,
     "stayed": 3, "worsened": 1, "eased": 0, "untracked": 2},
    {"from": "2025-02", "to": "2025-03", "entered": 2, "returned": 2, "exited": 1, "left_roster": 1,
     "stayed": 4, "worsened": 1, "eased": 1, "untracked": 2},
]  # fmt: skip


def pid(key: str) -> str:
    return PEOPLE[key][1]


@pytest.fixture
def tiny(tmp_path) -> Path:
    folder = tmp_path / "tiny"
    folder.mkdir()
    for month, rows in TINY.items():
        write_csv(folder / f"{month}.csv", rows)
    return folder


def test_tiny_series_flows_by_hand(tiny):
    s = batch([tiny], workers=1)
    assert flows_of(s) == TINY_FLOWS
    feb, mar = s.flows
    assert ids_in(feb, "entered") == {pid("E"), pid("F"), pid("N")}
    assert ids_in(feb, "exited") == {pid("C"), pid("M")}  # M: 280.00 → 280.01
    assert ids_in(feb, "left_roster") == {pid("D")}
    assert ids_in(feb, "stayed") == {pid("A"), pid("B"), pid("K")}  # K: 15-digit ID in January
    assert ids_in(feb, "worsened") == {pid("B")}
    assert ids_in(feb, "untracked") == {pid("G"), BAD_ID}
    assert ids_in(mar, "entered") == {pid("J"), pid("L")}
    assert ids_in(mar, "returned") == {pid("C"), pid("D")}  # H, N, H and H, off, H
    assert ids_in(mar, "exited") == {pid("N")}
    assert ids_in(mar, "left_roster") == {pid("F")}
    assert ids_in(mar, "stayed") == {pid("A"), pid("B"), pid("E"), pid("K")}
    assert ids_in(mar, "worsened") == {pid("E")} and ids_in(mar, "eased") == {pid("A")}
    assert ids_in(mar, "untracked") == {pid("G"), BAD_ID}
    assert all(f.balanced for f in s.flows)


def test_tiny_series_months_and_detail(tiny):
    s = batch([tiny], workers=1)
    j = s.to_json()
    assert [m["month"] for m in j["months"]] == ["2025-01", "2025-02", "2025-03"]
    feb = j["months"][1]
    assert (feb["rows_read"], feb["workers"], feb["duplicates"], feb["hardship"], feb["undetermined"]) == (
        13, 12, 1, 7, 1)  # fmt: skip
    assert [m["as_of"] for m in j["months"]] == ["2025-01-31", "2025-02-28", "2025-03-31"]
    d = s.flows[0].detail
    m = d[(d["flow"] == "exited") & (d["id"] == pid("M"))].iloc[0]
    assert (m["per_capita_before"], m["per_capita_after"]) == (280.0, 280.01)
    assert (m["tier_before"], m["tier_after"], m["row_before"], m["row_after"]) == (1, 2, 11, 12)
    g = d[d["id"] == pid("G")].iloc[0]
    assert (g["flow"], g["reason"], g["tier_after"]) == ("untracked", "undetermined_after", -1)
    bad = d[d["id"] == BAD_ID].iloc[0]
    assert (bad["reason"], bad["id_status"], bad["row_after"]) == ("no_valid_id_after", "bad_checksum", 14)
    left = d[d["flow"] == "left_roster"].iloc[0]
    assert left["tier_after"] == -2 and left["row_after"] != left["row_after"]  # off the roster: no row


def test_parallel_reading_gives_the_same_series(tiny):
    seen = []
    one = batch([tiny], workers=1)
    two = batch([tiny], workers=2, on_file=lambda done, total, rows: seen.append((done, total, rows)))
    assert two.to_json() == one.to_json()
    finished = sorted({s for s in seen if s[0]})
    assert [d for d, _, _ in finished] == [1, 2, 3] and finished[-1] == (3, 3, 11 + 13 + 12)


def test_compare_agrees_with_batch_on_two_months(tiny):
    feb, mar = tiny / "2025-02.csv", tiny / "2025-03.csv"
    pair = batch([feb, mar], workers=1)
    c = compare(feb, mar, workers=1)
    assert c.flows[0].to_json() == pair.flows[0].to_json()
    assert c.flows[0].to_json()["from"] == "2025-02"
    # without January, C and D are back in hardship with no history: entered, not returned
    assert c.flows[0].counts["returned"] == 0 and c.flows[0].counts["entered"] == 4
    # the first flow of a series has no history either: compare gives it exactly
    jan = tiny / "2025-01.csv"
    assert compare(jan, feb, workers=1).flows[0].to_json() == batch([tiny], workers=1).flows[0].to_json()


def test_compare_names_files_without_a_month(tmp_path):
    old = write_csv(tmp_path / "上月.csv", TINY["2025-01"])
    new = write_csv(tmp_path / "本月.csv", TINY["2025-02"])
    c = compare(old, new, workers=1, as_of=end_of_month("2025-02"))
    j = c.flows[0].to_json()
    assert (j["from"], j["to"]) == ("上月.csv", "本月.csv")
    assert {k: j[k] for k in FLOW_KEYS} == {k: TINY_FLOWS[0][k] for k in FLOW_KEYS}


def test_duplicate_ids_are_counted_once_in_the_flows(tiny):
    s = batch([tiny], workers=1)
    stayed = s.flows[0].detail.query("flow == 'stayed'")
    assert list(stayed["id"]).count(pid("A")) == 1


def test_notes_for_a_missing_month_and_identical_files(tmp_path):
    write_csv(tmp_path / "2025-01.csv", TINY["2025-01"])
    write_csv(tmp_path / "2025-03.csv", TINY["2025-01"])
    s = batch([tmp_path], workers=1)
    text = " ".join(s.notes)
    assert "缺少 1 个月" in text and "内容完全相同" in text
    assert flows_of(s)[0]["stayed"] == 7 and flows_of(s)[0]["entered"] == 0


def test_other_tiers_profile_counts_any_tier_as_hardship(tiny):
    from jiekun.model.rules import build_rules

    rules = build_rules(None, "dibao", 130.0)  # 深度困难 ≤ 130, 相对困难 ≤ 260
    s = batch([tiny], rules=rules, workers=1)
    jan = s.to_json()["months"][0]
    assert jan["hardship"] == sum(jan["tiers"].values())
    assert all(f.balanced for f in s.flows)


# ------------------------------------------------------------------ the shipped monthly sample


@pytest.fixture(scope="module")
def monthly():
    return batch([MONTHLY])


@pytest.fixture(scope="module")
def expected():
    return json.loads((MONTHLY / "expected-flows.json").read_text(encoding="utf-8"))


def test_monthly_sample_flows_are_exactly_the_planted_ones(monthly, expected):
    assert flows_of(monthly) == expected["flows"]
    assert len(monthly.flows) == 11 and all(f.balanced for f in monthly.flows)


def test_monthly_sample_months_match_the_plan(monthly, expected):
    got = monthly.to_json()["months"]
    keys = ("month", "as_of", "rows_read", "workers", "duplicates", "non_worker_rows", "hardship", "extreme",
            "undetermined", "tiers", "by_age_gender", "by_education", "by_cause")  # fmt: skip
    for g, e in zip(got, expected["months"], strict=True):
        assert {k: g[k] for k in keys} == {k: e[k] for k in keys}
        assert Path(g["source"]).name == e["file"]


def test_monthly_sample_story_workers_by_hand(monthly, expected):
    by_month = {f.target: f for f in monthly.flows}

    def flows_for(name: str) -> dict[str, list[str]]:
        sid = expected["stories"][name]["id"]
        out = {}
        for month, f in by_month.items():
            keys = [k for k in FLOW_KEYS if sid in ids_in(f, k)]
            if keys:
                out[month] = keys
        return out

    for name, story in expected["stories"].items():
        assert flows_for(name) == story["flows"], name
    # checked by hand against samples/make_samples.py MONTHLY_STORIES
    zheng = flows_for("郑返困")
    assert zheng["2025-04"] == ["exited"] and zheng["2025-06"] == ["returned"] and "2025-05" not in zheng
    feng = flows_for("冯离册")
    assert feng["2025-03"] == ["left_roster"] and feng["2025-05"] == ["returned"]
    assert flows_for("蒋新入")["2025-07"] == ["entered"]
    han = (
        by_month["2025-09"]
        .detail.query("flow == 'exited'")
        .set_index("id")
        .loc[expected["stories"]["韩临界"]["id"]]
    )
    assert (han["per_capita_before"], han["per_capita_after"]) == (280.0, 280.01)
    cao = flows_for("曹起伏")
    assert cao["2025-02"] == ["stayed", "worsened"] and cao["2025-03"] == ["stayed", "eased"]
    peng = flows_for("彭旧号")  # the 15-digit months are the same person
    assert len(peng) == 11 and all(v == ["stayed"] for v in peng.values())
    dong = flows_for("董缺收")
    assert (
        dong["2025-10"] == ["untracked"]
        and dong["2025-11"] == ["untracked"]
        and dong["2025-12"] == ["stayed"]
    )
    yuan = flows_for("袁错号")
    assert yuan["2025-11"] == ["left_roster"] and yuan["2025-12"] == ["returned"]
    nov = by_month["2025-11"].untracked
    assert "袁错号" in set(nov["name"]) and "董缺收" in set(nov["name"])


def test_monthly_sample_undetermined_counted_independently_with_openpyxl(monthly):
    """Blank incomes in 2025-10.xlsx, counted straight from the cells (title row 1, header row 2)."""
    ws = openpyxl.load_workbook(MONTHLY / "2025-10.xlsx", read_only=True).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    people = [r for r in rows if r[1]]  # the footer has no name
    first = {}
    for r in people:
        first.setdefault(r[2] or id(r), r)  # a row entered twice counts once
    blank_income = sum(1 for r in first.values() if r[9] is None)
    october = monthly.to_json()["months"][9]
    assert october["undetermined"] == blank_income > 0
    assert october["rows_read"] == len(rows)


def test_a_series_not_seen_before(tmp_path):
    """Another seed of the generator, smaller, written as CSV with assorted month spellings."""
    sys.path.insert(0, str(SAMPLES))
    try:
        from make_samples import monthly_rosters
        from make_samples import write_csv as write_roster
    finally:
        sys.path.remove(str(SAMPLES))
    frames, want = monthly_rosters(seed=7, base=400, year=2026)
    names = ["2026年1月", "202602", "2026_03", "2026.04", "2026-05", "2026年06月", "花名册2026-07",
             "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]  # fmt: skip
    for name, df in zip(names, frames, strict=True):
        write_roster(df, tmp_path / f"{name}.csv")
    got = batch([tmp_path])
    assert flows_of(got) == want["flows"]
    keys = ("month", "as_of", "workers", "duplicates", "hardship", "extreme", "undetermined", "by_age_gender",
            "by_education", "by_cause")  # fmt: skip
    assert [{k: m[k] for k in keys} for m in got.to_json()["months"]] == [
        {k: m[k] for k in keys} for m in want["months"]
    ]


# ------------------------------------------------------------------ the command line


def test_batch_json_matches_the_library_and_writes_nothing(tiny, tmp_path, monkeypatch):
    out = tmp_path / "cwd"
    out.mkdir()
    monkeypatch.chdir(out)
    r = runner.invoke(app, ["batch", str(tiny), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == batch([tiny], workers=1).to_json()
    assert list(out.iterdir()) == []  # --json without -o writes no workbook


def test_compare_json_is_one_flow_object(tiny):
    args = [str(tiny / "2025-02.csv"), str(tiny / "2025-03.csv")]
    r = runner.invoke(app, ["compare", *args, "--json"])
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)
    assert got == compare(*args, workers=1).flows[0].to_json()
    assert list(got) == ["from", "to", *FLOW_KEYS, "on_watch"]


def test_compare_cli_agrees_with_batch_on_the_monthly_sample(monthly):
    r = runner.invoke(
        app, ["compare", str(MONTHLY / "2025-01.xlsx"), str(MONTHLY / "2025-02.xlsx"), "--json"]
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == monthly.flows[0].to_json()


def test_duplicate_months_exit_2_naming_the_files(tmp_path):
    a = write_csv(tmp_path / "2025-03.csv", TINY["2025-01"])
    b = write_csv(tmp_path / "花名册202503.csv", TINY["2025-02"])
    r = runner.invoke(app, ["batch", str(tmp_path), "--json"])
    assert r.exit_code == 2
    assert a.name in r.output and b.name in r.output and "同一个月" in r.output
    assert "Traceback" not in r.output


def test_unnamed_file_exits_2_naming_it(tmp_path):
    write_csv(tmp_path / "2025-01.csv", TINY["2025-01"])
    write_csv(tmp_path / "二月名单.csv", TINY["2025-02"])
    r = runner.invoke(app, ["batch", str(tmp_path)])
    assert r.exit_code == 2
    assert "二月名单.csv" in r.output and "--month" in r.output
    assert not (Path.cwd() / f"{tmp_path.name}-trend.xlsx").exists()


def test_month_option_names_unnamed_files(tmp_path):
    a = write_csv(tmp_path / "一月.csv", TINY["2025-01"])
    b = write_csv(tmp_path / "二月.csv", TINY["2025-02"])
    r = runner.invoke(app, ["batch", str(a), str(b), "--month", "2025-01", "--month", "2025-02", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["flows"] == [{**TINY_FLOWS[0], "on_watch": 0}]
    r = runner.invoke(app, ["batch", str(a), str(b), "--month", "2025-01", "--json"])
    assert r.exit_code == 2 and "一月.csv" in r.output and "二月.csv" in r.output
    r = runner.invoke(app, ["batch", str(a), str(b), "--month", "2025-01", "--month", "2025-02",
                            "--month-from-name"])  # fmt: skip
    assert r.exit_code == 2


def test_unreadable_file_in_a_batch_exits_2_naming_it(tiny):
    (tiny / "2025-04.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    r = runner.invoke(app, ["batch", str(tiny), "--json"])
    assert r.exit_code == 2 and "2025-04.xlsx" in r.output and "Traceback" not in r.output


@pytest.fixture
def workbook(tiny, tmp_path):
    out = tmp_path / "trend.xlsx"
    r = runner.invoke(app, ["batch", str(tiny), "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out, r


def test_batch_terminal_output(workbook):
    _, r = workbook
    assert "2025-03" in r.output and "返困" in r.output and "已写出趋势工作簿" in r.output
    assert "无法追踪" in r.output and "庚七" in r.output
    assert pid("G") not in r.output  # IDs are masked on the terminal
    assert "读取 36 行 = 职工 35 + 重复 1 + 非职工行 0" in r.output


def test_workbook_sheets_and_cells(workbook):
    out, _ = workbook
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["月度趋势", "2025-01", "2025-02", "2025-03", "流动明细", "返困监测", "说明"]
    ws = wb["月度趋势"]
    assert ws["A7"].value == "2025-01" and ws["A9"].value == "2025-03"
    heads = [c.value for c in ws[6]]
    assert heads[1:4] == ["职工总数", "困难职工（含特困）", "占职工"]
    row = {h: c.value for h, c in zip(heads, ws[9], strict=False) if h}
    assert (row["职工总数"], row["困难职工（含特困）"], row["新增"], row["返困"], row["无法追踪"]) == (
        12,
        9,
        2,
        2,
        2,
    )
    assert ws["I7"].value == "—"  # no flows into the first month
    d = wb["流动明细"]
    assert d.auto_filter.ref and d.auto_filter.ref.startswith("A1:")
    head = [c.value for c in d[1]]
    assert head[:5] == ["月份", "上期", "流动", "姓名", "身份证号"]
    body = [[c.value for c in r] for r in d.iter_rows(min_row=2)]
    assert len(body) == sum(sum(f.values()) for f in ({k: v for k, v in f.items() if k in FLOW_KEYS}
                                                      for f in TINY_FLOWS))  # fmt: skip
    m = next(r for r in body if r[4] == pid("M") and r[2] == "脱困")
    assert (m[0], m[1], m[6], m[7], m[8], m[9]) == (
        "2025-02",
        "2025-01",
        280.0,
        280.01,
        "困难职工",
        "非困难",
    )
    assert d.cell(row=2, column=5).data_type == "s"  # IDs are text
    bad = next(r for r in body if r[4] == BAD_ID)
    assert bad[2] == "无法追踪" and "校验位" in bad[12]
    about = wb["说明"]
    text = "\n".join(str(c.value) for r in about.iter_rows() for c in r if c.value)
    import hashlib

    sha = hashlib.sha256((out.parent / "tiny" / "2025-02.csv").read_bytes()).hexdigest()
    assert sha in text and "读取 13 行 = 职工 12 + 重复 1 + 非职工行 0" in text
    assert "各份花名册按其月份的月末计算" in text and "特困职工" in text
    month = wb["2025-02"]
    values = [c.value for r in month.iter_rows() for c in r if c.value is not None]
    assert "2025-02 困难职工基本情况" in values and "统计日期：2025-02-28" in values


def test_workbook_has_native_charts(workbook):
    out, _ = workbook
    with zipfile.ZipFile(out) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart") and n.endswith(".xml"))
        xml = [z.read(n).decode("utf-8") for n in charts]
    assert len(charts) == 2
    assert any("<c:lineChart>" in x for x in xml)
    assert any("<c:barChart>" in x and '<c:grouping val="stacked"/>' in x for x in xml)


def test_workbook_in_english(tiny, tmp_path):
    out = tmp_path / "en.xlsx"
    r = runner.invoke(app, ["batch", str(tiny), "-o", str(out), "--lang", "en", "--mask-ids"])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Trend", "2025-01", "2025-02", "2025-03", "Flows", "Relapse watch", "About"]
    ids = [r[4].value for r in wb["Flows"].iter_rows(min_row=2)]
    assert ids and all("*" in i for i in ids if i)


def test_existing_workbook_is_not_overwritten_without_force(tiny, tmp_path):
    out = tmp_path / "trend.xlsx"
    out.write_bytes(b"old")
    r = runner.invoke(app, ["batch", str(tiny), "-o", str(out)])
    assert r.exit_code == 2 and "--force" in r.output
    assert out.read_bytes() == b"old"
    r = runner.invoke(app, ["batch", str(tiny), "-o", str(out), "--force"])
    assert r.exit_code == 0 and zipfile.is_zipfile(out)


def test_default_output_names_and_rerun_in_the_folder(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    r = runner.invoke(app, ["batch", "."])
    assert r.exit_code == 0, r.output
    assert (tiny / "tiny-trend.xlsx").exists()
    # the workbook now sits in the folder: the next run skips it instead of failing on it
    r = runner.invoke(app, ["batch", ".", "--force"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["compare", "2025-01.csv", "2025-02.csv"])
    assert r.exit_code == 0 and (tiny / "compare-report.xlsx").exists()
    assert "提示" in r.output  # returned needs the earlier months
    wb = openpyxl.load_workbook(tiny / "compare-report.xlsx")
    assert wb.sheetnames == ["对比汇总", "2025-01", "2025-02", "流动明细", "说明"]


def test_roster_text_is_never_a_formula(tmp_path):
    rows = [f'=HYPERLINK("x"),{make_id("19800101", True, 1)},,,初中,+示例厂,1,200,下岗']
    write_csv(tmp_path / "2025-01.csv", rows)
    write_csv(tmp_path / "2025-02.csv", [r.replace(",200,", ",900,") for r in rows])
    out = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["batch", str(tmp_path), "-o", str(out)]).exit_code == 0
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in s for s in sheets)
    d = openpyxl.load_workbook(out)["流动明细"]
    assert d["D2"].value == '=HYPERLINK("x")' and d["F2"].value == "+示例厂"


def test_the_examples_of_batch_and_compare_run(monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)
    names = {cmd.callback.__name__: cmd.callback for cmd in app.registered_commands}
    for name in ("batch", "compare"):
        doc = names[name].__doc__.splitlines()
        example = next(line.split() for line in doc if line.strip().startswith(f"jiekun {name} "))
        r = runner.invoke(app, [*example[1:], "--json"])
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout)
    r = runner.invoke(app, ["batch", "--help"])
    assert r.exit_code == 0 and "--month" in r.output and "--as-of" in r.output


def test_frames_are_released_once_their_flows_are_done(tiny):
    s = batch([tiny], workers=2)
    assert [len(m.frame) for m in s.months] == [0, 0, 12]  # only the last month is still held
    kept = batch([tiny], workers=1, keep_frames=True)
    assert [len(m.frame) for m in kept.months] == [11, 12, 12]
    assert flows_of(kept) == flows_of(s) == TINY_FLOWS
