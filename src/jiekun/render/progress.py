"""Progress on stderr for long work: shown only when stderr is a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Stage = Callable[[str], None]


@contextmanager
def stages(lang: str = "zh") -> Iterator[Stage]:
    """Yield a ``stage(label)`` callback that shows the current step with elapsed time.

    Silent (a no-op) when stderr is not a terminal, so pipes and CI logs stay clean.
    """
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda label: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("…", total=None)
        yield lambda label: bar.update(task, description=label)


STAGE_LABELS = {
    "read": ("读取花名册…", "Reading the roster…"),
    "classify": ("分类统计…", "Classifying…"),
    "write": ("写出报告…", "Writing the report…"),
}


def label(key: str, lang: str = "zh") -> str:
    """The progress text of a stage key ("read", "classify", "write", or "rows:N")."""
    if key.startswith("rows:"):
        n = int(key[5:])
        return f"Read {n:,} rows…" if lang == "en" else f"已读取并分类 {n:,} 行…"
    zh, en = STAGE_LABELS[key]
    return en if lang == "en" else zh
