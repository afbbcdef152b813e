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
    ProfileOpt,
    RulesOpt,
    active_rules,
    fail,
    guard,
    print_json,
    say,
)
from jiekun.text import words


def show_rules(
    init: Annotated[
        Path | None,
        typer.Option("--init", help="写出一份带注释的默认规则文件到此路径。", show_default=False),
    ] = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """显示当前生效的规则，或写出默认规则文件。Show the active rules, or write a default rules file.

    Example:

    \b
        jiekun rules --init 规则.toml
        jiekun rules --rules 规则.toml
    """
    with guard():
        if init is not None:
            write_default_rules(init, force)
            return
        r = active_rules(rules, profile, dibao)
        from jiekun.render.rules import render_rules, rules_json

        if as_json:
            print_json(rules_json(r))
        else:
            render_rules(r)


def write_default_rules(path: Path, force: bool) -> None:
    """Write the commented default rules file (``rules --init``), unless it exists."""
    from jiekun.io.output import write_atomic
    from jiekun.model.rules import default_rules_toml

    if path.exists() and not force:
        raise fail(words("cli")["exists"].format(path=path))
    write_atomic(path, default_rules_toml().encode("utf-8"))
    say("rules_written", path=path)
