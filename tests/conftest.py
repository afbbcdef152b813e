"""Shared helpers: synthetic IDs and small rosters written in tmp_path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jiekun.model.ids import id_check_digit

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
AS_OF = dt.date(2025, 12, 31)


def make_id(birth: str, male: bool, seq: int = 1, area: str = "990101") -> str:
    """A synthetic 18-digit ID (area code 99xxxx exists nowhere) with a valid check digit."""
    s = (2 * (seq % 50) + (1 if male else 0)) % 10
    first17 = f"{area}{birth}{seq % 100:02d}{s}"
    return first17 + id_check_digit(first17)


HEADER = "姓名,身份证号,性别,出生日期,文化程度,工作单位,家庭人口,家庭月收入,致困原因"


def write_csv(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding=encoding)
    return path


@pytest.fixture
def as_of() -> dt.date:
    return AS_OF
