"""Copy a trained pipeline into the package as ``graphbuilder/models/en_graphbuilder``.

Keeps only what ``spacy.load`` needs, writes the pipeline's meta (name, version, licence,
sources) and leaves the README next to it alone.

Usage::

    python training/package_model.py training/output/vec/model-best \
        graphbuilder/models/en_graphbuilder --ner training/output/ner/model-best

``--ner`` puts a separately trained NER (``configs/ner.cfg``: its own token encoder) in place
of the one trained with the shared tok2vec, at the same place in the pipeline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
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


def package(src: Path, dest: Path, meta: dict[str, Any] = META, *, ner: Path | None = None) -> None:
    nlp = spacy.load(src)
    if ner is not None:
        replace_ner(nlp, spacy.load(ner))
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


def replace_ner(nlp: Language, ner_pipeline: Language) -> None:
    """Put ``ner_pipeline``'s NER in place of ``nlp``'s (same name, same place).

    The NER must not listen to another component: it carries its own token encoder.
    """
    names = nlp.pipe_names
    if "ner" not in names or "ner" not in ner_pipeline.pipe_names:
        raise ValueError("both pipelines need a component named 'ner'")
    if ner_pipeline.vocab.vectors.name != nlp.vocab.vectors.name:
        raise ValueError("the NER was trained with other static vectors than the pipeline's")
    # a listener would listen to the other pipeline's encoder, which does not come along
    if any("listener" in node.name for node in ner_pipeline.get_pipe("ner").model.walk()):
        raise ValueError("the NER listens to a shared encoder; train it with its own")
    before = names[names.index("ner") - 1] if names.index("ner") > 0 else None
    nlp.remove_pipe("ner")
    if before is None:
        nlp.add_pipe("ner", source=ner_pipeline, first=True)
    else:
        nlp.add_pipe("ner", source=ner_pipeline, after=before)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("src", type=Path, help="trained pipeline (model-best)")
    parser.add_argument("dest", type=Path, help="graphbuilder/models/en_graphbuilder")
    parser.add_argument("--ner", type=Path, help="a separately trained NER (configs/ner.cfg)")
    args = parser.parse_args(argv)
    package(args.src, args.dest, ner=args.ner)
    spacy.load(args.dest)  # fail here, not at a user's, if the copy does not load
    size = sum(f.stat().st_size for f in args.dest.rglob("*") if f.is_file()) / 1e6
    print(f"packaged {args.src} -> {args.dest} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
