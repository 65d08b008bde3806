"""Copy a trained pipeline into the package as ``graphbuilder/models/en_graphbuilder``.

Keeps only what ``spacy.load`` needs, writes the pipeline's meta (name, version, licence,
sources) and leaves the README next to it alone.

Usage::

    python training/package_model.py training/output/final/model-best \
        graphbuilder/models/en_graphbuilder
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import spacy
from ud_tokenizer import customize_tokenizer

META = {
    "lang": "en",
    "name": "graphbuilder",
    "version": "0.1.0",
    "description": (
        "graphbuilder's English pipeline: tagger, morphologizer, UD dependency parser, "
        "named entities, lemmatizer. Trained on UD English EWT and the CC BY parts of GUM."
    ),
    "author": "graphbuilder contributors",
    "license": "CC BY-SA 4.0",
    "sources": [
        {
            "name": "Universal Dependencies English Web Treebank (EWT) v2.16",
            "url": "https://github.com/UniversalDependencies/UD_English-EWT",
            "license": "CC BY-SA 4.0",
        },
        {
            "name": "Georgetown University Multilayer corpus (GUM), UD edition, "
            "without the whow and fiction genres",
            "url": "https://github.com/UniversalDependencies/UD_English-GUM",
            "license": "CC BY 4.0 (the genres used)",
        },
    ],
}
KEEP_README = "README.md"


def package(src: Path, dest: Path, meta: dict[str, Any] = META) -> None:
    nlp = spacy.load(src)
    customize_tokenizer(nlp)  # already there when trained with it; the rules are saved with it
    nlp.meta.update(meta)
    nlp.meta.pop("performance", None)  # dev scores; the README gives test scores
    readme = (
        (dest / KEEP_README).read_text(encoding="utf-8") if (dest / KEEP_README).exists() else None
    )
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest)
    if readme is not None:
        (dest / KEEP_README).write_text(readme, encoding="utf-8")
    # the training paths in the config point into this checkout; blank them
    config = nlp.config.copy()
    for key in config["paths"]:
        config["paths"][key] = None
    # training-time callbacks live in training/, which is not shipped
    config["initialize"]["before_init"] = None
    config["initialize"]["after_init"] = None
    config.to_disk(dest / "config.cfg")
    json.dumps(nlp.meta)  # meta must stay JSON


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("src", type=Path, help="trained pipeline (model-best)")
    parser.add_argument("dest", type=Path, help="graphbuilder/models/en_graphbuilder")
    args = parser.parse_args(argv)
    package(args.src, args.dest)
    spacy.load(args.dest)  # fail here, not at a user's, if the copy does not load
    size = sum(f.stat().st_size for f in args.dest.rglob("*") if f.is_file()) / 1e6
    print(f"packaged {args.src} -> {args.dest} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
