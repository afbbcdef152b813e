"""Many files on a Dask cluster give the JSON of the same rows in one file on one machine."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

import pytest
from conftest import AS_OF, make_id, write_csv
from typer.testing import CliRunner

import jiekun
from jiekun.cli.app import app

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


def test_sheet_is_refused_with_several_files(parts):
    done = CliRunner().invoke(app, ["summary", str(parts / "*.csv"), "--sheet", "1", "--lang", "en"])
    assert done.exit_code == 2
    assert "--sheet is for one roster file only" in done.output
