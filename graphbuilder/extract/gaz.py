"""A narrow adapter over the actor gazetteer, so extraction also works without one.

Only the calls below are used; each returns plain values (``Hit``) and never raises
for a name the gazetteer does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Span

_KINDS = {"person": "Person", "organization": "Organization", "organisation": "Organization",
          "country": "Country", "group": "Group", "product": "Product", "location": "Location"}


@dataclass(frozen=True)
class Hit:
    id: str
    name: str
    kind: str | None
    country: str | None
    aliases: tuple[str, ...] = ()


def _hit(entry: Any) -> Hit | None:
    if entry is None:
        return None
    if isinstance(entry, str):
        return Hit(id=entry, name=entry, kind=None, country=None)
    ident = getattr(entry, "id", None)
    if not ident:
        return None
    kind = getattr(entry, "kind", None)
    kind = _KINDS.get(str(kind).lower(), kind) if kind else None
    return Hit(id=str(ident), name=str(getattr(entry, "name", ident)), kind=kind,
               country=getattr(entry, "country", None),
               aliases=tuple(getattr(entry, "aliases", ()) or ()))


class Gaz:
    """Wraps a ``graphbuilder.gazetteer.Gazetteer`` (or nothing)."""

    def __init__(self, gazetteer: Any | None) -> None:
        self.g = gazetteer

    def __bool__(self) -> bool:
        return self.g is not None

    def span_id(self, span: Span) -> str | None:
        if Span.has_extension("gazetteer_id"):
            value = span._.gazetteer_id
            if value:
                return str(value)
        return None

    def lookup(self, name: str) -> Hit | None:
        if self.g is None:
            return None
        try:
            found = self.g.lookup(name)
        except (LookupError, ValueError, TypeError):
            return None
        if isinstance(found, list | tuple):
            found = found[0] if found else None
        return _hit(found)

    def get(self, ident: str) -> Hit | None:
        if self.g is None:
            return None
        try:
            return _hit(self.g.get(ident))
        except (LookupError, ValueError, TypeError):
            return None

    def demonym_country(self, word: str) -> Hit | None:
        if self.g is None:
            return None
        try:
            found = self.g.demonym_country(word)
        except (LookupError, ValueError, TypeError, AttributeError):
            return None
        if isinstance(found, str):  # an ISO alpha-3 code; country entries are "gb:<code>"
            return self.get(f"gb:{found}") or self.get(found) or self.lookup(found)
        return _hit(found)

    def roles(self, ident: str, when: str | None) -> list[tuple[str, str]]:
        """(title, of) of the offices ``ident`` held at ``when`` (all of them without a date)."""
        if self.g is None:
            return []
        entry = self.g.get(ident)
        day = _day(when)
        out = []
        for r in getattr(entry, "roles", ()) or ():
            if day is None or r.active(day):
                out.append((str(r.title), str(r.of)))
        return out

    def holders(self, title: str, of: str, when: str | None) -> list[Hit]:
        """Who held ``title`` of ``of`` at ``when`` (an ISO date string, or None for now)."""
        if self.g is None:
            return []
        try:
            found = self.g.holders(title, of, _day(when))
        except (LookupError, ValueError, TypeError, AttributeError):
            return []
        return [h for h in (_hit(e) for e in found or []) if h is not None]


def _day(when: str | None) -> date | None:
    try:
        return date.fromisoformat(when[:10]) if when else None
    except ValueError:
        return None
