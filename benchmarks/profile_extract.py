"""Where extraction spends its time: a py-spy profile of ``extract_stream`` on the corpus.

    pip install py-spy
    python benchmarks/profile_extract.py              # 300 articles, one process
    python benchmarks/profile_extract.py -n 100 --top 40

py-spy samples this script from outside (100 samples/s, no tracing overhead, so pure
Python code is not over-weighted as an in-process profiler does). The pipeline is loaded
and 20 articles are extracted before sampling counts (lazy tables, first-call costs), so
the figures are the steady state. Printed: the parse's and the rules' shares of the
extraction, then the functions with the most time inside the rules (``build``), own and
including callees.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

PARSE = "Language.pipe (spacy/language.py"
RULES = "build (graphbuilder/extract/build.py"
MEASURED = "measured (profile_extract.py"
_LINE = re.compile(r":\d+\)")


def measured(articles: list, nlp: object, gazetteer: object) -> None:
    """The profiled part: every sample under this function counts."""
    from graphbuilder.parallel import extract_stream

    for _ in extract_stream(articles, nlp, gazetteer=gazetteer):  # type: ignore[arg-type]
        pass


def target(n: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_extract import load_articles

    from graphbuilder.gazetteer import Gazetteer
    from graphbuilder.nlp import load_pipeline
    from graphbuilder.parallel import extract_stream

    nlp, gazetteer = load_pipeline(), Gazetteer.load(None)
    with tempfile.TemporaryDirectory() as tmp:
        articles = load_articles(n + 20, Path(tmp))
    for _ in extract_stream(articles[:20], nlp, gazetteer=gazetteer):
        pass  # warm-up
    measured(articles[20:], nlp, gazetteer)


def summarise(raw: Path, top: int) -> str:
    total = parse = rules = 0
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [_LINE.sub(")", f) for f in stack.split(";")]
        if not any(MEASURED in f for f in frames):
            continue
        n = int(count)
        total += n
        parse += n * any(PARSE in f for f in frames)
        at = next((i for i, f in enumerate(frames) if RULES in f), None)
        if at is None:
            continue
        rules += n
        own[frames[-1]] += n
        for f in set(frames[at:]):
            inclusive[f] += n
    if not total:
        return "no samples"
    out = [f"{total} samples of extraction: parse (nlp.pipe) {100 * parse / total:.1f}%, "
           f"rules (build) {100 * rules / total:.1f}%, other "
           f"{100 * (total - parse - rules) / total:.1f}%; rules cost "
           f"{rules / max(1, parse):.2f}x of the parse",
           "inside the rules, own time:"]
    out += [f"  {100 * c / rules:5.1f}%  {f}" for f, c in own.most_common(top)]
    out.append("inside the rules, including callees:")
    out += [f"  {100 * c / rules:5.1f}%  {f}" for f, c in inclusive.most_common(top)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--target", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.target:
        target(args.articles)
        return 0
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        sys.exit("needs py-spy: pip install py-spy")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "profile.txt"
        subprocess.run([spy, "record", "--rate", "100", "--format", "raw", "--output", str(raw),
                        "--", sys.executable, __file__, "--target", "-n", str(args.articles)],
                       check=True, stdout=subprocess.DEVNULL)
        print(summarise(raw, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
