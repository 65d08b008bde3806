"""The English language pipeline: load the bundled one (or a user's), and measure it.

The bundled pipeline ``en_graphbuilder`` ships inside the package (``graphbuilder/models``) and
was trained by ``training/train.sh`` on Universal Dependencies EWT + GUM. Its parse uses UD
labels (``nsubj``, ``obj``, ``obl``, ``nsubj:pass``, ``obl:agent``, ...; the root is ``ROOT``),
``pos_`` is UPOS, ``tag_`` is Penn XPOS, and its entities are PERSON, ORG, GPE, LOC, NORP, FAC,
PRODUCT and EVENT. Any other spaCy pipeline (``en_core_web_sm``, a directory) also loads, but
note that spaCy's own English models use ClearNLP labels (``dobj``, ``pobj``, ``agent``).
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuilder.doc_labels import COMPONENT as DOC_LABELS
from graphbuilder.doc_labels import consistent_labels
from graphbuilder.errors import GraphbuilderError, ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BUNDLED_MODEL = "en_graphbuilder"
PARAGRAPHS = "graphbuilder_paragraph_breaks"
SENTENCE_ENDS = "graphbuilder_sentence_ends"
ACTOR_RULER = "graphbuilder_actor_ruler"  # added by graphbuilder.gazetteer

# The parser and NER need memory in proportion to the text; one call on a few hundred thousand
# characters is already a long book. Longer inputs should be split by the caller.
MAX_LENGTH = 1_000_000


def bundled_model_path() -> Path:
    """Directory of the pipeline shipped with graphbuilder (loadable with ``spacy.load``)."""
    return Path(__file__).resolve().parent / "models" / BUNDLED_MODEL


def load_pipeline(name: str | None = None, *, actors_file: Path | None = None) -> Language:
    """Load a spaCy pipeline, with the actor gazetteer added, once per (name, actors_file).

    Parameters
    ----------
    name
        ``None`` for the bundled pipeline, ``"accurate"`` for the optional transformer
        pipeline (:mod:`graphbuilder.accurate`), else an installed package name
        (``en_core_web_sm``) or a pipeline directory.
    actors_file
        A user's YAML/CSV actor list added to the gazetteer.

    Raises
    ------
    ModelError
        The pipeline cannot be loaded; the message names it and says why.

    The same ``Language`` object is returned to every caller with the same arguments: treat it
    as read-only.
    """
    actors = str(Path(actors_file).resolve()) if actors_file is not None else None
    return _load_cached(name or "", actors)


@functools.lru_cache(maxsize=8)
def _load_cached(name: str, actors_file: str | None) -> Language:
    nlp = _load_spacy(name or str(bundled_model_path()), shown=name or BUNDLED_MODEL)
    nlp.max_length = MAX_LENGTH
    matmul_by_numpy(nlp)
    splitter = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
    if splitter is not None:
        nlp.add_pipe(PARAGRAPHS, before=splitter)
        nlp.add_pipe(SENTENCE_ENDS, before=splitter)
    _add_gazetteer(nlp, Path(actors_file) if actors_file else None)
    if "ner" in nlp.pipe_names:  # after the NER, before the gazetteer's ruler when there is one
        place = {"before": ACTOR_RULER} if ACTOR_RULER in nlp.pipe_names else {"after": "ner"}
        nlp.add_pipe(DOC_LABELS, **place)
    return nlp


def matmul_by_numpy(nlp: Language, *, enable: bool = True) -> None:
    """Let the pipeline's models multiply matrices with numpy's BLAS instead of thinc's blis.

    thinc's CPU backend sends every matrix product (the tok2vec's layers, the parser's and
    the NER's input layers, the static vectors) to blis. numpy's wheels carry OpenBLAS, which
    on an x86-64 machine ran the tok2vec's product about 3x faster (25-29 against 63-80 GFLOPS
    of CPU time, one thread), and the whole bundled pipeline 1.47-1.67x faster with the same
    output to the last token (``benchmarks/bench_matmul.py`` measures both). Models on another
    backend (a GPU, Apple's) are left alone; the parser's step-by-step loop is compiled
    against blis and stays on it.
    ``enable=False`` puts blis back.

    OpenBLAS runs on one thread (unless ``OPENBLAS_NUM_THREADS`` says otherwise), in this
    process and in the ``--workers`` it forks. Two threads were 1.29x faster by the clock on
    whole articles on an idle 2-CPU machine, but on a busy one, and on the paragraph pieces
    ``extract`` parses, they fought each other for the cores: ``bench_extract.py -n 150``
    under load gave extraction 2,320 words/s of CPU with two threads against 5,461 with one.
    Parallel work is what ``--workers`` is for.
    """
    from thinc.api import Model, NumpyOps

    if enable and "OPENBLAS_NUM_THREADS" not in os.environ:
        _one_openblas_thread()
    ops = NumpyOps(use_blis=not enable)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                if type(node.ops) is NumpyOps:
                    node.ops = ops


def _one_openblas_thread() -> None:
    from threadpoolctl import ThreadpoolController

    # a limit set this way lasts for the rest of the process and is inherited by forks
    ThreadpoolController().select(internal_api="openblas").limit(limits=1)


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so that a headline, a dateline or a paragraph
    never runs into the next one. Runs before the parser, which keeps boundaries set before it.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


# What may end a sentence: a new sentence starts only after one of these or a line break
_SENTENCE_ENDS = frozenset('.!?…:;"\'”’»)]')


def sentence_ends(doc: Doc) -> Doc:
    """News text: let no sentence start but after a line break or a mark that can end one,
    so that the parser cannot cut "Defense Secretary Ash Carter | today met with ..." in two.

    Runs before the parser, which cannot break where ``is_sent_start`` is False. Treebank
    web text often ends sentences with no mark at all, so ``evaluate`` leaves this off for
    the UD measures (it costs about one point of EWT UAS there).
    """
    from spacy.attrs import SENT_START

    if len(doc) < 2:
        return doc
    # One array in, one array out: setting is_sent_start token by token was 4x slower
    array = doc.to_array(SENT_START)
    starts = array.view("int64")  # 1 start, -1 not a start, 0 not yet known
    words = [token.text for token in doc]
    spaces = [token.whitespace_ for token in doc]
    for i in range(len(words) - 1):
        if starts[i + 1] == 1 or words[i + 1].isspace() or words[i].isspace():
            continue
        if "\n" not in spaces[i] and words[i][-1] not in _SENTENCE_ENDS:
            starts[i + 1] = -1
    doc.from_array([SENT_START], array)
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_breaks)
    if not Language.has_factory(SENTENCE_ENDS):
        Language.component(SENTENCE_ENDS, func=sentence_ends)
    if not Language.has_factory(DOC_LABELS):
        Language.component(DOC_LABELS, func=consistent_labels)


def _load_spacy(name: str, *, shown: str) -> Language:
    import spacy

    from graphbuilder import accurate

    _register_components()
    name = accurate.resolve_name(name)
    try:
        if accurate.is_trimmed(Path(name)):
            accurate.check_requirements(shown)
            accurate.one_torch_thread_after_fork()
            with accurate.materialized(Path(name)) as whole:
                return spacy.load(whole)
        return spacy.load(name)
    except GraphbuilderError:
        raise
    except OSError as exc:
        if "[E050]" in str(exc) or "[E053]" in str(exc):
            reason = "not an installed spaCy pipeline package nor a pipeline directory"
        else:
            reason = _first_line(exc)
        raise ModelError(f"cannot load language pipeline {shown!r}: {reason}") from exc
    except Exception as exc:  # spaCy raises many kinds (version, config, pickle) on bad models
        reason = f"{type(exc).__name__}: {_first_line(exc)}"
        raise ModelError(f"cannot load language pipeline {shown!r}: {reason}") from exc


def _add_gazetteer(nlp: Language, actors_file: Path | None) -> None:
    """Add the actor ruler of :mod:`graphbuilder.gazetteer` when that module provides one."""
    try:
        gazetteer = importlib.import_module("graphbuilder.gazetteer")
    except ModuleNotFoundError:
        gazetteer = None
    add_actor_ruler = getattr(gazetteer, "add_actor_ruler", None)
    if add_actor_ruler is None:
        if actors_file is not None:
            raise ModelError(f"cannot use --actors {actors_file}: the actor gazetteer is missing")
        return
    try:
        add_actor_ruler(nlp, actors_file=actors_file)
    except GraphbuilderError:
        raise
    except Exception as exc:
        raise ModelError(
            f"cannot add the actor gazetteer to the pipeline: {type(exc).__name__}: "
            f"{_first_line(exc)}"
        ) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def pipeline_info(nlp: Language) -> dict[str, Any]:
    """Name, version, components and labels of a loaded pipeline (for ``model path -v``)."""
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "version": meta.get("version"),
        "components": list(nlp.pipe_names),
        "labels": {name: list(getattr(pipe, "labels", ())) for name, pipe in nlp.pipeline},
    }


# --------------------------------------------------------------------------- evaluation

#: measure → (target, higher is better); the figures of issue 3
TARGETS: dict[str, tuple[float, bool]] = {
    "ewt_uas_spacy": (0.89, True),
    "ewt_las_spacy": (0.86, True),
    "gum_uas_spacy": (0.89, True),
    "gum_las_spacy": (0.86, True),
    "ewt_uas": (0.89, True),
    "ewt_las": (0.86, True),
    "gum_uas": (0.89, True),
    "gum_las": (0.86, True),
    "ewt_upos_spacy": (0.96, True),
    "ewt_upos": (0.96, True),
    "gum_ner_f": (0.75, True),
    "re3d_entity_f1": (0.65, True),
    "re3d_entity_f1_extract": (0.65, True),
    "words_per_second": (5000.0, True),
    "size_mb": (40.0, False),
}
# EWT dev documents run through the pipeline before the speed is timed (4,926 words)
WARM_UP = 15
# GUM test entity classes scored; GPE and LOC count as one class
_NER_CLASSES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE/LOC",
    "LOC": "GPE/LOC",
    "NORP": "NORP",
}


def evaluate(
    model: str | None = None,
    *,
    ud_dir: Path,
    re3d_dir: Path | None = None,
    scorer: Path | None = None,
) -> dict[str, Any]:
    """Measure a pipeline on the official UD test files (and the re3d dev split).

    Parsing and tagging are scored end to end: each test document's raw text goes through the
    whole pipeline (its own tokenizer and sentence splits), and a gold word counts as right only
    when a predicted token covers exactly its characters. As in the CoNLL 2018 shared task,
    punctuation counts, LAS compares universal labels (``*_las_full`` compares subtypes too),
    and the text comes with its paragraph breaks: each paragraph is parsed on its own
    (:func:`_parse_by_paragraph`). The ``*_whole`` figures parse each document as one text
    with no breaks, as this function did before 2026-12-07.
    The ``*_spacy`` figures are spaCy's own scorer on the whole-document predictions
    (punctuation left out, full labels), the protocol of ``spacy train``/``spacy evaluate``
    (which give the pipeline each document's text), of issue 2's first trial and of spaCy's
    published model scores.
    The ``*_goldtok`` figures give the pipeline the gold words instead of raw text. The UD
    measures leave out :func:`sentence_ends` (a rule for news text; treebank web text often
    ends sentences with no mark), the re3d measures keep it. NER is exact-span micro F over
    PERSON, ORG, GPE/LOC (one class) and NORP on GUM test, with gold from
    :func:`graphbuilder.ud.named_entities`, each document parsed whole (the labels of
    :mod:`graphbuilder.doc_labels` are settled across a document); ``gum_ner_f_by_paragraph``
    is the same measure on the paragraph-by-paragraph parse. ``re3d_entity_f1`` is the
    lenient typed F1 of the project scorer (``scorer``, default
    ``<re3d_dir>/../../eval/score.py``). Speed is words per second of ``nlp.pipe`` over the
    UD test texts (whole documents) in one process, by CPU time (and, as
    ``words_per_second_wall``, by the clock, which other work on the machine slows down),
    after :data:`WARM_UP` EWT dev documents: a fresh process's first documents take about
    twice their time (measured 2026-12-07), which made the figure swing between runs.

    Returns a flat dict: the measures of :data:`TARGETS` plus details.
    """
    from graphbuilder import ud

    nlp = load_pipeline(model)
    result: dict[str, Any] = {"model": model or BUNDLED_MODEL}
    n_words, cpu_seconds, wall_seconds = 0, 0.0, 0.0
    for treebank in ("ewt", "gum"):
        splits = ud.load_treebank(Path(ud_dir), treebank)
        names = ud.gpe_names_of(splits["train"] + splits["test"]) if treebank == "gum" else None
        golds = [ud.to_spacy(d, nlp.vocab, names) for d in splits["test"]]
        # treebank web text often ends a sentence with no mark: the news-text rule is off
        news_only = [p for p in (SENTENCE_ENDS,) if p in nlp.pipe_names]
        with nlp.select_pipes(disable=news_only):
            if treebank == "ewt":  # a process's first documents pay one-time costs: not timed
                warm_up = splits["dev"][:WARM_UP]
                list(nlp.pipe(ud.to_spacy(d, nlp.vocab, None).text for d in warm_up))
            cpu, wall = time.process_time(), time.perf_counter()
            preds = list(nlp.pipe(g.text for g in golds))
            cpu_seconds += time.process_time() - cpu
            wall_seconds += time.perf_counter() - wall
            gold_words = list(nlp.pipe(_gold_words(g) for g in golds))
            by_paragraph = _parse_by_paragraph(nlp, golds)
        n_words += sum(len(p) for p in preds)
        result.update(_parse_scores(treebank, by_paragraph, golds))
        result.update(
            {f"{k}_whole": v for k, v in _parse_scores(treebank, preds, golds).items()}
        )
        result.update(_spacy_scores(nlp, treebank, preds, golds))
        result.update(
            {f"{k}_goldtok": v for k, v in _parse_scores(treebank, gold_words, golds).items()}
        )
        if treebank == "gum":
            result.update(_ner_scores(preds, golds))
            result["gum_ner_f_by_paragraph"] = _ner_scores(by_paragraph, golds)["gum_ner_f"]
    # CPU time of this process: the machine may be busy with other work; wall clock too
    result["words_per_second"] = round(n_words / cpu_seconds) if cpu_seconds else 0
    result["words_per_second_wall"] = round(n_words / wall_seconds) if wall_seconds else 0
    if re3d_dir is not None:
        result.update(_re3d_scores(nlp, Path(re3d_dir), scorer))
    model_dir = _model_dir(model)
    if model_dir.is_dir():
        files = (f for f in model_dir.rglob("*") if f.is_file())
        result["size_mb"] = round(sum(f.stat().st_size for f in files) / 1e6, 1)
    return result


def _model_dir(model: str | None) -> Path:
    from graphbuilder import accurate

    if model is None:
        return bundled_model_path()
    return Path(accurate.resolve_name(model))


def _parse_by_paragraph(nlp: Language, golds: list[Doc]) -> list[Doc]:
    """Each paragraph of each document through the pipeline on its own, the pieces joined
    back into one Doc per document (the same text, so the same character offsets).

    This is the CoNLL 2018 shared task's input: its raw text (UD's ``conllu_to_text.pl``) has
    a blank line at every ``# newpar``, so no sentence runs across a paragraph. It is also how
    ``graphbuilder extract`` gives an article to the pipeline, paragraph by paragraph, and as
    there, entity labels are then settled across the paragraphs (``settle_across``).
    """
    from spacy.tokens import Doc

    from graphbuilder.doc_labels import settle_across
    from graphbuilder.gazetteer import is_linked

    texts = [_paragraphs(gold) for gold in golds]
    parsed = iter(nlp.pipe(text for pieces in texts for text in pieces))
    joined = []
    for pieces in texts:
        docs = [next(parsed) for _ in pieces]
        settle_across(docs, keep=is_linked)
        with warnings.catch_warnings():
            # W101: a whole-Doc extension (the accurate pipeline's ``trf_data``) cannot be
            # joined; the scores read tokens and entities only
            warnings.filterwarnings("ignore", message=r"\[W101\]")
            joined.append(Doc.from_docs(docs, ensure_whitespace=False))
    return joined


def _paragraphs(gold: Doc) -> list[str]:
    """The document's text cut where its paragraphs start (``user_data["paragraph_starts"]``,
    token indices from :func:`graphbuilder.ud.to_spacy`); the pieces join back into it."""
    cuts = sorted({0} | {gold[i].idx for i in gold.user_data.get("paragraph_starts", [])})
    return [gold.text[a:b] for a, b in zip(cuts, [*cuts[1:], len(gold.text)], strict=True)]


def _gold_words(gold: Doc) -> Doc:
    from spacy.tokens import Doc

    return Doc(gold.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])


def _parse_scores(treebank: str, preds: list[Doc], golds: list[Doc]) -> dict[str, float]:
    """UAS, LAS (universal and full labels) and UPOS over gold words, CoNLL 2018 style."""
    total = uas = las = las_full = upos = 0
    for pred, gold in zip(preds, golds, strict=True):
        by_chars = {(t.idx, t.idx + len(t)): t for t in pred}
        for g in gold:
            total += 1
            p = by_chars.get((g.idx, g.idx + len(g)))
            if p is None:
                continue
            upos += p.pos_ == g.pos_
            ph, gh = p.head, g.head
            if (ph.idx, ph.idx + len(ph)) != (gh.idx, gh.idx + len(gh)):
                continue
            uas += 1
            p_dep, g_dep = p.dep_.lower(), g.dep_.lower()
            las += p_dep.split(":")[0] == g_dep.split(":")[0]
            las_full += p_dep == g_dep
    return {
        f"{treebank}_uas": round(uas / total, 4),
        f"{treebank}_las": round(las / total, 4),
        f"{treebank}_las_full": round(las_full / total, 4),
        f"{treebank}_upos": round(upos / total, 4),
    }


def _spacy_scores(
    nlp: Language, treebank: str, preds: list[Doc], golds: list[Doc]
) -> dict[str, float]:
    """UAS, LAS and UPOS by spaCy's own scorer, which leaves punctuation out of UAS/LAS.

    This is how ``spacy train``/``spacy evaluate`` measure, so these figures compare with the
    first trial of issue 2 and with the published scores of ``en_core_web_sm``. Its UPOS figure
    (``pos_acc``) counts punctuation and is an F score over (gold word, tag) pairs found through
    spaCy's alignment of the two tokenizations; the CoNLL figure counts a word right only when a
    predicted token covers exactly its characters.
    """
    from spacy.scorer import Scorer
    from spacy.training import Example

    examples = [Example(p, g) for p, g in zip(preds, golds, strict=True)]
    scores = Scorer.score_deps(
        examples, "dep", getter=lambda token, _: token.dep_.lower(), ignore_labels=("p", "punct")
    )
    upos = Scorer.score_token_attr(examples, "pos")
    return {
        f"{treebank}_uas_spacy": round(scores["dep_uas"], 4),
        f"{treebank}_las_spacy": round(scores["dep_las"], 4),
        f"{treebank}_upos_spacy": round(upos["pos_acc"], 4),
    }


def _ner_scores(preds: list[Doc], golds: list[Doc]) -> dict[str, Any]:
    """Exact-span micro P/R/F of the scored entity classes, and F per class."""

    def spans(doc: Doc, i: int) -> set[tuple[int, int, int, str]]:
        return {
            (i, e.start_char, e.end_char, _NER_CLASSES[e.label_])
            for e in doc.ents
            if e.label_ in _NER_CLASSES
        }

    pred = set().union(*(spans(d, i) for i, d in enumerate(preds)))
    gold = set().union(*(spans(d, i) for i, d in enumerate(golds)))
    result: dict[str, Any] = {}
    for cls in (None, *sorted(set(_NER_CLASSES.values()))):
        p = {s for s in pred if cls in (None, s[3])}
        g = {s for s in gold if cls in (None, s[3])}
        tp = len(p & g)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f = 2 * precision * recall / (precision + recall) if tp else 0.0
        if cls is None:
            result.update(
                gum_ner_p=round(precision, 4), gum_ner_r=round(recall, 4), gum_ner_f=round(f, 4)
            )
        else:
            result[f"gum_ner_f_{cls}"] = round(f, 4)
    return result


def _re3d_scores(nlp: Language, re3d_dir: Path, scorer: Path | None) -> dict[str, Any]:
    """Entity F1 on the re3d dev documents, by the project's scorer: of the pipeline's own
    ``doc.ents``, and of the actors ``graphbuilder extract`` writes from the same pipeline
    (mentions joined by name, coreference and the gazetteer)."""
    from graphbuilder.extract import eval_records, extract_all
    from graphbuilder.gazetteer import Gazetteer
    from graphbuilder.types import Article

    scorer = scorer or re3d_dir.parent.parent / "eval" / "score.py"
    paths = sorted((re3d_dir / "docs").glob("*.txt"))
    texts = {path.stem: path.read_text(encoding="utf-8") for path in paths}
    records = [rec for stem, text in texts.items() for rec in entity_records(stem, nlp(text))]
    pipeline = _score_entities(records, re3d_dir, scorer)
    articles = (Article(id=stem, doc_id=stem, text=text, source=stem)
                for stem, text in texts.items())
    extractions = extract_all(articles, nlp, gazetteer=Gazetteer.load())
    extracted = [rec for ex in extractions for rec in eval_records(ex) if rec["type"] == "entity"]
    actors = _score_entities(extracted, re3d_dir, scorer)
    return {
        "re3d_entity_f1": pipeline["lenient"]["typed"]["f1"],
        "re3d_entity_p": pipeline["lenient"]["typed"]["p"],
        "re3d_entity_r": pipeline["lenient"]["typed"]["r"],
        "re3d_entity_f1_strict": pipeline["strict"]["typed"]["f1"],
        "re3d_entity_f1_extract": actors["lenient"]["typed"]["f1"],
    }


def _score_entities(records: list[dict[str, Any]], re3d_dir: Path, scorer: Path) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "entities.jsonl"
        with out.open("w", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        run = subprocess.run(
            [sys.executable, str(scorer), str(out), "--split", str(re3d_dir), "--json", "-"],
            capture_output=True,
            text=True,
            check=False,
        )
    if run.returncode != 0:
        raise GraphbuilderError(
            f"re3d scorer {scorer} failed: {_first_line(Exception(run.stderr))}"
        )
    return json.loads(run.stdout)["entities"]


def entity_records(doc_id: str, doc: Doc) -> list[dict[str, Any]]:
    """Entity records of the evaluation contract: one per (name, label), with all mentions."""
    grouped: dict[tuple[str, str], list[list[int]]] = {}
    for ent in doc.ents:
        grouped.setdefault((ent.text, ent.label_), []).append([ent.start_char, ent.end_char])
    return [
        {"type": "entity", "doc_id": doc_id, "name": name, "label": label, "mentions": mentions}
        for (name, label), mentions in grouped.items()
    ]
