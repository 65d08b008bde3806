"""Cypher query files: the text, and parameter defaults declared in the header comment.

A query file starts with a ``//`` comment block. A line such as::

    // Parameters: @param name: Elon Musk   -- an actor's name or alias

declares the parameter ``name`` with default ``"Elon Musk"``; ``-p name=...`` on the command
line overrides it. Values that parse as JSON (numbers, true/false, lists, quoted strings) are
passed as such; anything else is passed as a string.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuilder.errors import QueryError

_PARAM = re.compile(r"@param\s+([A-Za-z_]\w*)\s*:\s*(.*?)\s*(?:--.*)?$")


@dataclass
class QueryFile:
    text: str
    defaults: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def parse_value(raw: str) -> Any:
    """``"5"`` → 5, ``"true"`` → True, ``'""'`` → "", ``"Elon Musk"`` → "Elon Musk"."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def load_query(file_or_cypher: str) -> QueryFile:
    """Load a ``.cypher`` file, or take the argument itself as Cypher."""
    path = Path(file_or_cypher)
    looks_like_file = file_or_cypher.endswith((".cypher", ".cql")) or "\n" not in file_or_cypher
    if looks_like_file and path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read query file: {exc}") from exc
        return QueryFile(text=text, defaults=parse_defaults(text), path=path)
    if file_or_cypher.endswith((".cypher", ".cql")):
        raise QueryError(f"{file_or_cypher}: no such query file")
    return QueryFile(text=file_or_cypher)


def parse_defaults(text: str) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            continue
        match = _PARAM.search(stripped)
        if match:
            defaults[match.group(1)] = parse_value(match.group(2))
    return defaults


def parse_assignments(items: list[str]) -> dict[str, Any]:
    """Parse ``["name=Elon Musk", "limit=5"]`` from ``-p`` options."""
    params: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name.strip()):
            raise QueryError(f"parameter {item!r} must look like name=value")
        params[name.strip()] = parse_value(value)
    return params
