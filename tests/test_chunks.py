"""The chunked path (large files) and the whole-file path give identical results."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from conftest import AS_OF, SAMPLES, make_id, write_csv

import jiekun
from jiekun.model.duplicates import DuplicateIndex, id_numbers


def test_chunked_and_whole_file_give_identical_tallies_and_duplicates(tmp_path):
    from make_samples import survey_frame
    from make_samples import write_csv as write_sample

    df = survey_frame(6000, seed=7)
    # plant duplicates far apart, so they fall in different chunks
    df = pd.concat([df, df.iloc[[5, 10, 4000]]], ignore_index=True)
    path = tmp_path / "big.csv"
    write_sample(df, path)
    whole = jiekun.summarize(path, as_of=AS_OF)
    chunked = jiekun.summarize(path, as_of=AS_OF, chunk_rows=1000)
    assert chunked.classified is None
    assert chunked.to_json() == whole.to_json()
    assert whole.tally.duplicates == 3
    cols = ["row", "code", "detail"]
    assert (
        chunked.problems[cols].astype(str).to_numpy().tolist()
        == whole.problems[cols].astype(str).to_numpy().tolist()
    )
    dups = whole.problems[whole.problems["code"] == "duplicate_id"]
    assert dups["detail"].tolist() == ["7", "12", "4002"]  # Excel rows of the first occurrences


def test_chunks_keep_odd_rows_and_row_numbers(tmp_path):
    rows = [f"甲{i},{make_id('19800101', True, i)},男,,初中,厂,1,100," for i in range(1, 8)]
    rows.insert(3, "")  # a blank line
    rows.insert(5, ",,,,看望慰问")  # a short row in the middle, with no worker in it
    rows.append("合计,,,,,,7,700,")
    p = write_csv(tmp_path / "r.csv", rows)
    whole = jiekun.summarize(p, as_of=AS_OF)
    chunked = jiekun.summarize(p, as_of=AS_OF, chunk_rows=2)
    assert chunked.to_json() == whole.to_json()
    t = whole.tally
    assert (t.rows_read, t.workers, t.non_worker_rows) == (10, 7, 3)
    assert whole.problems["code"].tolist() == ["not_a_worker"] and whole.problems["row"].tolist() == [7]


def test_duplicate_index_across_calls():
    idx = DuplicateIndex()
    ids = pd.Series([make_id("19800101", True, i) for i in range(5)])
    k = id_numbers(ids)
    assert idx.first_rows(k[[0, 1, 0]], [2, 3, 4]).tolist() == [-1, -1, 2]
    assert idx.first_rows(k[[1, 2, 2]], [10, 11, 12]).tolist() == [3, -1, 11]


def test_survey_sample_as_csv_in_chunks_matches_the_xlsx(tmp_path):
    xlsx = jiekun.summarize(SAMPLES / "survey-roster.xlsx", as_of=dt.date(2025, 12, 31))
    csv_path = tmp_path / "survey.csv"
    xlsx.roster.data.to_csv(csv_path, index=False, encoding="utf-8-sig")
    chunked = jiekun.summarize(csv_path, as_of=dt.date(2025, 12, 31), chunk_rows=5000)
    a, b = xlsx.to_json(), chunked.to_json()
    for k in ("source", "sheet"):
        a.pop(k), b.pop(k)
    assert a == b


def test_a_cut_off_last_line_is_kept_whatever_the_chunk_size(tmp_path, monkeypatch):
    """The streaming reader parses ahead: an odd row can be reported while an earlier chunk
    is handed over. It must still land at its own row number, and no chunk may break."""
    import jiekun.io.text as text

    monkeypatch.setattr(text, "STREAM_BLOCK", 4096)  # many small blocks, as a large file has
    rows = [f"甲{i},{make_id('19800101', True, i)},男,,初中,厂,2,{300 + i % 7}," for i in range(1, 3001)]
    rows.append("乙,990101198001")  # the last line, cut off mid-row
    p = write_csv(tmp_path / "cut.csv", rows)
    p.write_bytes(p.read_bytes().rstrip(b"\n"))
    whole = jiekun.summarize(p, as_of=AS_OF)
    for chunk_rows in (100, 977, 1000, 2500):
        chunked = jiekun.summarize(p, as_of=AS_OF, chunk_rows=chunk_rows)
        assert chunked.to_json() == whole.to_json(), chunk_rows
    assert whole.tally.rows_read == 3001
    cut = whole.problems[whole.problems["row"] == 3002]
    assert not cut.empty  # the cut-off row is read, at its own row (its ID is too short)


def test_a_gbk_row_past_the_head_is_read_once_whole_or_in_chunks(tmp_path, monkeypatch):
    """The head is plain ASCII (it reads as UTF-8), a row past it is GBK: the reader starts
    again in GB18030, and no record is handed out twice."""
    import jiekun.io.text as text

    monkeypatch.setattr(text, "STREAM_BLOCK", 4096)
    head = "name,idnumber,gender,birthdate,education,employer,householdsize,householdincome"
    # past the first megabyte, where the encoding is chosen
    lines = [f"w{i},{make_id('19800101', True, i)},m,,x,y,2,{300 + i}" for i in range(1, 20001)]
    data = "\n".join([head, *lines]).encode("ascii") + "\n张三,,男,,初中,厂,2,300\n".encode("gbk")
    p = tmp_path / "mixed.csv"
    p.write_bytes(data)
    whole = jiekun.summarize(p, as_of=AS_OF)
    chunked = jiekun.summarize(p, as_of=AS_OF, chunk_rows=3000)
    assert whole.tally.rows_read == chunked.tally.rows_read == 20001
    assert chunked.to_json() == whole.to_json()
