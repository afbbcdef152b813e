"""Untrusted workbooks cannot take the process down (see docs/design.md, "Untrusted files").

The native reader (python-calamine, Rust) trusts numbers inside a file: a sector chain
that loops or a count of billions makes it allocate until the machine dies, and Rust
aborts the whole process when an allocation fails. Two guards stand before it:

1. :func:`check_ole` checks an OLE/CFB container (the ``.xls`` container) in Python
   before the reader opens it: header counts against the file's size, every sector
   chain the reader follows (no loops, no sector past the end), the workbook stream's
   first records (a password's FILEPASS record, a sheet's declared size).
2. :func:`read_native` runs the reader in a child process whose address space is
   capped (``setrlimit``, where the platform has it) — for ``.xls``/``.xlsb``, or every
   format when ``JIEKUN_READ_MEMORY_MB`` is set; an abort, a signal or a
   ``MemoryError`` in the child becomes an :class:`~jiekun.errors.InputError`, and so
   do the reader's own errors and panics (``PanicException`` derives from
   ``BaseException``). ``JIEKUN_READ_MEMORY_MB`` sets the cap; ``0`` reads in-process.
"""

from __future__ import annotations

import os
import struct
import sys
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from jiekun.errors import InputError, JiekunError
from jiekun.io.messages import both

T = TypeVar("T")

#: Environment variable: the memory cap of a native read in MB (0: read in this process).
MEMORY_ENV = "JIEKUN_READ_MEMORY_MB"
#: Environment variable that forces the start method of the child (fork, spawn, forkserver).
START_METHOD_ENV = "JIEKUN_START_METHOD"
BASE_BUDGET = 1 << 30  # what any read may use beyond the process's own size…
PER_BYTE = 64  # …plus this many bytes per byte of the file (a zip unpacks ~7×, each cell costs ~20×)
MAX_CELLS = 50_000_000  # a sheet's declared box beyond this is refused (the reader reserves it)
CUT = 80  # characters of a value quoted in a message
_UNPRINTABLE = dict.fromkeys([*range(32), 127], " ")

_END, _FREE, _FATSECT, _DIFSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC


def clip(value: object, limit: int = CUT) -> str:
    """``value`` as text, cut to ``limit`` characters (a cell or a sheet name quoted in a message)."""
    text = str(value)[: limit * 4]
    text = " ".join(text.translate(_UNPRINTABLE).split())  # NULs and control bytes of a binary file
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ the child process


def start_method() -> str:
    """``JIEKUN_START_METHOD``, else fork on Linux (no start-up cost), else spawn."""
    return os.environ.get(START_METHOD_ENV) or ("fork" if sys.platform.startswith("linux") else "spawn")


def _isolated(data: bytes, fmt: str) -> bool:
    """Whether the read goes to a capped child: always when ``JIEKUN_READ_MEMORY_MB`` is set,
    else for the binary formats whose sizes cannot all be checked beforehand (``.xls``,
    ``.xlsb``). An ``.xlsx``/``.ods`` is read here: its sheets' boxes, shared strings and
    unpacked size were checked by :func:`jiekun.io.sniff.check_zip`, and a child would cost
    a quarter of the read (the cells travel back through a pipe).
    """
    if os.environ.get(MEMORY_ENV, "").strip():
        return True
    return fmt == "xls" or (data[:2] == b"PK" and b"xl/workbook.bin" in data[-65536:].lower())


def budget(size: int) -> int | None:
    """Bytes a native read may add to the process; None: read in this process (no cap)."""
    given = os.environ.get(MEMORY_ENV, "").strip()
    if given:
        try:
            mb = int(given)
        except ValueError:
            mb = -1
        if mb < 0:
            raise InputError.say("io", "bad_memory_env", env=MEMORY_ENV, value=clip(given, 20))
        return mb << 20 or None
    try:
        import resource  # noqa: F401  (POSIX only: Windows reads in-process, guarded by the checks)
    except ImportError:
        return None
    return BASE_BUDGET + PER_BYTE * size


def read_native(fn: Callable[[bytes, str], T], data: bytes, fmt: str, path: Path) -> T:
    """``fn(data, fmt)`` — a top-level function calling the native reader — guarded.

    An ``xls`` is checked by :func:`check_ole` first (zips are checked by
    :func:`jiekun.io.sniff.check_zip`). The read runs in a child process with its
    memory capped where the platform allows, else here; every failure of the reader
    becomes an ``InputError`` naming ``path``.
    """
    if fmt == "xls":
        check_ole(data, path)
    cap = budget(len(data)) if _isolated(data, fmt) else None
    if cap is None:
        outcome = _attempt(fn, data, fmt)
    else:
        outcome = _in_child(fn, data, fmt, cap)
    return _settle(outcome, path, fmt, cap)


def _attempt(fn: Callable[[bytes, str], Any], data: bytes, fmt: str) -> tuple:
    """``("ok", result)`` or what went wrong, as picklable data."""
    try:
        return ("ok", fn(data, fmt))
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except JiekunError as e:
        return ("jiekun", type(e), e.texts)
    except MemoryError:
        return ("memory", "")
    except BaseException as e:
        if not _from_reader(e):
            raise  # the caller's own exceptions (and jiekun's bugs) go through unchanged
        first = str(e).strip().splitlines()
        return ("reader", type(e).__name__, clip(first[0] if first else type(e).__name__, 160))


def _from_reader(e: BaseException) -> bool:
    """An error of the reader (its own types, a panic, a conversion of a cell), not jiekun's bug."""
    module = type(e).__module__ or ""
    if module.startswith(("python_calamine", "pyo3_runtime")) or type(e).__name__ == "PanicException":
        return True
    return isinstance(e, ValueError | OverflowError | OSError | EOFError | UnicodeError)


def _child(conn, fn, data: bytes, fmt: str, cap: int) -> None:
    _cap_memory(cap)
    import faulthandler

    faulthandler.disable()  # an abort here is expected: the parent says what happened…
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # …and Rust's backtrace is not for the clerk
    try:
        outcome = _attempt(fn, data, fmt)
    except BaseException as e:
        outcome = ("raise", e)
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory", ""))
    except Exception as e:  # an exception that does not pickle
        conn.send(("bug", f"{type(outcome[-1]).__name__}: {e}"))
    conn.close()


def _cap_memory(cap: int) -> None:
    """Cap this process's address space at its present size plus ``cap`` (where enforced)."""
    try:
        import resource

        size = _address_space()
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = size + cap
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass  # no cap here: the structural checks still stand


def _address_space() -> int:
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return rss if sys.platform == "darwin" else rss * 1024


def _in_child(fn: Callable[[bytes, str], Any], data: bytes, fmt: str, cap: int) -> tuple:
    import multiprocessing as mp

    if mp.current_process().daemon:
        return _attempt(fn, data, fmt)  # a daemonic worker (multiprocessing.Pool) may not have children
    ctx = mp.get_context(start_method())
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, fn, data, fmt, cap))
    child.start()
    send.close()
    try:
        outcome = receive.recv()
    except (EOFError, OSError, MemoryError, ValueError):
        outcome = None  # the child died before it could answer
    except BaseException:
        child.kill()
        raise
    finally:
        receive.close()
        child.join()
    return outcome if outcome is not None else ("died", child.exitcode)


def _settle(outcome: tuple, path: Path, fmt: str, cap: int | None) -> Any:
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "jiekun":
        raise outcome[1](outcome[2])
    if kind == "raise":
        raise outcome[1]
    if kind == "bug":
        raise RuntimeError(outcome[1])
    mb = f"{(cap or 0) >> 20:,}"
    if kind == "memory":
        raise InputError.say("io", "reader_memory", path=path, mb=mb)
    if kind == "died":
        code = outcome[1] if isinstance(outcome[1], int) else 0
        how = _HOW.get(-code, "how_crash") if code < 0 else "how_exit"
        raise InputError(
            both("io", lambda w: w["reader_died"].format(path=path, mb=mb, how=w[how].format(code=code)))
        )
    name, detail = outcome[1], outcome[2]
    if name == "PasswordError" or "password" in detail.lower() or "encrypt" in detail.lower():
        raise InputError.say("io", "password", path=path)
    if name == "PanicException":
        raise InputError.say("io", "reader_panic", path=path, kind=fmt, detail=detail)
    raise InputError.say("io", "cannot_open", path=path, kind=fmt, detail=detail)


#: how a child died (its signal) → the words saying so
_HOW = {6: "how_abort", 9: "how_killed"}


# ------------------------------------------------------------------ OLE / CFB containers


class _Ole:
    """An OLE compound file's sectors, FAT and directory, each checked before use."""

    def __init__(self, data: bytes, path: Path):
        self.data, self.path = data, path
        if len(data) < 512:
            self.damaged("short")
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12) or mini_shift != 6:
            self.damaged("header")
        self.size = 1 << shift
        self.count = max(0, -(-(len(data) - self.size) // self.size))  # sectors after the header
        fat_len, self.dir_start, _, _, self.minifat_start, minifat_len, difat_start, difat_len = (
            struct.unpack_from("<IIIIIIII", data, 44)
        )
        if fat_len > self.count or minifat_len > self.count or difat_len > self.count:
            self.damaged("counts")
        self.minifat_len = minifat_len
        self.fat = self._fat(difat_start, fat_len)

    def damaged(self, why: str) -> None:
        """Refuse the file; ``why`` is a word of ``text/io.py`` (``why_…``)."""
        raise InputError(both("io", lambda w: w["ole_damaged"].format(path=self.path, why=w[f"why_{why}"])))

    def sector(self, i: int) -> bytes:
        at = (i + 1) * self.size
        return self.data[at : at + self.size]

    def _fat(self, difat_start: int, fat_len: int) -> array:
        ids = list(struct.unpack_from("<109I", self.data, 76))
        seen, i = set(), difat_start
        while i < _DIFSECT:
            if i >= self.count or i in seen:
                self.damaged("chain")
            seen.add(i)
            more = array("I", self.sector(i))
            ids.extend(more[:-1])
            i = more[-1]
        fat = array("I")
        for i in ids:
            if i < _DIFSECT:
                if i >= self.count:
                    self.damaged("chain")
                fat.frombytes(self.sector(i).ljust(self.size, b"\0"))
        if sys.byteorder == "big":
            fat.byteswap()
        return fat

    def chain(self, start: int, fat: array | None = None, limit: int | None = None) -> list[int]:
        """The sectors of a chain; a loop or a sector past the end is damage."""
        fat = self.fat if fat is None else fat
        limit = self.count if limit is None else limit
        out: list[int] = []
        seen: set[int] = set()
        i = start
        while i != _END and i != _FREE:
            if i >= limit or i >= len(fat) or i in seen:
                self.damaged("chain")
            seen.add(i)
            out.append(i)
            i = fat[i]
        return out

    def read(self, start: int, size: int) -> bytes:
        return b"".join(self.sector(i) for i in self.chain(start))[:size]

    def entries(self) -> dict[str, tuple[int, int]]:
        """Stream name → (first sector, size); the root entry as ``""``."""
        raw = b"".join(self.sector(i) for i in self.chain(self.dir_start))
        out: dict[str, tuple[int, int]] = {}
        for at in range(0, len(raw) - 127, 128):
            name_len, kind = struct.unpack_from("<HB", raw, at + 64)
            start, size = struct.unpack_from("<II", raw, at + 116)
            if kind == 5:
                out[""] = (start, size)
            elif kind == 2 and 2 <= name_len <= 64:
                out[raw[at : at + name_len - 2].decode("utf-16-le", "replace")] = (start, size)
        return out

    def stream(self, start: int, size: int, root: tuple[int, int]) -> bytes:
        """A stream's bytes, from the mini stream (the ``root`` entry's) when it is small, as readers do."""
        if size >= 4096:
            return self.read(start, size)
        mini = self.read(*root)
        minifat = array("I", self.read(self.minifat_start, self.minifat_len * self.size))
        sectors = self.chain(start, minifat, limit=len(mini) // 64 + 1)
        return b"".join(mini[i * 64 : i * 64 + 64] for i in sectors)[:size]


def check_ole(data: bytes, path: Path) -> None:
    """Refuse an OLE file the reader must not open: damaged, encrypted, not a workbook, absurd."""
    try:
        ole = _Ole(data, path)
        entries = ole.entries()
    except InputError:
        if any(
            name.encode("utf-16-le") in data[: 1 << 20] for name in ("EncryptedPackage", "EncryptionInfo")
        ):
            raise InputError.say("io", "encrypted", path=path) from None  # its name said enough
        raise
    if ole.minifat_len >= 256 and ole.minifat_len > len(ole.chain(ole.minifat_start)):
        ole.damaged("counts")  # calamine before 0.37 reserves 64k entries per mini FAT sector counted
    names = {n.lower(): n for n in entries}
    if "encryptedpackage" in names or "encryptioninfo" in names:
        raise InputError.say("io", "encrypted", path=path)
    book = names.get("workbook") or names.get("book")
    if book is None:
        what = next((w for key, w in _OTHER_OLE.items() if key in names), "what_ole")
        raise InputError(both("io", lambda w: w["ole_not_sheet"].format(path=path, what=w[what])))
    check_biff(ole.stream(*entries[book], root=entries.get("", (_END, 0))), path)


#: a stream that names the program of an OLE file that holds no workbook
_OTHER_OLE = {"worddocument": "what_word", "powerpoint document": "what_powerpoint"}


def check_biff(stream: bytes, path: Path) -> None:
    """The workbook stream's globals (FILEPASS: a password) and each sheet's declared box."""
    sheets = []
    for typ, body in _records(stream, 0):
        if typ == 0x002F:
            raise InputError.say("io", "password", path=path)
        if typ == 0x0085 and len(body) >= 4:
            sheets.append(struct.unpack_from("<I", body)[0])
        if typ == 0x000A:
            break
    for at in sheets:
        for n, (typ, body) in enumerate(_records(stream, at)):
            if typ == 0x0200:
                _check_dimensions(body, path)
            if typ == 0x000A or n > 256:
                break


def _records(stream: bytes, at: int):
    while at + 4 <= len(stream):
        typ, size = struct.unpack_from("<HH", stream, at)
        yield typ, stream[at + 4 : at + 4 + size]
        at += 4 + size


def _check_dimensions(body: bytes, path: Path) -> None:
    """A sheet's DIMENSIONS record, sized as the reader sizes it (which reserves the box)."""
    if len(body) == 14:
        first_row, end_row, first_col, end_col = struct.unpack_from("<IIHH", body)
    elif len(body) == 10:
        first_row, end_row, first_col, end_col = struct.unpack_from("<HHHH", body)
    else:
        return
    if first_col > 0xFF or end_col < first_col:
        first_col = 0
    rows, cols = (end_row - first_row) % (1 << 32), end_col - first_col
    if end_row >= 1 and end_col >= 1 and rows * cols > MAX_CELLS:
        raise InputError.say("io", "huge_box", path=path, rows=f"{rows:,}", cols=f"{cols:,}")
