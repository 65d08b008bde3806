"""The graphbuilder exception tree. The CLI catches only :class:`GraphbuilderError`.

GraphbuilderError
├── ReadError          a file or record could not be read as an article (skipped, run goes on)
├── ModelError         the spaCy pipeline could not be loaded
├── OntologyError      the ontology file is malformed, or a type is not in it
├── GazetteerError     the actor gazetteer or a user's --actors file is malformed
└── StoreError         the graph store failed
    ├── StoreUnavailable   cannot reach or open the store (server down, TLS, locked dir)
    ├── StoreAuthError     wrong credentials
    └── QueryError         a Cypher query failed

Messages are one line, name what failed and, where possible, how to fix it. They never
contain credentials.
"""

from __future__ import annotations


class GraphbuilderError(Exception):
    """Base class of every error graphbuilder reports to the user."""


class ReadError(GraphbuilderError):
    """An input could not be read as an article; ``source`` names it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(GraphbuilderError):
    pass


class OntologyError(GraphbuilderError):
    pass


class GazetteerError(GraphbuilderError):
    pass


class StoreError(GraphbuilderError):
    pass


class StoreUnavailable(StoreError):
    pass


class StoreAuthError(StoreError):
    pass


class QueryError(StoreError):
    pass
