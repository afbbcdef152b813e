"""Every workbook jiekun writes names a Chinese font, configurable, and the narrative wraps."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from conftest import make_id, write_csv
from typer.testing import CliRunner

from jiekun.cli.app import app
from jiekun.xlsx.book import DEFAULT_FONT, GB2312_CHARSET

ROWS = [
    f"张三,{make_id('19750308', True, 1)},男,1975-03-08,初中,红星机械厂,3,600,患大病",
    f"王芳,{make_id('19800101', False, 2)},女,1980-01-01,高中,东方纺织厂,4,1100,下岗失业",
    f"赵六,{make_id('19900505', True, 3)},男,1990-05-05,大专,东方纺织厂,2,2000,其他",
]
HEADER = "姓名,身份证号,性别,出生日期,文化程度,工作单位,家庭人口,家庭月收入,致困原因"


def _fonts(path) -> list[tuple[str, str | None]]:
    """(name, charset) of every ``<font>`` of the workbook's styles."""
    with zipfile.ZipFile(path) as z:
        styles = z.read("xl/styles.xml").decode("utf-8")
    fonts = re.search(r"<fonts[^>]*>(.*?)</fonts>", styles, re.S).group(1)
    out = []
    for f in re.findall(r"<font>(.*?)</font>", fonts, re.S):
        name = re.search(r'<name val="([^"]*)"/>', f)
        charset = re.search(r'<charset val="([^"]*)"/>', f)
        out.append((name.group(1) if name else "", charset.group(1) if charset else None))
    return out


def _theme(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/theme/theme1.xml").decode("utf-8")


@pytest.fixture
def books(tmp_path):
    """Every kind of workbook: report, problems file, compare (trend), match, template, assist."""
    old = write_csv(tmp_path / "2025-01.csv", ROWS)
    new = write_csv(tmp_path / "2025-02.csv", ROWS[:2], header=HEADER)
    ledger = write_csv(
        tmp_path / "ledger.csv", [f"2025-01-20,{make_id('19750308', True, 1)},张三,送温暖,500,1"],
        header="日期,身份证号,姓名,帮扶类别,金额,人次",
    )  # fmt: skip

    def run(rules=None) -> dict:
        extra = ["--rules", str(rules)] if rules else []
        d = tmp_path / (rules.stem if rules else "default")
        d.mkdir()
        commands = {
            "report": ["classify", str(old), "-o", str(d / "report.xlsx")],
            "problems": ["check", str(old), "-o", str(d / "problems.xlsx")],
            "trend": ["compare", str(old), str(new), "-o", str(d / "trend.xlsx")],
            "match": ["match", str(old), str(new), "-o", str(d / "match.xlsx")],
            "template": ["template", "-o", str(d / "template.xlsx"), "--rows", "5"],
            "assist": ["assist", str(ledger), "--roster", str(old), "-o", str(d / "assist.xlsx")],
        }
        for name, args in commands.items():
            r = CliRunner().invoke(
                app, [*args, *extra, "--as-of", "2025-12-31"] if name != "template" else [*args, *extra]
            )
            assert r.exit_code in (0, 1), (name, r.output)
        return {name: d / f"{name}.xlsx" for name in commands}

    return run


def test_every_workbook_names_the_chinese_font_in_every_format(books):
    for name, path in books().items():
        fonts = _fonts(path)
        assert fonts and all(f == (DEFAULT_FONT, str(GB2312_CHARSET)) for f in fonts), (name, fonts)
        assert "Calibri" not in _theme(path) and f'<a:ea typeface="{DEFAULT_FONT}"/>' in _theme(path), name


def test_the_configured_font_is_used(books, tmp_path):
    rules = tmp_path / "dengxian.toml"
    rules.write_text('[report]\nfont = "等线"\n', encoding="utf-8")
    for name, path in books(rules).items():
        assert {n for n, _ in _fonts(path)} == {"等线"}, name
        assert '<a:font script="Hans" typeface="等线"/>' in _theme(path), name


def test_a_bad_font_setting_names_its_key(tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text("[report]\nfont = 12\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["rules", "--rules", str(rules)])
    assert r.exit_code == 2 and "report.font" in r.output and "第 2 行" in r.output


def test_the_narrative_paragraph_wraps(books):
    wb = openpyxl.load_workbook(books()["report"])
    ws = wb["文字说明"]
    cell = next(
        c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "全区共有职工" in c.value
    )
    assert cell.alignment.wrap_text and cell.font.name == DEFAULT_FONT
    assert ws.row_dimensions[cell.row].height >= 30  # room for its wrapped lines
