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
    "load_roster": "jiekun.io.reading",
    "Roster": "jiekun.model.roster",
    "classify": "jiekun.model.classification",
    "Classified": "jiekun.model.classification",
    "tally": "jiekun.model.tallies",
    "Tally": "jiekun.model.tallies",
    "Rules": "jiekun.model.rules",
    "build_rules": "jiekun.model.rules",
    "load_rules": "jiekun.model.rules",
    "summarize": "jiekun.pipeline.summary",
    "summarize_many": "jiekun.pipeline.dask_engine",
    "Result": "jiekun.pipeline.summary",
    "write_report": "jiekun.report.roster",
    "cards": "jiekun.report.cards",
    "assist": "jiekun.pipeline.assist",
    "AssistResult": "jiekun.model.assist_result",
    "write_assist": "jiekun.report.assist",
    "InputError": "jiekun.errors",
    "RulesError": "jiekun.errors",
    "JiekunError": "jiekun.errors",
}

__all__ = [
    "AssistResult",
    "Classified",
    "InputError",
    "JiekunError",
    "Result",
    "Roster",
    "Rules",
    "RulesError",
    "Tally",
    "__version__",
    "assist",
    "build_rules",
    "cards",
    "classify",
    "load_roster",
    "load_rules",
    "summarize",
    "summarize_many",
    "tally",
    "write_assist",
    "write_report",
]

if TYPE_CHECKING:  # pragma: no cover
    from jiekun.errors import InputError, JiekunError, RulesError
    from jiekun.io.reading import load_roster
    from jiekun.model.assist_result import AssistResult
    from jiekun.model.classification import Classified, classify
    from jiekun.model.roster import Roster
    from jiekun.model.rules import Rules, build_rules, load_rules
    from jiekun.model.tallies import Tally, tally
    from jiekun.pipeline.assist import assist
    from jiekun.pipeline.summary import Result, summarize
    from jiekun.report.cards import cards


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'jiekun' has no attribute {name!r}")
