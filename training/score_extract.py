"""Extract the seed article and/or the re3d dev split to JSON Lines for ../shared/eval/score.py.

Development tool only (reads ../shared). Usage, from the repository root:

    python training/score_extract.py seed -o /tmp/seed.jsonl [--model PATH]
    python training/score_extract.py dev  -o /tmp/dev.jsonl  [--model PATH]
    python3 ../shared/eval/score.py /tmp/seed.jsonl --seed ../shared/data/seed/gold_facts.jsonl \
        --docs ../shared/data/seed
    python3 ../shared/eval/score.py /tmp/dev.jsonl --split ../shared/data/re3d-dev
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from graphbuilder.extract import eval_records, extract_all
from graphbuilder.nlp import load_pipeline
from graphbuilder.types import Article

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DOCS = {"seed": SHARED / "seed", "dev": SHARED / "re3d-dev" / "docs"}


def articles(split: str) -> list[Article]:
    out = []
    for path in sorted(DOCS[split].glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        out.append(Article(id=digest, doc_id=path.stem, text=text, source=str(path)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", choices=sorted(DOCS))
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--model", default=None, help="pipeline name or path [bundled]")
    ap.add_argument("--no-gazetteer", action="store_true")
    ns = ap.parse_args()
    gazetteer = None
    if not ns.no_gazetteer:
        try:
            from graphbuilder.gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        except Exception as exc:  # development tool: say why and go on without
            print(f"no gazetteer: {exc}", file=sys.stderr)
    nlp = load_pipeline(ns.model)
    t0 = time.time()
    n = 0
    with ns.output.open("w", encoding="utf-8") as out:
        for ex in extract_all(articles(ns.split), nlp, gazetteer=gazetteer):
            for rec in eval_records(ex):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} documents in {time.time() - t0:.1f}s -> {ns.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
