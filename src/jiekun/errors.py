"""Exceptions that the CLI turns into a one-paragraph message and exit code 2."""

from __future__ import annotations


class JiekunError(Exception):
    """Base class: the message is written for the clerk and says what to do."""


class InputError(JiekunError):
    """The input cannot be read as a roster (missing, corrupt, no header, ...)."""


class RulesError(JiekunError):
    """The rules (file or options) are invalid; the message names the key."""


class OutputError(JiekunError):
    """The output cannot be written (exists without --force, is the input, ...)."""
