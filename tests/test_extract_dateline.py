"""Datelines are parsed apart from the story's first sentence, with offsets kept."""

from __future__ import annotations

import pytest
from extract_helpers import find, run, show

from graphbuilder.extract import pieces
from graphbuilder.extract.dateline import dateline_length


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("KYIV, May 9, 2022 - Dmitry Rogozin accused Elon Musk.", "KYIV, May 9, 2022 - "),
        ("JAKARTA - Tesla CEO Elon Musk was threatened.", "JAKARTA - "),
        ("WASHINGTON (Reuters) - The Pentagon said.", "WASHINGTON (Reuters) - "),
        ("LONDON, March 3 (AP) -- Talks ended.", "LONDON, March 3 (AP) -- "),
        ("BEIRUT/AMMAN, Jan. 5 \u2014 Syrian troops advanced.", "BEIRUT/AMMAN, Jan. 5 \u2014 "),
        ("Kyiv, Ukraine, Monday, May 9 \u2013 Shelling went on.",
         "Kyiv, Ukraine, Monday, May 9 \u2013 "),
        ("*Moscow, 8 May 2022*\nRogozin threatened NATO.", "*Moscow, 8 May 2022*\n"),
        # a dash inside the first name is not a second dateline
        ("BAGHDAD - Combined Joint Task Force - Operation Inherent Resolve gave masks.",
         "BAGHDAD - "),
        # no dateline: a title-case word without date or agency, a lower-case continuation
        ("Russia - a country of many time zones - said nothing.", ""),
        ("NATO - the alliance - met.", ""),
        ("Minister for the Middle East, Tobias Ellwood, responds.", ""),
        ("On Jan. 8, Coalition forces conducted 34 strikes.", ""),
        ("KYIV, May 9, 2022 - ", ""),  # nothing after it: no story to protect
    ],
)
def test_extract_dateline_length(text: str, dateline: str) -> None:
    assert text[: dateline_length(text)] == dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline here\n\nKYIV, May 9 - Rogozin spoke. He left.",
         ["Headline here\n\n", "KYIV, May 9 - ", "Rogozin spoke. He left."]),
        ("One.\n\nTwo.\n\nThree.\n\nLONDON (AP) - Four.",  # only the opening paragraphs
         ["One.\n\n", "Two.\n\n", "Three.\n\n", "LONDON (AP) - Four."]),
    ],
)
def test_extract_dateline_is_a_piece_of_its_own(text: str, expected: list[str]) -> None:
    found = list(pieces(text, 5000))
    assert [t for _, t in found] == expected
    assert all(text[off : off + len(t)] == t for off, t in found)


def test_extract_dateline_leaves_the_first_sentence_whole() -> None:
    text = ("KYIV, May 9, 2022 - Dmitry Rogozin, the head of the Russian space agency "
            "Roscosmos, accused Elon Musk on Sunday of supplying military communications to "
            "Ukrainian forces.")
    ex = run(text)
    accuse = find(ex, "Rogozin", "ACCUSE", "Musk")
    assert accuse is not None, show(ex)
    assert accuse.sentence.startswith("Dmitry Rogozin")
    assert text[accuse.subject_span[0] : accuse.subject_span[1]] == "Dmitry Rogozin"
    supply = find(ex, "Musk", "SUPPLY", "Ukrainian forces")
    assert supply is not None and supply.attributed_to == accuse.subject, show(ex)
