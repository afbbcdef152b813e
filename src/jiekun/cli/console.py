"""Output that never fails on encoding: what the console cannot show is substituted.

A GBK console, a redirect on Chinese Windows (cp936) or ``PYTHONIOENCODING=ascii``
cannot encode every character jiekun prints (✓, ✗, →, Chinese on ASCII). At start-up
:func:`safe_streams` makes stdout and stderr substitute instead of raising: a known
symbol becomes the nearest the encoding has (✓ → √ → v), anything else a ``?`` per
column it takes, so tables stay aligned. Every output path (rich, ``typer.echo``,
JSON, click's own messages) writes through these streams.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata

#: The error handler's name (``codecs.register_error``).
HANDLER = "jiekun-substitute"
#: Nearest stand-ins, best first, for symbols jiekun prints.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "✓": ("√", "v"),
    "✗": ("×", "x"),
    "→": ("->",),
    "←": ("<-",),
    "≈": ("~",),
    "≤": ("<=",),
    "≥": (">=",),
    "…": ("...",),
    "—": ("-",),
    "–": ("-",),
    "·": (".",),
    "“": ('"',),
    "”": ('"',),
    "‘": ("'",),
    "’": ("'",),
    "•": ("*",),
    "─": ("-",),
    "│": ("|",),
}


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeError:
        return False
    return True


def substitute(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: stand-ins for the characters ``error`` could not encode."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for ch in error.object[error.start : error.end]:
        wide = unicodedata.east_asian_width(ch) in "WF"
        choices = (*FALLBACKS.get(ch, ()), "?" * (2 if wide else 1))
        out.append(next(c for c in choices if _encodes(c, error.encoding)))
    return "".join(out), error.end


codecs.register_error(HANDLER, substitute)


def safe_streams() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` substitute what their encoding cannot show."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=HANDLER)
            except (ValueError, OSError):  # a closed or detached stream: nothing will be written to it
                pass
