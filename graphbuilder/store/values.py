"""The plain, JSON-ready shapes :meth:`GraphStore.query` returns, the same on both backends.

- scalars, lists and maps as Python ``None``/bool/int/float/str/list/dict;
- temporal values as ISO 8601 strings (``date('2022-05-08')`` → ``"2022-05-08"``);
- a node as ``{"element_id": ..., "labels": [...], "properties": {...}}``;
- a relationship as ``{"element_id": ..., "type": ..., "start": ..., "end": ...,
  "properties": {...}}`` where ``start``/``end`` are the element ids of its nodes;
- a path as ``{"nodes": [node, ...], "relationships": [relationship, ...]}``.

Element ids are the backend's own (``#12:0`` in ArcadeDB, ``4:...:0`` in Neo4j) and
differ between stores; the ``id`` property is what identifies actors, facts and articles.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

NODE_KEYS = frozenset({"element_id", "labels", "properties"})
RELATIONSHIP_KEYS = frozenset({"element_id", "type", "start", "end", "properties"})
PATH_KEYS = frozenset({"nodes", "relationships"})


def node(element_id: str, labels: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {"element_id": element_id, "labels": sorted(labels), "properties": properties}


def relationship(
    element_id: str, rel_type: str, start: str, end: str, properties: dict[str, Any]
) -> dict[str, Any]:
    return {
        "element_id": element_id,
        "type": rel_type,
        "start": start,
        "end": end,
        "properties": properties,
    }


def path(nodes: list[dict[str, Any]], relationships: list[dict[str, Any]]) -> dict[str, Any]:
    return {"nodes": nodes, "relationships": relationships}


def is_node(value: Any) -> bool:
    return isinstance(value, dict) and value.keys() == NODE_KEYS


def is_relationship(value: Any) -> bool:
    return isinstance(value, dict) and value.keys() == RELATIONSHIP_KEYS


def is_path(value: Any) -> bool:
    return isinstance(value, dict) and value.keys() == PATH_KEYS


def plain(value: Any) -> Any:
    """Python values a driver hands back → JSON-ready values (backends convert their
    own graph and temporal types first)."""
    if value is None or type(value) in (bool, int, str):
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, float):
        value = float(value)
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return str(value)


def walk(value: Any) -> Iterator[Any]:
    """Every value inside ``value``, depth first, graph shapes yielded whole and entered."""
    yield value
    if isinstance(value, dict):
        if is_node(value) or is_relationship(value):
            return
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)
