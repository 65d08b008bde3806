"""Name normalisation and name-matching tests shared by extraction and resolution."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile(r"['\u2019]s?$")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "al", "&"})
TITLE_WORDS = _TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "gen", "general", "col", "colonel", "lt",
    "capt", "captain", "maj", "major", "sgt", "adm", "admiral", "president", "prime", "minister",
    "king", "queen", "prince", "princess", "sheikh", "pope", "senator", "sen", "rep", "gov",
    "governor", "mayor", "chancellor", "premier", "commander", "secretary", "foreign",
    "defense", "defence", "ceo", "chairman", "director", "ambassador", "judge", "justice",
})


@lru_cache(maxsize=1 << 14)
def norm(text: str) -> str:
    """Case-folded name without punctuation, possessive 's or a leading "the"."""
    s = unicodedata.normalize("NFKC", text).casefold().strip()
    s = _POSSESSIVE.sub("", s)
    s = s.replace(".", "").replace("'", "").replace("\u2019", "")
    s = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_words(text: str) -> list[str]:
    """Words of a person's name without leading titles: "Gen. Joseph Votel" -> joseph votel."""
    words = norm(text).split()
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return words


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", norm(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def initials(text: str) -> str:
    """Initials of the significant words: "Syrian Democratic Forces" -> sdf."""
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    return "".join(w[0].lower() for w in words if w.lower() not in _SMALL_WORDS and w[0].isalpha())


def is_acronym_of(short: str, long: str) -> bool:
    """True when ``short`` is an acronym of ``long`` ("SDF", "Syrian Democratic Forces")."""
    letters = re.sub(r"[^A-Za-z]", "", short)
    if not 2 <= len(letters) <= 8 or not short.replace(".", "").isupper():
        return False
    if len(long.split()) < 2:
        return False
    full = initials(long)
    every = "".join(w[0].lower() for w in re.split(r"[\s\-]+", long) if w and w[0].isalpha())
    return letters.lower() in (full, every)


def demonym_stem_match(demonym: str, place: str) -> bool:
    """Weak offline fallback: "Ukrainian" ~ "Ukraine", "Iraqi" ~ "Iraq", "Syrian" ~ "Syria"."""
    d, p = norm(demonym), norm(place)
    if not d or not p or " " in d:
        return False
    n = 0
    for a, b in zip(d, p, strict=False):
        if a != b:
            break
        n += 1
    return n >= 4 and n >= len(p) - 2 and len(d) - n <= 4
