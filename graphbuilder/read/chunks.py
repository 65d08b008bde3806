"""Cut a long text into pieces a spaCy pipeline accepts (``nlp.max_length``), at natural seams."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A blank line (possibly holding spaces) between two paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# A sentence end: terminal punctuation, closing quotes/brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*\s+")
_WHITESPACE = re.compile(r"\s+")


def paragraph_chunks(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, chunk)`` pieces of ``text``, each at most ``max_chars`` long.

    The pieces follow each other without gaps or overlap, so they join back into ``text``
    and ``text[offset:offset + len(chunk)] == chunk`` always holds; offsets found in a chunk
    map back to the text by adding ``offset``. Each piece ends at the last paragraph break
    that fits, else the last sentence end, else the last whitespace; the whitespace after the
    cut stays with the piece before it (as much of it as fits), so the next piece starts
    with a word. A run of more than ``max_chars`` characters without any whitespace (a
    pasted blob) is the one thing that must be cut mid-word.

    Examples
    --------
    >>> list(paragraph_chunks("One two.\\n\\nThree four five.", 12))
    [(0, 'One two.\\n\\n'), (10, 'Three four '), (21, 'five.')]
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    start = 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        yield start, text[start:end]
        start = end
    if start < len(text):
        yield start, text[start:]


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end the piece starting at ``start``; ``start < result <= limit``."""
    # Matches that end exactly at the limit count too: the seam may be the piece's last char.
    window = text[start:limit]
    for seam in (_PARAGRAPH_BREAK, _SENTENCE_END, _WHITESPACE):
        last = None
        for last in seam.finditer(window):  # noqa: B007 - only the last match matters
            pass
        if last is not None and last.end() > 0:
            return start + last.end()
    return limit
