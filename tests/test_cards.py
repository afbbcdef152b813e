"""Contact cards: who gets one, what is on it, and the Word document four to a page."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import make_id, write_csv
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

import jiekun
from jiekun.errors import OutputError
from jiekun.model.cards import HELP_LINES, cards_from
from jiekun.report.cards import PER_PAGE, write_cards

HEADER = "姓名,身份证号,性别,出生日期,文化程度,工作单位,家庭人口,家庭月收入,致困原因,困难类别,建档日期,帮扶责任人,责任人电话"
A = make_id("19750308", True, 1)  # extreme, filed 深度困难, contact on the roster
B = make_id("19800101", False, 2)  # hardship, nothing filed: computed tier, default contact of its employer
C = make_id("19900505", True, 3)  # not in hardship
D = make_id("19660606", False, 4)  # extreme, ID ending X or not, default contact "*"
E = make_id("19720202", True, 5)  # hardship


ROWS = [
    f"张三,{A},男,1975-03-08,初中,红星机械厂,3,600,患大病,深度困难,2024年3月5日,李四,13800000001",
    f"王芳,{B},女,1980-01-01,高中,东方纺织厂,4,1100,下岗失业,,,,",
    f"赵六,{C},男,1990-05-05,大专,东方纺织厂,2,2000,其他,,,,",
    f"钱七,{D},女,1966-06-06,初中,西城商贸,1,200,因残,,2023-11,,",
    f"孙八,{E},男,1972-02-02,初中,红星机械厂,2,560,子女上学,相对困难,,,",
    "合计,,,,,,,,,,,,",
]


@pytest.fixture
def classified(tmp_path, as_of):
    path = write_csv(tmp_path / "roster.csv", ROWS, header=HEADER)
    return jiekun.classify(jiekun.load_roster(path), jiekun.Rules(), as_of)


CONTACTS = {"*": ("工会办", "0571-1"), "东方纺织厂": ("陈工", "13900000002")}


def ledger() -> pd.DataFrame:
    legacy_a = A[:6] + A[8:17]  # the same person in the 15-digit form
    rows = [
        (A, "2025-01-20", "送温暖", "500", 1),
        (legacy_a, "2025/2/1", "医疗救助", "1,200.50元", 2),
        (f" {A} ", "2025-03-01", "临时救助", "0.1", 1),
        (A, "2025-04-01", "互助保障", "0.2", 1),
        (A, "2025-05-01", "生活保障", "", 1),  # blank amount: 0
        (A, "2025-06-01", "金秋助学", 100, 1),
        (B, "2025年3月1日", "金秋助学", 300.1, ""),  # blank 人次: 1
        ("123", "2025-01-01", "x", 5, 1),  # invalid ID: on no card
        (C, "2025-01-01", "x", 9, 1),  # not in hardship: no card
    ]
    return pd.DataFrame(rows, columns=["id", "date", "kind", "amount", "acts"])


def test_only_selects_hardship_or_extreme_in_roster_order(classified):
    assert [c.name for c in cards_from(classified)] == ["张三", "王芳", "钱七", "孙八"]
    assert [c.name for c in cards_from(classified, only="extreme")] == ["张三", "钱七"]
    with pytest.raises(ValueError):
        cards_from(classified, only="all")


def test_card_fields(classified):
    a, b, d, e = cards_from(classified, contacts=CONTACTS, hotline="12351")
    assert (a.id, a.employer, a.category, a.filed_on) == (
        A[:6] + "*" * 8 + A[-4:],
        "红星机械厂",
        "深度困难",
        "2024-03-05",
    )
    assert (a.contact, a.contact_phone, a.hotline, a.row) == ("李四", "13800000001", "12351", 2)
    assert (b.category, b.contact, b.contact_phone, b.filed_on) == ("困难职工", "陈工", "13900000002", "")
    assert (d.category, d.contact, d.contact_phone, d.filed_on) == ("特困职工", "工会办", "0571-1", "2023-11")
    assert e.category == "相对困难"
    assert cards_from(classified, full_ids=True)[0].id == A
    assert cards_from(classified, lang="en")[1].category == "Hardship"
    assert cards_from(classified)[1].contact == ""  # no default given


def test_help_totals_are_exact_and_match_the_person(classified):
    a, b, d, _ = cards_from(classified, ledger_rows=ledger())
    assert (a.help_rows, a.help_acts, a.help_fen) == (6, 7, 50000 + 120050 + 10 + 20 + 0 + 10000)
    assert HELP_LINES == 4 and [h.date for h in a.help] == [
        "2025-03-01",
        "2025-04-01",
        "2025-05-01",
        "2025-06-01",
    ]
    assert (a.help[0].kind, a.help[0].fen) == ("临时救助", 10)
    assert (b.help_rows, b.help_acts, b.help_fen) == (1, 1, 30010)
    assert b.help == (b.help[0],) and b.help[0].date == "2025-03-01"
    assert (d.help_rows, d.help_fen, d.help) == (0, 0, ())
    in_fen = ledger().assign(fen=[50000, 120050, 10, 20, 0, 10000, 30010, 500, 900]).drop(columns="amount")
    assert [c.help_fen for c in cards_from(classified, ledger_rows=in_fen)] == [a.help_fen, b.help_fen, 0, 0]


def _cards_in(doc) -> list:
    """The filled card cells of every page table, in order."""
    return [cell for t in doc.tables for row in t.rows for cell in row.cells if cell.tables]


def _text(cell) -> str:
    return "\n".join(
        p.text for t in cell.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ) + "\n".join(p.text for p in cell.paragraphs)


@pytest.mark.parametrize("n", [1, 4, 9])
def test_document_has_four_cards_to_a_page(classified, tmp_path, n):
    cards = (cards_from(classified, ledger_rows=ledger(), contacts=CONTACTS) * 3)[:n]
    out = write_cards(cards, tmp_path / "cards.docx", lang="zh")
    doc = Document(str(out))
    pages = math.ceil(n / PER_PAGE)
    assert len(doc.tables) == pages
    assert all(len(t.rows) == 2 and len(t.columns) == 2 for t in doc.tables)
    body = doc.element.body
    assert len(body.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")) == pages - 1
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in body.iter(qn("w:tr")))
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297) and s.left_margin >= Mm(5)
    filled = _cards_in(doc)
    assert len(filled) == n
    for card, cell in zip(cards, filled, strict=True):
        text = _text(cell)
        for part in (
            "困难职工解困脱困联系卡",
            card.name,
            card.id,
            card.category,
            card.contact,
            "12351",
            "备注",
        ):
            assert part in text
    first = _text(filled[0])
    assert "990101********" in first and A not in first
    assert "本期合计 7 人次，1,800.80 元" in first and "（另有 2 条未列出）" in first


def test_every_run_names_latin_and_east_asian_fonts(classified, tmp_path):
    out = write_cards(
        cards_from(classified), tmp_path / "c.docx", lang="zh", font="黑体", latin_font="SimHei"
    )
    runs = list(Document(str(out)).element.body.iter(qn("w:r")))
    assert runs
    for r in runs:
        f = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert f is not None
        assert (f.get(qn("w:eastAsia")), f.get(qn("w:ascii")), f.get(qn("w:hAnsi"))) == (
            "黑体",
            "SimHei",
            "SimHei",
        )


def test_english_title_and_full_ids(classified, tmp_path):
    cards = cards_from(classified, full_ids=True)
    doc = Document(str(write_cards(cards, tmp_path / "en.docx", lang="en")))
    text = _text(_cards_in(doc)[0])
    assert "Hardship Worker Contact Card" in text and A in text
    custom = Document(str(write_cards(cards, tmp_path / "t.docx", lang="zh", title="红星机械厂工会联系卡")))
    assert "红星机械厂工会联系卡" in _text(_cards_in(custom)[0])


def test_no_cards_is_one_empty_page(tmp_path):
    doc = Document(str(write_cards([], tmp_path / "none.docx", lang="zh")))
    assert len(doc.tables) == 1 and _cards_in(doc) == []


def test_existing_file_refused_without_force(classified, tmp_path):
    out = tmp_path / "cards.docx"
    out.write_bytes(b"keep")
    cards = cards_from(classified)
    with pytest.raises(OutputError):
        write_cards(cards, out, lang="zh")
    assert out.read_bytes() == b"keep"
    write_cards(cards, out, lang="zh", force=True)
    assert len(_cards_in(Document(str(out)))) == len(cards)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.docx", "roster.csv"]  # no temporary file


# ------------------------------------------------------------------ jiekun cards (the command and the library)

LEDGER_HEADER = "日期,身份证号,姓名,帮扶类别,金额,人次"


def _roster_csv(tmp_path):
    return write_csv(tmp_path / "roster.csv", ROWS[:-1], header=HEADER)


def _ledger_csv(tmp_path):
    rows = [
        f"2025-01-20,{A},张三,春节慰问,500,1",
        f'2025-02-01,{A[:6] + A[8:17]},张三,医疗救助,"1,200.50",2',  # the 15-digit form: the same person
        f"2024-12-31,{A},张三,临时救助,999,1",  # before the period
        f"2025-03-01,{B},王芳,金秋助学,300.10,",
        f"2025-03-01,{C},赵六,送温暖,9,1",  # not in hardship: no card
    ]
    return write_csv(tmp_path / "ledger.csv", rows, header=LEDGER_HEADER)


def _run(args, tmp_path):
    from typer.testing import CliRunner

    from jiekun.cli.app import app

    return CliRunner().invoke(app, [*args, "--as-of", "2025-12-31"], catch_exceptions=False)


def test_cli_writes_four_cards_a_page_with_masked_ids_and_ledger_help(tmp_path):
    out = tmp_path / "cards.docx"
    r = _run(["cards", str(_roster_csv(tmp_path)), "--ledger", str(_ledger_csv(tmp_path)),
              "--from", "2025-01-01", "--to", "2025-12-31", "-o", str(out)], tmp_path)  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "4 张" in r.output and "2 张列有帮扶记录" in r.output
    doc = Document(str(out))
    assert len(doc.tables) == 1 and len(_cards_in(doc)) == 4
    texts = [_text(c) for c in _cards_in(doc)]
    assert [next(n for n in ("张三", "王芳", "钱七", "孙八") if n in t) for t in texts] == [
        "张三",
        "王芳",
        "钱七",
        "孙八",
    ]
    assert A not in texts[0] and A[:6] + "********" + A[-4:] in texts[0]
    assert "本期合计 3 人次，1,700.50 元" in texts[0] and "送温暖" in texts[0] and "医疗保障" in texts[0]
    assert "本期合计 1 人次，300.10 元" in texts[1]
    assert "本期暂无帮扶记录" in texts[2]
    assert "李四" in texts[0] and "13800000001" in texts[0]
    full = tmp_path / "full.docx"
    assert _run(["cards", str(_roster_csv(tmp_path)), "--full-ids", "-o", str(full)], tmp_path).exit_code == 0
    assert A in _text(_cards_in(Document(str(full)))[0])


def test_cli_contacts_from_the_rules_file_and_only_extreme(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[cards]\nhotline = "0571-12351"\ncontact = "区总工会帮扶中心"\ncontact_phone = "0571-88888888"\n'
        '[cards.contacts]\n"东方纺织厂" = ["陈工", "13900000002"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "c.docx"
    r = _run(["cards", str(_roster_csv(tmp_path)), "--rules", str(rules), "-o", str(out)], tmp_path)
    assert r.exit_code == 0, r.output
    a, b, d, _ = (_text(c) for c in _cards_in(Document(str(out))))
    assert "李四" in a and "区总工会帮扶中心" not in a  # the roster's column wins
    assert "陈工" in b and "13900000002" in b  # the employer's contact
    assert "区总工会帮扶中心" in d and "0571-88888888" in d and "0571-12351" in d
    extreme = tmp_path / "x.docx"
    assert (
        _run(
            ["cards", str(_roster_csv(tmp_path)), "--only", "extreme", "-o", str(extreme)], tmp_path
        ).exit_code
        == 0
    )
    assert len(_cards_in(Document(str(extreme)))) == 2


def test_cli_refuses_a_wrong_suffix_and_an_existing_file(tmp_path):
    roster = _roster_csv(tmp_path)
    r = _run(["cards", str(roster), "-o", str(tmp_path / "cards.xlsx")], tmp_path)
    assert r.exit_code == 2 and ".docx" in r.output
    out = tmp_path / "cards.docx"
    out.write_bytes(b"keep")
    assert _run(["cards", str(roster), "-o", str(out)], tmp_path).exit_code == 2
    assert out.read_bytes() == b"keep"
    assert _run(["cards", str(roster), "-o", str(out), "--force"], tmp_path).exit_code == 0


def test_rules_file_errors_name_the_key_and_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[cards]\nhotline = "12351"\n\n[cards.contacts]\n"红星机械厂" = 5\n', encoding="utf-8")
    r = _run(["cards", str(_roster_csv(tmp_path)), "--rules", str(bad)], tmp_path)
    assert r.exit_code == 2 and "第 5 行" in r.output and "cards.contacts.红星机械厂" in r.output
    bad.write_text("[cards]\nhotlne = 1\n", encoding="utf-8")
    with pytest.raises(jiekun.RulesError, match=r"cards\.hotlne"):
        jiekun.load_rules(bad)


def test_library_cards_uses_the_configured_fonts(tmp_path, as_of):
    rules = tmp_path / "rules.toml"
    rules.write_text('[report]\nfont = "等线"\n[cards]\nlatin_font = "Arial"\n', encoding="utf-8")
    made = jiekun.cards(
        _roster_csv(tmp_path), tmp_path / "lib.docx", rules=jiekun.load_rules(rules), as_of=as_of
    )
    assert len(made.cards) == 4 and made.path == tmp_path / "lib.docx"
    f = next(Document(str(made.path)).element.body.iter(qn("w:rFonts")))
    assert (f.get(qn("w:eastAsia")), f.get(qn("w:ascii"))) == ("等线", "Arial")
