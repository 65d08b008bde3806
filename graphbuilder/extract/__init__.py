"""The extract stage: article → actors and facts with evidence.

>>> from graphbuilder.nlp import load_pipeline          # doctest: +SKIP
>>> extraction = extract(article, load_pipeline())      # doctest: +SKIP
>>> [(r.subject, r.predicate, r.object) for r in extraction.relations]  # doctest: +SKIP

Steps (one module each): actor mentions and their clustering (``entities``), facts
inside noun phrases and the roles they state (``nominal``), coreference (``coref``),
facts expressed by verbs (``relations``), flags (``flags``), then conversion to the
shared records. ``eval_records`` writes the evaluation contract (``records``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from graphbuilder.doc_labels import settle_across
from graphbuilder.extract.build import build
from graphbuilder.extract.dateline import dateline_length
from graphbuilder.extract.merge import merge
from graphbuilder.extract.records import eval_records
from graphbuilder.gazetteer import is_linked
from graphbuilder.ontology import Ontology, load_ontology
from graphbuilder.read import paragraph_chunks
from graphbuilder.types import Article, Extraction

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["eval_records", "extract", "extract_all"]

_T = TypeVar("_T")

# Pieces much shorter than nlp.max_length keep parser memory flat on very long inputs;
# most pieces are single paragraphs anyway.
MAX_CHUNK_CHARS = 5_000
# Longer articles are extracted in sections of about this size (coreference and name
# joining work within a section; actors are joined across sections afterwards).
SECTION_CHARS = 60_000
BATCH_CHARS = 40_000


def _chunk_size(nlp: Language) -> int:
    return max(1, min(MAX_CHUNK_CHARS, nlp.max_length - 1))


# A blank line, or a run of spaces that lays out a list (".       Near Rawah, ...")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|[ \t]{4,}")
# A dateline opens the body: after a headline and perhaps a by-line, not further down
DATELINE_PARAGRAPHS = 3


def pieces(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """(offset, text) of each paragraph, cut further by ``paragraph_chunks`` when long.

    Parsing paragraph by paragraph keeps a sentence from running across a blank line
    (a heading into its first paragraph, a quote into the next report). As with
    ``paragraph_chunks``, the pieces join back into ``text``: the blank lines stay with the
    paragraph before them. A dateline at the start of one of the first paragraphs is a
    piece of its own ("KYIV, May 9, 2022 - "), so it cannot wreck the first sentence's parse.
    """
    start = 0
    bounds = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    for n, end in enumerate(bounds):
        if n < DATELINE_PARAGRAPHS:
            cut = start + dateline_length(text[start:end])
            if cut > start:
                yield from _cut(text, start, cut, max_chars)
                start = cut
        yield from _cut(text, start, end, max_chars)
        start = end


def _cut(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, str]]:
    if text[start:end].strip():
        for offset, chunk in paragraph_chunks(text[start:end], max_chars):
            yield start + offset, chunk


def extract(article: Article, nlp: Language, *, ontology: Ontology | None = None,
            gazetteer: Any | None = None) -> Extraction:
    """Extract the actors and facts of one article."""
    return next(extract_all([article], nlp, ontology=ontology, gazetteer=gazetteer))


def extract_all(articles: Iterable[Article], nlp: Language, *, n_process: int = 1,
                batch_size: int = 32, ontology: Ontology | None = None,
                gazetteer: Any | None = None) -> Iterator[Extraction]:
    """Extract many articles, streaming: parses with ``nlp.pipe`` and yields in input order.

    Memory stays flat whatever the input: pieces are at most ``MAX_CHUNK_CHARS`` long,
    and an article longer than ``SECTION_CHARS`` is extracted section by section, the
    sections' actors joined at the end (``merge``).
    """
    onto = ontology or load_ontology()
    pending: dict[int, Article] = {}
    size = _chunk_size(nlp)

    def texts() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for n, article in enumerate(articles):
            pending[n] = article
            chunks = list(pieces(article.text, size)) or [(0, "")]
            for k, (offset, text) in enumerate(chunks):
                yield text, (n, offset, k == len(chunks) - 1)

    current: list[tuple[Doc, int]] = []
    parts: list[Extraction] = []
    chars = 0
    if n_process == 1:
        # a batch of pieces is parsed at once: at most BATCH_CHARS characters of them (or
        # one longer piece), and at most batch_size pieces
        parsed: Iterable[tuple[Doc, tuple[int, int, bool]]] = (
            pair for group in _batches(texts(), batch_size, BATCH_CHARS)
            for pair in nlp.pipe(group, as_tuples=True, batch_size=len(group)))
    else:  # spaCy's processes take a fixed count per batch: one that fits the longest pieces
        parsed = nlp.pipe(texts(), as_tuples=True, n_process=n_process,
                          batch_size=max(1, min(batch_size, BATCH_CHARS // size)))
    for doc, (n, offset, last) in parsed:
        current.append((doc, offset))
        chars += len(doc.text)
        if last or chars >= SECTION_CHARS:
            # the pieces were parsed one by one: one label per name across all of them
            settle_across([doc for doc, _ in current], keep=is_linked)
            parts.append(build(pending[n], current, onto, gazetteer))
            current, chars = [], 0
        if last:
            yield merge(pending.pop(n), parts)
            parts = []


def _batches(items: Iterable[tuple[str, _T]], max_count: int, max_chars: int
             ) -> Iterator[list[tuple[str, _T]]]:
    """Consecutive groups of ``(text, context)`` of at most ``max_count`` items and
    ``max_chars`` characters (a longer text alone). Paragraph pieces are mostly a few
    hundred characters: grouping them by size rather than by a count that fits the longest
    keeps the parser's batches as full as a whole-article parse's."""
    group: list[tuple[str, _T]] = []
    chars = 0
    for item in items:
        if group and (len(group) >= max_count or chars + len(item[0]) > max_chars):
            yield group
            group, chars = [], 0
        group.append(item)
        chars += len(item[0])
    if group:
        yield group
