"""Measure the actor ruler on re3d-dev: entity F1 of the pipeline with and without it.

Writes the evaluation contract's entity records for ``../shared/data/re3d-dev/docs/*.txt``
and scores them with ``../shared/eval/score.py`` (lenient typed F1 is the headline).

    python training/measure_actor_ruler.py                 # bundled pipeline
    python training/measure_actor_ruler.py --model DIR     # another pipeline
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuilder.gazetteer import add_actor_ruler  # noqa: E402
from graphbuilder.nlp import bundled_model_path, entity_records  # noqa: E402

SHARED = ROOT.parent / "shared"


def score(nlp: spacy.language.Language, split: Path, out: Path) -> dict[str, float]:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((split / "docs").glob("*.txt"))}
    with out.open("w", encoding="utf-8") as f:
        for doc_id, doc in zip(texts, nlp.pipe(texts.values()), strict=True):
            for record in entity_records(doc_id, doc):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    run = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(out), "--split", str(split),
         "--json", "-"], capture_output=True, text=True, check=True)
    entities = json.loads(run.stdout)["entities"]
    lenient, strict = entities["lenient"], entities["strict"]
    return {
        "typed_f1": lenient["typed"]["f1"], "typed_p": lenient["typed"]["p"],
        "typed_r": lenient["typed"]["r"], "untyped_f1": lenient["untyped"]["f1"],
        "strict_typed_f1": strict["typed"]["f1"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(bundled_model_path()))
    parser.add_argument("--split", type=Path, default=SHARED / "data" / "re3d-dev")
    parser.add_argument("--out-dir", type=Path, default=Path("/tmp"))
    args = parser.parse_args(argv)
    rows = []
    for policy in (None, "fill", "extend", "override"):
        nlp = spacy.load(args.model)
        started = time.perf_counter()
        if policy:
            add_actor_ruler(nlp, policy=policy)
        built = time.perf_counter() - started
        name = policy or "no ruler"
        out = args.out_dir / f"re3d_entities_{name.replace(' ', '_')}.jsonl"
        result = score(nlp, args.split, out)
        rows.append((name, built, result))
    print(f"{'ruler':<10} {'build s':>7} {'P':>6} {'R':>6} {'F1':>6} {'untyped':>8} {'strict':>7}")
    for name, built, r in rows:
        print(f"{name:<10} {built:>7.2f} {r['typed_p']:>6.3f} {r['typed_r']:>6.3f} "
              f"{r['typed_f1']:>6.3f} {r['untyped_f1']:>8.3f} {r['strict_typed_f1']:>7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
