"""JSON and JSON Lines records → article fields, whatever the scraper called them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphbuilder.read.html import html_fragment_text, looks_like_markup

# Field names seen in scrapers' and news APIs' output, in order of preference; matched
# without regard to case.
TEXT_FIELDS = (
    "text",
    "body",
    "content",
    "article",
    "article_text",
    "articlebody",
    "full_text",
    "fulltext",
    "maintext",
    "story",
)
_TITLE_FIELDS = ("title", "headline", "heading")
_URL_FIELDS = ("url", "link", "canonical_url", "source_url", "uri", "href")
_PUBLISHED_FIELDS = (
    "published",
    "date",
    "published_at",
    "publish_date",
    "date_publish",
    "datepublished",
    "publication_date",
    "pubdate",
    "created_at",
    "datetime",
    "timestamp",
)
_ID_FIELDS = ("id", "doc_id", "docid", "_id", "uuid", "guid")
_UNSAFE_CHARS = re.compile("[\ud800-\udfff\x00]")


class RecordError(Exception):
    """A record that is not an article; ``str(exc)`` says why."""


@dataclass
class Record:
    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None


def parse_record(value: Any) -> Record:
    """Article fields from one decoded JSON value; raise :class:`RecordError` if it has none."""
    if not isinstance(value, dict):
        raise RecordError(f"not a JSON object but {_json_type(value)}")
    by_name = {str(key).lower(): item for key, item in value.items()}
    text = _first(by_name, TEXT_FIELDS)
    if text is None:
        raise RecordError(f"no text field (expected one of: {', '.join(TEXT_FIELDS[:4])}, ...)")
    if isinstance(text, list) and all(isinstance(part, str) for part in text):
        text = "\n\n".join(text)  # a list of paragraphs
    if not isinstance(text, str):
        raise RecordError(f"text field is {_json_type(text)}, not a string")
    text = _sanitise(text)
    if looks_like_markup(text):
        text = html_fragment_text(text)
    return Record(
        text=text,
        id=_scalar(_first(by_name, _ID_FIELDS)),
        title=_scalar(_first(by_name, _TITLE_FIELDS)),
        url=_scalar(_first(by_name, _URL_FIELDS)),
        published=_scalar(_first(by_name, _PUBLISHED_FIELDS)),
    )


def parse_json_document(text: str) -> Iterator[tuple[int, Any]]:
    """Values of a .json file: (number, value) for an object or each item of a list.

    Raises ``ValueError`` (``json.JSONDecodeError``) for malformed JSON.
    """
    value = json.loads(text)
    if isinstance(value, list):
        yield from enumerate(value, start=1)
    else:
        yield 1, value


def json_error(exc: json.JSONDecodeError) -> str:
    """A short reason for malformed JSON: what was expected, and where."""
    return f"malformed JSON ({exc.msg}: line {exc.lineno} column {exc.colno})"


def _first(by_name: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = by_name.get(name)
        if value is not None and value != "":
            return value
    return None


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return _sanitise(value).strip() or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    return None


def _sanitise(text: str) -> str:
    # JSON escapes can spell half a surrogate pair or a NUL, which later stages cannot hold.
    return _UNSAFE_CHARS.sub(lambda m: "" if m.group() == "\0" else "\ufffd", text)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "null" if value is None else "a number"
