"""Convert the UD English treebanks (EWT + GUM) to spaCy DocBins for training.

Writes ``train``/``dev``/``test`` ``.spacy`` files (both treebanks) and one file per treebank and
split (``ewt-test.spacy``, ...). The conversion itself lives in :mod:`graphbuilder.ud`.

Usage::

    python training/ud_to_spacy.py ../shared/data/ud training/corpus
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin
from spacy.vocab import Vocab

from graphbuilder.ud import gpe_names_of, load_treebank, to_spacy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ud_dir", type=Path, help="folder with ewt/ and gum/")
    parser.add_argument("out_dir", type=Path, help="where to write the .spacy files")
    args = parser.parse_args(argv)

    vocab = Vocab()
    ewt, gum = load_treebank(args.ud_dir, "ewt"), load_treebank(args.ud_dir, "gum")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev", "test"):
        both = DocBin(store_user_data=True)
        for treebank, docs in (("ewt", ewt[split]), ("gum", gum[split])):
            part = DocBin(store_user_data=True)
            labels: Counter[str] = Counter()
            # GPE names come from the training documents and the split's own gold
            gpe_names = gpe_names_of(gum["train"] + (gum[split] if split != "train" else []))
            for d in docs:
                sdoc = to_spacy(d, vocab, gpe_names if treebank == "gum" else None)
                labels.update(e.label_ for e in sdoc.ents)
                part.add(sdoc)
                both.add(sdoc)
            part.to_disk(args.out_dir / f"{treebank}-{split}.spacy")
            n_words = sum(len(d.tokens) for d in docs)
            print(f"{treebank}-{split}: {len(docs)} docs, {n_words} words, entities {dict(labels)}")
        both.to_disk(args.out_dir / f"{split}.spacy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
