"""jiekun (解困): classify and tally hardship workers in trade-union rosters.

The library is the product; the ``jiekun`` command is a thin layer over it::

    import jiekun
    roster = jiekun.load_roster("samples/survey-roster.xlsx")
    result = jiekun.classify(roster, jiekun.Rules(), datetime.date(2025, 12, 31))
    counts = jiekun.tally(result)
    counts.to_json()["hardship"]          # 3456

Names are imported lazily so that ``jiekun --help`` does not load pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "load_roster": "jiekun.reading",
    "Roster": "jiekun.reading",
    "classify": "jiekun.classification",
    "Classified": "jiekun.classification",
    "tally": "jiekun.tallies",
    "Tally": "jiekun.tallies",
    "Rules": "jiekun.rules",
    "build_rules": "jiekun.rules",
    "load_rules": "jiekun.rules",
    "summarize": "jiekun.api",
    "Result": "jiekun.api",
    "write_report": "jiekun.report",
    "InputError": "jiekun.errors",
    "RulesError": "jiekun.errors",
    "JiekunError": "jiekun.errors",
}

__all__ = [
    "Classified",
    "InputError",
    "JiekunError",
    "Result",
    "Roster",
    "Rules",
    "RulesError",
    "Tally",
    "__version__",
    "build_rules",
    "classify",
    "load_roster",
    "load_rules",
    "summarize",
    "tally",
    "write_report",
]

if TYPE_CHECKING:  # pragma: no cover
    from jiekun.api import Result, summarize
    from jiekun.classification import Classified, classify
    from jiekun.errors import InputError, JiekunError, RulesError
    from jiekun.reading import Roster, load_roster
    from jiekun.rules import Rules, build_rules, load_rules
    from jiekun.tallies import Tally, tally


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'jiekun' has no attribute {name!r}")
