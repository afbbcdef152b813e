"""Progress on stderr for long work, shown only when stderr is a terminal.

Two kinds: :func:`stages` names the current step of one job (a spinner and the
time taken); :func:`files` is the bar of a batch (files done, rows read). The
words are in :mod:`jiekun.text.progress`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from jiekun.text import words

#: Called with a stage key: "read", "classify", "write", "rows:N" (a summary) or those of a match.
Stage = Callable[[str], None]
#: Called by a batch as files finish: (files done, files in all, rows read).
OnFile = Callable[[int, int, int], None]


def label(key: str, lang: str | None = "zh", job: str = "summary") -> str:
    """The progress text of a stage key of ``job`` ("summary" or "match"); "rows:N" counts rows."""
    w = words("progress", lang)[job]
    if key.startswith("rows:"):
        return w["rows"].format(n=int(key[5:]))
    return w[key]


def _stderr():
    import sys

    stream = sys.stderr
    if stream is None or not stream.isatty():  # a pipe or a log: no progress, and rich stays unloaded
        return None
    from rich.console import Console

    console = Console(stderr=True)
    return console if console.is_terminal else None


@contextmanager
def stages(lang: str | None = "zh", job: str = "summary") -> Iterator[Stage]:
    """Yield a ``stage(key)`` callback that shows the current step's label with elapsed time.

    Silent (a no-op) when stderr is not a terminal, so pipes and CI logs stay clean.
    """
    console = _stderr()
    if console is None:
        yield lambda key: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("…", total=None)
        yield lambda key: bar.update(task, description=label(key, lang, job))


@contextmanager
def files(lang: str | None = "zh") -> Iterator[OnFile | None]:
    """One progress bar on stderr (files done, rows, elapsed); None when stderr is not a terminal.

    No refresh thread: the bar is redrawn from the callback (called as files
    finish and a few times a second while waiting), so no thread is running
    when the reading processes are forked.
    """
    console = _stderr()
    if console is None:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    w = words("progress", lang)["files"]
    columns = (
        TextColumn(w["reading"]),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rows]:,} " + w["rows"]),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as bar:
        task = bar.add_task(w["reading"], total=None, rows=0)

        def on_file(done: int, total: int, rows: int) -> None:
            bar.update(task, completed=done, total=total, rows=rows)
            bar.refresh()

        bar.refresh()
        yield on_file
