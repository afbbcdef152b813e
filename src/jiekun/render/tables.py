"""What every titled terminal table shares: it is at least as wide as its title.

rich wraps a title to the table's width, so a narrow table (two columns) breaks
its title mid-phrase, even before a closing bracket; :func:`titled` keeps it whole.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table


def titled(title: str, **kwargs) -> Table:
    """A table titled ``title`` (left-aligned), never narrower than the title (on a wide enough terminal)."""
    return Table(title=title, title_justify="left", min_width=cell_len(title) + 2, **kwargs)
