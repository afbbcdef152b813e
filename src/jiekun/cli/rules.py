"""The ``rules`` command: show the rules in force, or write a default rules file.

No ``from __future__ import annotations``: Typer evaluates the annotations.
"""

from pathlib import Path
from typing import Annotated

import typer

from jiekun.cli.common import (
    DibaoOpt,
    ForceOpt,
    JsonOpt,
    Lang,
    LangOpt,
    ProfileOpt,
    RulesOpt,
    active_rules,
    check_suffix,
    fail,
    guard,
    print_json,
    say,
)
from jiekun.text import words


def show_rules(
    init: Annotated[Path | None, typer.Option("--init", show_default=False)] = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = Lang.zh,
    as_json: JsonOpt = False,
) -> None:
    """Show the active rules, or write a default rules file (help: ``jiekun.text.cli``).

    Example:

        jiekun rules --init 规则.toml
    """
    with guard(lang):
        if init is not None:
            write_default_rules(init, force, lang)
            return
        r = active_rules(rules, profile, dibao)
        from jiekun.render.rules import render_rules, rules_json

        if as_json:
            print_json(rules_json(r))
        else:
            render_rules(r, lang.value)


def write_default_rules(path: Path, force: bool, lang: str | None = None) -> None:
    """Write the commented default rules file (``rules --init``), unless it exists."""
    from jiekun.io.output import write_atomic
    from jiekun.model.rules_template import default_rules_toml

    check_suffix(path, "rules", lang)
    if path.exists() and not force:
        raise fail(words("cli", lang)["exists"].format(path=path), lang)
    write_atomic(path, default_rules_toml().encode("utf-8"))
    say("rules_written", lang, path=path)
