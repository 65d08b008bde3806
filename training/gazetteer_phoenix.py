"""Readers for the PETRARCH2 / Phoenix dictionaries in ``../shared/data/actors`` (MIT).

Only the build script uses this; the product ships the cleaned result. Formats (see the
PETRARCH2 documentation, "Dictionary Formats"):

* actor files: a primary phrase (words joined by ``_``, optional inline ``[CODE]``),
  synonyms on ``+`` lines, then tab-indented ``[CODE restriction]`` lines where the
  restriction is ``<DATE``, ``>DATE`` or ``DATE-DATE`` and a date is ``YYMMDD`` or
  ``YYYYMMDD``; ``#`` starts a comment.
* agents file: ``PHRASE {plurals} [~CODE]`` with ``!MACRO! = A, B`` word lists.
* discards file: one phrase per line; the sentence is ignored when one occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_CODE = re.compile(r"\[([^\]]*)\]")
_DATE_DIGITS = re.compile(r"^\d{6}$|^\d{8}$")
_STEMS = {"minist": ["er", "ers", "ry", "ries"]}


@dataclass(frozen=True)
class PhoenixCode:
    """One code of an actor, valid between ``start`` and ``end`` (inclusive; None = open)."""

    code: str
    start: date | None = None
    end: date | None = None
    dated: bool = False  # had a restriction (a default code has none)


@dataclass
class PhoenixRecord:
    """One actor record: its phrases (primary first), codes and comments."""

    names: list[str]
    codes: list[PhoenixCode] = field(default_factory=list)
    comment: str = ""
    file: str = ""
    line: int = 0


def phoenix_date(text: str) -> date | None:
    """``YYMMDD`` or ``YYYYMMDD`` → date. Two-digit years below 30 are 20xx (the files
    were written before 2015 and reach back into the 1900s). Bad dates give None."""
    text = text.strip()
    if not _DATE_DIGITS.match(text):
        return None
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year < 30 else 1900
        text = f"{year}{text[2:]}"
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def parse_code(body: str) -> PhoenixCode | None:
    """The inside of ``[...]``: ``CODE``, ``CODE >DATE``, ``CODE <DATE``, ``CODE D1-D2``."""
    parts = body.split(None, 1)
    if not parts or parts[0].startswith(("~", "-")) or not parts[0][:1].isalpha():
        return None
    code = parts[0].upper()
    if len(parts) == 1:
        return PhoenixCode(code)
    rule = "".join(parts[1].split())
    if rule.startswith(">"):
        start = phoenix_date(rule[1:])
        return PhoenixCode(code, start, None, True) if start else None
    if rule.startswith("<"):
        end = phoenix_date(rule[1:])
        return PhoenixCode(code, None, end, True) if end else None
    first, _, last = rule.partition("-")
    start, end = phoenix_date(first), phoenix_date(last)
    if start is None or end is None or end < start:
        return None
    return PhoenixCode(code, start, end, True)


def read_actors(path: Path) -> list[PhoenixRecord]:
    """All records of an actor file that carry a code.

    A primary phrase without any code is a spelling variant written on its own line:
    it joins the record right after it, or else the one right before it (records
    separated by a blank line are never joined).
    """
    records: list[PhoenixRecord] = []
    joined: list[bool] = []  # record i follows record i-1 with no blank line between
    blank = True
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, raw in enumerate(lines, 1):
        text, _, comment = raw.partition("#")
        if not text.strip():
            blank = blank or not raw.strip()
            continue
        if text[0] in " \t" and records:
            records[-1].codes.extend(_codes(text))
        elif text.startswith("+") and records:
            records[-1].names.extend(n for n in text.split("+") if n.strip())
        else:
            name, bracket, rest = text.partition("[")
            record = PhoenixRecord([name.strip()], file=path.name, line=number, comment=comment)
            record.codes.extend(_codes(bracket + rest))
            if records and not blank and not records[-1].codes:
                record.names.extend(records.pop().names)  # the codeless one is a variant
                joined.pop()
            records.append(record)
            joined.append(not blank)
        blank = False
    kept: list[PhoenixRecord] = []
    for record, after_previous in zip(records, joined, strict=True):
        if record.codes:
            kept.append(record)
        elif after_previous and kept:
            kept[-1].names.extend(record.names)
    return kept


def _codes(text: str) -> Iterator[PhoenixCode]:
    for body in _CODE.findall(text):
        code = parse_code(body)
        if code is not None:
            yield code


def read_agents(path: Path) -> dict[str, str]:
    """Agent phrase (lower case, spaces) → sector code without ``~`` ("prime minister" →
    "GOV"). Macros such as ``!PERSON!`` are expanded; plural lists in braces are read."""
    macros: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = raw.partition("#")[0].strip()
        if not text:
            continue
        if "=" in text and text.startswith("!"):
            name, _, values = text.partition("=")
            macros[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = _CODE.search(text)
        if not match or "~" not in match[1]:
            continue
        sector = match[1].replace("~", "").strip().upper()
        head = text[: match.start()]
        plurals = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", " ", head)
        phrases = [head] + [p for group in plurals for p in group.split()]
        for phrase in phrases:
            for expanded in _expand(phrase.strip(), macros):
                words = expanded.replace("_", " ").lower().split()
                # a few entries keep a stem ("DEFENCE_MINIST"): spell its forms out
                endings = _STEMS.get(words[-1], [""]) if words else []
                for ending in endings:
                    agents.setdefault(" ".join(words) + ending, sector)
    return agents


def _expand(phrase: str, macros: dict[str, list[str]]) -> Iterable[str]:
    match = re.search(r"![A-Z]+!", phrase)
    if not match:
        return [phrase]
    values = macros.get(match[0], [])
    out: list[str] = []
    for value in values:
        # a macro glued to a word ("CATTLE!PERSON!") reads as "cattle man"
        out.extend(_expand(phrase[: match.start()] + " " + value + " " + phrase[match.end():],
                           macros))
    return out


def read_discards(path: Path) -> set[str]:
    """Discard phrases, lower case; a leading ``+`` (discard the whole story) is dropped."""
    phrases = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = raw.partition("#")[0].partition(";")[0].strip().lstrip("+").strip()
        if text and not text.isdigit():
            phrases.add(" ".join(text.replace("_", " ").lower().split()))
    return phrases
