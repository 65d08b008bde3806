"""Matrix products by blis (thinc's default) against numpy's BLAS, same pipeline, same text.

    python benchmarks/bench_matmul.py                     # 80 articles, bundled pipeline
    python benchmarks/bench_matmul.py -n 200 --rounds 3
    python benchmarks/bench_matmul.py --model accurate    # the optional transformer pipeline

``graphbuilder.nlp.load_pipeline`` hands every thinc model of the pipeline numpy's BLAS
(:func:`graphbuilder.nlp.matmul_by_numpy`). This benchmark switches the same loaded pipeline
between the two in turn, parses the same articles with ``nlp.pipe`` each time (rounds
interleaved, so both see the same load on a shared machine) and prints words per second of
CPU time and by the clock, their ratio, and how many tokens got a different head, label, tag,
entity or lemma (expected: none). A bare 25,000 x 384 by 384 x 384 product, the tok2vec's
shape, is timed both ways too.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from measure import machine


def _signature(docs: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (t.head.i, t.dep_, t.tag_, t.pos_, t.ent_type_, t.ent_iob_, t.lemma_)
        for doc in docs
        for t in doc
    ]


def _gemm_gflops(ops: Any, rounds: int = 5) -> float:
    import numpy

    rng = numpy.random.default_rng(0)
    a = rng.random((25_000, 384), dtype=numpy.float32)
    b = rng.random((384, 384), dtype=numpy.float32)
    ops.gemm(a, b, trans2=True)
    start = time.process_time()
    for _ in range(rounds):
        ops.gemm(a, b, trans2=True)
    return rounds * 2 * 25_000 * 384 * 384 / (time.process_time() - start) / 1e9


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=80, help="articles (default 80)")
    parser.add_argument("--rounds", type=int, default=2, help="passes per mode (default 2)")
    parser.add_argument("--model", default=None, help="pipeline (default: the bundled one)")
    args = parser.parse_args(argv)

    from thinc.api import NumpyOps

    from graphbuilder import nlp as pipeline

    nlp = pipeline.load_pipeline(args.model)
    texts = [text for _, text in corpus.articles(args.n)]
    words = sum(len(text.split()) for text in texts)
    modes = {"blis": NumpyOps(), "numpy BLAS": NumpyOps(use_blis=False)}
    print(f"machine: {machine()}")
    print(f"pipeline: {args.model or pipeline.BUNDLED_MODEL}; {len(texts)} articles, "
          f"{words:,} words; {args.rounds} round(s) per mode, interleaved")
    for name, ops in modes.items():
        print(f"bare 25000x384 @ 384x384 product, {name}: {_gemm_gflops(ops):.1f} GFLOPS of CPU")

    list(nlp.pipe(texts[:5]))  # warm-up
    cpu = dict.fromkeys(modes, 0.0)
    wall = dict.fromkeys(modes, 0.0)
    outputs: dict[str, list[tuple[Any, ...]]] = {}
    for _ in range(args.rounds):
        for name, ops in modes.items():
            pipeline.matmul_by_numpy(nlp, enable=ops is modes["numpy BLAS"])
            c, w = time.process_time(), time.perf_counter()
            docs = list(nlp.pipe(texts))
            cpu[name] += time.process_time() - c
            wall[name] += time.perf_counter() - w
            outputs[name] = _signature(docs)
    pipeline.matmul_by_numpy(nlp)

    for name in modes:
        print(f"nlp.pipe with {name}: {args.rounds * words / cpu[name]:,.0f} words/s of CPU, "
              f"{args.rounds * words / wall[name]:,.0f} by the clock")
    print(f"speed-up, numpy BLAS over blis: {cpu['blis'] / cpu['numpy BLAS']:.2f}x of CPU, "
          f"{wall['blis'] / wall['numpy BLAS']:.2f}x by the clock")
    a, b = outputs["blis"], outputs["numpy BLAS"]
    differing = sum(1 for x, y in zip(a, b, strict=True) if x != y)
    print(f"tokens with a different analysis: {differing} of {len(a):,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
