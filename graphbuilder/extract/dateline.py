"""News datelines: "KYIV, May 9, 2022 - ", "WASHINGTON (Reuters) - ", "*Moscow, 8 May 2022*".

A dateline glued to the first sentence wrecks its parse (the place becomes the root and
the real subject a fragment), so the extractor parses it as a piece of its own. The
place stays in the text, so it is still tagged as a mention; offsets are untouched.
"""

from __future__ import annotations

import re

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+"
_DATE = (rf"(?:{_WEEKDAY})?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})")
_WORD = r"[A-Z][A-Za-z.'\u2019-]*"
_CAPS_WORD = r"[A-Z][A-Z.'\u2019-]+"
_PLACE = rf"{_WORD}(?:[ /]{_WORD}){{0,3}}"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ /]{_CAPS_WORD}){{0,3}}"
_REGION = rf"(?:,\s*{_WORD}(?:\s{_WORD}){{0,2}})?"  # "Kyiv, Ukraine"
_AGENCY = r"\s*\([A-Z][^()\n]{0,40}\)"  # "(Reuters)", "(AP)"
_DASH = r"\s*(?:--|[\u2013\u2014])\s*|\s+-\s+"
_EMPH = r"[*_]*"
_NEXT = r"(?=[A-Z0-9\"\u201c\u2018'])"  # the story starts with a sentence

# "KYIV -" (a place in capitals), or any place with a date or an agency: "Kyiv, May 9 -"
_INLINE = re.compile(
    rf"{_EMPH}(?:{_CAPS_PLACE}{_REGION}(?:,?\s*{_DATE})?(?:{_AGENCY})?"
    rf"|{_PLACE}{_REGION}(?:,?\s*{_DATE}(?:{_AGENCY})?|{_AGENCY})){_EMPH}(?:{_DASH}){_NEXT}"
)
# a line of its own: "*Moscow, 8 May 2022*", "LONDON, March 3"
_LINE = re.compile(rf"{_EMPH}{_PLACE}{_REGION},?\s*{_DATE}{_EMPH}[ \t]*\n")


def dateline_length(text: str) -> int:
    """Length of the dateline ``text`` starts with (after leading blanks), 0 when none.

    >>> text = "KYIV, May 9, 2022 - Dmitry Rogozin accused Elon Musk."
    >>> text[: dateline_length(text)]
    'KYIV, May 9, 2022 - '
    >>> dateline_length("Russia - a country of many time zones - said nothing.")
    0
    """
    lead = len(text) - len(text.lstrip())
    for pattern in (_INLINE, _LINE):
        m = pattern.match(text, lead)
        if m is not None and m.end() < len(text) and text[m.end():].strip():
            return m.end()
    return 0
