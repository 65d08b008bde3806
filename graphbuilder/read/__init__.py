"""The read stage: files, directories and stdin → :class:`~graphbuilder.types.Article` records.

:func:`iter_articles` yields an Article for each article it can read and a
:class:`~graphbuilder.errors.ReadError` for each input it has to skip; :func:`paragraph_chunks`
cuts a long text into pieces a spaCy pipeline accepts.
"""

from __future__ import annotations

from graphbuilder.read.chunks import paragraph_chunks
from graphbuilder.read.identity import content_id, normalise, unique_articles
from graphbuilder.read.language import detect_language
from graphbuilder.read.reader import DEFAULT_MAX_BYTES, iter_articles
from graphbuilder.read.sources import STORE_DIR_NAME

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STORE_DIR_NAME",
    "content_id",
    "detect_language",
    "iter_articles",
    "normalise",
    "paragraph_chunks",
    "unique_articles",
]
