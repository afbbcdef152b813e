"""``--help`` in the chosen language, laid out by display width (a Chinese character is two columns).

Click measures text in characters, so Chinese help overflows an 80-column terminal
and example lines are re-wrapped. :class:`Command` and :class:`Group` write the
whole help themselves from ``jiekun.text.cli`` (``commands[<name>]``), wrapping
prose by display width and keeping every example on one line. A command without
words there takes ``WORDS[lang]["help"]`` of the text area named like it, else its
docstring and option ``help=``. The language is ``--lang`` wherever it stands on
the command line (it is read before ``--help`` acts), else ``JIEKUN_LANG``.
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import import_module

from typer.core import TyperCommand, TyperGroup

from jiekun.text import lang_of, words

#: Help is laid out for at most this many columns, however wide the terminal.
MAX_WIDTH = 100
#: The option column is at most this wide; a longer option puts its help on the next line.
OPTION_COLUMN = 26
LANG_KEY = "jiekun.lang"
#: A run of at most this many wide characters set in Latin text is a word, not broken inside.
SHORT_RUN = 6
#: A line never starts with these, nor ends with the openers.
_NO_START = set("，。、；：？！）】」』》”’%,.;:?!)]}>…·")
_NO_END = set("（【「『《“‘([{<")


@lru_cache(maxsize=4096)
def _cell(ch: str) -> int:
    return 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cells(text: str) -> int:
    """Columns ``text`` takes on a terminal: East Asian wide and full-width characters take two."""
    return sum(map(_cell, text))


def _short_runs(text: str) -> list[bool]:
    """Per character: is it in a run of at most :data:`SHORT_RUN` wide letters (a term like 低保)?

    Full-width punctuation ends a run: a line may break after it.
    """
    flags, i = [False] * len(text), 0
    while i < len(text):
        j = i
        while j < len(text) and _cell(text[j]) == 2 and not unicodedata.category(text[j]).startswith("P"):
            j += 1
        if j - i and j - i <= SHORT_RUN:
            flags[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return flags


def _atoms(text: str) -> list[tuple[str, bool]]:
    """(piece, space before it): a word, or one character of a long wide run; punctuation glued on.

    A short run of wide characters between Latin text or spaces (低保, <花名册名>) is kept whole.
    """
    atoms: list[list] = []
    space, previous_wide = False, False
    for ch, short in zip(text, _short_runs(text), strict=True):
        if ch.isspace():
            space = True
            continue
        wide = _cell(ch) == 2 and not short
        if atoms and (ch in _NO_START or (not space and atoms[-1][0][-1] in _NO_END)):
            atoms[-1][0] += (" " if space else "") + ch  # "duplicates …)" keeps its "…" on the line
        elif atoms and not space and not wide and not previous_wide:
            atoms[-1][0] += ch
        else:
            atoms.append([ch, space])
        space, previous_wide = False, wide
    return [(a, s) for a, s in atoms]


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` columns, after ``first`` and then ``rest`` (indents)."""
    rest = first if rest is None else rest
    lines, line, fresh = [], first, True
    used = cells(line)  # the columns of ``line``
    for atom, space in _atoms(text):
        sep = " " if space and not fresh else ""
        need = cells(atom)
        if used + len(sep) + need <= width:
            line, used, fresh = line + sep + atom, used + len(sep) + need, False
            continue
        if not fresh:
            lines.append(line)
            line, used = rest, cells(rest)
        while used + need > width and len(atom) > 1:  # a word longer than a line
            cut = _fit(atom, width - used)
            lines.append(line + atom[:cut])
            line, used, atom = rest, cells(rest), atom[cut:]
            need = cells(atom)
        line, used, fresh = line + atom, used + need, False
    if not fresh or not lines:
        lines.append(line)
    return lines


def _fit(atom: str, room: int) -> int:
    """How many characters of ``atom`` fit in ``room`` columns (at least one)."""
    used = 0
    for i, ch in enumerate(atom):
        used += cells(ch)
        if used > room:
            return max(i, 1)
    return len(atom)


def width_of(ctx) -> int:
    """The columns help is laid out in: the terminal's (``COLUMNS``), at most :data:`MAX_WIDTH`, less 2."""
    columns = ctx.terminal_width or shutil.get_terminal_size().columns
    return max(min(columns, ctx.max_content_width or MAX_WIDTH, MAX_WIDTH) - 2, 40)


def scan_lang(args: Iterable[str]) -> str | None:
    """The value of ``--lang`` on a command line (``--lang en`` or ``--lang=en``), if any."""
    args = list(args)
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


def help_lang(ctx) -> str:
    return lang_of(ctx.meta.get(LANG_KEY))


def command_words(name: str, lang: str) -> dict:
    """The help words of command ``name`` (see the module docstring); empty when there are none."""
    found = words("cli", lang)["commands"].get(name)
    if found is None:
        try:
            found = (
                getattr(import_module(f"jiekun.text.{name}"), "WORDS", {}).get(lang_of(lang), {}).get("help")
            )
        except ImportError:
            found = None
    return found or {}


def _metavar(param, lang: str) -> str:
    names = words("cli", lang)["metavars"]
    if param.name in names:
        return names[param.name]
    choices = getattr(param.type, "choices", None)
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    return (param.metavar or param.name or "").upper() + ("…" if param.nargs == -1 else "")


def _param_help(param, mine: dict, lang: str) -> str:
    text = mine.get(param.name) or words("cli", lang)["options"].get(param.name) or param.help or ""
    default = getattr(param.default, "value", param.default)
    return text.replace("{default}", str(default))


def _rows(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns: the names, then their help wrapped beside them (below, for a long name)."""
    column = min(max((cells(a) for a, _ in rows), default=0), OPTION_COLUMN) + 4
    out = []
    for left, text in rows:
        head = f"  {left}"
        if cells(head) + 2 > column:
            out.append(head)
            head = ""
        head += " " * (column - cells(head))
        out += wrap(text, width, head, " " * column) if text else [head.rstrip()]
    return out


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", title, *lines] if lines else []


def _exit_codes(lang: str, width: int) -> list[str]:
    w = words("cli", lang)
    return _section(w["help"]["exit_codes"], _rows(list(w["exit_codes"]), width))


def _about(paragraphs: Iterable[str], width: int) -> list[str]:
    out = []
    for p in paragraphs:
        out += ["", *wrap(p, width, "  ")]
    return out


def _fallback(cmd) -> dict:
    """Words taken from a command's docstring, for a command not (yet) in ``jiekun.text``."""
    doc = (cmd.help or "").replace("\b", "")
    head, _, body = doc.partition("Example:")
    paragraphs = [" ".join(p.split()) for p in head.strip().split("\n\n") if p.strip()]
    examples = tuple(line.strip() for line in body.splitlines() if line.strip().startswith("jiekun "))
    return {"short": paragraphs[0] if paragraphs else "", "about": paragraphs[1:], "examples": examples}


def _params(cmd, ctx, mine: dict, lang: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(arguments, options) rows of a command."""
    arguments, options = [], []
    for p in cmd.get_params(ctx):
        if getattr(p, "hidden", False):
            continue
        if p.param_type_name == "argument":
            arguments.append((_metavar(p, lang), _param_help(p, mine, lang)))
            continue
        names = ", ".join(sorted(p.opts, key=len))
        is_flag = getattr(p, "is_flag", False) or p.name == "help"
        left = names if is_flag else f"{names} {_metavar(p, lang)}"
        options.append((left, _param_help(p, mine, lang)))
    return arguments, options


def command_help(cmd, ctx) -> str:
    """The whole help of one command."""
    lang = help_lang(ctx)
    width, h = width_of(ctx), words("cli", lang)["help"]
    mine = command_words(ctx.info_name or cmd.name, lang) or _fallback(cmd)
    arguments, options = _params(cmd, ctx, mine.get("options", {}), lang)
    usage = " ".join([ctx.command_path, h["options_metavar"], *(a for a, _ in arguments)])
    lines = wrap(usage, width, h["usage"], "    ")
    lines += _about([mine.get("short", ""), *mine.get("about", ())], width)
    lines += _section(h["examples"], [f"  {e}" for e in mine.get("examples", ())])
    lines += _section(h["arguments"], _rows(arguments, width))
    lines += _section(h["options"], _rows(options, width))
    lines += _exit_codes(lang, width)
    return "\n".join(lines) + "\n"


def group_help(group, ctx) -> str:
    """The help of ``jiekun`` itself: what it does, the commands, the options, the exit codes."""
    lang = help_lang(ctx)
    width, w = width_of(ctx), words("cli", lang)
    h = w["help"]
    usage = f"{ctx.command_path} {h['options_metavar']} {h['command_metavar']}"
    lines = wrap(usage, width, h["usage"], "    ")
    lines += _about(w["about"], width)
    commands = []
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is not None and not cmd.hidden:
            commands.append((name, (command_words(name, lang) or _fallback(cmd)).get("short", "")))
    lines += _section(h["commands"], _rows(commands, width))
    lines += _section(h["options"], _rows(_params(group, ctx, {}, lang)[1], width))
    lines += ["", *wrap(h["more"], width)]
    lines += _exit_codes(lang, width)
    return "\n".join(lines) + "\n"


def _show_help(ctx, param, value) -> None:
    """``--help``: the help written to ``sys.stdout`` itself (click's echo turns an ASCII stream into UTF-8)."""
    if value and not ctx.resilient_parsing:
        sys.stdout.write(ctx.get_help() + "\n")
        ctx.exit()


class _Help:
    """What both kinds share: ``--help`` by :func:`_show_help`."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.callback = _show_help
        return option


class Command(_Help, TyperCommand):
    """A Typer command whose help is :func:`command_help`."""

    def parse_args(self, ctx, args):
        ctx.meta[LANG_KEY] = scan_lang(args) or ctx.meta.get(LANG_KEY)
        return super().parse_args(ctx, args)

    def format_help(self, ctx, formatter) -> None:
        formatter.write(command_help(self, ctx))


class Group(_Help, TyperGroup):
    """The ``jiekun`` group: help by :func:`group_help`, commands' help by :class:`Command`."""

    def parse_args(self, ctx, args):
        ctx.meta[LANG_KEY] = scan_lang(args)
        return super().parse_args(ctx, args)

    def format_help(self, ctx, formatter) -> None:
        formatter.write(group_help(self, ctx))
