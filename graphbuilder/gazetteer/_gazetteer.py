"""The :class:`Gazetteer`: bundled actors plus a user's file; name, office and demonym indexes."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from graphbuilder.errors import GazetteerError
from graphbuilder.gazetteer._records import (
    KIND_LABELS,
    EntryDraft,
    GazetteerEntry,
    Role,
    entry_from_json,
    normalize,
    slug,
)
from graphbuilder.gazetteer._userfile import UserActor, read_actors_file

DATA_FILE = "actors.jsonl.gz"
FORMAT = "graphbuilder-gazetteer"
FORMAT_VERSION = 1

# Lookup order among entries sharing a name: who wrote it, then what it is.
_SOURCE_RANK = {"user": 0, "curated": 1, "iso3166": 2, "generated": 2, "phoenix": 3}
_KIND_RANK = {"Country": 0, "Organization": 1, "Group": 2, "Person": 3, "Location": 4, "Product": 5}
_TITLE_SYNONYMS = {
    "premier": "prime minister",
    "pm": "prime minister",
    "defense minister": "defence minister",
    "minister of defence": "defence minister",
    "minister of defense": "defence minister",
    "foreign secretary": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "secretary of defense": "defence secretary",
    "defense secretary": "defence secretary",
    "chief executive": "ceo",
    "chief executive officer": "ceo",
    "director general": "head",
    "director": "head",
    "chief": "head",
    # how the news names offices ("China's top diplomat", "Israel's army chief", "UN chief")
    "top diplomat": "foreign minister",
    "foreign affairs minister": "foreign minister",
    "army chief": "chief of the general staff",
    "military chief": "chief of the general staff",
    "armed forces chief": "chief of the general staff",
    "chief of general staff": "chief of the general staff",
    "chief of staff": "chief of the general staff",
    "spy chief": "head",
    "intelligence chief": "head",
    "boss": "head",
    "leader": "head",
    "supreme leader": "head",
    "secretary general": "head",
}

_cache: dict[tuple[str, int] | None, Gazetteer] = {}


class _Packed(NamedTuple):
    """An entry as read from the data file, kept compact until first asked for
    (the bundled file holds some 34,000 of them; few are ever looked at)."""

    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    roles: tuple[tuple[str, ...], ...]
    parent: str | None
    label: str
    demonyms: tuple[str, ...]
    source: str

    def unpack(self) -> dict[str, Any]:
        data = self._asdict()
        data["roles"] = [list(r) for r in self.roles]
        return data


def _pack(data: dict[str, Any]) -> _Packed:
    if not (data["id"] and data["name"] and data["kind"]):
        raise ValueError("entry needs an id, a name and a kind")
    intern = sys.intern  # kinds, codes, titles and dates repeat thousands of times
    country = data.get("country")
    return _Packed(
        data["id"],
        data["name"],
        intern(data["kind"]),
        intern(country) if country else None,
        tuple(data.get("aliases", ())),
        tuple(tuple(intern(part) for part in role) for role in data.get("roles", ())),
        data.get("parent"),
        intern(data.get("label", "")),
        tuple(data.get("demonyms", ())),
        intern(data.get("source", "")),
    )


class Gazetteer:
    """Known actors: look them up by name, id, demonym or office held on a date.

    Build one with :meth:`load` (bundled data, optionally merged with a user's file).

    Parameters
    ----------
    entries
        The actors, as :class:`GazetteerEntry` records (or packed rows of the data file).
    titles
        Title or role noun → CAMEO sector code, for :meth:`title_sector`.
    common_words
        Words of names that are also everyday English words (the ruler's case rules).

    Examples
    --------
    >>> gaz = Gazetteer.load()
    >>> gaz.lookup("the Kremlin")[0].country
    'RUS'
    >>> gaz.demonym_country("Ukrainian")
    'UKR'
    >>> [e.name for e in gaz.holders("president", "UKR", date(2022, 3, 1))]
    ['Volodymyr Zelensky']
    """

    def __init__(
        self,
        entries: Iterable[GazetteerEntry | _Packed],
        titles: dict[str, str] | None = None,
        common_words: Iterable[str] = (),
    ) -> None:
        # Entries stay packed until first asked for: loading stays cheap.
        self._entries: dict[str, GazetteerEntry | _Packed] = {}
        for entry in entries:
            self._entries[entry.id] = entry
        self._titles = dict(titles or {})
        self.common_words: frozenset[str] = frozenset(common_words)
        self._names: dict[str, list[str]] | None = None
        self._demonyms: dict[str, str] | None = None
        self._offices: dict[tuple[str, str], list[tuple[str, Role]]] | None = None

    # --- loading ----------------------------------------------------------------------

    @classmethod
    def load(cls, actors_file: Path | str | None = None) -> Gazetteer:
        """The bundled gazetteer, merged with ``actors_file`` (YAML or CSV) if given.

        Results are cached per file (and its modification time), so calling this for
        every article is cheap.

        Raises
        ------
        GazetteerError
            If the bundled data is missing or the user's file is malformed.
        """
        if actors_file is None:
            key = None
        else:
            path = Path(actors_file)
            try:
                key = (str(path.resolve()), path.stat().st_mtime_ns)
            except OSError as exc:
                raise GazetteerError(f"{path}: cannot read actors file ({exc.strerror})") from exc
        if key not in _cache:
            if key is None:
                _cache[key] = cls._bundled()
            else:
                _cache[key] = cls.load().merged(read_actors_file(Path(actors_file or "")))
        return _cache[key]

    @classmethod
    def _bundled(cls) -> Gazetteer:
        resource = resources.files("graphbuilder.gazetteer").joinpath(DATA_FILE)
        try:
            with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
                return cls.from_lines(lines, str(resource))
        except (OSError, EOFError) as exc:
            raise GazetteerError(f"bundled gazetteer {DATA_FILE} cannot be read ({exc}); "
                                 "rebuild it with training/build_gazetteer.py") from exc

    @classmethod
    def from_lines(cls, lines: Iterable[str], where: str = "gazetteer") -> Gazetteer:
        """Read the JSON Lines form written by ``training/build_gazetteer.py``."""
        header: dict[str, Any] = {}
        entries = []
        for number, line in enumerate(lines, 1):
            try:
                data = json.loads(line)
                if number == 1:
                    header = data
                    if header.get("format") != FORMAT or header.get("version") != FORMAT_VERSION:
                        raise ValueError(f"not a {FORMAT} v{FORMAT_VERSION} file")
                    continue
                entries.append(_pack(data))
            except (ValueError, KeyError, TypeError) as exc:
                raise GazetteerError(f"{where}:{number}: {exc}") from exc
        return cls(entries, header.get("titles"), header.get("common_words", ()))

    def merged(self, actors: list[UserActor]) -> Gazetteer:
        """A new gazetteer with a user's actors added or merged over the existing ones."""
        return Gazetteer(_merge(self, actors), self._titles, self.common_words)

    # --- access -----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return (self._entry(entry_id) for entry_id in self._entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """The entry with this id, or ``None``."""
        return self._entry(entry_id) if entry_id in self._entries else None

    def _entry(self, entry_id: str) -> GazetteerEntry:
        entry = self._entries[entry_id]
        if isinstance(entry, _Packed):
            entry = self._entries[entry_id] = entry_from_json(entry.unpack())
        return entry

    def _raw(self) -> Iterator[tuple[str, str, str, str, list[tuple[int, str]]]]:
        """(id, kind, source, label, [(how, name)]) per entry without building entries;
        ``how`` is 0 for the canonical name, 1 for an alias, 2 for a demonym."""
        for entry_id, entry in self._entries.items():
            label = entry.label or KIND_LABELS[entry.kind]
            names = [(0, entry.name)] + [(1, n) for n in entry.aliases]
            names += [(2, n) for n in entry.demonyms]
            yield entry_id, entry.kind, entry.source, label, names

    def rank(self, kind: str, source: str, how: int) -> tuple[int, int, int]:
        """Sort key of a name match: who wrote the entry, how the name matched, its kind."""
        return (_SOURCE_RANK.get(source, 0), how, _KIND_RANK[kind])

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries known by ``name`` (canonical name, alias or demonym), best first.

        Matching ignores case, accents, punctuation, a leading "the" and a possessive
        "'s": "the U.S.", "US" and "United States" find the same country. The order is
        the user's entries first, then curated, generated and Phoenix ones; within each,
        canonical names before aliases before demonyms; then countries, organisations,
        groups, people, places and products.
        """
        return [self._entry(i) for i in self._name_index().get(normalize(name), ())]

    def demonym_country(self, word: str) -> str | None:
        """The ISO alpha-3 code of the country a demonym names ("Ukrainian" → "UKR").

        Plural and possessive forms work too ("Russians", "Syria's" is not a demonym).
        Peoples without a state ("Kurdish") give ``None``; :meth:`lookup` finds them.
        """
        index = self._demonym_index()
        key = normalize(word)
        return index.get(key) or (index.get(key[:-1]) if key.endswith("s") else None)

    def title_sector(self, title: str) -> str | None:
        """The CAMEO sector code of a title or role noun ("defence minister" → "GOVMIL")."""
        return self._titles.get(normalize(title))

    @staticmethod
    def roles_at(entry: GazetteerEntry, when: date) -> list[Role]:
        """The roles ``entry`` holds on ``when``; roles with open dates always count."""
        return [role for role in entry.roles if role.active(when)]

    def holders(self, title: str, of: str, when: date | None = None) -> list[GazetteerEntry]:
        """Who held office ``title`` of ``of`` on ``when``, most recently appointed first.

        ``of`` is an alpha-3 code ("UKR"), a gazetteer id ("gb:nato"), a name ("Ukraine")
        or a demonym ("Ukrainian"). Without ``when``, the current holders (roles with no
        end date) are returned. "Ukraine's president" in an article dated 2022 is
        ``holders("president", "Ukraine", date(2022, 1, 1))``.
        """
        target = self.resolve_of(of)
        if target is None:
            return []
        found: list[tuple[date, str]] = []
        for entry_id, role in self._office_index().get((_title_key(title), target), ()):
            if role.active(when) if when else role.end is None:
                found.append((role.start or date.min, entry_id))
        found.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return [self._entry(entry_id) for entry_id in dict.fromkeys(i for _, i in found)]

    def resolve_of(self, of: str) -> str | None:
        """The key roles use for ``of``: alpha-3 for a country, else an entry id."""
        text = of.strip()
        if len(text) == 3 and text.isalpha() and text.isupper() and f"gb:{text}" in self:
            return text
        entry = self.get(text)
        if entry is None:
            country = self.demonym_country(text)
            if country:
                return country
            matches = self.lookup(text)
            entry = matches[0] if matches else None
        if entry is None:
            return None
        return entry.country if entry.kind == "Country" and entry.country else entry.id

    # --- indexes (built on first use) -------------------------------------------------

    def _name_index(self) -> dict[str, list[str]]:
        if self._names is None:
            ranked: dict[str, list[tuple[tuple[int, int, int], str]]] = {}
            for entry_id, kind, source, _, names in self._raw():
                for how, name in names:
                    rank = self.rank(kind, source, how)
                    ranked.setdefault(normalize(name), []).append((rank, entry_id))
            self._names = {
                key: list(dict.fromkeys(i for _, i in sorted(items)))
                for key, items in ranked.items()
            }
        return self._names

    def _demonym_index(self) -> dict[str, str]:
        if self._demonyms is None:
            self._demonyms = {}
            for entry_id, kind, _, _, names in self._raw():
                if kind == "Country":
                    country = entry_id.removeprefix("gb:")
                    for how, word in names:
                        if how == 2:
                            self._demonyms.setdefault(normalize(word), country)
        return self._demonyms

    def _office_index(self) -> dict[tuple[str, str], list[tuple[str, Role]]]:
        if self._offices is None:
            self._offices = {}
            for entry_id, entry in self._entries.items():
                if not entry.roles:
                    continue
                for role in self._entry(entry_id).roles:
                    key = (_title_key(role.title), role.of)
                    self._offices.setdefault(key, []).append((entry_id, role))
        return self._offices


def _title_key(title: str) -> str:
    key = normalize(title)
    return _TITLE_SYNONYMS.get(key, key)


# --- merging a user's file -------------------------------------------------------------


def _merge(base: Gazetteer, actors: list[UserActor],
           source: str = "user") -> list[GazetteerEntry | _Packed]:
    """Entries of ``base`` with ``actors`` merged in; touched entries get ``source``.

    Only the entries a record touches are unpacked and rebuilt, so a small file merges
    quickly over the 30,000-odd bundled entries.
    """
    # An entry two records of the file land on under different names is a group the known
    # data lists as one actor: place the records again, each as its own entry then.
    groups: set[str] = set()
    while True:
        drafts, placed, collided = _place(base, actors, source, groups)
        if collided <= groups:
            break
        groups |= collided
    touched = Gazetteer([d.freeze() for d in drafts.values()])

    def known(entry_id: str) -> bool:
        return entry_id in drafts or entry_id in base

    for actor, draft in placed:
        if draft.country and not known(f"gb:{draft.country}"):
            raise GazetteerError(f"{actor.where}: unknown country code {draft.country!r}")
        if actor.parent:
            if not known(actor.parent):
                raise GazetteerError(f"{actor.where}: unknown parent id {actor.parent!r}")
            draft.parent = actor.parent
        for spec in actor.roles:
            for title, text in spec.readings:
                of = touched.resolve_of(text) or base.resolve_of(text)
                if of is not None:
                    draft.add_role(Role(title, of, spec.start, spec.end))
                    break
            else:
                raise GazetteerError(f"{actor.where}: role '{spec.text}': unknown country or "
                                     "actor (use an alpha-3 code, an id or a known name)")
    kept = [e for i, e in base._entries.items() if i not in drafts]
    return kept + [draft.freeze() for draft in drafts.values()]


def _place(
    base: Gazetteer, actors: list[UserActor], source: str, groups: set[str]
) -> tuple[dict[str, EntryDraft], list[tuple[UserActor, EntryDraft]], set[str]]:
    """Put each record on its entry (see :func:`_target`); also return the ids of entries
    that two records with different names landed on."""
    drafts: dict[str, EntryDraft] = {}
    placed: list[tuple[UserActor, EntryDraft]] = []
    taken: dict[str, str] = {}  # entry id -> the name of the record that updated it
    collided: set[str] = set()
    for actor in actors:
        draft = _target(base, drafts, actor)
        key = normalize(actor.name)
        if not actor.id and taken.get(draft.id, key) != key:
            collided.add(draft.id)
        if not actor.id and draft.id in groups | collided and normalize(draft.name) != key:
            # "Royal Air Force" and "Royal Navy" under one Phoenix entry (Her Majesty's
            # Armed Forces): each is its own entry, the group keeps its other names
            draft.aliases = [a for a in draft.aliases if normalize(a) != key]
            draft = _new_entry(base, drafts, actor)
        taken.setdefault(draft.id, key)
        draft.source = source
        if actor.name != draft.name:  # the file's spelling of the name wins
            old_name, draft.name = draft.name, actor.name
            draft.aliases = [a for a in draft.aliases if a != actor.name]
            draft.add_alias(old_name)
        for alias in actor.aliases:
            draft.add_alias(alias)
        for word in actor.demonyms:
            if word not in draft.demonyms:
                draft.demonyms.append(word)
        draft.kind = actor.kind or draft.kind
        draft.country = actor.country or draft.country
        draft.label = actor.label or draft.label
        placed.append((actor, draft))
    return drafts, placed, collided


def _target(base: Gazetteer, drafts: dict[str, EntryDraft], actor: UserActor) -> EntryDraft:
    """The entry a record updates: the one with its id, else the one known entry of the
    same kind (and country, if given) with its name as canonical name, else as alias
    (entries the same file made or changed first); otherwise a new entry."""
    if actor.id and (actor.id in drafts or actor.id in base):
        return _draft(base, drafts, actor.id)
    if not actor.id:
        key = normalize(actor.name)
        for candidates in (
            [d.freeze() for d in drafts.values() if key in {normalize(n) for n in d.names_all()}],
            base.lookup(actor.name),
        ):
            fitting = [
                e for e in candidates
                if (actor.kind is None or e.kind == actor.kind)
                and (actor.country is None or e.country == actor.country)
                and key in {normalize(n) for n in e.names}
            ]
            same = [e for e in fitting if normalize(e.name) == key] or fitting
            if len(same) > 1:
                ids = ", ".join(e.id for e in same[:3])
                raise GazetteerError(f"{actor.where}: {actor.name!r} matches several known "
                                     f"actors ({ids}); give the id of the one you mean")
            if same:
                return _draft(base, drafts, same[0].id)
    return _new_entry(base, drafts, actor)


def _new_entry(base: Gazetteer, drafts: dict[str, EntryDraft], actor: UserActor) -> EntryDraft:
    if actor.kind is None:
        raise GazetteerError(f"{actor.where}: new actor {actor.name!r} needs a kind "
                             "(Person, Organization, Country, Group, Product or Location)")
    entry_id = actor.id or _free_id(base, drafts, actor)
    if any(ch.isspace() for ch in entry_id):
        raise GazetteerError(f"{actor.where}: id {entry_id!r} must not contain spaces")
    drafts[entry_id] = EntryDraft(entry_id, actor.name, actor.kind, actor.country)
    return drafts[entry_id]


def _draft(base: Gazetteer, drafts: dict[str, EntryDraft], entry_id: str) -> EntryDraft:
    if entry_id not in drafts:
        drafts[entry_id] = EntryDraft.of(base._entry(entry_id))
    return drafts[entry_id]


def _free_id(base: Gazetteer, drafts: dict[str, EntryDraft], actor: UserActor) -> str:
    base_id = f"gb:{slug(actor.name) or 'actor'}"
    candidates = [base_id]
    if actor.country:
        candidates.append(f"{base_id}-{actor.country.lower()}")
    candidates += [f"{base_id}-{n}" for n in range(2, 1000)]
    return next(c for c in candidates if c not in drafts and c not in base)
