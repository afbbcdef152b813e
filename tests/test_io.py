"""The readers: one registry, the title and SHA-256 of a roster, and the portable pool."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
import xlsxwriter
from conftest import AS_OF, HEADER, SAMPLES, make_id, write_csv

import jiekun
from jiekun.io import reading
from jiekun.io.reading import SUFFIXES, format_of_suffix, iter_roster, load_roster
from jiekun.pipeline import pool
from jiekun.pipeline.batch import batch


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(n: int) -> list[str]:
    return [f"甲{i},{make_id('19800101', True, i)},男,,初中,厂,2,{900 + i},患大病" for i in range(1, n + 1)]


# ------------------------------------------------------------------ title and sha256


def test_xlsx_title_and_sha256():
    path = SAMPLES / "survey-roster.xlsx"
    r = load_roster(path)
    assert r.sha256 == sha256(path)
    assert r.header_row == 2 and r.title == ["示例区职工花名册（2025年）"]


def test_header_on_row_one_has_no_title(tmp_path):
    p = write_csv(tmp_path / "r.csv", rows(3))
    r = load_roster(p)
    assert r.header_row == 1 and r.title == [] and r.sha256 == sha256(p)


def test_text_title_rows_join_non_blank_cells_top_first(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(
        "\n".join(["示例区, 困难职工 ,,花名册", ",,,", "制表：工会,,2025年", HEADER, *rows(2)]) + "\n"
    )
    r = load_roster(p)
    assert r.header_row == 4
    assert r.title == ["示例区 困难职工 花名册", "", "制表：工会 2025年"]
    assert r.sha256 == sha256(p)


def test_spreadsheet_title_and_sha256(tmp_path):
    p = tmp_path / "w.xlsx"
    wb = xlsxwriter.Workbook(p)
    ws = wb.add_worksheet("名单")
    ws.write_row(0, 0, ["", "某某工会", "", "困难职工"])
    ws.write_row(1, 0, HEADER.split(","))
    for i, line in enumerate(rows(3), start=2):
        ws.write_row(i, 0, line.split(","))
    wb.close()
    r = load_roster(p)
    assert r.title == ["某某工会 困难职工"] and r.sha256 == sha256(p) and r.rows_read == 3


def test_html_named_xls_has_sha256(tmp_path):
    cells = "".join(f"<th>{h}</th>" for h in HEADER.split(","))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in line.split(",")) + "</tr>" for line in rows(2))
    p = tmp_path / "export.xls"
    p.write_text(
        f"<html><table><tr><td>标题</td></tr><tr>{cells}</tr>{body}</table></html>", encoding="utf-8"
    )
    r = load_roster(p)
    assert r.format == "html" and r.title == ["标题"] and r.sha256 == sha256(p)
    assert any("网页表格" in n for n in r.notes)


def test_streamed_chunks_return_the_sha256_of_the_whole_file(tmp_path):
    p = write_csv(tmp_path / "big.csv", [*rows(2500), ",,,", ""])  # trailing blank rows
    chunks = iter_roster(p, chunk_rows=1000)
    got = []
    while True:
        try:
            got.append(next(chunks))
        except StopIteration as end:
            digest = end.value
            break
    assert digest == sha256(p) and sum(c.rows_read for c in got) == 2500
    assert all(c.sha256 is None for c in got)
    result = jiekun.summarize(p, as_of=AS_OF, chunk_rows=1000)
    assert result.roster.sha256 == sha256(p)
    assert jiekun.summarize(p, as_of=AS_OF).roster.sha256 == sha256(p)


def test_head_larger_than_the_head_buffer_is_hashed_once(tmp_path):
    p = write_csv(
        tmp_path / "wide.csv", [line + "," + "x" * 900 for line in rows(2000)], header=HEADER + ",备注"
    )
    assert p.stat().st_size > 1 << 20
    assert load_roster(p).sha256 == sha256(p)
    assert jiekun.summarize(p, as_of=AS_OF, chunk_rows=300).roster.sha256 == sha256(p)


# ------------------------------------------------------------------ the registry


def test_one_list_of_readable_suffixes():
    assert set(SUFFIXES) >= {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv", ".txt"}
    assert format_of_suffix(".XLSB") is reading.SPREADSHEET
    assert format_of_suffix(".csv") is reading.TEXT and reading.TEXT.stream is not None
    assert format_of_suffix(".pdf") is None


def test_batch_reads_every_readable_suffix(tmp_path):
    from jiekun.io.months import roster_files

    for name in ("2025-01.xlsb", "2025-02.tab", "2025-03.pdf"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for _, p in roster_files([tmp_path])] == ["2025-01.xlsb", "2025-02.tab"]


def test_io_errors_exist_in_both_languages(tmp_path):
    with pytest.raises(jiekun.InputError) as e:
        load_roster(tmp_path / "nope.csv")
    assert e.value.message("zh").startswith("找不到文件") and e.value.message("en").startswith("File ")
    odd = write_csv(tmp_path / "odd.csv", ["1,2,3"], header="甲,乙,丙")
    with pytest.raises(jiekun.InputError) as e:
        load_roster(odd)
    assert "文件第一行内容：甲、乙、丙" in e.value.message(
        "zh"
    ) and "the file: 甲, 乙, 丙" in e.value.message("en")
    lacking = write_csv(tmp_path / "l.csv", ["1,2,3"], header="姓名,身份证号,性别")
    with pytest.raises(jiekun.InputError) as e:
        load_roster(lacking)
    assert "缺少必需的列" in e.value.message("zh") and "lacks required columns" in e.value.message("en")


# ------------------------------------------------------------------ the pool, with spawn


def test_spawned_workers_give_the_figures_of_one_process(tmp_path, monkeypatch):
    from make_samples import survey_frame
    from make_samples import write_csv as write_sample

    df = survey_frame(3000, seed=3)
    df = pd.concat([df, df.iloc[[5, 2500]]], ignore_index=True)  # duplicates across chunks
    path = tmp_path / "2025-01.csv"
    write_sample(df, path)
    write_sample(survey_frame(2000, seed=4), tmp_path / "2025-02.csv")
    whole = jiekun.summarize(path, as_of=AS_OF)
    one = batch([tmp_path], workers=1)
    monkeypatch.setenv(pool.START_METHOD_ENV, "spawn")
    assert pool.start_method() == "spawn"
    chunked = jiekun.summarize(path, as_of=AS_OF, chunk_rows=700)
    assert chunked.to_json() == whole.to_json() and chunked.tally.duplicates == 2
    assert chunked.roster.sha256 == whole.roster.sha256 == sha256(path)
    spawned = batch([tmp_path], workers=2)
    assert json.dumps(spawned.to_json()) == json.dumps(one.to_json())
    assert [m.sha256 for m in spawned.months] == [sha256(path), sha256(tmp_path / "2025-02.csv")]


def test_in_order_keeps_order_and_bounds_the_window():
    drawn = []

    def jobs():
        for i in range(10):
            drawn.append(i)
            yield (i,)

    seen = []
    for (i,), r in pool.in_order(abs, jobs(), workers=2, window=2):
        seen.append((i, r))
        assert len(drawn) - len(seen) <= 2
    assert seen == [(i, i) for i in range(10)]
