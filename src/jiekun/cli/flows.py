"""The commands over several rosters: ``batch`` (a folder of months) and ``compare`` (two rosters).

Each parses its options, makes one call into the library, writes the trend
workbook and renders. No ``from __future__ import annotations``: Typer evaluates
the annotations.
"""

from pathlib import Path
from typing import Annotated

import typer

from jiekun.cli.common import (
    AsOf,
    DibaoOpt,
    EncodingOpt,
    ForceOpt,
    JsonOpt,
    Lang,
    LangOpt,
    MaskIdsWorkbookOpt,
    Output,
    ProfileOpt,
    RulesOpt,
    SheetOpt,
    active_rules,
    check_output_path,
    fail,
    guard,
    output_path,
    parse_as_of,
    print_json,
    say,
)
from jiekun.text import words

Jobs = Annotated[int | None, typer.Option("-j", "--jobs", min=1, show_default=False)]


# A Typer signature: one parameter per option; the body is short.
def batch(
    paths: Annotated[list[Path], typer.Argument(show_default=False)],
    output: Output = None,
    month: Annotated[list[str] | None, typer.Option("--month", show_default=False)] = None,
    month_from_name: Annotated[bool, typer.Option("--month-from-name")] = False,
    as_of_end_of_month: Annotated[bool, typer.Option("--as-of-end-of-month")] = False,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    lang: LangOpt = Lang.zh,
    mask_ids: MaskIdsWorkbookOpt = False,
    jobs: Jobs = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Monthly statistics and hardship flows over a folder of rosters (help: ``jiekun.text.cli``).

    Example:

        jiekun batch samples/monthly/
    """
    with guard(lang):
        from jiekun.pipeline.batch import batch as run_batch
        from jiekun.render.progress import files
        from jiekun.report.trend import default_trend_path

        _one_of(lang, ("--month", month), ("--month-from-name", month_from_name))
        _one_of(lang, ("--as-of", as_of), ("--as-of-end-of-month", as_of_end_of_month))
        r, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
        out = output_path(output, as_json, lambda: default_trend_path(paths))
        check_output_path(out, force, [p for p in paths if not p.is_dir()], "batch", lang)
        with files(lang) as on_file:
            series = run_batch(paths, months=month, rules=r, as_of=date, sheet=sheet, encoding=encoding,
                               workers=jobs, on_file=on_file)  # fmt: skip
        _finish(series, out, lang, mask_ids, force, as_json, lambda: series.to_json(lang.value))


# A Typer signature: one parameter per option; the body is short.
def compare(
    old: Annotated[Path, typer.Argument(show_default=False)],
    new: Annotated[Path, typer.Argument(show_default=False)],
    output: Output = None,
    as_of: AsOf = None,
    rules: RulesOpt = None,
    profile: ProfileOpt = None,
    dibao: DibaoOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    lang: LangOpt = Lang.zh,
    mask_ids: MaskIdsWorkbookOpt = False,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """The hardship flows between two rosters, by ID number (help: ``jiekun.text.cli``).

    Example:

        jiekun compare samples/monthly/2025-02.xlsx samples/monthly/2025-03.xlsx
    """
    with guard(lang):
        from jiekun.pipeline.batch import compare as run_compare
        from jiekun.render.progress import files
        from jiekun.report.trend import default_compare_path

        r, date = active_rules(rules, profile, dibao), parse_as_of(as_of)
        out = output_path(output, as_json, default_compare_path)
        check_output_path(out, force, [old, new], "compare", lang)
        with files(lang) as on_file:
            series = run_compare(old, new, rules=r, as_of=date, sheet=sheet, encoding=encoding,
                                 on_file=on_file)  # fmt: skip
        _finish(series, out, lang, mask_ids, force, as_json, lambda: series.flows[0].to_json())


def _one_of(lang: str, a: tuple[str, object], b: tuple[str, object]) -> None:
    """Refuse two options that exclude each other."""
    if a[1] and b[1]:
        raise fail(words("cli", lang)["one_of"].format(a=a[0], b=b[0]), lang)


def _finish(
    series, out: Path | None, lang: Lang, mask_ids: bool, force: bool, as_json: bool, to_json
) -> None:
    """Write the trend workbook (when there is a path), then print the JSON or the terminal view."""
    from jiekun.render.flows import render_series, warn_untracked
    from jiekun.report.trend import write_trend_report

    if out is not None:
        write_trend_report(series, out, lang=lang.value, mask_ids=mask_ids, force=force)
    if as_json:
        print_json(to_json())
        warn_untracked(series, lang.value, written=out is not None)
        return
    render_series(series, lang.value)
    if out is not None:
        say("compare_written" if series.kind == "compare" else "batch_written", lang, path=out)
