"""Messages built from several words (lists inside a sentence), in both languages."""

from __future__ import annotations

from collections.abc import Callable

from jiekun.text import LANGS, table


def both(area: str, build: Callable[[dict], str]) -> dict[str, str]:
    """``{"zh": build(zh words), "en": build(en words)}`` for an error or a note."""
    words = table(area)
    return {lang: build(words[lang]) for lang in LANGS}
