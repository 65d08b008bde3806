"""Measure pronoun resolution against GUM's gold coreference (the Entity column).

Development tool only (reads ../shared/data/ud/gum). Each GUM document is rebuilt from
its gold tokens, run through the pipeline and the extractor, and every third-person
pronoun the extractor resolves is checked: correct when the entity it picked has a name
mention overlapping a gold mention of the pronoun's gold chain. Usage:

    python training/coref_eval.py [--split dev|test] [--model PATH] [--limit N]

Reported: precision over resolved pronouns; recall over pronouns whose gold chain has an
earlier named mention (what an actor-centred resolver can get right); and recall over
all third-person pronouns with any earlier antecedent.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from graphbuilder.extract.build import analyse
from graphbuilder.gazetteer import Gazetteer
from graphbuilder.nlp import load_pipeline
from graphbuilder.ontology import load_ontology
from graphbuilder.types import Article

GUM = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud" / "gum"
PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them",
            "their", "themselves", "it", "its", "itself"}


@dataclass
class GoldDoc:
    doc_id: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # start, end excl, chain


def _entities(misc: str) -> str | None:
    for part in misc.split("|"):
        if part.startswith("Entity="):
            return part[len("Entity="):]
    return None


def read_docs(path: Path) -> list[GoldDoc]:
    docs: list[GoldDoc] = []
    stack: dict[str, list[int]] = {}
    cur: GoldDoc | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id ="):
            cur = GoldDoc(line.split("=", 1)[1].strip())
            docs.append(cur)
            stack = {}
            continue
        if not line or line.startswith("#") or cur is None:
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        i = len(cur.words)
        cur.words.append(cols[1])
        cur.upos.append(cols[3])
        cur.spaces.append("SpaceAfter=No" not in cols[9])
        ent = _entities(cols[9])
        if not ent:
            continue
        pos = 0
        while pos < len(ent):
            if ent[pos] == "(":
                m = re.match(r"\((\d+)[^()]*", ent[pos:])
                assert m is not None
                chain = m.group(1)
                pos += m.end()
                if pos < len(ent) and ent[pos] == ")":
                    cur.mentions.append((i, i + 1, chain))
                    pos += 1
                else:
                    stack.setdefault(chain, []).append(i)
            else:
                m = re.match(r"(\d+)\)", ent[pos:])
                if m is None:
                    pos += 1
                    continue
                chain = m.group(1)
                start = stack[chain].pop()
                cur.mentions.append((start, i + 1, chain))
                pos += m.end()
    return docs


def evaluate(docs: list[GoldDoc], nlp, onto, gazetteer,  # type: ignore[no-untyped-def]
             verbose: bool = False) -> dict[str, float]:
    resolved = correct = with_named = correct_named = with_ante = 0
    by_form: dict[str, list[int]] = {}
    for g in docs:
        doc = Doc(nlp.vocab, words=g.words, spaces=g.spaces)
        doc = nlp(doc)
        text = doc.text
        starts = [t.idx for t in doc]
        ends = [t.idx + len(t) for t in doc]
        chain_spans: dict[str, list[tuple[int, int, int]]] = {}
        for s, e, c in g.mentions:
            chain_spans.setdefault(c, []).append((starts[s], ends[e - 1], s))
        pron_chain = {s: c for s, e, c in g.mentions
                      if e == s + 1 and g.words[s].lower() in PRONOUNS}
        art = Article(id=g.doc_id, doc_id=g.doc_id, text=text)
        parse, ents, _ = analyse(art, [(doc, 0)], onto, gazetteer)
        coref = parse.coref
        for i, chain in pron_chain.items():
            earlier = [sp for sp in chain_spans[chain] if sp[2] < i]
            named = [sp for sp in earlier if any(g.upos[k] == "PROPN"
                                                 for k in range(sp[2], _end(g, sp)))]
            if earlier:
                with_ante += 1
            if named:
                with_named += 1
            m = coref.get((0, i))
            if m is None or m.kind != "pronoun":
                continue
            resolved += 1
            assert m.key is not None
            ent = ents[m.key]
            ok = any(n.kind in ("name", "group") and any(
                n.start < e and s < n.end for s, e, _ in chain_spans[chain]) for n in ent.mentions)
            form = by_form.setdefault(g.words[i].lower(), [0, 0])
            form[0] += 1
            form[1] += int(ok)
            if verbose and not ok:
                ctx = " ".join(g.words[max(0, i - 25) : i + 3])
                print(f"  {g.words[i]!r} -> {ent.name!r} | ...{ctx}")
            if ok:
                correct += 1
                if named:
                    correct_named += 1
    if verbose:
        for form, (n, ok) in sorted(by_form.items(), key=lambda x: -x[1][0]):
            print(f"  {form}: {ok}/{n}")
    return {
        "pronouns_resolved": resolved,
        "precision": round(correct / resolved, 3) if resolved else 0.0,
        "pronouns_with_named_antecedent": with_named,
        "recall_named": round(correct_named / with_named, 3) if with_named else 0.0,
        "pronouns_with_any_antecedent": with_ante,
        "recall_any": round(correct / with_ante, 3) if with_ante else 0.0,
    }


def _end(g: GoldDoc, sp: tuple[int, int, int]) -> int:
    for s, e, _ in g.mentions:
        if s == sp[2]:
            return e
    return sp[2] + 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--model", default=None)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("-v", "--verbose", action="store_true", help="list the wrong resolutions")
    ns = ap.parse_args()
    docs = read_docs(GUM / f"en_gum-ud-{ns.split}.conllu")
    docs = [d for d in docs if not any(g in d.doc_id for g in ("_whow_", "_fiction_"))]
    if ns.limit:
        docs = docs[: ns.limit]
    result = evaluate(docs, load_pipeline(ns.model), load_ontology(), Gazetteer.load(),
                      ns.verbose)
    print(f"GUM {ns.split}: {len(docs)} documents")
    for k, v in result.items():
        print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
