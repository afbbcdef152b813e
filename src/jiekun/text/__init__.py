"""Every word jiekun shows a person, Chinese and English side by side.

Each module here owns the words of one area (``report``, ``cli``, ``match`` …) as
``WORDS = {"zh": {...}, "en": {...}}``: the same keys and the same ``{placeholders}``
in both languages (``tests/test_text.py`` checks it). Code never writes
``if lang == "zh"``; it looks a word up::

    from jiekun.text import words
    w = words("report", lang)
    w["title"].format(stem="花名册")

This package imports nothing else of jiekun, so every layer may use it.
See docs/design.md, "Words".
"""

from __future__ import annotations

import os
from importlib import import_module

LANGS = ("zh", "en")


def lang_of(lang: str | None = None) -> str:
    """``zh`` or ``en``: the language asked for, else ``JIEKUN_LANG``, else Chinese."""
    value = (lang or os.environ.get("JIEKUN_LANG") or "zh").strip().lower()
    return "en" if value.startswith("en") else "zh"


def table(area: str) -> dict[str, dict]:
    """Both languages of one area, ``{"zh": {...}, "en": {...}}``."""
    return import_module(f"jiekun.text.{area}").WORDS


def words(area: str, lang: str | None = None) -> dict:
    """The words of one area in one language (see :func:`lang_of`)."""
    return table(area)[lang_of(lang)]


def pct(n: int, d: int) -> str:
    """A share as the survey reports print it (one decimal), "—" when there is nothing to share."""
    return f"{100 * n / d:.1f}%" if d else "—"
