"""Turning Phoenix phrases ("BASHAR_AL-ASSAD_") into readable names and sorting out junk.

Build-time only. Word statistics come from the UD English training documents in
``../shared/data/ud`` (how often a word is written lower case, Title case or in capitals),
so no word list has to be shipped or downloaded.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# Words that stay lower case inside a name ("Bashar al-Assad", "Bank of England").
PARTICLES = frozenset(
    "of the and for in on at to by de del della der den di da do dos du la le les van von "
    "bin ibn al el ash as ad an ar at az wa wal fi y e".split()
)
# Words that make a phrase an organisation or a group, never a person.
ORG_WORDS = frozenset(
    """
    academy administration agency alliance army assembly association authority bank
    battalion battalions board brigade brigades bureau cabinet cartel cell cells center
    centre church clan coalition command commission committee companies company congress
    corp corporation corps council court courts department directorate division embassy
    faction federation fighters force forces foundation front fund government group groups
    guard guards inc institute institution league legion ltd militia militias ministry
    mission movement navy network office organisation organization parliament party
    police press program programme regiment regime republic resistance school security
    senate service services society squad squadron staff tribunal troops union unit units
    university
    jaysh jaish jabhat jabha harakat haraka harakat liwa katibat kataib kataeb hizb tanzim
    tanzeem saraya majlis jamaat jamaah jamiat tehrik lashkar sipah alwiya
    """.split()
)
# Honorifics and rank words dropped from the front of a person's name.
HONORIFICS = frozenset(
    """
    mr mrs ms miss dr sir lord lady dame sheikh sheik shaikh emir king queen prince princess
    sultan general gen lt lieutenant col colonel major maj capt captain admiral adm marshal
    brig brigadier sergeant sgt president vice former acting deputy chief interim late
    premier chancellor senator sen rep representative governor gov minister secretary
    ambassador envoy judge justice mayor cardinal pope ayatollah imam rabbi bishop rev
    reverend father commander leader chairman spokesman spokeswoman
    """.split()
)
_VOWELS = set("aeiouy")


@dataclass
class English:
    """How words are written in running English text (sentence-initial tokens skipped)."""

    lower: Counter[str] = field(default_factory=Counter)
    title: Counter[str] = field(default_factory=Counter)
    upper: Counter[str] = field(default_factory=Counter)

    first_names: Counter[str] = field(default_factory=Counter)  # from GUM person mentions

    @classmethod
    def from_conllu(cls, paths: list[Path], skip_docs: set[str]) -> English:
        """Count word forms in CoNLL-U files, leaving out documents in ``skip_docs``.

        GUM marks entity mentions in MISC (``Entity=(12-person-...``): the first word of
        a multi-word person mention is counted as a first name.
        """
        stats = cls()
        for path in paths:
            skipping = False
            first = True
            opened_person: str | None = None
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("# newdoc id"):
                    skipping = line.split("=", 1)[1].strip() in skip_docs
                elif not line:
                    first, opened_person = True, None
                elif not line.startswith("#") and not skipping:
                    cols = line.split("\t")
                    if "-" in cols[0] or "." in cols[0]:
                        continue
                    if opened_person and cols[4] == "NNP":
                        stats.first_names[opened_person] += 1
                    opened_person = None
                    if cols[4] == "NNP" and re.search(r"Entity=\(\d+-person-", cols[9]):
                        opened_person = cols[1].lower()
                    if not first:
                        stats.add(cols[1])
                    first = False
        return stats

    def add(self, word: str) -> None:
        if not word.isalpha():
            return
        key = word.lower()
        if word.islower():
            self.lower[key] += 1
        elif word.isupper() and len(word) > 1:
            self.upper[key] += 1
        elif word[0].isupper():
            self.title[key] += 1

    def is_common(self, word: str) -> bool:
        """A word people write in lower case at least as often as capitalised."""
        key = word.lower()
        return self.lower[key] >= 2 and self.lower[key] >= self.title[key] + self.upper[key]

    def is_acronym(self, word: str) -> bool:
        key = word.lower()
        return self.upper[key] >= 2 and self.upper[key] > self.title[key] + self.lower[key]


def words_of(phrase: str) -> list[str]:
    """Phoenix phrase → words: underscores and spaces split, stray punctuation dropped."""
    text = phrase.replace("_", " ").replace("\u2019", "'")
    text = re.sub(r"\s+", " ", text).strip(" -,;:/+")
    return [w for w in text.split(" ") if w.strip("-'.,")]


def initials(words: list[str]) -> str:
    """"ISLAMIC STATE OF IRAQ AND THE LEVANT" → "isil"; hyphenated parts count."""
    parts = [p for w in words for p in re.split(r"[-/]", w) if p]
    return "".join(p[0] for p in parts if p.lower() not in PARTICLES).lower()


def readable(words: list[str], english: English, acronyms: Iterable[str] = (),
             person: bool = False) -> str:
    """Restore normal case: "BASHAR AL-ASSAD" → "Bashar al-Assad", "NATO" stays. In a
    person's name only initials ("V.") stay in capitals."""
    known = set() if person else set(acronyms)
    out = [_case(word, i, english, known, person) for i, word in enumerate(words)]
    return " ".join(out)


def _case(word: str, position: int, english: English, acronyms: set[str], person: bool) -> str:
    if "-" in word and not word.startswith("-"):
        parts = word.split("-")
        cased = [_case(p, position if i == 0 else 1, english, acronyms, person)
                 for i, p in enumerate(parts)]
        if parts[0].lower() in ("al", "el", "ad", "as", "ash", "an", "ar", "az"):
            cased[0] = parts[0].lower()
            if position == 0:
                cased[0] = cased[0].capitalize()
        return "-".join(cased)
    bare = word.strip(".'()")
    key = bare.lower()
    if not bare:
        return word
    if any(ch.isdigit() for ch in word) or "." in word.strip("."):
        return word.upper()  # "G7", "U.N."
    if position > 0 and key in PARTICLES:
        return word.lower()
    if not person and _looks_acronym(bare, english, acronyms):
        return word.upper()
    cased = word.lower().capitalize()
    cased = re.sub(r"^(\w')(\w)", lambda m: m[1] + m[2].upper(), cased)  # O'Brien, D'Escoto
    cased = re.sub(r"^(Mc)(\w)", lambda m: m[1] + m[2].upper(), cased)
    return cased


def _looks_acronym(word: str, english: English, acronyms: set[str]) -> bool:
    key = word.lower()
    if key in acronyms or english.is_acronym(key):
        return True
    if not word.isalpha():
        return False
    if not (set(key) & _VOWELS):
        return len(key) >= 2
    return len(key) <= 3 and not english.lower[key] and not english.title[key]


def strip_titles(words: list[str], titles: set[str]) -> list[str]:
    """Drop leading titles, honorifics and place words: "RUSSIAN PRESIDENT VLADIMIR PUTIN"
    → "VLADIMIR PUTIN". ``titles`` holds lower-case phrases (agents, countries, demonyms)."""
    rest = list(words)
    changed = True
    while changed and len(rest) > 1:
        changed = False
        for size in range(min(5, len(rest) - 1), 0, -1):
            head = " ".join(w.lower().strip(".,") for w in rest[:size])
            if head in titles or (size == 1 and head in HONORIFICS):
                rest = rest[size:]
                changed = True
                break
    return rest


def has_org_word(words: list[str]) -> bool:
    return any(p in ORG_WORDS for w in words for p in re.split(r"[-']", w.lower()))
