"""One input file's bytes, read once: its head sniffed, the rest read or streamed, all hashed.

Every reader gets the file from here, so each byte is read from disk once and the
SHA-256 of the file (:attr:`Roster.sha256 <jiekun.model.roster.Roster.sha256>`) costs
no second pass: the digest is updated as the bytes go by.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import BinaryIO

from jiekun.errors import InputError

HEAD_BYTES = 1 << 20  # the head: sniffed, decoded for encoding and delimiter, searched for the header


class FileBytes:
    """The bytes of one file as the readers take them (see the module docstring)."""

    def __init__(self, path: Path, given: str):
        self.path, self.given = path, given
        self._hash = hashlib.sha256()
        self._done = 0  # bytes hashed so far (always a prefix of the file)
        self._eof = False
        try:
            with path.open("rb") as f:
                self.head = f.read(HEAD_BYTES)
        except PermissionError:
            raise InputError.say("io", "no_permission", path=path) from None
        except OSError as e:
            raise InputError.say("io", "unreadable", path=path, reason=e.strerror or e) from None
        self._seen(0, self.head, len(self.head) < HEAD_BYTES)

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    def _seen(self, at: int, data: bytes, eof: bool) -> None:
        """Hash the part of ``data`` (read at offset ``at``) not hashed yet."""
        if at <= self._done < at + len(data):
            self._hash.update(memoryview(data)[self._done - at :])
            self._done = at + len(data)
        self._eof = self._eof or (eof and at + len(data) >= self._done)

    def read_all(self) -> bytes:
        """The whole file."""
        if self._eof and self._done == len(self.head):
            return self.head
        with self.path.open("rb") as f:
            f.seek(len(self.head))
            rest = f.read()
        self._seen(len(self.head), rest, True)
        return self.head + rest

    def open(self) -> BinaryIO:
        """A stream of the file from its first byte (the head from memory, then the disk)."""
        return _Stream(self)  # type: ignore[return-value]

    @property
    def sha256(self) -> str:
        """Hex digest of the file's bytes (reads what no reader has read, if anything)."""
        if not self._eof:
            with self.path.open("rb") as f:
                f.seek(self._done)
                while block := f.read(16 << 20):
                    self._seen(self._done, block, False)
            self._eof = True
        return self._hash.hexdigest()


class _Stream:
    """A read-only file object over :class:`FileBytes` (what pyarrow's CSV reader reads)."""

    def __init__(self, src: FileBytes):
        self.src, self.pos, self.closed = src, 0, False
        self._file: BinaryIO | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self.pos

    def read(self, n: int = -1) -> bytes:
        head = self.src.head
        if self.pos < len(head):
            data = head[self.pos :] if n < 0 else head[self.pos : self.pos + n]
        else:
            if self._file is None:
                self._file = self.src.path.open("rb")
                self._file.seek(self.pos)
            data = self._file.read(n)
            self.src._seen(self.pos, data, n < 0 or len(data) < n)
        self.pos += len(data)
        return data

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self.closed = True

    def __enter__(self) -> _Stream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
