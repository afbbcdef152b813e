"""Vectorised validation of Chinese resident ID numbers (GB 11643-1999).

:func:`check_ids` classifies a whole column at once: the IDs of the right
shape are turned into a ``uint8`` matrix of ASCII codes, and the check digit,
birth date and gender are computed with numpy on that matrix, never with a
Python loop per row. Values are flagged, never repaired: the
only change made to an ID is the documented conversion of a valid 15-digit
legacy number to 18 digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from jiekun.model.values import (
    DATE_DTYPE,
    WHITESPACE_RE,
    arrow_of,
    as_text,
    dates_from_parts,
    normalize_text,
    on_arrow,
)

__all__ = ["ID_STATUSES", "ascii_matrix", "check_ids", "id_check_digit", "mask_ids"]

#: Every value of ``check_ids(...)["status"]``, in the order of its categories.
ID_STATUSES: Final = (
    "blank",
    "ok",
    "legacy15",
    "lost_digits",
    "bad_checksum",
    "bad_birth",
    "bad_length",
    "bad_chars",
)
_CODE: Final = {name: code for code, name in enumerate(ID_STATUSES)}

_WEIGHTS: Final = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_CHECK_CHARS: Final = "10X98765432"
_CHECK_CODES: Final = np.frombuffer(_CHECK_CHARS.encode("ascii"), dtype=np.uint8)
_ZERO: Final = ord("0")

# What Excel makes of an ID it stored as a number: 1.10105197503080E+17 or
# 110105197503080000.0. Either way the last digits are gone.
_LOST_DIGITS_RE: Final = r"[0-9]+(?:\.[0-9]*)?[eE][+-]?[0-9]+|[0-9]+\.[0-9]+"
_LOOSE_DIGITS_RE: Final = r"[0-9]+[Xx]?"


def id_check_digit(first17: str) -> str:
    """Check character ('0'-'9' or 'X') for the first 17 digits of an 18-digit ID."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 ASCII digits, got {first17!r}")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS.tolist(), strict=True))
    return _CHECK_CHARS[total % 11]


def _check_codes(digits17: np.ndarray) -> np.ndarray:
    """ASCII codes of the check characters for an (n, 17) matrix of ASCII digits."""
    total = np.zeros(len(digits17), dtype=np.int32)
    for j, w in enumerate(_WEIGHTS.tolist()):  # 17 column operations, not a per-row product
        total += w * digits17[:, j].astype(np.int32)
    return _CHECK_CODES[(total - _ZERO * int(_WEIGHTS.sum())) % 11]


def ascii_matrix(values: pd.Series, width: int) -> np.ndarray:
    """An (n, width) uint8 matrix of the ASCII codes of strings that are all ``width`` long.

    The caller guarantees every value is ASCII and exactly ``width``
    characters. Strings backed by pyarrow already sit end to end in one
    buffer, which is read without a copy; otherwise the strings are joined.
    """
    n = len(values)
    if n == 0:
        return np.empty((0, width), dtype=np.uint8)
    if on_arrow(values):
        import pyarrow as pa

        arr = arrow_of(values)
        offset_type = np.int64 if pa.types.is_large_string(arr.type) else np.int32
        _, offsets_buf, data_buf = arr.buffers()
        offsets = np.frombuffer(offsets_buf, dtype=offset_type)[arr.offset : arr.offset + n + 1]
        start, stop = int(offsets[0]), int(offsets[-1])
        if stop - start == n * width:
            data = np.frombuffer(data_buf, dtype=np.uint8)[start:stop]
            return data.reshape(n, width)
    joined = "".join(values.tolist()).encode("ascii")
    return np.frombuffer(joined, dtype=np.uint8).reshape(n, width)


def _matrix_to_text(matrix: np.ndarray) -> np.ndarray:
    """Object array of str from an (n, width) matrix of ASCII codes."""
    width = matrix.shape[1]
    as_bytes = np.ascontiguousarray(matrix).view(f"S{width}").ravel()
    return as_bytes.astype(f"U{width}").astype(object)


def _number(matrix: np.ndarray, start: int, stop: int) -> np.ndarray:
    """The decimal number written by columns ``start:stop`` of an ASCII digit matrix."""
    out = np.zeros(len(matrix), dtype=np.int64)
    for col in range(start, stop):
        out = out * 10 + (matrix[:, col].astype(np.int64) - _ZERO)
    return out


def _clean(s: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Clean the text and find its shape.

    Returns the normalised text with every whitespace removed and a final 'x'
    upper-cased, a bool array "digits, perhaps ending in X" and a bool array
    "looks like a number Excel stored" (see ``_LOST_DIGITS_RE``). The regular
    expressions beyond the first only run on the few cells that are not plain
    digits, which keeps a million IDs fast.
    """
    t = as_text(normalize_text(s))
    digits = t.str.fullmatch(_LOOSE_DIGITS_RE).to_numpy(dtype=bool, copy=True)
    odd = ~digits & (t != "").to_numpy(dtype=bool)
    lost = np.zeros(len(t), dtype=bool)
    if odd.any():
        t = t.copy()
        # whitespace anywhere, and the apostrophe or backtick clerks type to force text
        rest = t[odd].str.replace(WHITESPACE_RE, "", regex=True).str.replace(r"^['`‘’]+", "", regex=True)
        t[odd] = rest.array
        digits[odd] = rest.str.fullmatch(_LOOSE_DIGITS_RE).to_numpy(dtype=bool)
        lost[odd] = rest.str.fullmatch(_LOST_DIGITS_RE).to_numpy(dtype=bool)
    lower_x = t.str.endswith("x").to_numpy(dtype=bool)
    if lower_x.any():
        t = t.copy()
        t[lower_x] = (t[lower_x].str.slice(0, -1) + "X").array
    return t, digits, lost


@dataclass
class _Found:
    """What :func:`check_ids` learns about each row, filled in by the 18- and 15-digit checks."""

    status: np.ndarray  # codes into ID_STATUSES
    births: np.ndarray
    male: np.ndarray
    has_sex: np.ndarray


def _check18(t: pd.Series, rows: np.ndarray, found: _Found) -> None:
    """18 digits, the last possibly X: check digit, birth date, gender, lost digits."""
    if not len(rows):
        return
    m = ascii_matrix(t.iloc[rows], 18)
    checksum_ok = _check_codes(m[:, :17]) == m[:, 17]
    birth, real = dates_from_parts(_number(m, 6, 10), _number(m, 10, 12), _number(m, 12, 14))
    ends_000 = (m[:, 15] == _ZERO) & (m[:, 16] == _ZERO) & (m[:, 17] == _ZERO)
    code = np.where(
        checksum_ok,
        np.where(real, _CODE["ok"], _CODE["bad_birth"]),
        np.where(ends_000, _CODE["lost_digits"], _CODE["bad_checksum"]),
    )
    found.status[rows] = code
    trusted = real & (code != _CODE["lost_digits"])
    found.births[rows[trusted]] = birth[trusted]
    sex_known = code != _CODE["lost_digits"]
    found.has_sex[rows] = sex_known
    found.male[rows] = sex_known & ((m[:, 16] - _ZERO) % 2 == 1)


def _check15(t: pd.Series, rows: np.ndarray, found: _Found) -> pd.Series:
    """15-digit legacy numbers (6-digit area, yymmdd in the 1900s, 3-digit sequence); the IDs, real ones as 18 digits."""
    if not len(rows):
        return t
    m = ascii_matrix(t.iloc[rows], 15)
    birth, real = dates_from_parts(1900 + _number(m, 6, 8), _number(m, 8, 10), _number(m, 10, 12))
    found.status[rows] = np.where(real, _CODE["legacy15"], _CODE["bad_birth"])
    found.births[rows[real]] = birth[real]
    found.has_sex[rows] = True
    found.male[rows] = (m[:, 14] - _ZERO) % 2 == 1
    if not real.any():
        return t
    good = m[real]
    first17 = np.concatenate(
        [good[:, :6], np.full((len(good), 2), [ord("1"), ord("9")], np.uint8), good[:, 6:]],
        axis=1,
    )
    full = np.concatenate([first17, _check_codes(first17)[:, None]], axis=1)
    ids = t.copy()
    ids.iloc[rows[real]] = _matrix_to_text(full)
    return ids


def check_ids(s: pd.Series) -> pd.DataFrame:
    """Validate a column of ID numbers.

    Returns a DataFrame with the index of ``s`` and columns:

    * ``id`` (str): the cleaned ID (NFKC, whitespace removed, final x
      upper-cased); valid 15-digit numbers converted to 18 digits; '' when
      blank. Invalid values are kept as cleaned so they can be shown.
    * ``status`` (Categorical of :data:`ID_STATUSES`): blank, ok, legacy15,
      lost_digits (scientific notation, a decimal point, or 18 digits ending
      in 000 with a wrong check digit), bad_checksum, bad_birth (impossible
      date or year outside 1900..2100), bad_length, bad_chars.
    * ``birth`` (``DATE_DTYPE``): birth date from the digits when it is a real
      date and the status is ok, legacy15 or bad_checksum; else NaT.
    * ``male`` (nullable boolean): the parity of the 17th digit (15th for
      legacy numbers) for ok, legacy15, bad_checksum and bad_birth; else NA.
    * ``valid`` (bool): status is ok or legacy15.
    """
    t, digits, lost = _clean(s)
    n = len(t)
    length = t.str.len().to_numpy(dtype=np.int64)
    ends_x = t.str.endswith("X").to_numpy(dtype=bool)

    status = np.full(n, _CODE["bad_chars"], dtype=np.int8)
    status[digits] = _CODE["bad_length"]
    status[lost] = _CODE["lost_digits"]
    status[length == 0] = _CODE["blank"]
    found = _Found(
        status, np.full(n, np.datetime64("NaT"), dtype=DATE_DTYPE), np.zeros(n, bool), np.zeros(n, bool)
    )
    _check18(t, np.flatnonzero(digits & (length == 18)), found)
    ids = _check15(t, np.flatnonzero(digits & ~ends_x & (length == 15)), found)
    status, births, male, has_sex = found.status, found.births, found.male, found.has_sex

    return pd.DataFrame(
        {
            "id": ids.array,
            "status": pd.Categorical.from_codes(status, categories=list(ID_STATUSES)),
            "birth": births,
            "male": pd.arrays.BooleanArray(male, ~has_sex),
            "valid": (status == _CODE["ok"]) | (status == _CODE["legacy15"]),
        },
        index=s.index,
    )


def mask_ids(s: pd.Series) -> pd.Series:
    """Mask IDs for display: first 6 and last 4 characters kept, the rest '*'.

    110105197503080021 becomes 110105********0021. A value shorter than 10
    characters becomes all '*' (same length); a blank stays blank. The text is
    normalised first, so a full-width or padded value is masked by its real
    characters.
    """
    t = as_text(normalize_text(s))
    length = t.str.len().to_numpy(dtype=np.int64)
    out = t.copy()
    for size in np.unique(length[length > 0]).tolist():
        rows = length == size
        if size < 10:
            out[rows] = "*" * size
        else:
            part = t[rows]
            out[rows] = (part.str.slice(0, 6) + "*" * (size - 10) + part.str.slice(-4)).array
    return out.rename(s.name)
