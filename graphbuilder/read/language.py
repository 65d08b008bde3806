"""Which language an article is in, offline, with py3langid (4.6 MB model, BSD-3-Clause).

The classifier is confident and right on paragraphs, but on a single Title Case headline it
happily says Estonian or Nigerian Pidgin. The rule below was tuned on samples written for
the purpose (14 languages, long and headline-length) and on English sentences from UD EWT:
lower-case the text before classifying, and on short texts believe a non-English answer
only when the model is very sure. Texts written mostly in a non-Latin script are never
English, whatever their length.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# Below this many letters a text is too short to judge at all.
_MIN_LETTERS = 12
# Below this many letters a text counts as short (a headline, a one-line note).
_SHORT_LETTERS = 200
_MIN_CONFIDENCE_SHORT = 0.9
_MIN_CONFIDENCE_LONG = 0.5
# A long document is judged from its beginning and its middle, not read through.
_SAMPLE_CHARS = 3000
# py3langid names some Chinese varieties separately; users know them as Chinese.
_REPORTED_AS = {"wuu": "zh", "yue": "zh"}


@functools.cache
def _identifier() -> LanguageIdentifier:
    # Loading the model takes about a second: only when the first article arrives.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    except OSError:
        # py3langid unpacks its model (68 MB) into a temporary file; where the temporary
        # directory is full or read-only, unpack it in memory instead.
        return _identifier_in_memory()


def _identifier_in_memory() -> LanguageIdentifier:
    import io
    import lzma

    import numpy as np
    from py3langid import modelio
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    with lzma.open(MODEL_DIR / MODEL_FILE) as packed:
        unpacked = io.BytesIO(packed.read())
    with np.load(unpacked, allow_pickle=False) as data:
        return LanguageIdentifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            modelio._to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=modelio._to_array(data["nextmove_row"]),
        )


def detect_language(text: str) -> tuple[str, float] | None:
    """The language code and confidence for ``text``, or None when it is too short to tell.

    The code is ISO 639-1 where one exists (``"de"``), else ISO 639-3.
    """
    sample = _sample(text)
    if sum(1 for ch in sample if ch.isalpha()) < _MIN_LETTERS:
        return None
    lang, confidence = _identifier().classify(sample.lower())
    return _REPORTED_AS.get(lang, lang), confidence


def foreign_language(text: str, languages: set[str]) -> str | None:
    """The detected language if ``text`` is confidently in none of ``languages``, else None."""
    detected = detect_language(text)
    if detected is None or detected[0] in languages:
        return None
    lang, confidence = detected
    letters = [ch for ch in _sample(text) if ch.isalpha()]
    # Latin letters, with their accented forms, all sit below U+0250 (IPA extensions).
    latin = sum(1 for ch in letters if ord(ch) < 0x250)
    if latin < len(letters) / 2:
        return lang  # mostly Cyrillic, Arabic, CJK...: the script alone settles it
    threshold = _MIN_CONFIDENCE_SHORT if len(letters) < _SHORT_LETTERS else _MIN_CONFIDENCE_LONG
    return lang if confidence >= threshold else None


def _sample(text: str) -> str:
    if len(text) <= 2 * _SAMPLE_CHARS:
        return text
    middle = len(text) // 2
    return text[:_SAMPLE_CHARS] + "\n\n" + text[middle : middle + _SAMPLE_CHARS]
