"""The contact cards as a Word document: four cards to an A4 page, cut marks between them.

Each page is one 2 × 2 table of equal cells sized to the page, with dashed borders
to cut along; a row never breaks across pages and a page break follows every
four cards. Every run names its fonts (ASCII, hAnsi and East Asian) so Word, WPS
and LibreOffice all pick a Chinese face. python-docx makes the document (page,
styles, properties); the card tables are WordprocessingML text spliced into it,
since building 3,000 cards cell by cell would take minutes. See docs/cards.md.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from jiekun.io.output import check_target, default_output, write_via_temp
from jiekun.model.card_rules import DEFAULT_FONT
from jiekun.model.cards import Card
from jiekun.text import words

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from jiekun.model.rules import Rules
    from jiekun.pipeline.cards import CardSet

PER_PAGE = 4
_MM = 1440 / 25.4  # twips per millimetre
_PAGE_W, _PAGE_H, _MARGIN = 210, 297, 10  # A4 and a margin every office printer can print to
_CARD_W = (_PAGE_W - 2 * _MARGIN) / 2
_CARD_H = (_PAGE_H - 2 * _MARGIN - 6) / 2  # 6 mm slack for the page-break paragraph
_PAD = 4  # mm inside a card
#: mm: label, value, label, value (a 5-character label; a masked ID on one line; 87 mm in all)
_WIDTHS = (19.0, 17.0, 16.0, _CARD_W - 2 * _PAD - 52.0)
_SIZE, _SMALL, _TITLE_SIZE, _HOTLINE_SIZE = 18, 16, 26, 22  # half-points: 9, 8, 13, 11 pt
_MARK = "@@jiekun-cards@@"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _tw(mm: float) -> int:
    return round(mm * _MM)


class _Xml:
    """WordprocessingML fragments with the fonts of one document."""

    def __init__(self, font: str, latin_font: str) -> None:
        f, e = escape(latin_font, {'"': "&quot;"}), escape(font, {'"': "&quot;"})
        self.fonts = f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{e}" w:cs="{f}"/>'

    def run(self, text: str, *, size: int = _SIZE, bold: bool = False) -> str:
        b = "<w:b/><w:bCs/>" if bold else ""
        rpr = f'<w:rPr>{self.fonts}{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(_NOT_XML.sub("", text))}</w:t></w:r>'

    def p(self, text: str = "", *, jc: str = "left", ruled: bool = False, before: int = 0, **run) -> str:
        """A paragraph of one run; ``ruled`` draws a line under it (to write notes on)."""
        # "between" too: paragraphs with the same borders are one bordered group, ruled below and between
        rule = 'w:val="single" w:sz="4" w:space="1" w:color="808080"'
        bdr = f"<w:pBdr><w:bottom {rule}/><w:between {rule}/></w:pBdr>" if ruled else ""
        height, rule = (_tw(7), "exact") if ruled else (260, "auto")
        line = f'<w:spacing w:before="{before}" w:after="0" w:line="{height}" w:lineRule="{rule}"/>'
        size = run.get("size", _SIZE)
        ppr = (
            f'<w:pPr>{bdr}{line}<w:jc w:val="{jc}"/><w:rPr>{self.fonts}<w:sz w:val="{size}"/></w:rPr></w:pPr>'
        )
        return f"<w:p>{ppr}{self.run(text, **run) if text else ''}</w:p>"

    @staticmethod
    def cell(width_mm: float, body: str, *, span: int = 1, borders: str = "", valign: str = "center") -> str:
        gs = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{_tw(width_mm)}" w:type="dxa"/>{gs}{borders}'
            f'<w:vAlign w:val="{valign}"/></w:tcPr>{body}</w:tc>'
        )

    @staticmethod
    def row(cells: str, height_mm: float, rule: str = "atLeast") -> str:
        return (
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{_tw(height_mm)}" w:hRule="{rule}"/></w:trPr>'
            f"{cells}</w:tr>"
        )

    @staticmethod
    def table(widths_mm: Sequence[float], rows: str, *, borders: str, margins_mm: tuple[float, float]) -> str:
        grid = "".join(f'<w:gridCol w:w="{_tw(x)}"/>' for x in widths_mm)
        v, h = (_tw(m) for m in margins_mm)
        return (
            f'<w:tbl><w:tblPr><w:tblW w:w="{_tw(sum(widths_mm))}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:top w:w="{v}" w:type="dxa"/><w:left w:w="{h}" w:type="dxa"/>'
            f'<w:bottom w:w="{v}" w:type="dxa"/><w:right w:w="{h}" w:type="dxa"/></w:tblCellMar>'
            f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>'
        )


def _borders(val: str, size: int = 4, color: str = "000000") -> str:
    return "".join(
        f'<w:{side} w:val="{val}" w:sz="{size}" w:space="0" w:color="{color}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )


def _yuan(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


def _help_lines(card: Card, w: dict, x: _Xml) -> str:
    if not card.help_rows:
        return x.p(w["help_none"])
    out = [x.p(w["help_line"].format(date=h.date, kind=h.kind, amount=_yuan(h.fen))) for h in card.help]
    if card.help_rows > len(card.help):
        out.append(x.p(w["help_more"].format(n=card.help_rows - len(card.help))))
    out.append(x.p(w["help_total"].format(acts=card.help_acts, amount=_yuan(card.help_fen)), bold=True))
    return "".join(out)


def _card(card: Card, w: dict, title: str, x: _Xml) -> str:
    """One card: its title, the field table, the issuing line."""
    lw, v1w, l2w, v2w = _WIDTHS

    def label(key: str, width: float = lw) -> str:
        return x.cell(width, x.p(w[key], jc="center", bold=True, size=_SMALL))

    def pair(k1: str, v1: str, k2: str, v2: str, size: int = _SIZE) -> str:
        return x.row(label(k1) + x.cell(v1w, x.p(v1)) + label(k2, l2w) + x.cell(v2w, x.p(v2, size=size)), 8)

    def whole(key: str, body: str, height: float, valign: str = "center") -> str:
        return x.row(label(key) + x.cell(v1w + l2w + v2w, body, span=3, valign=valign), height)

    notes = x.p(card.notes, ruled=True) + x.p(ruled=True) + x.p(ruled=True)
    rows = (
        pair("name", card.name, "id", card.id, _SMALL)
        + whole("employer", x.p(card.employer), 8)
        + pair("category", card.category, "filed_on", card.filed_on)
        + pair("contact", card.contact, "contact_phone", card.contact_phone)
        + whole("help_label", _help_lines(card, w, x), 34, valign="top")
        + whole(
            "hotline", x.p(w["hotline_line"].format(hotline=card.hotline), bold=True, size=_HOTLINE_SIZE), 9
        )
        + whole("notes", notes, 24, valign="top")
    )
    fields = x.table(_WIDTHS, rows, borders=_borders("single"), margins_mm=(0.6, 1.2))
    return (
        x.p(title, jc="center", bold=True, size=_TITLE_SIZE)
        + x.p(before=60, size=8)
        + fields
        + x.p(w["issuer"], before=200)
        + x.p(w["issued_on"], before=100)
    )


def _page(cards: Sequence[Card], w: dict, title: str, x: _Xml) -> str:
    """Up to four cards on one 2 × 2 table of equal cells, dashed borders to cut along."""
    cells = [_card(c, w, title, x) for c in cards] + [x.p()] * (PER_PAGE - len(cards))
    rows = "".join(
        x.row("".join(x.cell(_CARD_W, body, valign="top") for body in cells[i : i + 2]), _CARD_H, "exact")
        for i in (0, 2)
    )
    return x.table(
        (_CARD_W, _CARD_W), rows, borders=_borders("dashed", 4, "808080"), margins_mm=(_PAD - 1, _PAD)
    )


def _page_break(x: _Xml) -> str:
    tiny = '<w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr>'
    return f'<w:p>{tiny}<w:r><w:rPr>{x.fonts}<w:sz w:val="2"/></w:rPr><w:br w:type="page"/></w:r></w:p>'


def _setup(doc: DocxDocument, font: str, latin_font: str, title: str) -> None:
    """A4 portrait with printing margins; the document's default fonts CJK-named too."""
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(_PAGE_W), Mm(_PAGE_H)
    s.left_margin = s.right_margin = s.top_margin = s.bottom_margin = Mm(_MARGIN)
    s.header_distance = s.footer_distance = Mm(5)
    normal = doc.styles["Normal"]
    normal.font.name = latin_font
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:cs"), latin_font)
    doc.core_properties.title = title


def _with_body(doc: DocxDocument, body: str) -> bytes:
    """The saved document with its placeholder paragraph replaced by ``body``.

    Moving thousands of parsed tables into python-docx's tree costs seconds (lxml
    reconciles namespaces node by node); replacing text in the saved part does not.
    """
    buf = io.BytesIO()
    doc.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                mark = re.search(rf"<w:p\b[^>]*>(?:(?!</w:p>).)*?{_MARK}.*?</w:p>", xml, re.S)
                assert mark is not None, "placeholder paragraph not found"
                data = (xml[: mark.start()] + body + xml[mark.end() :]).encode("utf-8")
            dst.writestr(item, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_cards(
    cards: Sequence[Card],
    path: Path | str,
    *,
    lang: str = "zh",
    title: str | None = None,
    force: bool = False,
    inputs: tuple[Path, ...] = (),
    font: str = DEFAULT_FONT,
    latin_font: str | None = None,
) -> Path:
    """Write the cards to a .docx, four to an A4 page; refuses an existing file without ``force``.

    ``font`` is the East Asian face named on every run, ``latin_font`` the one for
    Latin letters and digits (default ``font``); ``title`` replaces the card's heading.
    """
    latin_font = latin_font or font
    out = Path(path)
    check_target(out, force=force, inputs=inputs)
    w = words("cards", lang)
    title = title or w["title"]
    x = _Xml(font, latin_font)
    pages = [cards[i : i + PER_PAGE] for i in range(0, len(cards), PER_PAGE)] or [()]
    body = _page_break(x).join(_page(p, w, title, x) for p in pages) + x.p(size=2)

    doc = Document()
    _setup(doc, font, latin_font, title)
    for p in list(doc.element.body.iterchildren(qn("w:p"))):  # the template's empty paragraph
        doc.element.body.remove(p)
    doc.add_paragraph(_MARK)
    write_via_temp(out, lambda tmp: tmp.write_bytes(_with_body(doc, body)))
    return out


def default_cards_path(roster: Path | str) -> Path:
    """``<roster stem>-cards.docx`` in the current folder."""
    return default_output(roster, "cards", ".docx")


def cards(
    roster: Path | str,
    output: Path | str | None = None,
    *,
    ledger: Path | str | None = None,
    rules: Rules | None = None,
    lang: str = "zh",
    force: bool = False,
    **options: Any,
) -> CardSet:
    """Write the contact cards of a roster's hardship workers to ``output`` (a .docx); return them.

    The library form of ``jiekun cards`` (docs/cards.md). ``options`` are those of
    :func:`jiekun.pipeline.cards.build_cards` (``period_from``, ``period_to``, ``only``,
    ``full_ids``, ``as_of``, ``sheet``, ``encoding``…); fonts come from the rules
    (``[cards] font``, ``latin_font``, else ``[report] font``); default output
    ``<roster stem>-cards.docx``. An existing file is refused without ``force``.

    >>> made = jiekun.cards("samples/survey-roster.xlsx", "cards.docx")  # doctest: +SKIP
    >>> len(made.cards)
    3456
    """
    from jiekun.model.rules import Rules
    from jiekun.pipeline.cards import build_cards

    rules = rules or Rules()
    out = Path(output) if output is not None else default_cards_path(roster)
    inputs = tuple(Path(p) for p in (roster, ledger) if p is not None)
    check_target(out, force=force, inputs=inputs)
    made = build_cards(roster, ledger=ledger, rules=rules, lang=lang, **options)
    font = rules.cards.font or rules.font
    write_cards(
        made.cards, out, lang=lang, force=force, inputs=inputs, font=font, latin_font=rules.cards.latin_font
    )
    made.path = out
    return made
