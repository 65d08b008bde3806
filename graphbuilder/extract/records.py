"""The evaluation contract (``../shared/eval/README.md``): JSON-ready dicts per extraction.

One ``entity`` record per entity and label (a country named "Ukraine" and referred to
as "Ukrainian" gives a GPE and a NORP record), one ``relation`` record per fact. Fields
beyond the contract (flags, cameo, weight, evidence) ride along; the scorer ignores them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphbuilder.types import Extraction


def eval_records(extraction: Extraction) -> Iterator[dict[str, Any]]:
    doc_id = extraction.article.doc_id
    names = {e.key: e.name for e in extraction.entities}
    for e in extraction.entities:
        by_label: dict[str, list[list[int]]] = {}
        for m in e.mentions:
            spans = by_label.setdefault(m.label, [])
            if [m.start, m.end] not in spans:
                spans.append([m.start, m.end])
        for label, spans in by_label.items():
            yield {"type": "entity", "doc_id": doc_id, "name": e.name, "label": label,
                   "mentions": spans, "kind": e.kind, "key": e.key}
    for r in extraction.relations:
        yield {
            "type": "relation",
            "doc_id": doc_id,
            "subject": names.get(r.subject, r.subject),
            "subject_span": list(r.subject_span),
            "predicate": r.predicate,
            "object": names.get(r.object, r.object),
            "object_span": list(r.object_span),
            "quad_class": r.quad_class,
            "start": r.start,
            "end": r.end,
            "cameo": r.cameo,
            "weight": r.weight,
            "confidence": r.confidence,
            "negated": r.negated,
            "hedged": r.hedged,
            "attributed_to": names.get(r.attributed_to, r.attributed_to)
            if r.attributed_to else None,
            "trigger": r.trigger,
            "sentence": r.sentence,
        }
