"""Many files, and one large file cut into partitions, on a Dask cluster give the JSON of
the same rows in one file on one machine."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

import openpyxl
import pytest
from conftest import AS_OF, HEADER, make_id, write_csv
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app
from jiekun.pipeline import dask_engine, dask_parts

distributed = pytest.importorskip("distributed")


def _worker(i: int, name: str = "职工", income: int = 500, size: int = 2) -> str:
    return f"{name}{i},{make_id(f'1980{i % 12 + 1:02d}15', i % 2 == 0, i)},,,初中,甲厂,{size},{income},"


A = [_worker(i, income=400 + 10 * i) for i in range(1, 9)]  # some at or under 280 a head
B = [_worker(i, income=300 + 20 * i) for i in range(20, 26)] + [A[2], A[5]]  # two repeats of file a
C = [A[2], "", ",,,,看望慰问", B[0], _worker(40, income=100), _worker(40, income=100), "甲厂合计,,,,,,,"]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as c:
        yield c


@pytest.fixture
def parts(tmp_path):
    d = tmp_path / "parts"
    d.mkdir()
    write_csv(d / "a.csv", A)
    write_csv(d / "b.csv", B, encoding="gbk")  # a GBK export among UTF-8 ones
    write_csv(d / "c.csv", C)
    write_csv(tmp_path / "all.csv", A + B + C)  # the same rows, one file
    return d


def _without_source(j: dict) -> dict:
    return {k: v for k, v in j.items() if k != "source"}


def test_dask_gives_the_one_machine_json_with_duplicates_across_files(parts, cluster):
    one = jiekun.summarize(parts.parent / "all.csv", as_of=AS_OF).to_json()
    local = jiekun.summarize_many(str(parts / "*.csv"), as_of=AS_OF)
    many = jiekun.summarize_many(
        str(parts / "*.csv"), engine="dask", scheduler=cluster.scheduler_address, as_of=AS_OF
    )
    assert _without_source(many.to_json()) == _without_source(local.to_json()) == _without_source(one)
    assert many.to_json()["source"] == str(parts / "*.csv")
    # planted: 8 + 6 + 1 workers counted; 2 repeats in b, 2 of a/b and 1 within c
    assert (many.tally.workers, many.tally.duplicates, many.tally.rows_read) == (15, 5, len(A + B + C))
    assert many.problems.to_dict("records") == local.problems.to_dict("records")


def test_a_duplicate_points_at_the_first_row_in_its_own_file(parts, cluster):
    many = jiekun.summarize_many(
        [parts / "a.csv", parts / "b.csv", parts / "c.csv"],
        engine="dask",
        scheduler=cluster.scheduler_address,
        as_of=AS_OF,
    )
    dups = many.problems[many.problems["code"] == "duplicate_id"]
    a, b = str(parts / "a.csv"), str(parts / "b.csv")
    got = sorted(zip(dups["file"].map(lambda f: f[-5:]), dups["row"], dups["detail"], strict=True))
    assert got == sorted(
        [
            ("b.csv", 8, f"{a}:4"),  # A[2] is row 4 of a.csv
            ("b.csv", 9, f"{a}:7"),
            ("c.csv", 2, f"{a}:4"),
            ("c.csv", 5, f"{b}:2"),
            ("c.csv", 7, "6"),  # within c: the earlier row of the same file
        ]
    )


def test_cli_glob_on_the_dask_engine(parts, cluster):
    pattern = str(parts / "*.csv")
    args = ["summary", pattern, "--as-of", AS_OF.isoformat(), "--json"]
    local = CliRunner().invoke(app, args)
    dask = CliRunner().invoke(app, [*args, "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert local.exit_code == 0, local.output
    assert dask.exit_code == 0, dask.output
    assert json.loads(dask.stdout) == json.loads(local.stdout)
    assert json.loads(dask.stdout)["workers"] == 15


def test_a_missing_file_is_an_input_error(parts, cluster):
    with pytest.raises(jiekun.InputError):
        jiekun.summarize_many(
            [parts / "a.csv", parts / "nope.csv"], engine="dask", scheduler=cluster.scheduler_address
        )


def test_help_and_the_local_engine_never_import_dask(parts):
    code = (
        "import sys\nfrom jiekun.cli import main\nsys.argv = ['jiekun', 'summary', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"import jiekun\njiekun.summarize_many({str(parts / '*.csv')!r})\n"
        "assert not {'dask', 'distributed'} & set(sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_worker_killed_mid_run_gives_the_same_figures(tmp_path):
    """The scheduler reruns a dead worker's partitions elsewhere (timing decides which ones)."""
    for f in range(6):  # 6 files of 3,200 rows; IDs repeat across them
        rows = [_worker(i, income=200 + i % 300) for i in range(f * 3000, (f + 1) * 3000 + 200)]
        write_csv(tmp_path / f"p{f}.csv", rows)
    pattern = str(tmp_path / "*.csv")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as c:
        victim = next(iter(c.workers.values())).process.pid
        killer = threading.Timer(0.3, os.kill, (victim, signal.SIGKILL))
        killer.start()
        many = jiekun.summarize_many(pattern, engine="dask", scheduler=c.scheduler_address, as_of=AS_OF)
        killer.join()
    local = jiekun.summarize_many(pattern, as_of=AS_OF)
    assert many.to_json() == local.to_json()
    assert many.tally.rows_read == 6 * 3200
    assert many.problems.to_dict("records") == local.problems.to_dict("records")


def _workbook(path, sheets: dict[str, list[str]]):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for line in [HEADER, *rows]:
            ws.append(line.split(","))
    wb.save(path)
    return path


def test_workbooks_one_partition_each(parts, cluster):
    """xlsx files among CSV ones: the same JSON as the rows in one CSV file."""
    a = _workbook(parts / "a.xlsx", {"一月": A})
    b = _workbook(parts / "b.xlsx", {"二月": B})
    files = [a, b, parts / "c.csv"]
    one = jiekun.summarize(parts.parent / "all.csv", as_of=AS_OF).to_json()
    many = jiekun.summarize_many(files, engine="dask", scheduler=cluster.scheduler_address, as_of=AS_OF)
    local = jiekun.summarize_many(files, as_of=AS_OF)
    assert _without_source(many.to_json()) == _without_source(local.to_json())
    assert {k: v for k, v in _without_source(many.to_json()).items() if k != "sheet"} == {
        k: v for k, v in _without_source(one).items() if k != "sheet"
    }
    assert many.to_json()["sheet"] == "一月"


def test_sheet_all_reads_every_roster_sheet_of_each_workbook(parts, cluster):
    book = _workbook(parts / "ab.xlsx", {"一月": A, "二月": B})
    args = [
        "summary",
        str(book),
        str(parts / "c.csv"),
        "--sheet",
        "all",
        "--as-of",
        AS_OF.isoformat(),
        "--json",
    ]
    local = CliRunner().invoke(app, args)
    dask = CliRunner().invoke(app, [*args, "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert local.exit_code == 0, local.output
    assert json.loads(dask.stdout) == json.loads(local.stdout)
    assert json.loads(dask.stdout)["workers"] == 15  # A and B from the two sheets, c as before


def test_members_is_refused_with_several_files(parts):
    done = CliRunner().invoke(app, ["summary", str(parts / "*.csv"), "--members", "m.csv", "--lang", "en"])
    assert done.exit_code == 2
    assert "--members is for one roster file only" in done.output


# ---------------------------------------------------------------- one large file in partitions

PART = 1500  # bytes: a roster of a few hundred rows becomes a dozen partitions


def _row(i: int, unit: str = "甲厂", income: int | None = None) -> str:
    income = 200 + (i * 37) % 500 if income is None else income
    return f"职工{i},{make_id(f'1975{i % 12 + 1:02d}08', i % 2 == 0, i)},,,高中,{unit},{2 + i % 3},{income},"


def _roster() -> list[str]:
    """Rows with duplicates, problems, blank and short rows and quoted line breaks all through."""
    rows = []
    for i in range(1, 301):
        if i % 7 == 0:
            rows.append(_row(i, unit='"甲厂\n二车间, 三班"'))  # a record over two lines
        elif i % 11 == 0:
            rows.append(_row(i - 9))  # a duplicate of a row about 10 rows (or a partition) up
        elif i % 13 == 0:
            rows.append(_row(i)[:-4] + "abc,")  # income not a number
        elif i % 17 == 0:
            rows.append("")
        elif i % 19 == 0:
            rows.append(f"职工{i},{make_id('19750101', True, i)[:-1]}0")  # short row, bad check digit
        else:
            rows.append(_row(i))
    rows += [
        _row(5),
        _row(150),
        _row(297, unit='"末""厂"'),
        ",,,,,",
        "",
    ]  # repeats of far rows, a doubled quote
    return rows


def _write(path, rows, encoding="utf-8"):
    path.write_bytes(("\n".join(["某工会2025年困难职工花名册", HEADER, *rows]) + "\n").encode(encoding))
    return path


def _one_machine_of(path) -> tuple[dict, list]:
    one = jiekun.summarize(path, as_of=AS_OF)
    return _without_source(one.to_json()), one.problems.to_dict("records")


def _parts_on_dask(path, cluster, **kw):
    many = jiekun.summarize_many(
        path, engine="dask", scheduler=cluster.scheduler_address, as_of=AS_OF, part_bytes=PART, **kw
    )
    return _without_source(many.to_json()), many.problems.drop(columns="file").to_dict("records")


def _parts(path) -> list[tuple[int, int]]:
    size = path.stat().st_size
    plan = dask_parts.plan(str(path), str(path), None, jiekun.Rules())
    spans = dask_parts.ranges(size, PART)
    return dask_parts.cuts(plan, size, [dask_parts.scan(str(path), a, b) for a, b in spans])


@pytest.mark.parametrize("walk", [True, False], ids=["walk", "shuffle"])
def test_one_file_in_partitions_is_the_one_machine_json(tmp_path, cluster, monkeypatch, walk):
    path = _write(tmp_path / "big.csv", _roster())
    data = path.read_bytes()
    inside = [a for a in range(PART, len(data), PART) if data[:a].count(b'"') % 2]
    assert inside, "some raw range starts inside a quoted field"
    assert len(_parts(path)) >= 8
    monkeypatch.setattr(dask_engine, "WALK_IDS", 10**9 if walk else 0)
    assert _parts_on_dask(path, cluster) == _one_machine_of(path)


def test_a_gbk_file_and_a_body_not_in_the_heads_encoding(tmp_path, cluster):
    rows = _roster()
    gbk = _write(tmp_path / "gbk.csv", rows, encoding="gbk")
    assert len(_parts(gbk)) >= 8
    assert _parts_on_dask(gbk, cluster) == _one_machine_of(gbk)
    # UTF-8 for the first partitions, GBK further down: read again as GB18030, which fails
    # on the UTF-8 part, so the file is refused as one machine refuses it
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        _write(tmp_path / "a.csv", rows[:150]).read_bytes() + "\n".join(rows[150:]).encode("gbk")
    )
    with pytest.raises(jiekun.InputError) as one:
        _one_machine_of(mixed)
    with pytest.raises(jiekun.InputError) as many:
        _parts_on_dask(mixed, cluster)
    assert str(many.value) == str(one.value)


def test_a_stray_quote_and_a_blank_tail_still_give_the_same_json(tmp_path, cluster):
    rows = _roster()
    rows[200] = rows[200].replace("高中", '高"中')  # a quote inside a field: no cut after it
    path = _write(tmp_path / "stray.csv", rows + [",,,,,,,"] * 300)  # blank rows over several partitions
    spans = _parts(path)
    assert 3 <= len(spans) and spans[-1][1] - spans[-1][0] > 5 * PART
    assert _parts_on_dask(path, cluster) == _one_machine_of(path)
    tail = _write(tmp_path / "tail.csv", _roster() + [",,,,,,,"] * 600)  # whole partitions of blank rows
    assert _parts_on_dask(tail, cluster) == _one_machine_of(tail)


def test_files_with_partitions_and_duplicates_across_them(tmp_path, cluster):
    rows = _roster()
    a = _write(tmp_path / "a.csv", rows)
    b = _write(tmp_path / "b.csv", rows[100:], encoding="gbk")  # repeats a's rows
    many = jiekun.summarize_many(
        [a, b], engine="dask", scheduler=cluster.scheduler_address, as_of=AS_OF, part_bytes=PART
    )
    local = jiekun.summarize_many([a, b], as_of=AS_OF)
    assert _without_source(many.to_json()) == _without_source(local.to_json())
    assert many.problems.to_dict("records") == local.problems.to_dict("records")
    dups = many.problems[(many.problems["code"] == "duplicate_id") & (many.problems["file"] == str(b))]
    assert len(dups) > 150 and dups["detail"].str.startswith(f"{a}:").all()
