"""Content identity: the same article has the same id, whatever file it came in."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator

from graphbuilder.errors import ReadError
from graphbuilder.types import Article

# Hash a long text in blocks of about this many characters (cut at line ends) so that
# normalising it never holds a second full copy in memory.
_BLOCK = 1 << 20


def normalise(text: str) -> str:
    """The form of ``text`` an article id is computed from.

    Unicode NFC; every line ending as ``\\n``; trailing whitespace of each line removed;
    blank lines at the start and end removed. Everything else, including the words and
    the blank lines between paragraphs, stays as it is.
    """
    return "".join(_normalised_pieces(text))


def content_id(text: str) -> str:
    """sha256 hex digest of :func:`normalise` (``text``), computed block by block."""
    digest = hashlib.sha256()
    for piece in _normalised_pieces(text):
        digest.update(piece.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def unique_articles(items: Iterable[Article | ReadError]) -> Iterator[Article | ReadError]:
    """Pass ``items`` through, dropping an Article whose id was seen before in this run.

    The ingest loop does this itself (and also skips articles already in the store); this
    is for other callers of :func:`~graphbuilder.read.iter_articles`.
    """
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            if item.id in seen:
                continue
            seen.add(item.id)
        yield item


def _normalised_pieces(text: str) -> Iterator[str]:
    started = False  # a non-blank line has been emitted
    blank_lines = 0  # blank lines waiting: emitted only if a non-blank line follows
    for block in _blocks(text):
        block = unicodedata.normalize("NFC", block.replace("\r\n", "\n").replace("\r", "\n"))
        lines = block.split("\n")
        if block.endswith("\n"):
            lines.pop()  # the block's final line end, not an empty line
        out: list[str] = []
        for line in lines:
            line = line.rstrip()
            if not line:
                blank_lines += started
                continue
            if started:
                out.append("\n" * (blank_lines + 1))
            out.append(line)
            started = True
            blank_lines = 0
        if out:
            yield "".join(out)


def _blocks(text: str) -> Iterator[str]:
    # Cut only right after "\n": a "\r\n" pair and a line are never split between blocks.
    start = 0
    while start < len(text):
        cut = text.find("\n", start + _BLOCK)
        end = len(text) if cut < 0 else cut + 1
        yield text[start:end]
        start = end
