"""``graphbuilder push``: copy the embedded store into Neo4j (idempotent)."""

from __future__ import annotations

from typing import Annotated

import typer

from graphbuilder.cli._util import (
    BatchOpt,
    DatabaseOpt,
    OntologyOpt,
    PasswordOpt,
    StoreOpt,
    UserOpt,
    console,
    handle_errors,
    open_store_from_options,
)


@handle_errors
def push_cli(
    neo4j: Annotated[
        str,
        typer.Option(
            "--neo4j", envvar="NEO4J_URI", help="Target Neo4j URI (bolt://, neo4j://, neo4j+s://)."
        ),
    ],
    store: StoreOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    batch_size: BatchOpt = 1000,
    ontology: OntologyOpt = None,
) -> None:
    """Copy everything in the embedded store into Neo4j; running it again changes nothing.

    Pass the same --ontology as at ingest when the store was built with your own one: it is
    the allow-list of relationship types on the Neo4j side too.
    """
    from graphbuilder.ontology import load_ontology
    from graphbuilder.store import copy_store

    onto = load_ontology(ontology)

    with (
        open_store_from_options(store, None, None, None, None, batch_size, onto) as src,
        open_store_from_options(None, neo4j, user, password, database, batch_size, onto) as dst,
    ):
        result = copy_store(src, dst)
    console.print(f"Pushed to Neo4j: {result}", highlight=False)
