"""Make spaCy's English tokenizer split text the way UD English (EWT, GUM) does.

Every word the tokenizer splits differently from the treebank is lost for tagging and parsing
(both in training and in the scores), so this closes the most frequent gaps found on the train
split:

* runs of one punctuation mark stay one token ("!!!", "?!", "<<", "***", "=====");
* a hyphen after a bound prefix does not split ("e-mail", "non-avian", "re-elected"), other
  hyphenated words still do ("well - known"), as in UD;
* digit groups of three or more joined by hyphens stay together (phone numbers);
* "7:30PM" → "7:30" "PM"; "wanna" → "wan" "na"; "and/or" → "and" "/" "or".

The rules are serialised with the pipeline's tokenizer, so loading the shipped pipeline needs
none of this code. Used by ``package_model.py`` and, in training configs, as the
``[initialize.before_init]`` callback ``graphbuilder.ud_tokenizer.v1`` (``spacy train --code
training/ud_tokenizer.py``).
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.attrs import NORM, ORTH
from spacy.lang.char_classes import ALPHA, HYPHENS
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
).split()
_AM_PM = r"(?<=[0-9])(?:[AaPp]\.?[Mm]\.?)"
_EXCEPTIONS = {
    "wanna": [{ORTH: "wan", NORM: "want"}, {ORTH: "na", NORM: "to"}],
    "Wanna": [{ORTH: "Wan", NORM: "want"}, {ORTH: "na", NORM: "to"}],
    **{abbr: [{ORTH: abbr}] for abbr in ("al.", "Ft.", "approx.", "cf.", "ca.")},
}
_SPLIT_EXCEPTIONS = ("and/or",)


def _hyphen_infix() -> str:
    not_after_prefix = "".join(rf"(?<!\b[{p[0].upper()}{p[0]}]{p[1:]})" for p in _BOUND_PREFIXES)
    return rf"(?<=[{ALPHA}0-9]){not_after_prefix}(?:{HYPHENS})(?=[{ALPHA}])"


# digits-hyphen-digits splits ("3-4") unless three or more digits stand on both sides
_DIGIT_INFIX = r"(?<=[0-9])(?:[+\*^]|(?<![0-9]{3})-|-(?![0-9]{3}))(?=[0-9-])"


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
    tokenizer.prefix_search = compile_prefix_regex([*_PUNCT_RUNS, *defaults.prefixes]).search
    tokenizer.suffix_search = compile_suffix_regex(
        [*_PUNCT_RUNS, _AM_PM, *defaults.suffixes]
    ).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    rules = {k: v for k, v in tokenizer.rules.items() if k not in _SPLIT_EXCEPTIONS}
    rules.update(_EXCEPTIONS)
    tokenizer.rules = rules
    return nlp


@spacy.registry.callbacks("graphbuilder.ud_tokenizer.v1")
def make_customize_tokenizer() -> Callable[[Language], Language]:
    return customize_tokenizer
