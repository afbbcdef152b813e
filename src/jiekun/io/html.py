"""Tables out of HTML: many government systems export an HTML page named ".xls".

A small stdlib parser (no lxml needed): each ``<table>`` becomes a list of rows
of cell texts; ``colspan`` repeats a cell's text as blanks so columns line up.
The largest table comes first; ``--sheet N`` picks the N-th.
"""

from __future__ import annotations

from html.parser import HTMLParser

from jiekun.errors import InputError
from jiekun.io.layout import Request, Table, text_frame
from jiekun.io.source import FileBytes


def tables(src: FileBytes, kind: str, req: Request) -> tuple[str, list[Table]]:
    """Every table of the page (or the one ``--sheet`` picks), as text frames."""
    from jiekun.io.text import decode_head

    _, encoding = decode_head(src, req.encoding)
    found = read_html_tables(src.read_all().decode(encoding, errors="replace"))
    if not found:
        raise InputError.say("io", "html_no_table", path=req.given)
    out = []
    for i, rows in enumerate(found):
        width = max((len(r) for r in rows), default=1)
        out.append(Table(text_frame(rows, width), None if i == 0 else f"表格{i + 1}"))
    if req.sheet is not None:
        out = [out[_pick_index(len(out), req.sheet, req.given)]]
    return "html", out


def _pick_index(n: int, sheet: str | int, given: str) -> int:
    if str(sheet).isdigit() and 1 <= int(sheet) <= n:
        return int(sheet) - 1
    raise InputError.say("io", "few_tables", path=given, n=n)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._stack: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table":
            self._stack.append([])
        elif tag == "tr" and self._stack:
            self._stack[-1].append([])
        elif tag in ("td", "th") and self._stack:
            if not self._stack[-1]:
                self._stack[-1].append([])
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() and 0 < int(span) < 1000 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._stack:
            text = "".join(self._cell).replace("\xa0", " ").strip()
            self._stack[-1][-1].extend([text] + [""] * (self._span - 1))
            self._cell = None
        elif tag == "table" and self._stack:
            rows = self._stack.pop()
            if any(rows):
                self.tables.append(rows)

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read_html_tables(text: str) -> list[list[list[str]]]:
    """Every table in an HTML document, largest first, as rows of cell texts."""
    p = _TableParser()
    p.feed(text)
    p.close()
    return sorted(p.tables, key=len, reverse=True)
