"""The actor ruler: a spaCy component that tags gazetteer names and links entities to ids.

It runs after the statistical NER and complements it: known names the model missed are
added, known names it cut short ("Russian" of "Russian forces") are widened, and every
entity whose text is a known name gets ``span._.gazetteer_id``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from graphbuilder.doc_labels import DATE_NAME
from graphbuilder.errors import GazetteerError
from graphbuilder.gazetteer._gazetteer import Gazetteer
from graphbuilder.gazetteer._records import normalize

FACTORY = "graphbuilder_actor_ruler"
EXTENSION = "gazetteer_id"
POLICIES = ("extend", "fill", "override")
MAX_TOKENS = 10
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*\Z")
# Lower-case words that may stand inside a name ("Bank of England", "Bashar al-Assad")
_PARTICLES = frozenset(
    "of the and for in on at de del der di da du la le van von bin ibn al el ad ash y".split()
)
# Names of a country's people in service resolve by lookup, but are not tagged as a whole
_PEOPLE = frozenset("soldiers troops servicemen members officials diplomats".split())
_HONORIFICS = frozenset(
    "mr mrs ms dr sir dame lord lady sheikh gen general col colonel lt maj major capt captain "
    "adm admiral sgt president premier chancellor minister senator sen rep gov governor king "
    "queen prince emir sultan ayatollah imam former acting deputy vice professor prof secretary"
    .split()
)
# Title sectors of everyday occupations ("hunter", "farmer", "dean"): such a word before a
# surname is as likely a first name ("Hunter Biden") as a title
_OCCUPATION_SECTORS = frozenset("CVL AGR BUS EDU HLH MED LAB ENV REF CRM UAF".split())
# Lists whose one-word places include given names ("Mary", "Isabel": provinces), and how many
# people of the gazetteer must bear a word as a first name for it to count as a given name
_UNCURATED = frozenset({"iso3166", "phoenix"})
_GIVEN_NAME_MIN = 2
# spaCy label → gazetteer kinds an entity with that label may be linked to
_LINKABLE = {
    "PERSON": {"Person"},
    "ORG": {"Organization", "Group"},
    "GPE": {"Country", "Location"},
    "LOC": {"Location", "Country"},
    "NORP": {"Group", "Country"},
    "FAC": {"Location", "Organization"},
    "PRODUCT": {"Product"},
}


@dataclass(frozen=True)
class _Target:
    """One gazetteer name behind a phrase pattern."""

    words: tuple[str, ...]  # the name's tokens as written, for the case check
    entry_id: str
    label: str
    rank: tuple[int, int, int]
    # a one-word place of an uncurated list that is also a given name: the NER's PERSON stands
    ambiguous: bool = False


class ActorRuler:
    """Adds gazetteer names to ``doc.ents`` and sets ``span._.gazetteer_id``.

    Parameters
    ----------
    nlp
        The pipeline; its tokenizer splits the names the same way it splits text.
    name
        Component name.
    actors_file
        A user's YAML/CSV actors file merged over the bundled gazetteer.
    policy
        How found names meet the statistical entities. ``"extend"`` (default) adds names
        where there is no entity and replaces the entities a name covers (edge blanks
        and punctuation aside), entities with ordinary lower-case words in them, and
        entities whose head word the name contradicts on being a person ("Mount Sinjar"
        PERSON); other entities that cover or cross a name stay. A one-word place of the
        uncurated lists that is also a given name ("Mary", "Isabel": provinces) leaves
        the same word alone when the NER read it as a PERSON. ``"fill"`` only adds
        names where there is no entity; ``"override"`` replaces every entity a name
        overlaps.
    """

    def __init__(self, nlp: Language, name: str = FACTORY, *, actors_file: str | Path | None = None,
                 policy: str = "extend") -> None:
        if policy not in POLICIES:
            raise GazetteerError(
                f"actor ruler policy {policy!r} is not one of {', '.join(POLICIES)}"
            )
        self.name = name
        self.policy = policy
        self.gazetteer = Gazetteer.load(Path(actors_file) if actors_file else None)
        # Names as lower-case token tuples, and per first token the lengths to try: a
        # phrase matcher on LOWER that needs no Doc (nor new vocabulary) per name.
        self.targets: dict[tuple[str, ...], list[_Target]] = {}
        self.lengths: dict[str, tuple[int, ...]] = {}
        self._build(nlp)
        if not Span.has_extension(EXTENSION):
            Span.set_extension(EXTENSION, default=None)

    # --- building the patterns ----------------------------------------------------------

    def _build(self, nlp: Language) -> None:
        phrases: list[tuple[str, str, str, tuple[int, int, int], bool]] = []
        given = self.given_names = self._given_names()
        for entry_id, kind, source, label, names in self.gazetteer._raw():
            for how, text in names:
                if self._worthy(text, kind, source):
                    tag = "NORP" if how == 2 else label
                    rank = self.gazetteer.rank(kind, source, how)
                    ambiguous = kind == "Location" and source in _UNCURATED and text in given
                    phrases.append((text, entry_id, tag, rank, ambiguous))
        # Words and spaces only tokenize as they are split; the rest goes through the
        # pipeline's own tokenizer ("al-Assad" → al, -, Assad).
        tricky = [text for text, *_ in phrases if not _PLAIN.match(text)]
        split = {text: tuple(t.text for t in doc)
                 for text, doc in zip(tricky, nlp.tokenizer.pipe(tricky), strict=True)}
        lengths: dict[str, set[int]] = {}
        for text, entry_id, tag, rank, ambiguous in phrases:
            words = split.get(text) or tuple(text.split())
            if not 0 < len(words) <= MAX_TOKENS:
                continue
            key = tuple(w.lower() for w in words)
            self.targets.setdefault(key, []).append(_Target(words, entry_id, tag, rank,
                                                                ambiguous))
            lengths.setdefault(key[0], set()).add(len(key))
        self.lengths = {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}

    def _given_names(self) -> set[str]:
        """First words of the gazetteer's people's names, borne by at least two people."""
        counts: Counter[str] = Counter()
        for _, kind, _, _, names in self.gazetteer._raw():
            if kind == "Person":
                counts.update({text.split()[0] for _, text in names if " " in text})
        return {word for word, n in counts.items() if n >= _GIVEN_NAME_MIN}

    def _matches(self, doc: Doc) -> Iterable[tuple[int, int, list[_Target]]]:
        lowers = [t.lower_ for t in doc]
        for start, first in enumerate(lowers):
            for size in self.lengths.get(first, ()):
                if start + size > len(lowers):
                    continue
                targets = self.targets.get(tuple(lowers[start:start + size]))
                if targets:
                    yield start, start + size, targets

    def _worthy(self, text: str, kind: str, source: str) -> bool:
        """Whether a name is specific enough to tag wherever it appears."""
        if source == "phoenix" and kind == "Person":
            return False  # the 2014 lists' ministers are left to the NER, and linked after it
        if text == text.lower():
            return False  # never match plain lower-case prose
        if text[:4].lower() == "the ":
            return False  # entity spans leave the article out, as spaCy's NER does
        if DATE_NAME.fullmatch(text):
            return False  # "May 15" (a Greek group of the 2014 lists) is a date in the news
        if text.rsplit(" ", 1)[-1].lower() in _PEOPLE:
            return False  # "American soldiers": people, tagged NORP on "American" by the NER
        if " " in text:
            return True
        key = normalize(text)
        if len(key) < 2 or (source == "phoenix" and len(key) <= 3):
            return False  # short acronyms of the 2014 lists are too ambiguous
        # "Amnesty", "Mobile": everyday words; a country ("Turkey") is safe when capitalised
        return key not in self.gazetteer.common_words or text.isupper() or kind == "Country"

    # --- running ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        """doc (Doc): the document, with entities from the NER (or none).
        RETURNS (Doc): the same document, entities extended and linked."""
        found: list[Span] = []
        ids: dict[tuple[int, int, str], str | None] = {}
        ambiguous: set[tuple[int, int]] = set()
        for start, end, targets in self._matches(doc):
            target = self._choose(targets, doc[start:end], self.gazetteer.common_words)
            if target is not None:
                label, entry_id, is_ambiguous = target
                found.append(Span(doc, start, end, label=label))
                ids[(start, end, label)] = entry_id
                if is_ambiguous:
                    ambiguous.add((start, end))
        found = _join_adjacent_people(filter_spans(found), ids, self._given_name_of)
        ents = self._combine(list(doc.ents), found, ambiguous)
        ents = [self._given_name_person(e, ids) for e in ents]
        if self.policy != "fill":
            ents = [e for e in ents if not self._no_people(e)]
        doc.ents = ents
        for ent in doc.ents:
            key = (ent.start, ent.end, ent.label_)
            ent._.set(EXTENSION, ids[key] if key in ids else self._link(ent))
        return doc

    def _given_name_person(self, ent: Span, ids: dict[tuple[int, int, str], str | None]) -> Span:
        """A one-word place of the NER's that the gazetteer does not know as a name but as a
        given name of its people ("Gloria", "Isabel") is a person: the NER reads a lone first
        name as a place more often than a place is named like a woman or a man."""
        if (len(ent) == 1 and ent.label_ in ("GPE", "LOC")
                and (ent.start, ent.end, ent.label_) not in ids
                and ent.text in self.given_names):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")
        return ent

    def _given_name_of(self, span: Span, entry_id: str | None) -> bool:
        """Whether a one-word name is the first, not the last, word of its entry's name."""
        entry = self.gazetteer.get(entry_id) if entry_id and len(span) == 1 else None
        words = normalize(entry.name).split() if entry is not None else []
        return len(words) > 1 and words[0] == normalize(span.text) != words[-1]

    def _no_people(self, ent: Span) -> bool:
        """A NORP that is one everyday word before a title, the gazetteer knowing no people
        of that name: "Foreign" of "the Foreign Secretary". (Before other words it may be
        part of a name that extraction grows: "Combined Joint Forces".)"""
        doc = ent.doc
        return (ent.label_ == "NORP" and len(ent) == 1 and ent.end < len(doc)
                and ent.text.lower() in self.gazetteer.common_words
                and self._is_title([doc[ent.end].text])
                and not self.gazetteer.lookup(ent.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    @staticmethod
    def _choose(targets: list[_Target], span: Span,
                common: frozenset[str]) -> tuple[str, str | None, bool] | None:
        """(label, id, ambiguous) of the best target whose case fits the text; no id when
        two different entries tie for best."""
        fitting = [t for t in targets if _case_fits(t.words, span, common)]
        if not fitting:
            return None
        best = min(fitting, key=lambda t: t.rank)
        rivals = {t.entry_id for t in fitting if t.rank == best.rank}
        return best.label, best.entry_id if len(rivals) == 1 else None, best.ambiguous

    def _combine(self, ents: list[Span], found: list[Span],
                 ambiguous: set[tuple[int, int]]) -> list[Span]:
        kept = list(ents)
        for span in found:
            overlapping = [e for e in kept if e.start < span.end and span.start < e.end]
            if self.policy != "override" and (span.start, span.end) in ambiguous and any(
                (e.start, e.end) == (span.start, span.end) and e.label_ == "PERSON"
                for e in overlapping
            ):
                continue  # "Mary" the person, not the Turkmen province
            if not overlapping:
                kept.append(span)
            elif self.policy == "override" or (
                self.policy == "extend"
                and all(self._yields(e, span, found) for e in overlapping)
            ):
                kept = [e for e in kept if e not in overlapping] + [span]
        for span in found:  # a name held back by an entity that later gave way
            if span not in kept and not any(e.start < span.end and span.start < e.end
                                            for e in kept):
                kept.append(span)
        return sorted(kept, key=lambda e: e.start)

    def _yields(self, ent: Span, name: Span, found: list[Span]) -> bool:
        """Whether a statistical entity gives way to an overlapping known name (policy
        "extend"): when the name covers it (blanks and punctuation at its edges aside);
        when the entity sticks out of the name only by titles ("President Recep" across
        "Recep Tayyip Erdogan"); when a person sticks out of a known person by a title and
        other known names before it ("Tesla CEO Elon Musk": the firm is kept apart, below
        in ``_combine``); when it is no name at all ("US President Joe Biden held
        talks with Ukrainian" has lower-case words); or when the two disagree on whether
        the head word is a person ("Mount Sinjar" PERSON ends in the place Sinjar; "Prime
        Minister Abadi" ORG ends in a person); or when the entity ends inside the name
        ("Nazi Azov" across "Azov Battalion"). An entity that merely contains a name
        ("University of Baghdad") stays."""
        core = [t for t in ent if not (t.is_space or t.is_punct)] or list(ent)
        if name.start <= core[0].i and core[-1].i < name.end:
            return True
        outside = [t for t in core if not name.start <= t.i < name.end]
        surname = ent.label_ == name.label_ == "PERSON" and len(name) == 1
        if name.end > core[-1].i and all(self._is_title([t.text], person=surname)
                                         for t in outside):
            return True
        if name.end > core[-1].i and ent.label_ == name.label_ == "PERSON" \
                and self._title_after_names(outside, name, found):
            return True
        if not all(not t.is_lower or not t.is_alpha or t.lower_ in _PARTICLES for t in ent):
            return True
        head_in_name = name.start <= core[-1].i < name.end
        if head_in_name and core[-1].i < name.end - 1:
            return True  # the entity stops inside the name: "[Nazi Azov] Battalion"
        return head_in_name and (ent.label_ == "PERSON") != (name.label_ == "PERSON")

    def _title_after_names(self, words: list[Token], name: Span, found: list[Span]) -> bool:
        """Whether ``words`` (before ``name``) are other known names, then a title."""
        titles = [t for t in words if self._is_title([t.text])]
        named = [t for t in words if any(f is not name and f.start <= t.i < f.end
                                         for f in found)]
        return bool(titles) and bool(named) and len(titles) + len(named) == len(words) \
            and max(t.i for t in named) < min(t.i for t in titles)

    def _link(self, ent: Span) -> str | None:
        """The id of a statistical entity whose text is a known name of a fitting kind;
        leading titles are tried off ("President Zelensky", "Colonel Kormyankov")."""
        kinds = _LINKABLE.get(ent.label_)
        if not kinds:
            return None
        words = ent.text.split()
        for start in range(min(len(words), 4)):
            # before a lone surname, a word must be a title of office, not a first name
            person = ent.label_ == "PERSON" and len(words) - start == 1
            if start and not self._is_title(words[:start], person=person):
                continue
            entries = [e for e in self.gazetteer.lookup(" ".join(words[start:]))
                       if e.kind in kinds]
            if entries:
                if len(entries) > 1 and entries[0].source == entries[1].source \
                        and entries[0].kind == entries[1].kind \
                        and entries[0].name == entries[1].name:
                    return None  # two people of the same name: do not guess
                return entries[0].id
        return None

    def _is_title(self, words: list[str], *, person: bool = False) -> bool:
        """"President", "US President", "Prime Minister", "Col.": words before a name.

        ``person``: the words stand before a lone surname inside a person's name, where an
        occupation word ("Hunter Biden", "Dean Acheson") is more likely a first name.
        """
        phrase = " ".join(words)
        if normalize(phrase) in _HONORIFICS or self._office(phrase, person):
            return True
        head = words[-1:]
        return bool(head) and (self._office(head[0], person)
                               or normalize(head[0]) in _HONORIFICS) \
            and all(self.gazetteer.lookup(w) for w in words[:-1])

    def _office(self, phrase: str, person: bool) -> bool:
        sector = self.gazetteer.title_sector(phrase)
        return sector is not None and not (person and sector in _OCCUPATION_SECTORS)


def _join_adjacent_people(found: list[Span], ids: dict[tuple[int, int, str], str | None],
                          given_name: Callable[[Span, str | None], bool]) -> list[Span]:
    """A known given name right before another known name is one person's name: "Saddam
    Haftar" is neither Saddam Hussein nor Khalifa Haftar. The joined name keeps an id only
    when both halves name the same entry ("Bashar Assad"); "Putin Xi" stays two people."""
    out: list[Span] = []
    for span in found:
        last = out[-1] if out else None
        left = ids.get((last.start, last.end, "PERSON")) if last is not None else None
        if (last is not None and last.label_ == span.label_ == "PERSON"
                and last.end == span.start and last.doc[last.end - 1].whitespace_ == " "
                and given_name(last, left)):
            joined = Span(span.doc, last.start, span.end, label="PERSON")
            right = ids.get((span.start, span.end, "PERSON"))
            ids[(joined.start, joined.end, "PERSON")] = left if left == right else None
            out[-1] = joined
        else:
            out.append(span)
    return out


def _case_fits(words: tuple[str, ...], span: Span, common: frozenset[str]) -> bool:
    """The text is written the way the name is: short acronyms exactly ("US", not "us"),
    capitalised words capitalised, except that after the first word an everyday word may
    be lower case ("Iraqi security forces" for "Iraqi Security Forces")."""
    for i, (word, token) in enumerate(zip(words, span, strict=True)):
        text = token.text
        letters = [ch for ch in word if ch.isalpha()]
        if not letters or word.islower():
            continue
        if word.isupper() and len(letters) <= 3:
            if text != word:
                return False
        elif not (text[:1].isupper() or text.isupper()):
            if i == 0 or token.lower_ not in common:
                return False
    return True


def is_linked(span: Span) -> bool:
    """True when the actor ruler linked the entity to a gazetteer entry
    (``span._.gazetteer_id``)."""
    return Span.has_extension(EXTENSION) and span._.get(EXTENSION) is not None


@Language.factory(
    FACTORY,
    default_config={"actors_file": None, "policy": "extend"},
    assigns=["doc.ents", "span._.gazetteer_id"],
)
def make_actor_ruler(nlp: Language, name: str, actors_file: str | None, policy: str) -> ActorRuler:
    """Build the actor ruler (spaCy factory ``graphbuilder_actor_ruler``)."""
    return ActorRuler(nlp, name, actors_file=actors_file, policy=policy)


def add_actor_ruler(nlp: Language, actors_file: Path | None = None, *,
                    policy: str = "extend") -> None:
    """Add the actor ruler to ``nlp``, after its ``ner`` if it has one, else last.

    An actor ruler already in the pipeline is replaced, so calling this again with
    another ``actors_file`` switches files.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> add_actor_ruler(nlp)
    >>> [(e.text, e.label_, e._.gazetteer_id) for e in nlp("NATO met in Ukraine.").ents]
    [('NATO', 'ORG', 'gb:nato'), ('Ukraine', 'GPE', 'gb:UKR')]
    """
    if FACTORY in nlp.pipe_names:
        nlp.remove_pipe(FACTORY)
    config = {"actors_file": str(actors_file) if actors_file else None, "policy": policy}
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(FACTORY, config=config, after="ner")
    else:
        nlp.add_pipe(FACTORY, config=config)
