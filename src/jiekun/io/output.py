"""Writing output files safely: atomically, never over the input, never without --force."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from jiekun.errors import OutputError


def check_target(out: Path, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse to write over an input file (even with --force) or an existing file without it."""
    for src in inputs:
        try:
            if (out.exists() and src.exists() and out.samefile(src)) or out.resolve() == src.resolve():
                raise OutputError.say("io", "out_is_input", out=out)
        except OSError:
            pass
    if out.exists() and not force:
        raise OutputError.say("io", "out_exists", out=out)
    if out.exists() and out.is_dir():
        raise OutputError.say("io", "out_is_dir", out=out)
    if not out.parent.exists():
        raise OutputError.say("io", "out_no_dir", dir=out.parent)


def write_via_temp(out: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``out``, then rename it into place.

    A crash or an exception mid-write leaves no partial file behind.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_path, 0o666 & ~umask)  # mkstemp makes it owner-only; a report is an ordinary file
        os.replace(tmp_path, out)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_atomic(out: Path, data: bytes) -> None:
    """Write bytes to ``out`` atomically."""
    write_via_temp(Path(out), lambda p: p.write_bytes(data))


def default_output(source: str | Path, tag: str, suffix: str = ".xlsx") -> Path:
    """``<source stem>-<tag><suffix>`` in the current folder: where a command writes without ``-o``."""
    return Path.cwd() / f"{Path(source).stem}-{tag}{suffix}"


def check_workbook(out: Path, *, force: bool, inputs: Sequence[Path], area: str) -> None:
    """:func:`check_target` for a workbook: also refuse a name not ending in .xlsx, with the
    ``not_xlsx`` message of ``area`` (``OutputError``)."""
    if out.suffix.lower() != ".xlsx":
        raise OutputError.say(area, "not_xlsx", name=out.name)
    check_target(out, force=force, inputs=tuple(Path(x) for x in inputs))
