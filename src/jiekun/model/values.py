"""Vectorised parsing of the text cells of a roster: clean text, numbers and dates.

Every cell of a roster is read as text (never as Excel's guess), so these functions turn
Series of str into float64 and datetime64 columns. They never raise on bad
input: a value that cannot be parsed becomes NaN/NaT and the caller reports it.

Implementation notes:

* Work is done once per *unique* value (``pd.factorize``) for numbers and
  dates, which repeat a lot in rosters, and then broadcast back by code.
* Regular expressions use ``[0-9]`` rather than ``\\d`` and no look-arounds or
  back-references, so that they mean the same in Python's ``re`` and in RE2,
  which pandas uses for strings backed by pyarrow (the default ``str`` dtype
  in pandas 3 when pyarrow is installed).
* ``Series.str.extract`` on pyarrow strings is a slow Python loop in pandas
  3.1, so :func:`_extract_ints` calls ``pyarrow.compute.extract_regex``
  directly when it can.
"""

from __future__ import annotations

import re
from typing import Final

import numpy as np
import pandas as pd

__all__ = [
    "DATE_DTYPE",
    "arrow_of",
    "as_text",
    "coded",
    "dates_from_parts",
    "normalize_text",
    "on_arrow",
    "parse_dates",
    "parse_numbers",
    "stripped_blank",
]

#: dtype of every date column jiekun produces (dates have no time of day).
DATE_DTYPE: Final = np.dtype("datetime64[s]")

# Whitespace that may surround or sit inside a cell: ASCII whitespace, NBSP,
# the ideographic space U+3000, the other Unicode spaces and the zero-width
# characters Excel and web forms leave behind (BOM, ZWSP, ZWJ, word joiner).
WHITESPACE: Final = (
    " \t\n\r\f\v\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"
)
WHITESPACE_RE: Final = "[" + WHITESPACE.replace("\\", "\\\\") + "]"

_MIN_YEAR: Final = 1900
_MAX_YEAR: Final = 2100
_DAYS_IN_MONTH: Final = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])

# --------------------------------------------------------------------------- text


def _to_text(s: pd.Series) -> pd.Series:
    """Return ``s`` as pandas' default string dtype with blanks (NaN, None, NA) as ''."""
    if s.dtype != "str":  # object, "string" (pd.NA), category, numbers...
        try:
            s = s.astype("str")
        except UnicodeEncodeError:  # lone surrogates cannot go into pyarrow
            s = s.astype(object).map(_scrub, na_action="ignore").astype("str")
    if arrow_of(s).null_count if on_arrow(s) else s.hasnans:
        s = s.fillna("")
    return s


def on_arrow(s: pd.Series) -> bool:
    """Is ``s`` a str Series backed by pyarrow (pandas 3's default with pyarrow installed)?"""
    return isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"


def arrow_of(s: pd.Series):
    """The pyarrow array under a str Series (no copy)."""
    import pyarrow as pa

    arr = pa.array(s.array)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _needs_nfkc(t: pd.Series) -> np.ndarray:
    """Cells holding a character other than ASCII and the CJK unified ideographs U+4E00..U+9FFF.

    NFKC leaves those alone, so only these cells are normalised. On pyarrow strings a
    column of ASCII alone (IDs, phones, amounts) is recognised in one pass without a
    regular expression; otherwise pyarrow's RE2 runs the pattern, without pandas' check
    of the pattern on every call.
    """
    if not on_arrow(t) or not len(t):
        return t.str.contains(_NEEDS_NFKC, regex=True).fillna(False).to_numpy(dtype=bool)
    import pyarrow.compute as pc

    arr = arrow_of(t)
    if pc.all(pc.string_is_ascii(arr)).as_py() is not False:
        return np.zeros(len(t), dtype=bool)
    return np.asarray(pc.match_substring_regex(arr, _NEEDS_NFKC).fill_null(False), dtype=bool)


def _scrub(value: object) -> str:
    """``str(value)`` with characters UTF-8 cannot encode (lone surrogates) replaced."""
    return str(value).encode("utf-8", "replace").decode("utf-8")


_NEEDS_NFKC: Final = "[^\x00-\x7f\u4e00-\u9fff]"


def _normalize(t: pd.Series) -> pd.Series:
    """NFKC-normalise and strip a Series that is already of the default string dtype."""
    # NFKC leaves ASCII and the CJK unified ideographs alone: only other cells need it
    odd = _needs_nfkc(t)
    if odd.any():
        t = t.copy()
        t[odd] = t[odd].str.normalize("NFKC").array
    return t.str.strip(WHITESPACE)


def normalize_text(s: pd.Series) -> pd.Series:
    """NFKC-normalise and strip every cell; NaN/None become ''.

    NFKC turns full-width digits, letters and punctuation (１２３, ＡＢ, （）) into
    ASCII, so later patterns only need to know ASCII. Stripping covers the
    ideographic space, NBSP and zero-width characters as well as ASCII
    whitespace. Returns a Series of pandas' default string dtype with the same
    index and name. NFKC is only applied to non-ASCII cells, which keeps a
    column of ASCII ID numbers fast.

    A categorical column (:func:`coded`: a field whose values repeat) stays
    categorical: only its distinct values are normalised, and values that become
    equal are merged, so every later rule works on the distinct values too.
    """
    if isinstance(s.dtype, pd.CategoricalDtype):
        return _normalize_categories(s)
    return _normalize(_to_text(s))


def coded(s: pd.Series, most: float = 0.1) -> pd.Series:
    """``s`` as a categorical Series when it repeats (at most ``most`` distinct values a row), else ``s``.

    Roster columns such as gender, education, employer, birth date or household size
    hold few distinct values; coded, every later rule (normalising, parsing, matching
    words) runs once per distinct value (docs/design.md, "Speed"). A sample of the
    first rows spares the attempt on columns of IDs, names and phone numbers.
    """
    if not on_arrow(s) or len(s) < 64:
        return s
    arr = arrow_of(s)
    if arr.null_count:
        arr = arr.fill_null("")
    sample = arr.slice(0, 1000)
    if len(sample.unique()) * 2 > len(sample):
        return s
    d = arr.dictionary_encode()
    if len(d.dictionary) > most * len(d):
        return s
    categories = pd.Index(pd.array(d.dictionary, dtype="str"))
    codes = d.indices.to_numpy(zero_copy_only=False)
    cat = pd.Categorical.from_codes(codes, categories=categories, validate=False)
    return pd.Series(cat, index=s.index, name=s.name)


def _normalize_categories(s: pd.Series) -> pd.Series:
    """:func:`normalize_text` of a categorical Series, done once per category."""
    before = _categories(s)
    after = _normalize(before)
    codes = s.cat.codes.to_numpy()
    if s.cat.categories.dtype == "str" and not (codes < 0).any() and bool((after == before).all()):
        return s  # already clean and nothing missing (the usual case)
    merged, uniques = pd.factorize(after)
    is_empty = np.asarray(uniques == "", dtype=bool)
    if not is_empty.any():  # '' is a category: blanks (code -1) and stripped-away cells
        uniques = uniques.append(pd.Index([""], dtype="str"))
        is_empty = np.append(is_empty, True)
    empty = int(np.flatnonzero(is_empty)[0])
    new = np.where(codes < 0, empty, np.append(merged, empty)[codes])
    cat = pd.Categorical.from_codes(new, categories=uniques, validate=False)
    return pd.Series(cat, index=s.index, name=s.name)


def _categories(s: pd.Series) -> pd.Series:
    """The categories of a categorical Series as a str Series (no copy when they are str already)."""
    return _to_text(pd.Series(s.cat.categories, copy=False))


def stripped_blank(s: pd.Series) -> np.ndarray:
    """Cells that are empty or only whitespace (once per category for a categorical column)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy()
        if len(s.cat.categories) <= 4 * len(s):
            empty = np.append((_categories(s).str.strip(WHITESPACE) == "").to_numpy(bool), True)
            return empty[codes]  # code -1 (a missing cell) picks the appended True
        s = as_text(s)
    return (_to_text(s).str.strip(WHITESPACE) == "").to_numpy(dtype=bool)


def as_text(s: pd.Series) -> pd.Series:
    """``s`` as pandas' default string dtype; a categorical one is expanded through pyarrow (fast)."""
    if not isinstance(s.dtype, pd.CategoricalDtype):
        return _to_text(s)
    import pyarrow as pa

    cats = pa.array(_categories(s).array)
    codes = s.cat.codes.to_numpy()
    taken = cats.take(pa.array(codes, mask=codes < 0)).fill_null("")
    return pd.Series(pd.array(taken, dtype="str"), index=s.index, name=s.name)


def _factorize_text(s: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes and normalised unique values of ``s``; blanks get code -1.

    The uniques are factorised on the raw values, so normalisation and parsing
    run once per distinct value. Distinct raw values that normalise to the
    same text simply parse twice, which is harmless.
    """
    if isinstance(s.dtype, pd.CategoricalDtype):  # already coded: its categories are the uniques
        return s.cat.codes.to_numpy(), _normalize(_categories(s))
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    return codes, _normalize(_to_text(pd.Series(uniques)))


def _broadcast(values: np.ndarray, codes: np.ndarray, blank: object) -> np.ndarray:
    """Take ``values`` by ``codes``, where code -1 (a blank cell) gives ``blank``."""
    padded = np.empty(len(values) + 1, dtype=values.dtype)
    padded[:-1] = values
    padded[-1] = blank
    return padded[np.where(codes < 0, len(values), codes)]


def _extract_ints(u: pd.Series, pattern: str) -> dict[str, np.ndarray]:
    """Match ``pattern`` (anchored, named groups of digits) and return each group as int64.

    A group that did not take part in the match, or a value that does not
    match, gives 0. Callers rely on 0 never being a valid year, month, day or
    serial.
    """
    names = _group_names(pattern)
    n = len(u)
    if n and on_arrow(u):
        import pyarrow as pa
        import pyarrow.compute as pc

        matched = pc.extract_regex(arrow_of(u), pattern)
        out = {}
        for name in names:
            field = pc.struct_field(matched, name)
            field = pc.if_else(pc.equal(field, ""), None, field)
            out[name] = np.asarray(field.cast(pa.int64()).fill_null(0), dtype=np.int64)
        return out
    frame = u.str.extract(pattern, expand=True)
    out = {}
    for name in names:
        col = frame[name].astype(object)
        col = col.where(col.notna() & (col != ""), "0")
        out[name] = col.astype(np.int64).to_numpy()
    return out


def _group_names(pattern: str) -> list[str]:
    return list(re.compile(pattern).groupindex)


# ------------------------------------------------------------------------ numbers

_NUMBER: Final = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?"
    r"|\.[0-9]+(?:[eE][+-]?[0-9]+)?"
)
_CURRENCY_BEFORE: Final = r"(?:¥|[Rr][Mm][Bb]|CNY|人民币)"
_CURRENCY_AFTER: Final = r"(?:\(元\)|元|[Rr][Mm][Bb]|CNY|人民币)"
# One sign at most, before or after a leading currency sign: -¥5, ¥-5, -5.
_NUMBER_RE: Final = rf"(?:[+-]?{_CURRENCY_BEFORE}?|{_CURRENCY_BEFORE}[+-])(?:{_NUMBER}){_CURRENCY_AFTER}?"
_NOT_NUMBER_RE: Final = rf"{_CURRENCY_BEFORE}|{_CURRENCY_AFTER}|,"


def parse_numbers(s: pd.Series) -> pd.Series:
    """Parse amounts and counts; float64 with NaN where blank or unparseable.

    Accepts full-width digits, thousands separators (',' and '，' in groups of
    three), a currency sign or word before (¥ ￥ RMB 人民币) or after (元 (元)
    RMB), spaces anywhere, a leading sign and exponent notation. Anything else
    ('1.2.3', '约300', '300-400', '12abc') is NaN rather than a guess. Negative
    numbers stay negative: whether they are allowed is the caller's rule.
    """
    codes, u = _factorize_text(s)
    values = np.full(len(u), np.nan)
    if len(u) and on_arrow(u):
        values = _numbers_arrow(arrow_of(u))
    elif len(u):
        # U+2212 MINUS SIGN is not folded to '-' by NFKC.
        u = u.str.replace("\u2212", "-", regex=False)
        u = u.str.replace(WHITESPACE_RE, "", regex=True)
        ok = u.str.fullmatch(_NUMBER_RE).to_numpy(dtype=bool)
        if ok.any():
            digits = u[ok].str.replace(_NOT_NUMBER_RE, "", regex=True)
            parsed = digits.astype(np.float64).to_numpy(copy=True)
            parsed[~np.isfinite(parsed)] = np.nan
            values[ok] = parsed
    return pd.Series(_broadcast(values, codes, np.nan), index=s.index, name=s.name, dtype=np.float64)


def _numbers_arrow(a) -> np.ndarray:
    """:func:`parse_numbers` of distinct values on pyarrow strings, through pyarrow's own
    regular expressions (RE2; pandas would check each pattern with Python's ``re`` first)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = np.full(len(a), np.nan)
    a = pc.replace_substring_regex(pc.replace_substring(a, "\u2212", "-"), WHITESPACE_RE, "")
    ok = np.asarray(pc.match_substring_regex(a, f"^(?:{_NUMBER_RE})$").fill_null(False), dtype=bool)
    if ok.any():
        digits = pc.replace_substring_regex(a.filter(pa.array(ok)), _NOT_NUMBER_RE, "")
        try:
            parsed = np.array(digits.cast(pa.float64()), dtype=np.float64)
        except pa.ArrowInvalid:
            parsed = pd.Series(digits.to_pylist(), dtype=object).astype(np.float64).to_numpy()
        parsed[~np.isfinite(parsed)] = np.nan
        values[ok] = parsed
    return values


# -------------------------------------------------------------------------- dates


def dates_from_parts(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Build dates from integer parts, rejecting impossible ones.

    Returns ``(dates, valid)``: a ``DATE_DTYPE`` array (NaT where invalid) and a
    bool array. A date is valid when the year is in 1900..2100, the month in
    1..12 and the day exists in that month (Gregorian leap years).
    """
    year = np.asarray(year, dtype=np.int64)
    month = np.asarray(month, dtype=np.int64)
    day = np.asarray(day, dtype=np.int64)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    month_ok = (month >= 1) & (month <= 12)
    days_in_month = _DAYS_IN_MONTH[np.where(month_ok, month, 0)] + (leap & (month == 2))
    valid = (year >= _MIN_YEAR) & (year <= _MAX_YEAR) & month_ok & (day >= 1) & (day <= days_in_month)
    months = np.where(valid, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
    dates = (months.astype("datetime64[D]") + np.where(valid, day - 1, 0)).astype(DATE_DTYPE)
    dates[~valid] = np.datetime64("NaT")
    return dates, valid


_TIME: Final = r"(?:(?:T| +)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]*)?)?)?"
_DATE_RE: Final = (
    "^(?:"
    rf"(?P<y1>[0-9]{{4}})-(?P<m1>[0-9]{{1,2}})-(?P<d1>[0-9]{{1,2}}){_TIME}"
    rf"|(?P<y2>[0-9]{{4}})/(?P<m2>[0-9]{{1,2}})/(?P<d2>[0-9]{{1,2}}){_TIME}"
    rf"|(?P<y3>[0-9]{{4}})\.(?P<m3>[0-9]{{1,2}})\.(?P<d3>[0-9]{{1,2}}){_TIME}"
    r"|(?P<y4>[0-9]{4})(?P<m4>[0-9]{2})(?P<d4>[0-9]{2})(?:\.0*)?"
    r"|(?P<y5>[0-9]{4}) *年 *(?P<m5>[0-9]{1,2}) *月 *(?P<d5>[0-9]{1,2}) *[日号]"
    # year and month only (出生年月)
    r"|(?P<y6>[0-9]{4}) *年 *(?P<m6>[0-9]{1,2}) *月"
    r"|(?P<y7>[0-9]{4})[-/.](?P<m7>[0-9]{1,2})"
    r"|(?P<y8>[0-9]{4})(?P<m8>[0-9]{2})(?:\.0*)?"
    # Excel serial day number, a fraction is the time of day
    r"|(?P<serial>[1-9][0-9]{0,6})(?:\.[0-9]*)?"
    ")$"
)
_DAY_GROUPS: Final = 5
_EXCEL_EPOCH: Final = np.datetime64("1899-12-30", "D")
_EXCEL_MAX_SERIAL: Final = 2958465
_EXCEL_FAKE_LEAP_DAY: Final = 60


def parse_dates(s: pd.Series) -> pd.DataFrame:
    """Parse dates written the ways rosters write them.

    Returns a DataFrame with the index of ``s`` and columns ``date``
    (``DATE_DTYPE``, NaT when blank, unparseable or impossible) and
    ``month_only`` (bool: only year and month were given, e.g. 1975年3月,
    1975-03, 1975.3 or 197503; ``date`` is then the 1st of the month).

    Accepted: 1975-03-08, 1975/3/8, 1975.3.8 (each optionally followed by a
    time, ' 00:00:00' or 'T00:00:00'), 19750308 (8 digits are always
    yyyymmdd), 1975年3月8日/号, 1975年3月, 1975-3, 1975.03, 1975/03, 197503, and
    Excel serial day numbers 1..2958465 in the 1900 date system (serial 60 is
    Excel's non-existent 1900-02-29 and is rejected). Years outside 1900..2100
    are rejected.

    Note that a bare 4- or 5-digit number is read as an Excel serial, so a
    cell holding just a year (1975) gives 1905-05-28; 6 digits are year and
    month only (NaT when not a valid one), never a serial.
    """
    codes, u = _factorize_text(s)
    n = len(u)
    dates = np.full(n, np.datetime64("NaT"), dtype=DATE_DTYPE)
    month_only = np.zeros(n, dtype=bool)
    if n:
        g = _extract_ints(u, _DATE_RE)
        year = sum(g[f"y{i}"] for i in range(1, 9))
        month = sum(g[f"m{i}"] for i in range(1, 9))
        month_only = (g["y6"] + g["y7"] + g["y8"]) > 0
        day = sum(g[f"d{i}"] for i in range(1, _DAY_GROUPS + 1)) + month_only
        dates, valid = dates_from_parts(year, month, day)
        month_only &= valid

        serial = g["serial"]
        is_serial = (serial >= 1) & (serial <= _EXCEL_MAX_SERIAL) & (serial != _EXCEL_FAKE_LEAP_DAY)
        if is_serial.any():
            # Excel counts 1900-02-29, which never existed: serials below it are
            # one day later than the 1899-12-30 epoch suggests.
            offset = np.where(serial < _EXCEL_FAKE_LEAP_DAY, serial + 1, serial)
            from_serial = (_EXCEL_EPOCH + np.where(is_serial, offset, 0)).astype(DATE_DTYPE)
            years = from_serial.astype("datetime64[Y]").astype(np.int64) + 1970
            is_serial &= (years >= _MIN_YEAR) & (years <= _MAX_YEAR)
            dates = np.where(is_serial, from_serial, dates)
    return pd.DataFrame(
        {
            "date": _broadcast(dates, codes, np.datetime64("NaT")),
            "month_only": _broadcast(month_only, codes, False),
        },
        index=s.index,
    )
