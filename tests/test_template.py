"""jiekun template: headers jiekun reads, text ID cells, validations, and the round trip."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import AS_OF, make_id
from typer.testing import CliRunner

from jiekun.cli.app import app
from jiekun.model.columns import HeaderMatcher
from jiekun.model.rules import CAUSES, EDUCATION_BUCKETS, build_rules
from jiekun.pipeline.summary import summarize
from jiekun.report.template import EMPLOYMENT_VALUES, template_columns, write_template

runner = CliRunner()
COLUMNS = template_columns()
LETTER = {c.key: openpyxl.utils.get_column_letter(j + 1) for j, c in enumerate(COLUMNS)}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return write_template(tmp_path_factory.mktemp("tpl") / "t.xlsx", rows=300)


def validations(ws) -> dict[str, object]:
    """Validation per column letter (each covers one column)."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        ref = str(dv.sqref)
        out[ref.split(":")[0].rstrip("0123456789")] = dv
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_headers_are_the_ones_jiekun_reads(tmp_path, lang):
    path = write_template(tmp_path / "t.xlsx", lang=lang)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[2]]
    found = HeaderMatcher().match(headers).fields
    for j, col in enumerate(COLUMNS):
        assert headers[j].lstrip("*") == col.header(lang)
        assert headers[j].startswith("*") == col.required
        if col.key != "no":
            assert found[col.key] == j, headers[j]
    assert {c.key for c in COLUMNS if c.required} == {"name", "id", "household_size", "household_income"}
    assert ws[f"{LETTER['id']}2"].fill.fgColor.rgb != ws[f"{LETTER['gender']}2"].fill.fgColor.rgb
    assert ws.freeze_panes == "D3"
    assert wb.sheetnames[1] == ("填表说明" if lang == "zh" else "Instructions")


def test_id_and_phone_columns_are_text_for_every_prepared_row(template):
    ws = openpyxl.load_workbook(template).worksheets[0]
    for key in ("id", "phone"):
        col = LETTER[key]
        assert ws.column_dimensions[col].number_format == "@"  # the column default, below the rows too
        for row in (3, 150, 302):
            assert ws[f"{col}{row}"].number_format == "@", (key, row)
    assert ws[f"{LETTER['birth']}3"].number_format in ("General", "yyyy-mm-dd")
    assert ws.column_dimensions[LETTER["birth"]].number_format == "yyyy-mm-dd"


def test_validations(template):
    ws = openpyxl.load_workbook(template).worksheets[0]
    v = validations(ws)
    for key in ("id", "gender", "education", "cause", "employment", "household_size", "household_income"):
        dv = v[LETTER[key]]
        assert str(dv.sqref) == f"{LETTER[key]}3:{LETTER[key]}302", key

    id_dv = v[LETTER["id"]]
    assert id_dv.showInputMessage and "18" in id_dv.prompt and id_dv.errorStyle == "warning"

    def items(dv):
        return dv.formula1.strip('"').split(",")

    gender, edu = v[LETTER["gender"]], v[LETTER["education"]]
    assert gender.type == "list" and items(gender) == ["男", "女"] and gender.errorStyle in (None, "stop")
    assert edu.type == "list" and edu.errorStyle in (None, "stop")
    assert items(edu) == [w for words in EDUCATION_BUCKETS.values() for w in words]
    cause = v[LETTER["cause"]]
    assert cause.type == "list" and cause.errorStyle == "warning"  # several causes may be typed
    assert items(cause) == [words[0] for words in CAUSES.values()]
    emp = v[LETTER["employment"]]
    assert items(emp) == list(EMPLOYMENT_VALUES) and emp.errorStyle == "warning"
    size = v[LETTER["household_size"]]
    assert (size.type, size.formula1, size.formula2) == ("whole", "1", "20")
    assert size.operator in (None, "between")  # "between" is the default and may be left out
    for key in ("household_income", "costs"):
        dv = v[LETTER[key]]
        assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")


def test_instructions_sheet_explains_every_column_and_the_rules(tmp_path):
    rules = build_rules(profile="dibao", dibao=930)
    path = write_template(tmp_path / "t.xlsx", rules=rules)
    ws = openpyxl.load_workbook(path)["填表说明"]
    text = "\n".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
    for col in COLUMNS:
        assert col.header("zh") in text
    assert "深度困难 ≤ 930 元" in text and "相对困难 ≤ 1860 元" in text
    assert "刚性支出 ÷ 12" in text and "元" in text
    assert "因病" in text and "初中及以下" in text  # synonyms and education groups


def fill(path: Path, out: Path, people: list[dict]) -> Path:
    """Fill the template with openpyxl the way a clerk would: IDs and phones typed as text."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for i, p in enumerate(people):
        for key, value in p.items():
            ws[f"{LETTER[key]}{3 + i}"] = value
    wb.save(out)
    return out


def people() -> list[dict]:
    rows = [
        # name, birth, male, education, size, income, costs, cause, employment
        ("王建国", "19750308", True, "初中", 3, 720, None, "下岗失业、患大病", "下岗"),  # 240 extreme
        ("李秀英", "19800515", False, "中专", 2, 560, None, "单亲家庭", "灵活就业"),  # 280.00 hardship
        ("张伟", "19900101", True, "本科", 4, 8000, None, None, "在岗"),  # 2000 not hardship
        ("刘芳", "19681231", False, "小学", 1, 500, 3000, "患大病", "待岗"),  # (500-250)/1 = 250 hardship
        ("陈强", "19860615", True, "高中", 2, 490.02, None, "子女上学", "失业"),  # 245.01 hardship
        ("赵敏", "19951120", False, "大专", 3, 3000.5, None, None, "在岗"),  # not hardship
    ]
    out = []
    for k, (name, birth, male, edu, size, income, costs, cause, emp) in enumerate(rows, 1):
        p = {
            "no": k,
            "name": name,
            "id": make_id(birth, male, k),
            "gender": "男" if male else "女",
            "birth": dt.datetime.strptime(birth, "%Y%m%d"),
            "education": edu,
            "employer": "示例机械厂",
            "community": "示例东苑社区",
            "household_size": size,
            "household_income": income,
            "employment": emp,
            "phone": f"1380013800{k}",
        }
        if costs is not None:
            p["costs"] = costs
        if cause:
            p["cause"] = cause
        out.append(p)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_round_trip_reads_back_with_no_problems(tmp_path, lang):
    path = write_template(tmp_path / "t.xlsx", lang=lang, rows=500)
    filled = fill(path, tmp_path / "filled.xlsx", people())
    result = summarize(filled, as_of=AS_OF)
    t = result.tally
    assert t.rows_read == 6 and t.workers == 6  # the 500 prepared text cells are not rows
    assert (t.hardship, t.extreme, t.undetermined) == (4, 1, 0)
    assert dict(t.problems) in ({}, {"error": 0, "warning": 0}), result.classified.problems
    assert result.roster.sheet == ("花名册" if lang == "zh" else "Roster")
    assert result.classified.frame["id"].tolist() == [p["id"] for p in people()]


def test_cli_template_default_path_force_and_rows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["template"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "花名册模板.xlsx").exists() and "花名册模板.xlsx" in r.output
    r = runner.invoke(app, ["template"])
    assert r.exit_code == 2 and "--force" in r.output
    r = runner.invoke(app, ["template", "--force", "--rows", "10", "--lang", "en", "-o", "t.xlsx"])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    assert str(validations(ws)[LETTER["id"]].sqref) == f"{LETTER['id']}3:{LETTER['id']}12"
    assert runner.invoke(app, ["template", "--rows", "0", "-o", "x.xlsx"]).exit_code == 2
    r = runner.invoke(app, ["template", "-o", str(tmp_path / "nope" / "t.xlsx")])
    assert r.exit_code == 2 and "不存在" in r.output
    r = runner.invoke(app, ["template", "-o", "t.xls"])
    assert r.exit_code == 2 and ".xlsx" in r.output and not (tmp_path / "t.xls").exists()


# ------------------------------------------------------------------ LibreOffice

#: Run by LibreOffice's own Python: open a workbook, type into cells as a user does
#: (.uno:EnterString), report what the cells hold and their validations, save as xlsx.
UNO_SCRIPT = r"""
import json, os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p

src, out, profile, port = sys.argv[1:5]
typed = [a.split("=", 1) for a in sys.argv[5:]]
proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
                         "--accept=socket,host=localhost,port=%s;urp;" % port])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve("uno:socket,host=localhost,port=%s;urp;StarOffice.ComponentContext" % port)
            break
        except Exception:
            time.sleep(0.5)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
    sheet = doc.Sheets.getByIndex(0)
    ctrl = doc.getCurrentController()
    disp = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    for addr, value in typed:
        ctrl.select(sheet.getCellRangeByName(addr))
        disp.executeDispatch(ctrl.getFrame(), ".uno:EnterString", "", 0, (prop("StringName", value),))
    cells = {}
    for addr, value in typed:
        c = sheet.getCellRangeByName(addr)
        cells[addr] = {"type": c.getType().value, "string": c.getString()}
    checks = {}
    for col in "ABCDEFGHIJKLMN":
        v = sheet.getCellRangeByName(col + "3").Validation
        checks[col] = {"type": v.Type.value, "showlist": int(v.ShowList), "alert": v.ErrorAlertStyle.value}
    doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    print(json.dumps({"cells": cells, "validation": checks}))
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=30)
    except Exception:
        proc.kill()
"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


def uno_python() -> str | None:
    """A Python that can ``import uno`` (LibreOffice's bridge), or None."""
    if not shutil.which("soffice"):
        return None
    for exe in ("/usr/bin/python3", "/usr/lib/libreoffice/program/python", sys.executable):
        env = {"PYTHONPATH": "/usr/lib/libreoffice/program"}
        try:
            ok = subprocess.run([exe, "-c", "import uno"], env=env, capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if ok.returncode == 0:
            return exe
    return None


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_keeps_an_id_stored_as_text(tmp_path):
    """A filled template converted to CSV by LibreOffice keeps every digit of the IDs."""
    filled = fill(write_template(tmp_path / "t.xlsx", rows=50), tmp_path / "filled.xlsx", people())
    r = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "csv", "--outdir", str(tmp_path), str(filled)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "filled.csv").read_text(encoding="utf-8", errors="replace")
    for p in people():
        assert p["id"] in text


@pytest.mark.skipif(uno_python() is None, reason="LibreOffice with its Python bridge is not installed")
def test_libreoffice_typed_id_stays_intact_and_dropdowns_show(tmp_path):
    """Typing into the template in LibreOffice: the ID stays text, the dropdowns are lists."""
    path = write_template(tmp_path / "t.xlsx", rows=50)
    script = tmp_path / "type.py"
    script.write_text(UNO_SCRIPT, encoding="utf-8")
    person = people()[0]
    typed = {
        f"{LETTER['name']}3": person["name"],
        f"{LETTER['id']}3": person["id"],
        f"{LETTER['id']}80": people()[1]["id"],  # below the prepared rows: the column default
        f"{LETTER['household_size']}3": "3",
        f"{LETTER['household_income']}3": "720",
        f"{LETTER['phone']}3": "02088886666",
        f"{LETTER['employer']}3": "990101197503080021",  # a General column, for contrast
    }
    out = tmp_path / "typed.xlsx"
    env = {"PYTHONPATH": "/usr/lib/libreoffice/program", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    args = [str(script), str(path), str(out), str(tmp_path / "profile"), str(free_port())]
    r = subprocess.run(
        [uno_python(), *args, *(f"{k}={v}" for k, v in typed.items())],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout.strip().splitlines()[-1])
    cells = report["cells"]
    for key in (f"{LETTER['id']}3", f"{LETTER['id']}80", f"{LETTER['phone']}3"):
        assert cells[key]["type"] == "TEXT" and cells[key]["string"] == typed[key], key
    assert cells[f"{LETTER['employer']}3"]["type"] == "VALUE"  # what the text format prevents
    v = report["validation"]
    for key in ("gender", "education", "cause", "employment"):
        assert v[LETTER[key]]["type"] == "LIST" and v[LETTER[key]]["showlist"], key
    assert v[LETTER["gender"]]["alert"] == "STOP" and v[LETTER["cause"]]["alert"] == "WARNING"
    # the file LibreOffice saved reads back: the typed IDs intact; row 3 (complete) has no problem,
    # row 80 (an ID only) is undetermined
    result = summarize(out, as_of=AS_OF)
    assert result.tally.workers == 2 and result.tally.undetermined == 1
    assert result.classified.workers["id"].tolist() == [person["id"], people()[1]["id"]]
    assert set(result.classified.problems["row"]) == {80}
