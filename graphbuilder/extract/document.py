"""The parsed article the extraction rules work on: chunks, actor mentions, token index.

An article is parsed as one or more chunks (paragraph groups, so no Doc exceeds
``nlp.max_length``). Mentions and facts refer to tokens as (chunk number, token index)
and carry offsets into the article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from graphbuilder.types import Article

if TYPE_CHECKING:
    from graphbuilder.extract.args import Arg

TokKey = tuple[int, int]  # (chunk number, token index)


@dataclass
class Chunk:
    doc: Doc
    offset: int  # where doc.text starts in the article text


@dataclass
class Ment:
    """A mention of an actor in the text: a name, a group phrase, a pronoun or a description."""

    chunk: int
    start_tok: int
    end_tok: int  # exclusive
    start: int  # article offsets, end exclusive
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, FAC, NORP, PRODUCT
    kind: str  # "name", "group", "pronoun", "description"
    head: int  # head token index in the chunk doc
    key: str | None = None  # entity key, set by clustering / coreference
    gazetteer_id: str | None = None
    country: str | None = None  # for groups: the country they belong to (entity key)
    generic: bool = False  # an unnamed group ("militants", "the enemy"), not a name

    @property
    def tok(self) -> TokKey:
        return (self.chunk, self.head)


@dataclass
class Role:
    """A role the article states: Rogozin is "head of ... Roscosmos" (LEADS, Roscosmos)."""

    holder: str  # entity key
    predicate: str  # LEADS, MEMBER_OF, RELATIVE_OF ...
    title: str  # lemma of the title noun: head, ceo, president, mother
    target: str | None  # entity key of the organisation / country / relative
    target_text: str  # normalised text of the target phrase ("russian space agency roscosmos")


@dataclass
class Cand:
    """A candidate fact before flags, dedup and conversion to ``types.Relation``."""

    predicate: str
    subj: Arg
    obj: Arg
    chunk: int
    trigger: Token
    confidence: float = 1.0
    rule: str = "verb"  # which rule found it (for debugging and tests)
    negated: bool = False
    hedged: bool = False
    speaker: Arg | None = None  # who claims it (reported speech), when known
    speech: Token | None = None  # the reporting verb when attributed
    trigger_text: str | None = None


@dataclass
class Parse:
    """Everything the rules share for one article."""

    article: Article
    chunks: list[Chunk]
    mentions: list[Ment] = field(default_factory=list)
    by_token: dict[TokKey, Ment] = field(default_factory=dict)  # every token inside a mention
    roles: list[Role] = field(default_factory=list)
    coref: dict[TokKey, Ment] = field(default_factory=dict)  # pronoun/description head -> mention

    def add(self, m: Ment, *, overwrite: bool = False) -> None:
        self.mentions.append(m)
        for i in range(m.start_tok, m.end_tok):
            if overwrite or (m.chunk, i) not in self.by_token:
                self.by_token[(m.chunk, i)] = m

    def mention_at(self, chunk: int, tok: Token) -> Ment | None:
        return self.by_token.get((chunk, tok.i))

    def offsets(self, chunk: int, span: Span | Token) -> tuple[int, int]:
        off = self.chunks[chunk].offset
        if isinstance(span, Token):
            return off + span.idx, off + span.idx + len(span.text)
        return off + span.start_char, off + span.end_char

    def sentence(self, chunk: int, tok: Token) -> tuple[int, int, str]:
        sent = tok.sent
        s, e = self.offsets(chunk, sent)
        text = self.article.text[s:e]
        stripped = text.rstrip()
        return s, s + len(stripped), stripped
