"""The ``[report]`` and ``[cards]`` settings of the rules file: fonts, the hotline, default contacts.

Plain data, read by :func:`jiekun.model.rules.load_rules` (which calls :func:`output_settings`
with its reader, so errors name the key and its line). See docs/cards.md and docs/report.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The font every workbook and card names unless the rules file says otherwise.
DEFAULT_FONT = "宋体"
#: The union's service hotline printed on every card.
HOTLINE = "12351"
#: The key of ``[cards.contacts]`` (and of :attr:`CardRules.contacts`) for any employer not listed.
ANY_EMPLOYER = "*"

_CARD_TEXT_KEYS = ("hotline", "contact", "contact_phone", "font", "latin_font")


@dataclass(frozen=True)
class CardRules:
    """``[cards]``: what a contact card prints where the roster says nothing (docs/cards.md)."""

    hotline: str = HOTLINE
    contact: str = ""  # the default 帮扶责任人
    contact_phone: str = ""
    font: str | None = None  # East Asian face; None: the ``[report] font``
    latin_font: str | None = None  # Latin letters and digits; None: the East Asian face
    #: employer → (person, phone), from ``[cards.contacts]``
    contacts: dict[str, tuple[str, str]] = field(default_factory=dict)

    def contact_table(self) -> dict[str, tuple[str, str]]:
        """Employer → (person, phone), ``*`` being the default of every other employer."""
        out = {ANY_EMPLOYER: (self.contact, self.contact_phone)}
        out.update(self.contacts)
        return out


#: Keys whose value may be typed as a number (``hotline = 12351``).
_NUMBER_OK = ("hotline", "contact_phone")


def _text(r: Any, table: dict, key: str, dotted: str) -> str | None:
    if key not in table:
        return None
    v = table[key]
    kinds = str | int if key in _NUMBER_OK else str
    if isinstance(v, bool) or not isinstance(v, kinds):
        raise r.fail(dotted, "text", value=repr(v))
    return str(v).strip()


def output_settings(r: Any) -> dict[str, Any]:
    """``font`` (from ``[report]``) and ``cards`` (from ``[cards]``, ``[cards.contacts]``) of a rules file.

    ``r`` is the rules file reader (``jiekun.model.rules._Reader``).
    """
    out: dict[str, Any] = {}
    report = r.table("report")
    for k in report:
        if k != "font":
            raise r.fail(f"report.{k}", "unknown_key", choices="font")
    font = _text(r, report, "font", "report.font")
    if font:
        out["font"] = font
    cards = r.table("cards")
    allowed = (*_CARD_TEXT_KEYS, "contacts")
    for k in cards:
        if k not in allowed:
            raise r.fail(f"cards.{k}", "unknown_key", choices=", ".join(allowed))
    settings: dict[str, Any] = {}
    for k in _CARD_TEXT_KEYS:
        v = _text(r, cards, k, f"cards.{k}")
        if v is not None:
            settings[k] = v or (None if k in ("font", "latin_font") else "")
    contacts = {}
    for employer, v in r.table("cards.contacts").items():
        ok = isinstance(v, list) and len(v) in (1, 2) and all(isinstance(x, str | int) for x in v)
        if isinstance(v, str):
            v, ok = [v], True
        if not ok or isinstance(v[0], bool):
            raise r.fail(f"cards.contacts.{employer}", "contact", value=repr(v))
        contacts[str(employer)] = (str(v[0]).strip(), str(v[1]).strip() if len(v) > 1 else "")
    if settings or contacts:
        out["cards"] = CardRules(**settings, contacts=contacts)
    return out
