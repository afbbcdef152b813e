"""jiekun match: the planted figures of the 低保 sample, and the matching rules on small lists."""

from __future__ import annotations

import json
import re
import sys

import openpyxl
import pytest
from conftest import AS_OF, SAMPLES, make_id
from typer.testing import CliRunner

from jiekun.cli.app import app
from jiekun.errors import InputError
from jiekun.pipeline.match import match
from jiekun.report.match import write_match

runner = CliRunner()
ROSTER = SAMPLES / "survey-roster.xlsx"
REFERENCE = SAMPLES / "dibao-reference.csv"
EXPECTED = json.loads((SAMPLES / "dibao-reference.expected.json").read_text(encoding="utf-8"))
DATE = AS_OF.isoformat()


def run(*args: str):
    return runner.invoke(app, ["match", *map(str, args), "--as-of", DATE])


# ------------------------------------------------------------------ the sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample matched once in the library, and once on the terminal with a workbook."""
    out = tmp_path_factory.mktemp("match") / "match.xlsx"
    m = match(ROSTER, REFERENCE, as_of=AS_OF)
    r = runner.invoke(
        app, ["match", str(ROSTER), str(REFERENCE), "--as-of", DATE, "-o", str(out)], terminal_width=120
    )
    assert r.exit_code == 0, r.output
    return m, r.output, out


def test_sample_is_gbk_with_other_headers():
    data = REFERENCE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("gb18030").encode("gbk") == data
    header = data.decode("gb18030").splitlines()[1]
    assert "公民身份号码" in header and "身份证号," not in header and "家庭月总收入" in header


def test_sample_and_expected_figures_are_what_the_script_writes():
    """The script rebuilds the sample byte for byte; its figures are computed there without jiekun."""
    sys.path.insert(0, str(SAMPLES))
    try:
        from make_samples import dibao_reference
    finally:
        sys.path.remove(str(SAMPLES))
    data, expected = dibao_reference()
    assert data == REFERENCE.read_bytes()
    assert expected == EXPECTED


def test_library_gives_the_planted_figures(sample):
    m, _, _ = sample
    assert m.to_json() == EXPECTED
    assert m.kind == "dibao"


def test_json_gives_the_planted_figures_and_matches_the_library(sample, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run(ROSTER, REFERENCE, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == EXPECTED == sample[0].to_json()
    assert list(tmp_path.iterdir()) == []  # --json without -o writes no workbook


def test_terminal_shows_the_planted_figures_with_masked_ids(sample):
    m, out, _ = sample
    e = EXPECTED
    d = e["disagreements"]
    for text in (
        f"名册职工 {e['roster']:,}",
        f"参照名单人员 {e['reference']:,}",
        f"两边都有 {e['both']:,} 人",
        f"仅在名册 {e['only_roster']:,} 人，仅在参照名单 {e['only_reference']:,} 人",
        f"名册 {e['invalid_ids']['roster']:,}，参照 {e['invalid_ids']['reference']:,}",
        f"在低保名单但未认定为困难 {e['reference_not_hardship']:,} 人",
        f"困难职工但不在低保名单 {e['hardship_not_in_reference']:,} 人",
        f"姓名 {d['name']}，家庭人口 {d['household_size']}，家庭月收入 {d['household_income']}，"
        f"人均月收入 {d['per_capita']}，工作单位 {d['employer']}",
        "低保名单（",
        "✓ 核对：名册职工",
    ):
        assert text in out, text
    assert not re.search(r"\d{17}[\dX]", out), "a full ID number on the terminal"
    masked = m.disagreements["id"].iat[0]
    assert f"{masked[:6]}********{masked[-4:]}" in out


def summary_cells(path) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)["比对汇总"]
    return {
        str(a).strip(): b for a, b in ws.iter_rows(min_col=1, max_col=2, values_only=True) if a is not None
    }


def test_workbook_cells_hold_the_planted_figures(sample):
    _, _, out = sample
    e = EXPECTED
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["比对汇总", "仅在名册", "仅在参照", "信息不一致", "待核实"]
    cells = summary_cells(out)
    assert cells["名册职工"] == e["roster"]
    assert cells["参照名单人员"] == e["reference"]
    assert cells["两边都有"] == e["both"]
    assert cells["仅在名册"] == e["only_roster"]
    assert cells["仅在参照"] == e["only_reference"]
    assert cells["身份证号无效（名册）"] == e["invalid_ids"]["roster"]
    assert cells["身份证号无效（参照）"] == e["invalid_ids"]["reference"]
    assert cells["在低保名单但未认定为困难"] == e["reference_not_hardship"]
    assert cells["困难职工但不在低保名单"] == e["hardship_not_in_reference"]
    labels = {"name": "姓名", "household_size": "家庭人口", "household_income": "家庭月收入",
              "per_capita": "人均月收入", "employer": "工作单位"}  # fmt: skip
    for key, label in labels.items():
        assert cells[label] == e["disagreements"][key], label

    # every list sheet has one row per record below its header
    assert wb["仅在名册"].max_row == 1 + e["only_roster"]
    assert wb["仅在参照"].max_row == 1 + e["only_reference"]
    assert wb["信息不一致"].max_row == 1 + sum(e["disagreements"].values())
    flags = [r[0] for r in wb["待核实"].iter_rows(min_row=2, values_only=True)]
    assert flags.count("在低保名单，未认定为困难") == e["reference_not_hardship"]
    assert flags.count("困难职工，不在低保名单") == e["hardship_not_in_reference"]
    assert flags.count("身份证号无效（参照）") == e["invalid_ids"]["reference"]
    assert flags.count("身份证号重复（参照）") == 1
    fields = [r[2] for r in wb["信息不一致"].iter_rows(min_row=2, values_only=True)]
    for key, label in labels.items():
        assert fields.count(label) == e["disagreements"][key]
    # IDs are text cells, numbers are numbers
    ws = wb["仅在名册"]
    assert ws["B1"].value == "身份证号" and ws["B2"].data_type == "s" and len(ws["B2"].value) == 18
    assert isinstance(ws["A2"].value, int) and isinstance(ws["F2"].value, int | float)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_sample_planted_rows_land_where_planted(sample):
    """The 15-digit IDs match their 18-digit form; the two invalid IDs are never matched."""
    m, _, _ = sample
    text = REFERENCE.read_bytes().decode("gb18030").splitlines()
    ids = [line.split(",")[2] for line in text[2:-1]]
    legacy = [v for v in ids if len(v) == 15]
    assert len(legacy) == 2
    matched_rows = set(m.pairs["reference_row"])
    for v in legacy:
        assert ids.index(v) + 3 in matched_rows
    invalid = m.reference.invalid
    assert set(invalid["id_status"]) == {"bad_checksum", "lost_digits"}
    assert not set(invalid["row"]) & matched_rows
    # the worker whose ID was mistyped on the list is on the roster, and stays unmatched there
    typo = invalid.loc[invalid["id_status"] == "bad_checksum", "id"].iat[0]
    assert typo[:17] in set(m.only_roster["id"].str[:17])


# ------------------------------------------------------------------ small lists

HEAD = "姓名,身份证号,家庭人口,家庭月收入,工作单位"


def write(path, lines: list[str], header: str = HEAD, encoding: str = "utf-8"):
    path.write_text("\n".join([header, *lines]) + "\n", encoding=encoding)
    return path


A = make_id("19750308", True, 1)
B = make_id("19800515", False, 2)
C = make_id("19681201", True, 3)


def bad_check(id18: str) -> str:
    return id18[:17] + ("0" if id18[17] != "0" else "1")


def test_invalid_ids_are_never_matched(tmp_path):
    roster = write(tmp_path / "roster.csv", [f"甲,{A},3,600,厂", f"乙,{B},2,500,厂", "丙,,1,200,厂"])
    ref = write(
        tmp_path / "ref.csv",
        [
            f"甲,{bad_check(A)},3,600,厂",  # first 17 digits are A's
            f"乙,{float(B[:17]):.5E},2,500,厂",  # Excel's scientific notation
            "丙,,1,200,厂",  # blank on both sides: never a match
            f"丁,{A[:17]},3,600,厂",  # 17 digits
        ],
    )
    m = match(roster, ref, as_of=AS_OF)
    j = m.to_json()
    assert j["both"] == 0
    assert j["invalid_ids"] == {"roster": 1, "reference": 4}
    assert j["only_roster"] == 2 and j["only_reference"] == 0
    assert j["roster"] == j["both"] + j["only_roster"] + j["invalid_ids"]["roster"]
    assert j["reference"] == j["both"] + j["only_reference"] + j["invalid_ids"]["reference"]


def test_15_digit_id_matches_its_18_digit_form(tmp_path):
    legacy = A[:6] + A[8:17]
    roster = write(tmp_path / "roster.csv", [f"甲,{A},3,600,厂", f"乙,{B.lower()},2,500,厂"])
    ref = write(tmp_path / "ref.csv", [f"甲,{legacy},3,600,厂", f"乙,{B},2,500,厂"])
    m = match(roster, ref, as_of=AS_OF)
    assert m.to_json()["both"] == 2
    assert m.to_json()["invalid_ids"] == {"roster": 0, "reference": 0}
    assert len(m.disagreements) == 0


def test_duplicates_within_a_side_are_reported_not_matched_twice(tmp_path):
    roster = write(tmp_path / "roster.csv", [f"甲,{A},3,600,厂"])
    ref = write(tmp_path / "ref.csv", [f"甲,{A},3,600,厂", f"乙,{B},2,500,厂", f"甲,{A},3,900,厂"])
    m = match(roster, ref, as_of=AS_OF)
    assert m.to_json()["reference"] == 2 and m.to_json()["both"] == 1
    assert len(m.disagreements) == 0  # the repeat (900) takes no part
    dups = m.reference.duplicates
    assert dups["row"].tolist() == [4] and dups["first_row"].tolist() == [2]


def test_disagreement_rules(tmp_path):
    ids = [make_id("19700101", True, i) for i in range(1, 9)]
    roster = write(
        tmp_path / "roster.csv",
        [
            f"王芳,{ids[0]},3,840,示例机械厂",
            f"李四,{ids[1]},3,840,示例机械厂",
            f"张三,{ids[2]},3,840,示例机械厂",
            f"赵六,{ids[3]},3,1001.50,示例机械厂",
            f"钱七,{ids[4]},3,1001.50,示例机械厂",
            f"阿依古丽·买买提,{ids[5]},2,1260,示例机械厂",
            f"孙八,{ids[6]},4,,示例机械厂",
        ],
    )
    ref = write(
        tmp_path / "ref.csv",
        [
            f"王 芳,{ids[0]},3,840.00,示例机械厂",  # space inside a name: the same
            f"李思,{ids[1]},３,８４０,示例 机械厂",  # name differs; full-width digits, a space
            f"张三,{ids[2]},4,840,示例纺织厂",  # size and so per capita, employer
            f"赵六,{ids[3]},3,1004.50,示例机械厂",  # per capita exactly 1.00 more: not beyond 1 yuan
            f"钱七,{ids[4]},3,1004.53,示例机械厂",  # 1.01 more
            f'阿依古丽.买买提,{ids[5]},2,"1,260.00元",',  # dots unified; blank employer not compared
            f"孙八,{ids[6]},4,800,示例机械厂",  # roster income blank: not compared
        ],
    )
    m = match(roster, ref, as_of=AS_OF, reference_kind="generic")
    got = sorted(zip(m.disagreements["name"], m.disagreements["field"], strict=True))
    assert got == sorted(
        [
            ("李四", "name"),
            ("张三", "household_size"),
            ("张三", "per_capita"),
            ("张三", "employer"),
            ("赵六", "household_income"),
            ("钱七", "household_income"),
            ("钱七", "per_capita"),
        ]
    )
    # one row per (person, field), grouped by person in roster order
    assert m.disagreements["roster_row"].is_monotonic_increasing
    z = m.disagreements[m.disagreements["name"] == "张三"]
    assert z["field"].tolist() == ["household_size", "per_capita", "employer"]


def test_annual_income_is_compared_as_monthly(tmp_path):
    roster = write(
        tmp_path / "roster.csv", [f"甲,{A},3,10000,厂"], header="姓名,身份证号,家庭人口,家庭年收入,工作单位"
    )
    ref = write(tmp_path / "ref.csv", [f"甲,{A},3,833.33,厂"])
    m = match(roster, ref, as_of=AS_OF)
    assert m.to_json()["disagreements"]["household_income"] == 0


def test_dibao_flags_and_undetermined_workers(tmp_path):
    roster = write(
        tmp_path / "roster.csv",
        [
            f"甲,{A},3,600,厂",
            f"乙,{B},2,5000,厂",
            f"丙,{C},2,,厂",
            f"丁,{make_id('19900101', True, 4)},1,100,厂",
        ],
    )
    ref = write(
        tmp_path / "某区城市低保名单.csv", [f"甲,{A},3,600,厂", f"乙,{B},2,400,厂", f"丙,{C},2,300,厂"]
    )
    m = match(roster, ref, as_of=AS_OF)
    assert m.kind == "dibao" and m.kind_why[0] == "file"
    j = m.to_json()
    assert j["reference_not_hardship"] == 2  # 乙 not in hardship, 丙 undetermined
    assert j["hardship_not_in_reference"] == 1  # 丁
    assert set(m.reference_not_hardship["roster_name"]) == {"乙", "丙"}


def test_reference_kind_from_title_row_sheet_or_option(tmp_path):
    roster = write(tmp_path / "roster.csv", [f"甲,{A},3,600,厂"])
    titled = tmp_path / "名单.csv"
    titled.write_text(f"示例区城市居民最低生活保障对象名单\n{HEAD}\n甲,{A},3,600,厂\n", encoding="gb18030")
    m = match(roster, titled, as_of=AS_OF)
    assert m.kind == "dibao" and m.kind_why[0] == "title"
    plain = write(tmp_path / "archive.csv", [f"甲,{A},3,600,厂"])
    g = match(roster, plain, as_of=AS_OF)
    assert g.kind == "generic"
    assert g.to_json()["reference_not_hardship"] is None and g.to_json()["hardship_not_in_reference"] is None
    assert match(roster, titled, as_of=AS_OF, reference_kind="generic").kind == "generic"
    assert (
        match(roster, plain, as_of=AS_OF, reference_kind="dibao").to_json()["hardship_not_in_reference"] == 0
    )

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年低保户"
    for row in (HEAD.split(","), ["甲", A, 3, 600, "厂"]):
        ws.append(row)
    wb.save(tmp_path / "list.xlsx")
    assert match(roster, tmp_path / "list.xlsx", as_of=AS_OF).kind_why[0] == "sheet"

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["示例区2025年12月城市低保对象名册"])
    ws.append(["填报单位：示例区民政局"])
    for row in (HEAD.split(","), ["甲", A, 3, 600, "厂"]):
        ws.append(row)
    wb.save(tmp_path / "export.xlsx")
    m = match(roster, tmp_path / "export.xlsx", as_of=AS_OF)
    assert m.kind_why[:2] == ("title", "示例区2025年12月城市低保对象名册") and m.to_json()["both"] == 1


def test_on_names_the_id_column(tmp_path):
    member = make_id("19800101", True, 5)
    head = make_id("19500101", True, 6)
    roster = write(tmp_path / "roster.csv", [f"甲,{member},3,600,厂"])
    ref = write(
        tmp_path / "ref.csv",
        [f"甲,{head},{member},3,600,厂"],
        header="姓名,身份证号码,本人 身份证号（18位）,家庭人口,家庭月收入,工作单位",
    )
    assert match(roster, ref, as_of=AS_OF).to_json()["both"] == 0  # 户主's number detected
    m = match(roster, ref, as_of=AS_OF, on="本人身份证号")
    assert m.to_json()["both"] == 1 and m.reference.id_column == "本人 身份证号（18位）"
    r = run(roster, ref, "--on", "本人身份证号", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["both"] == 1
    r = run(roster, ref, "--on", "护照号", "--json")
    assert r.exit_code == 2 and "护照号" in r.output and "Traceback" not in r.output


def test_reference_without_an_id_column_exits_2(tmp_path):
    roster = write(tmp_path / "roster.csv", [f"甲,{A},3,600,厂"])
    ref = write(tmp_path / "ref.csv", ["甲,3,600,厂"], header="姓名,家庭人口,家庭月收入,工作单位")
    r = run(roster, ref)
    assert r.exit_code == 2
    assert "没有找到身份证号列" in r.output and "--on" in r.output and "Traceback" not in r.output
    with pytest.raises(InputError):
        match(roster, ref, as_of=AS_OF)


def test_formula_like_text_stays_text(tmp_path):
    ids = [make_id("19700101", True, i) for i in range(1, 4)]
    roster = write(tmp_path / "roster.csv", [f"=1+1,{ids[0]},3,600,@SUM(A1)", f"+86,{ids[1]},3,600,厂"])
    ref = write(tmp_path / "ref.csv", [f"=2+2,{ids[0]},3,600,-5", f'"=HYPERLINK(""x"")",{ids[2]},3,600,厂'])
    m = match(roster, ref, as_of=AS_OF)
    out = write_match(m, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(out)
    cells = [
        c for ws in wb.worksheets[1:] for row in ws.iter_rows(min_row=2) for c in row if c.value is not None
    ]
    texts = {c.value for c in cells if c.data_type == "s"}
    assert {"=1+1", "=2+2", "@SUM(A1)", "-5", "+86", '=HYPERLINK("x")'} <= texts
    assert not [c for c in cells if c.data_type == "f"]


def test_default_output_force_and_inputs_never_written(tmp_path, monkeypatch):
    roster = write(tmp_path / "名册.csv", [f"甲,{A},3,600,厂"])
    ref = write(tmp_path / "ref.csv", [f"甲,{A},3,600,厂"])
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    r = run(roster, ref)
    assert r.exit_code == 0, r.output
    out = work / "名册-match.xlsx"
    assert out.exists() and str(out.name) in r.output
    r = run(roster, ref)
    assert r.exit_code == 2 and "--force" in r.output
    assert run(roster, ref, "--force").exit_code == 0
    before = ref.read_bytes()
    r = run(roster, ref, "-o", ref, "--force")
    assert r.exit_code == 2 and ref.read_bytes() == before
    r = run(roster, ref, "-o", work / "out.csv")
    assert r.exit_code == 2 and ".xlsx" in r.output and not (work / "out.csv").exists()


def test_english_workbook_and_masked_ids(tmp_path):
    roster = write(tmp_path / "roster.csv", [f"甲,{A},3,600,厂", f"乙,{B},2,500,厂"])
    ref = write(tmp_path / "ref.csv", [f"甲,{A},3,601,厂"])
    out = tmp_path / "en.xlsx"
    r = run(roster, ref, "--lang", "en", "--mask-ids", "-o", out)
    assert r.exit_code == 0, r.output
    assert "On both: 1" in r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Only in roster", "Only in reference", "Disagreements", "To check"]
    assert wb["Only in roster"]["B2"].value == B[:6] + "********" + B[-4:]
