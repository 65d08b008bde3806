"""Reading a user's actors file (``--actors FILE``): YAML or CSV, one actor per record.

Both forms carry the same fields; see ``graphbuilder/gazetteer/README.md``. Errors are
:class:`~graphbuilder.errors.GazetteerError` with ``file:line: reason`` messages.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from graphbuilder.errors import GazetteerError
from graphbuilder.gazetteer._records import LABELS, parse_date
from graphbuilder.types import ACTOR_KINDS

FIELDS: tuple[str, ...] = ("id", "name", "kind", "aliases", "country", "roles", "parent", "label",
                           "demonyms")
_KIND_SPELLINGS = {kind.lower(): kind for kind in ACTOR_KINDS} | {"organisation": "Organization"}
_ROLE = re.compile(r"^(?P<body>.+?\s+of\s+.+?)(?:\s+(?P<dates>\S*\.\.\S*))?$")
_SEPARATOR = "|"


@dataclass(frozen=True)
class RoleSpec:
    """A role as written in the file; ``of`` is resolved when the file is merged.

    "secretary of state of USA" can be split at either "of": ``readings`` holds the
    (title, of) pairs, shortest title first, and the first whose ``of`` is a known
    country or actor wins.
    """

    readings: tuple[tuple[str, str], ...]
    start: date | None
    end: date | None

    @property
    def text(self) -> str:
        title, of = self.readings[0]
        return f"{title} of {of}"


@dataclass
class UserActor:
    """One validated record of a user's actors file."""

    where: str  # "file:line", for messages
    name: str
    kind: str | None = None
    id: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    roles: list[RoleSpec] = field(default_factory=list)
    parent: str | None = None
    label: str | None = None
    demonyms: list[str] = field(default_factory=list)


def read_actors_file(path: Path) -> list[UserActor]:
    """Parse and validate ``path`` (``.yaml``/``.yml`` or ``.csv``).

    Raises
    ------
    GazetteerError
        If the file cannot be read or a record is malformed; the message names the
        file and line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read actors file ({exc})") from exc
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        records = _yaml_records(text, path)
    elif suffix == ".csv":
        records = _csv_records(text, path)
    else:
        raise GazetteerError(f"{path}: actors file must end in .yaml, .yml or .csv")
    actors = [_actor(where, data) for where, data in records]
    if not actors:
        raise GazetteerError(f"{path}: no actors in the file")
    return actors


def _yaml_records(text: str, path: Path) -> list[tuple[str, dict[str, Any]]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or "invalid YAML"
        raise GazetteerError(f"{path}{line}: {reason}") from exc
    if root is None:
        return []
    if isinstance(root, yaml.MappingNode):  # {actors: [...]}
        items = {key.value: value for key, value in root.value}
        if "actors" not in items:
            raise GazetteerError(f"{path}:{root.start_mark.line + 1}: expected a list of actors "
                                 "or a mapping with an 'actors' list")
        root = items["actors"]
    if not isinstance(root, yaml.SequenceNode):
        raise GazetteerError(f"{path}:{root.start_mark.line + 1}: 'actors' must be a list")
    loader = yaml.SafeLoader("")
    records = []
    for node in root.value:
        where = f"{path}:{node.start_mark.line + 1}"
        if not isinstance(node, yaml.MappingNode):
            raise GazetteerError(f"{where}: each actor must be a mapping with at least a name")
        records.append((where, loader.construct_object(node, deep=True)))
    return records


def _csv_records(text: str, path: Path) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if "name" not in header:
        raise GazetteerError(f"{path}:1: CSV header must have a 'name' column "
                             f"(columns: {', '.join(FIELDS)})")
    unknown = [name for name in header if name not in FIELDS]
    if unknown:
        raise GazetteerError(f"{path}:1: unknown column {unknown[0]!r} "
                             f"(columns: {', '.join(FIELDS)})")
    reader.fieldnames = header
    records = []
    for row in reader:
        where = f"{path}:{reader.line_num}"
        if None in row:
            raise GazetteerError(f"{where}: more values than columns (quote values with commas)")
        cells = {key: (value or "").strip() for key, value in row.items()}
        if not any(cells.values()):
            continue
        data: dict[str, Any] = {k: v for k, v in cells.items() if v}
        for key in ("aliases", "roles", "demonyms"):
            if key in data:
                data[key] = [part.strip() for part in data[key].split(_SEPARATOR) if part.strip()]
        records.append((where, data))
    return records


def _actor(where: str, data: dict[str, Any]) -> UserActor:
    unknown = sorted(str(key) for key in data if key not in FIELDS)
    if unknown:
        raise GazetteerError(f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
    name = _text(where, data, "name")
    if not name:
        raise GazetteerError(f"{where}: actor has no name")
    actor = UserActor(where=where, name=name)
    kind = _text(where, data, "kind")
    if kind:
        if kind.lower() not in _KIND_SPELLINGS:
            raise GazetteerError(f"{where}: kind {kind!r} is not one of {', '.join(ACTOR_KINDS)}")
        actor.kind = _KIND_SPELLINGS[kind.lower()]
    actor.id = _text(where, data, "id") or None
    country = _text(where, data, "country")
    if country:
        if not re.fullmatch(r"[A-Za-z]{3}", country):
            raise GazetteerError(f"{where}: country {country!r} is not an ISO 3166 alpha-3 code "
                                 "(e.g. UKR)")
        actor.country = country.upper()
    actor.parent = _text(where, data, "parent") or None
    label = _text(where, data, "label")
    if label:
        if label.upper() not in LABELS:
            labels = ", ".join(sorted(LABELS))
            raise GazetteerError(f"{where}: label {label!r} is not one of {labels}")
        actor.label = label.upper()
    actor.aliases = _strings(where, data, "aliases")
    actor.demonyms = _strings(where, data, "demonyms")
    raw_roles = data.get("roles") or []
    if isinstance(raw_roles, str | dict):
        raw_roles = [raw_roles]
    if not isinstance(raw_roles, list):
        raise GazetteerError(f"{where}: roles must be a list")
    actor.roles = [_role(where, raw) for raw in raw_roles]
    return actor


def _text(where: str, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    raise GazetteerError(f"{where}: {key} must be a single value, not {type(value).__name__}")


def _strings(where: str, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = value.split(_SEPARATOR)
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise GazetteerError(f"{where}: {key} must be a list of names or a '|'-separated string")
    return [str(v).strip() for v in value if str(v).strip()]


def _role(where: str, raw: Any) -> RoleSpec:
    """``"president of UKR 2019-05-20.."`` or ``{title, of, start, end}``."""
    if isinstance(raw, dict):
        unknown = sorted(str(k) for k in raw if k not in ("title", "of", "start", "end"))
        if unknown:
            raise GazetteerError(f"{where}: unknown role field {unknown[0]!r} "
                                 "(fields: title, of, start, end)")
        title, of = str(raw.get("title") or "").strip(), str(raw.get("of") or "").strip()
        if not title or not of:
            raise GazetteerError(f"{where}: a role needs a title and an 'of' "
                                 "(country code or actor)")
        start = _role_date(where, raw.get("start"), False)
        end = _role_date(where, raw.get("end"), True)
        if start and end and end < start:
            raise GazetteerError(f"{where}: role {title!r} ends before it starts")
        return RoleSpec(((title.lower(), of),), start, end)
    if not isinstance(raw, str):
        raise GazetteerError(f"{where}: a role is a string like 'president of UKR 2019-05-20..'")
    match = _ROLE.match(" ".join(raw.split()))
    if not match:
        raise GazetteerError(f"{where}: cannot read role {raw!r} "
                             "(expected 'TITLE of COUNTRY-OR-ACTOR [START..END]')")
    start = end = None
    if match["dates"]:
        first, _, last = match["dates"].partition("..")
        start, end = _role_date(where, first, False), _role_date(where, last, True)
    if start and end and end < start:
        raise GazetteerError(f"{where}: role {raw!r} ends before it starts")
    words = match["body"].split(" ")
    readings = tuple(
        (" ".join(words[:i]).lower(), " ".join(words[i + 1:]))
        for i, word in enumerate(words)
        if word == "of" and 0 < i < len(words) - 1
    )
    return RoleSpec(readings, start, end)


def _role_date(where: str, value: Any, end: bool) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value), end=end)
    except ValueError as exc:
        raise GazetteerError(f"{where}: {exc}") from exc
