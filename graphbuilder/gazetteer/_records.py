"""Gazetteer records (:class:`Role`, :class:`GazetteerEntry`), name normalisation and dates.

Shared by the runtime gazetteer and by ``training/build_gazetteer.py``, which writes the
records in the JSON Lines form read back by :func:`entry_from_json`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graphbuilder.types import ACTOR_KINDS

# spaCy-style entity label of each kind; Group and Location entries may override it.
KIND_LABELS: dict[str, str] = {
    "Person": "PERSON",
    "Organization": "ORG",
    "Country": "GPE",
    "Group": "ORG",
    "Product": "PRODUCT",
    "Location": "GPE",
}
LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "FAC"})


@dataclass(frozen=True)
class Role:
    """An office or affiliation held between two dates.

    ``title`` is lower case ("president", "prime minister", or a sector such as
    "government" for the Phoenix codes). ``of`` is an ISO 3166 alpha-3 code for a
    state, or a gazetteer id for an organisation. ``start``/``end`` are inclusive;
    ``None`` means open (unknown start, or still in office).
    """

    title: str
    of: str
    start: date | None = None
    end: date | None = None

    def active(self, when: date) -> bool:
        """Whether the role is held on ``when`` (open ends always match)."""
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)

    def __str__(self) -> str:
        span = f"{_iso(self.start)}..{_iso(self.end)}"
        return f"{self.title} of {self.of} {span}" if span != ".." else f"{self.title} of {self.of}"


@dataclass(frozen=True)
class GazetteerEntry:
    """One known actor.

    ``id`` is stable across builds (``gb:RUS`` for a country, ``gb:RUS-military`` for its
    armed forces, ``gb:vladimir-putin`` for a person). ``country`` is the ISO 3166 alpha-3
    code the actor belongs to, where known. ``parent`` is the id of the actor this one is
    part of (a country's army → the country). ``label`` is the spaCy entity label the
    ruler gives its mentions. ``demonyms`` are the adjectives/nouns naming its people.
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    parent: str | None = None
    label: str = ""
    demonyms: tuple[str, ...] = ()
    source: str = ""  # where the entry came from: phoenix, iso3166, curated, user file name

    def __post_init__(self) -> None:
        if self.kind not in ACTOR_KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of {', '.join(ACTOR_KINDS)}")
        if not self.label:
            object.__setattr__(self, "label", KIND_LABELS[self.kind])

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)


# --- names -----------------------------------------------------------------------------

_POSSESSIVE = re.compile(r"'s(?=\s|$)")
_APOSTROPHES = re.compile(r"['\u2019\u2018`´.]")
_NON_WORD = re.compile(r"[^\w]+")
_ARTICLE = re.compile(r"^the\s+")


def fold(text: str) -> str:
    """Strip accents: "Erdoğan" → "Erdogan" (letters without an ASCII form are kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(name: str) -> str:
    """The lookup key of a name: case, accents, punctuation, "the" and possessives ignored.

    >>> normalize("The U.S.'s")
    'us'
    >>> normalize("Russia's  armed-forces")
    'russia armed forces'
    """
    text = (name if name.isascii() else fold(name).replace("\u2019", "'")).casefold()
    text = _POSSESSIVE.sub("", text.strip())
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ").strip()
    text = _ARTICLE.sub("", text)
    return " ".join(text.split())


def slug(name: str) -> str:
    """An id-safe form of a name: "Bashar al-Assad" → "bashar-al-assad"."""
    return "-".join(normalize(name).split())


# --- dates -----------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date(text: str, *, end: bool = False) -> date:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a partial date is widened to its
    first day, or its last day when ``end`` is true. Raises ValueError."""
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year = int(match[1])
    if match[2] is None:
        return date(year, 12, 31) if end else date(year, 1, 1)
    month = int(match[2])
    if match[3] is None:
        if not end:
            return date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(year, month, int(match[3]))


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


# --- JSON form ---------------------------------------------------------------------------


def entry_to_json(entry: GazetteerEntry) -> dict[str, Any]:
    """The compact JSON object of an entry (empty fields left out)."""
    data: dict[str, Any] = {"id": entry.id, "name": entry.name, "kind": entry.kind}
    if entry.country:
        data["country"] = entry.country
    if entry.aliases:
        data["aliases"] = list(entry.aliases)
    if entry.roles:
        data["roles"] = [[r.title, r.of, _iso(r.start), _iso(r.end)] for r in entry.roles]
    if entry.parent:
        data["parent"] = entry.parent
    if entry.label != KIND_LABELS[entry.kind]:
        data["label"] = entry.label
    if entry.demonyms:
        data["demonyms"] = list(entry.demonyms)
    if entry.source:
        data["source"] = entry.source
    return data


def entry_from_json(data: dict[str, Any]) -> GazetteerEntry:
    """Inverse of :func:`entry_to_json`."""
    roles = tuple(
        Role(
            title,
            of,
            date.fromisoformat(start) if start else None,
            date.fromisoformat(end) if end else None,
        )
        for title, of, start, end in data.get("roles", ())
    )
    return GazetteerEntry(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        country=data.get("country"),
        aliases=tuple(data.get("aliases", ())),
        roles=roles,
        parent=data.get("parent"),
        label=data.get("label", ""),
        demonyms=tuple(data.get("demonyms", ())),
        source=data.get("source", ""),
    )


@dataclass
class EntryDraft:
    """A mutable entry while it is being assembled (build script, user-file merge)."""

    id: str
    name: str
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    parent: str | None = None
    label: str = ""
    demonyms: list[str] = field(default_factory=list)
    source: str = ""

    @classmethod
    def of(cls, entry: GazetteerEntry) -> EntryDraft:
        return cls(
            entry.id,
            entry.name,
            entry.kind,
            entry.country,
            list(entry.aliases),
            list(entry.roles),
            entry.parent,
            entry.label,
            list(entry.demonyms),
            entry.source,
        )

    def names_all(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def add_alias(self, alias: str) -> None:
        """Add a spelling unless it is already there. Spellings that differ only in case
        or punctuation are kept ("U.S." and "US", "al-Qaida" and "Al-Qaida"): lookups
        ignore the difference, the ruler needs each form the text can take."""
        alias = " ".join(alias.split())
        if normalize(alias) and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def add_role(self, role: Role) -> None:
        if role not in self.roles:
            self.roles.append(role)

    def freeze(self) -> GazetteerEntry:
        roles = sorted(self.roles, key=lambda r: (r.start or date.min, r.title, r.of))
        return GazetteerEntry(
            id=self.id,
            name=self.name,
            kind=self.kind,
            country=self.country,
            aliases=tuple(self.aliases),
            roles=tuple(roles),
            parent=self.parent,
            label=self.label,
            demonyms=tuple(dict.fromkeys(self.demonyms)),
            source=self.source,
        )
