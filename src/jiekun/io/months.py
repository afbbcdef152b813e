"""The months of a series from file names and ``--month`` values, and the roster files of a folder.

A month is written ``YYYY-MM``. :func:`roster_files` expands folders to the files
jiekun reads (:data:`jiekun.io.reading.SUFFIXES`); :func:`assign_months` gives
each file its month and refuses a series that is ambiguous.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

from jiekun.errors import InputError
from jiekun.io.messages import both
from jiekun.io.reading import SUFFIXES

# The month in a file name: 2025-03, 2025_03, 2025.03, 2025-3, 202503, 20250331,
# 2025年3月, 2025年03月. The leftmost match wins; digits may not run on either side.
_Y = r"(?:19|20)[0-9]{2}"
_MONTH_RE = re.compile(
    rf"(?<![0-9])(?P<y1>{_Y})[-_.](?P<m1>0?[1-9]|1[0-2])(?![0-9])"
    rf"|(?<![0-9])(?P<y2>{_Y})(?P<m2>0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])?(?![0-9])"
    rf"|(?<![0-9])(?P<y3>{_Y})\s*年\s*(?P<m3>0?[1-9]|1[0-2])\s*月"
)
_MONTH_ARG = re.compile(r"^\s*((?:19|20)[0-9]{2})\s*[-_./年]?\s*(0?[1-9]|1[0-2])\s*月?\s*$")


# ------------------------------------------------------------------ months and files


def month_from_name(name: str | Path) -> str | None:
    """The month a roster's file name states, as ``YYYY-MM``; None when it states none.

    Only the stem is searched (full-width digits allowed); the first match wins.

    >>> month_from_name("花名册2025年3月.xlsx"), month_from_name("roster_202503.csv")
    ('2025-03', '2025-03')
    >>> month_from_name("2025.11 困难职工.xlsx"), month_from_name("名单.xlsx")
    ('2025-11', None)
    """
    stem = unicodedata.normalize("NFKC", Path(name).stem if isinstance(name, Path) else Path(str(name)).stem)
    m = _MONTH_RE.search(stem)
    if not m:
        return None
    year = m["y1"] or m["y2"] or m["y3"]
    month = m["m1"] or m["m2"] or m["m3"]
    return f"{year}-{int(month):02d}"


def parse_month(value: str) -> str:
    """A ``--month`` value (2025-03, 2025-3, 202503, 2025年3月) as ``YYYY-MM``."""
    m = _MONTH_ARG.match(unicodedata.normalize("NFKC", value))
    if not m:
        raise InputError.say("flows", "bad_month", value=value)
    return f"{m[1]}-{int(m[2]):02d}"


def end_of_month(month: str) -> dt.date:
    """The last day of ``YYYY-MM`` (the default as-of date of that month's roster)."""
    y, m = (int(x) for x in month.split("-"))
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _is_jiekun_output(path: Path) -> bool:
    """True for a workbook jiekun wrote (its document properties name jiekun as the author)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml")[:4000].decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return "<dc:creator>jiekun</dc:creator>" in core


def roster_files(paths: Sequence[str | Path], notes: list[str] | None = None) -> list[tuple[str, Path]]:
    """The roster files named by ``paths`` (folders expanded), as (source as given, path).

    A folder contributes its files ending in one of :data:`~jiekun.io.reading.SUFFIXES`, in
    name order, not searched recursively. Hidden files, Office lock and temp
    files (``~$x.xlsx``, ``.~lock…``) and workbooks jiekun wrote are skipped;
    skipped jiekun workbooks are mentioned in ``notes``.
    """
    out: list[tuple[str, Path]] = []
    if not paths:
        raise InputError.say("flows", "no_paths")
    for given in paths:
        p = Path(given)
        if not p.exists():
            raise InputError.say("flows", "not_found", path=given)
        out += _folder_files(p, given, notes) if p.is_dir() else [(str(given), p)]
    seen: dict[Path, str] = {}
    for source, p in out:
        key = p.resolve()
        if key in seen:
            raise InputError.say("flows", "given_twice", first=seen[key], second=source)
        seen[key] = source
    return out


def _folder_files(folder: Path, given: str | Path, notes: list[str] | None) -> list[tuple[str, Path]]:
    """The roster files of one folder, in name order (see :func:`roster_files`)."""
    from jiekun.text import words

    found = []
    for child in sorted(folder.iterdir(), key=lambda c: c.name):
        name = child.name
        if name.startswith((".", "~")) or not child.is_file() or child.suffix.lower() not in SUFFIXES:
            continue
        if _is_jiekun_output(child):
            if notes is not None:
                notes.append(words("flows")["note_skipped_own"].format(name=name))
            continue
        found.append((str(folder / name), child))
    if not found:
        raise InputError(
            both("flows", lambda w: w["empty_folder"].format(path=given, suffixes=w["sep"].join(SUFFIXES)))
        )
    return found


def assign_months(
    files: Sequence[tuple[str, Path]], months: Sequence[str] | None = None
) -> list[tuple[str, str, Path]]:
    """(month, source, path) for each file, sorted by month.

    The month comes from ``months`` (one per file, in order) when given, else
    from each file name. A file without a month, or two files with the same
    month, raise ``InputError`` naming the files.
    """
    if months:
        if len(months) != len(files):
            names = [Path(s).name for s, _ in files]
            raise InputError(
                both(
                    "flows",
                    lambda w: w["month_count"].format(
                        months=len(months), files=len(files), names=w["sep"].join(names)
                    ),
                )
            )
        tagged = [(parse_month(m), s, p) for m, (s, p) in zip(months, files, strict=True)]
    else:
        tagged = [(month_from_name(p.name), s, p) for s, p in files]
        unnamed = [s for m, s, _ in tagged if m is None]
        if unnamed:
            raise InputError(both("flows", lambda w: w["no_month"].format(files=w["sep"].join(unnamed))))
    by_month: dict[str, list[str]] = {}
    for m, s, _ in tagged:
        by_month.setdefault(m, []).append(s)
    clashes = {m: ss for m, ss in by_month.items() if len(ss) > 1}
    if clashes:

        def build(w: dict) -> str:
            each = [
                w["month_files"].format(month=m, files=w["sep"].join(ss)) for m, ss in sorted(clashes.items())
            ]
            return w["same_month"].format(clashes=w["clause_sep"].join(each))

        raise InputError(both("flows", build))
    return sorted(tagged, key=lambda t: t[0])  # type: ignore[arg-type,return-value]
