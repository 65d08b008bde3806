"""Give packaged pipelines the current UD tokenizer rules without repackaging their weights.

``package_model.py`` applies :func:`ud_tokenizer.customize_tokenizer` when it packages a
trained pipeline; after a change to those rules this rewrites only the ``tokenizer`` file of
the pipelines already in the package, which is what packaging again would write.

Usage::

    python training/retokenize.py graphbuilder/models/en_graphbuilder \
        graphbuilder/models/en_graphbuilder_accurate
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from ud_tokenizer import customize_tokenizer


def retokenize(model_dir: Path) -> None:
    nlp = spacy.blank("en")
    nlp.tokenizer.from_disk(model_dir / "tokenizer")
    customize_tokenizer(nlp)
    nlp.tokenizer.to_disk(model_dir / "tokenizer")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model_dirs", type=Path, nargs="+", help="packaged pipeline directories")
    for model_dir in parser.parse_args(argv).model_dirs:
        retokenize(model_dir)
        print(f"rewrote {model_dir / 'tokenizer'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
