"""From the tables of a workbook to one roster: the header block, merged cells, several sheets.

Each table (a sheet) is read into a :class:`Part`: its header found (one row, or
a block of rows combined, :mod:`jiekun.io.merged`), the values merged down its
body filled, formulas without saved results found (:mod:`jiekun.io.formulas`).
By default the first visible sheet holding a roster header is the roster and
the other roster sheets are named in a note; ``--sheet all`` joins every
visible roster sheet into one roster, matched by field, with a 工作表 column
(docs/design.md, "Reading rosters").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jiekun.io.layout import (
    HEADER_SCAN,
    Layout,
    Request,
    Table,
    last_nonblank,
    layout,
    make_roster,
    no_header_error,
    title_of,
)
from jiekun.io.merged import Block, fill_body, header_block
from jiekun.model.columns import NUMERIC_FIELDS
from jiekun.model.roster import ReadFinding, Roster
from jiekun.text import words


@dataclass
class Part:
    """One sheet read as a roster: its named columns, Excel rows, layout, and what reading noticed."""

    sheet: str | None
    data: pd.DataFrame
    rows: np.ndarray
    lay: Layout
    header_row: int
    title: list[str]
    notes: list[str] = field(default_factory=list)
    findings: list[ReadFinding] = field(default_factory=list)


def is_all(sheet: object) -> bool:
    return isinstance(sheet, str) and sheet.strip().lower() == "all"


def table_roster(tables: list[Table], fmt: str, req: Request, sha256: str | None) -> Roster:
    """The roster of a workbook's (or web page's) tables: the first roster sheet, or all of them."""
    shown = [t for t in tables if t.visible] if req.sheet is None or is_all(req.sheet) else tables
    if is_all(req.sheet):
        parts = [p for p in (read_part(t, req) for t in shown) if p is not None]
        if not parts:
            raise no_header_error(req.path, [(t.sheet, t.head()) for t in shown])
        return _joined(parts, fmt, req, sha256)
    for i, t in enumerate(shown):
        part = read_part(t, req)
        if part is None:
            continue
        w = words("io")
        others = [o.sheet for o in shown[i + 1 :] if o.sheet and req.header(o.head())]
        hidden = [o.sheet for o in tables if not o.visible and o.sheet and req.header(o.head())]
        if others:
            part.notes.append(w["other_sheets"].format(names=w["sep"].join(others), n=len(others) + 1))
        if hidden and req.sheet is None:
            part.notes.append(w["hidden_sheets"].format(names=w["sep"].join(hidden)))
        roster = _roster(part, fmt, req, sha256)
        roster.other_sheets = others
        roster.companions = {o.sheet: o for o in shown[i + 1 :] if o.sheet in others}
        return roster
    raise no_header_error(req.path, [(t.sheet, t.head()) for t in shown or tables])


def _roster(p: Part, fmt: str, req: Request, sha256: str | None) -> Roster:
    req.notes.extend(p.notes)
    r = make_roster(req, p.data, p.rows, p.lay, p.sheet, fmt, None, p.header_row, p.title, sha256)
    r.findings = p.findings
    return r


def find_block(t: Table, req: Request) -> Block | None:
    """The header of a table: a block of rows when merged labels make one, else the best row."""
    head = t.head()
    if any(r[0] < HEADER_SCAN and (r[2] > r[0] or r[3] > r[1]) for r in t.merged):
        return header_block(head, t.merged, req.matcher, req.least)
    found = req.header(head)
    if found is None:
        return None
    h, match = found
    return Block(h, h, [str(x).strip() for x in head[h]], match)


def read_part(t: Table, req: Request) -> Part | None:
    """One table read as a roster, or None when it holds no roster header."""
    block = find_block(t, req)
    if block is None:
        return None
    headers = [h.strip() for h in block.labels]
    req.check(headers, block.match)
    body = t.frame.iloc[block.bottom + 1 :]
    body = body.iloc[: last_nonblank(body)].reset_index(drop=True).copy()
    filled = fill_body(body, t.merged, block.bottom + 1) if t.merged else {}
    lay = layout(headers, block.match, body)
    data = lay.apply(body)
    first = block.bottom + 2  # Excel row of the first row below the header
    part = Part(t.sheet, data, np.arange(first, first + len(data)), lay, block.top + 1,
                title_of(t.head()[: block.top]))  # fmt: skip
    w = words("io")
    if block.bottom > block.top:
        labels = [n for n in lay.names if "/" in n]
        part.notes.append(
            w["header_block"].format(
                top=block.top + 1,
                bottom=block.bottom + 1,
                labels=w["sep"].join(labels[:6]) or w["sep"].join(lay.names[:6]),
            )
        )
    for c, n in sorted(filled.items()):
        if c in lay.keep:
            part.notes.append(w["merged_filled"].format(column=lay.names[lay.keep.index(c)], n=n))
    if t.xlsx is not None:
        _formulas(t, part, first - 1)
    return part


def _formulas(t: Table, part: Part, first: int) -> None:
    """Note (and record) formula cells with no saved result, looked for only when numbers are blank."""
    cols = [part.lay.fields[f] for f in NUMERIC_FIELDS if f in part.lay.fields]
    if not any((part.data[c].str.strip() == "").any() for c in cols):
        return
    from jiekun.io.formulas import uncached_formulas

    rows, where = uncached_formulas(t.xlsx or b"", t.sheet or "")
    pos = rows - first
    ok = (pos >= 0) & (pos < len(part.data))
    w = words("io")
    record = set(cols)
    if "household_income" in part.lay.fields and "household_size" in part.lay.fields:
        record.discard(part.lay.fields.get("per_capita", ""))
    for c in np.unique(where[ok]):
        if int(c) not in part.lay.keep:
            continue
        name = part.lay.names[part.lay.keep.index(int(c))]
        at = pos[ok & (where == c)]
        part.notes.append(w["formula_blank"].format(column=name, n=len(at)))
        if name in record:
            part.findings.append(ReadFinding("formula_no_result", at, name))


def _joined(parts: list[Part], fmt: str, req: Request, sha256: str | None) -> Roster:
    """Several roster sheets as one roster, columns matched by field then by name, a 工作表 column first."""
    w = words("io")
    base = parts[0]
    names, fields, how = list(base.lay.names), dict(base.lay.fields), dict(base.lay.how)
    frames, notes, findings, offset = [], [], [], 0
    for p in parts:
        back = {c: f for f, c in p.lay.fields.items()}
        rename = {}
        for c in p.lay.names:
            f = back.get(c)
            target = fields.get(f, c) if f else c
            if f and f not in fields:
                fields[f], how[f] = target, p.lay.how.get(f, "alias")
            if target not in names:
                names.append(target)
            rename[c] = target
        if p is not base and set(rename.values()) != set(base.lay.names):
            notes.append(w["sheet_differs"].format(sheet=p.sheet, first=base.sheet))
        frames.append(p.data.rename(columns=rename))
        notes += [w["of_sheet"].format(sheet=p.sheet, note=n) for n in p.notes]
        findings += [
            ReadFinding(f.code, f.positions + offset, rename.get(f.column, f.column)) for f in p.findings
        ]
        offset += len(p.data)
    data = pd.concat(frames, ignore_index=True).reindex(columns=names).fillna("").astype("str")
    column = w["sheet_column"]
    while column in data.columns:
        column += "_"
    sheets = np.repeat(np.array([p.sheet or "" for p in parts], dtype=object), [len(p.data) for p in parts])
    data.insert(0, column, sheets)
    lay = Layout(list(range(len(names) + 1)), [column, *names], fields, how)
    req.notes.append(w["sheets_read"].format(n=len(parts), names=w["sep"].join(p.sheet or "" for p in parts)))
    req.notes.extend(notes)
    rows = np.concatenate([p.rows for p in parts])
    title = base.title
    r = make_roster(req, data, rows, lay, w["sep"].join(p.sheet or "" for p in parts), fmt, None,
                    base.header_row, title, sha256)  # fmt: skip
    r.sheets, r.findings = sheets, findings
    return r
