"""Make spaCy's English tokenizer split text the way UD English (EWT, GUM) does.

Every word the tokenizer splits differently from the treebank is lost for tagging and parsing
(both in training and in the scores), so this closes the most frequent gaps found on the train
split:

* runs of one punctuation mark stay one token ("!!!", "?!", "<<", "***", "=====");
* a hyphen after a bound prefix does not split ("e-mail", "non-avian", "re-elected"), other
  hyphenated words still do ("well - known"), as in UD;
* "7:30PM" → "7:30" "PM"; "wanna" → "wan" "na"; "and/or" → "and" "/" "or";
* a hyphen between a word and a number splits ("F - 16", "girl - 10"), as does a number range
  ("2003 - 2007", "1 – 10"); phone and postal numbers ("345-9945", "312-666-2372",
  "94720-1900") stay whole;
* a hyphen that opens a word splits off ("- better", "- 5");
* a number splits from a lower-case word typed onto it ("3 days"), not from "3rd" or "1980s";
* "the 70's" keeps its "'s"; a height "5'2" splits;
* hashtags stay whole ("#argument"); "13,14" splits while "5,000" stays;
* brackets and "?", "!", ";" typed between two words split ("male ( s )", "it ? how"), as do
  the marks of a mail header ('Julie " < julie@example.com >') and a backquote possessive.

The rules are serialised with the pipeline's tokenizer, so loading the shipped pipeline needs
none of this code. Used by ``package_model.py`` and, in training configs, as the
``[initialize.before_init]`` callback ``graphbuilder.ud_tokenizer.v1`` (``spacy train --code
training/ud_tokenizer.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import spacy
from spacy.attrs import NORM, ORTH
from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.lang.tokenizer_exceptions import URL_PATTERN
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

_PUNCT_RUNS = [
    r"[.!?]*[!?][.!?]*",  # "!!!", "?!", ".?"
    r"<{2,}",
    r">{2,}",
    r"\*{2,}",
    r"={2,}",
    r"_{2,}",
    r"-{2,}",
    r"#{2,}",
    r"~{2,}",
]
# prefixes UD English writes with their hyphen as one word
_BOUND_PREFIXES = (
    "e non pro anti re co cross semi pre mid multi post ex inter intra sub super counter bi un"
    " over mini"
).split()
_ABBREVIATIONS = (
    "Capt. Sgt. Lt. Col. Maj. Cpl. Pvt. Cmdr. Cdr. Brig. Adm. Gens. Sr. Amb. Pres. Dept. Sts."
    " Tue. Tues. Thu. Thur. Thurs."
).split()
_AM_PM = r"(?<=[0-9])(?:[AaPp]\.?[Mm]\.?)"
_EXCEPTIONS = {
    "wanna": [{ORTH: "wan", NORM: "want"}, {ORTH: "na", NORM: "to"}],
    "Wanna": [{ORTH: "Wan", NORM: "want"}, {ORTH: "na", NORM: "to"}],
    **{abbr: [{ORTH: abbr}] for abbr in ("al.", "Ft.", "approx.", "cf.", "ca.", "ext.")},
    # military ranks, titles and weekdays spaCy splits ("Lt . Gen. Smith"); never plain words
    **{abbr: [{ORTH: abbr}] for abbr in _ABBREVIATIONS},
}
# emoticons spaCy keeps whole that UD's train split only ever has as two marks ("file ):")
_SPLIT_EXCEPTIONS = ("and/or", "):", ":*", "(=")
# a hyphen splits off the front of a word or number ("-better", "-5"); "#" stays on a hashtag
_PREFIXES = [r"-(?=[A-Za-z0-9])"]
_PREFIX_REPLACED = {"#": r"#(?![A-Za-z])"}
# a decade keeps its "'s" ("the 70's")
_SUFFIX_REPLACED = {"'s": r"(?<![0-9])'s", "’s": r"(?<![0-9])’s"}
# a backquote possessive; a number splits from the lower-case word typed onto it ("3 days",
# "650 k"), except an ordinal or a decade ("3rd", "1980s")
_SUFFIXES = [r"(?<=[A-Za-z])`[sS]", r"(?<=[0-9])(?!(?:st|nd|rd|th|s)$)[a-z]+"]
_INFIXES = [
    r"(?<=[A-Za-z]\.)-(?=[A-Za-z])",  # "U.S.-led"
    r"(?<=[0-9]),(?=[0-9])(?![0-9]{3}(?![0-9]))",  # "13,14" but not "5,000"
    r"(?<=[A-Za-z0-9])[)\]](?=[A-Za-z0-9(\[.–—])",  # "male(s)", "file.pdf)(See", "[1]–[3]"
    r"(?<=[A-Za-z0-9)\]–—])[(\[](?=[A-Za-z0-9])",
    r"(?<=[0-9])'(?=[0-9])",  # a height, "5'2"
    r"[–—]",  # "[1]–[11]", "1990–1995": UD writes a dash as a word of its own
    r"(?<=[A-Za-z])[?!;](?=[A-Za-z])",  # "it?how"
    r'(?<=[A-Za-z])"(?=<)',  # 'Julie"<julie@example.com>'
    r'(?<=")<(?=\S)',
]


def _hyphen_infix() -> str:
    not_after_prefix = "".join(rf"(?<!\b[{p[0].upper()}{p[0]}]{p[1:]})" for p in _BOUND_PREFIXES)
    return (
        rf"(?<=[{ALPHA}0-9]){not_after_prefix}(?:{HYPHENS})(?=[{ALPHA}])"
        rf"|(?<=[{ALPHA}]){not_after_prefix}(?:{HYPHENS})(?=[0-9])"
    )


# digits-hyphen-digits splits ("3-4", "2003-2007", "750-800") unless it reads as a phone or
# postal number: four digits after the hyphen and one, three or five before ("345-9945"),
# or three and three then four ("312-666-2372")
_DIGIT_INFIX = (
    r"(?<=[0-9])(?:[+\*^–—]"
    r"|(?:(?<=(?<![0-9])[0-9]{2})|(?<=(?<![0-9])[0-9]{4})|(?<=[0-9]{6}))-"
    r"|-(?![0-9]{4}(?![0-9])|[0-9]{3}-[0-9]{4}(?![0-9])))(?=[0-9-])"
)


def customize_tokenizer(nlp: Language) -> Language:
    """Change ``nlp.tokenizer`` in place to follow UD English tokenization; return ``nlp``."""
    defaults = nlp.Defaults
    infixes = []
    for pattern in defaults.infixes:
        if pattern == r"(?<=[0-9])[+\-\*^](?=[0-9-])":
            infixes.append(_DIGIT_INFIX)
        elif f"(?:{HYPHENS})" in pattern and pattern.startswith(rf"(?<=[{ALPHA}0-9])"):
            infixes.append(_hyphen_infix())
        else:
            infixes.append(pattern)
    tokenizer = nlp.tokenizer
    prefixes = [_PREFIX_REPLACED.get(p, p) for p in defaults.prefixes]
    tokenizer.prefix_search = compile_prefix_regex([*_PUNCT_RUNS, *prefixes, *_PREFIXES]).search
    suffixes = [_SUFFIX_REPLACED.get(p, p) for p in defaults.suffixes]
    tokenizer.suffix_search = compile_suffix_regex(
        [*_PUNCT_RUNS, _AM_PM, *suffixes, *_SUFFIXES]
    ).search
    tokenizer.infix_finditer = compile_infix_regex([*infixes, *_INFIXES]).finditer
    # a mail header 'Julie"<julie@example.com>' is not one address
    tokenizer.url_match = re.compile(r'(?u)(?!\S*"<)' + URL_PATTERN).match
    rules = {k: v for k, v in tokenizer.rules.items() if k not in _SPLIT_EXCEPTIONS}
    rules.update(_EXCEPTIONS)
    tokenizer.rules = rules
    return nlp


@spacy.registry.callbacks("graphbuilder.ud_tokenizer.v1")
def make_customize_tokenizer() -> Callable[[Language], Language]:
    return customize_tokenizer
