"""graphbuilder: news articles → knowledge graph of geopolitical actors, offline.

Stages, one module each: :mod:`~graphbuilder.read` → :mod:`~graphbuilder.extract` →
:mod:`~graphbuilder.resolve` → :mod:`~graphbuilder.store` → :mod:`~graphbuilder.draw`,
passing the plain records of :mod:`graphbuilder.types` between them.
"""

from graphbuilder.types import (
    Actor,
    Article,
    ArticleGraph,
    Entity,
    Extraction,
    Fact,
    GraphView,
    Mention,
    Relation,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "ArticleGraph",
    "Entity",
    "Extraction",
    "Fact",
    "GraphView",
    "Mention",
    "Relation",
    "__version__",
]
