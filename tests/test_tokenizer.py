"""The shipped pipelines split text into words as UD English does (training/ud_tokenizer.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from graphbuilder.accurate import accurate_model_path
from graphbuilder.nlp import bundled_model_path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "training"))
from ud_tokenizer import customize_tokenizer  # noqa: E402

SHIPPED = {"default": bundled_model_path(), "accurate": accurate_model_path()}


def _shipped_tokenizer(model_dir: Path) -> Language:
    nlp = spacy.blank("en")
    nlp.tokenizer.from_disk(model_dir / "tokenizer")
    return nlp


@pytest.fixture(scope="module", params=sorted(SHIPPED))
def nlp(request: pytest.FixtureRequest) -> Language:
    return _shipped_tokenizer(SHIPPED[request.param])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a hyphen between a word and a number splits; after a bound prefix it does not
        ("an F-16 jet", ["an", "F", "-", "16", "jet"]),
        ("the U.S.-led coalition", ["the", "U.S.", "-", "led", "coalition"]),
        ("in the mid-1980s", ["in", "the", "mid-1980s"]),
        ("a well-known e-mail", ["a", "well", "-", "known", "e-mail"]),
        # number ranges split; phone and postal numbers stay whole
        ("from 2003-2007", ["from", "2003", "-", "2007"]),
        ("pages 1–10", ["pages", "1", "–", "10"]),
        ("call 345-9945 or 312-666-2372", ["call", "345-9945", "or", "312-666-2372"]),
        ("zip 94720-1900", ["zip", "94720-1900"]),
        # a hyphen opening a word
        ("it was -5 and -better", ["it", "was", "-", "5", "and", "-", "better"]),
        # numbers with words typed onto them, but not ordinals and decades
        ("3days in the 1980s, 21st", ["3", "days", "in", "the", "1980s", ",", "21st"]),
        ("5,000 and 13,14", ["5,000", "and", "13", ",", "14"]),
        ("join #StandWithUkraine now", ["join", "#StandWithUkraine", "now"]),
        ("male(s) or not?how", ["male", "(", "s", ")", "or", "not", "?", "how"]),
        ("see [1]–[11]", ["see", "[", "1", "]", "–", "[", "11", "]"]),
        ("my driver`s seat", ["my", "driver", "`s", "seat"]),
        ("(see the file ):", ["(", "see", "the", "file", ")", ":"]),
        (
            'From: "Julie"<julie@example.com>',
            ["From", ":", '"', "Julie", '"', "<", "julie@example.com", ">"],
        ),
        ("Lt. Gen. Smith met Capt. Jones", ["Lt.", "Gen.", "Smith", "met", "Capt.", "Jones"]),
        ("the 70's, Russia's army", ["the", "70's", ",", "Russia", "'s", "army"]),
        ("an over-rated 5'2 player", ["an", "over-rated", "5", "'", "2", "player"]),
        # the earlier rules
        ("!!! wanna go at 7:30PM", ["!!!", "wan", "na", "go", "at", "7:30", "PM"]),
        ("read http://example.com/a?b=c now", ["read", "http://example.com/a?b=c", "now"]),
    ],
)
def test_shipped_tokenizer_splits_like_ud(nlp: Language, text: str, words: list[str]) -> None:
    assert [t.text for t in nlp(text)] == words


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_tokenizer_is_what_packaging_writes(name: str) -> None:
    """A change to the rules that is not applied to the package (retokenize.py) fails here."""
    shipped = _shipped_tokenizer(SHIPPED[name])
    rebuilt = customize_tokenizer(_shipped_tokenizer(SHIPPED[name]))
    assert shipped.tokenizer.to_bytes() == rebuilt.tokenizer.to_bytes()
