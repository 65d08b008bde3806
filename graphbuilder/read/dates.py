"""Publication dates: normalise what feeds give, and find a dateline date in the text.

Dates are stored as ISO 8601 strings so that ``--since/--until`` and the timeline queries
can compare them as text on every backend.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # May 9, 2022
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 9 May 2022
]
# A dateline sits at the very top: "KYIV, May 9, 2022 - ..." or "*Moscow, 8 May 2022*".
_DATELINE_CHARS = 200


def _match_date(match: re.Match[str]) -> date | None:
    month = match.group("month")
    month_no = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    try:
        return date(int(match.group("year")), month_no or 0, int(match.group("day")))
    except ValueError:
        return None


def normalise_date(value: str | None) -> str | None:
    """ISO form of a date or datetime string; other strings are returned unchanged.

    >>> normalise_date("2022-05-08T10:00:00Z")
    '2022-05-08T10:00:00Z'
    >>> normalise_date("Sunday, 8 May 2022")
    '2022-05-08'
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        return text  # already ISO 8601: keep it exactly as given
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match and (found := _match_date(match)):
            return found.isoformat()
    return text


def dateline_date(text: str) -> str | None:
    """The date in an article's dateline, if its first lines carry one.

    >>> dateline_date("KYIV, May 9, 2022 - Officials said ...")
    '2022-05-09'
    """
    head = text[:_DATELINE_CHARS]
    found: list[tuple[int, date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(head):
            if day := _match_date(match):
                found.append((match.start(), day))
    return min(found)[1].isoformat() if found else None
