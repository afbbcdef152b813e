"""Exceptions that the CLI turns into a one-paragraph message and exit code 2.

A message is written for the clerk, says what to do, and exists in both
languages: raise with the words of an area of :mod:`jiekun.text`::

    raise InputError.say("io", "not_found", path=path)

or, for a message built elsewhere, with ``{"zh": ..., "en": ...}``. ``str(e)`` is the
message in the language of ``JIEKUN_LANG`` (Chinese by default);
``e.message("en")`` picks one.
"""

from __future__ import annotations

from collections.abc import Mapping

from jiekun.text import LANGS, lang_of, table

#: Messages are cut to this many characters, so a long cell value never floods a terminal.
MAX_MESSAGE = 600


class JiekunError(Exception):
    """Base class: the message is written for the clerk and says what to do."""

    def __init__(self, text: str | Mapping[str, str]):
        self.texts = dict(text) if isinstance(text, Mapping) else dict.fromkeys(LANGS, text)
        super().__init__(self.message())

    @classmethod
    def say(cls, area: str, key: str, **params: object) -> JiekunError:
        """The error whose message is word ``key`` of ``area``, in both languages."""
        words = table(area)
        return cls({lang: words[lang][key].format(**params) for lang in LANGS})

    def message(self, lang: str | None = None) -> str:
        text = self.texts.get(lang_of(lang)) or next(iter(self.texts.values()))
        return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"

    def __str__(self) -> str:
        return self.message()


class InputError(JiekunError):
    """The input cannot be read as a roster (missing, corrupt, no header, ...)."""


class RulesError(JiekunError):
    """The rules (file or options) are invalid; the message names the key."""


class OutputError(JiekunError):
    """The output cannot be written (exists without --force, is the input, ...)."""
