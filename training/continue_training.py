"""Callbacks for continuing the training of an already trained pipeline (``configs/continue.cfg``).

spaCy 3.8's ``trainable_lemmatizer`` loads its label list and edit trees from disk but does not
rebuild the map from edit tree to label that its loss uses. A lemmatizer sourced from a saved
pipeline then scores every gold lemma as label 0, so a few hundred updates wreck it (dev lemma
accuracy fell from 96% to 79% in 100 steps) and its gradient disturbs the shared ``tok2vec``.
``graphbuilder.restore_lemmatizer_labels.v1`` rebuilds the map after initialization; use it as
``[initialize.after_init]`` and pass this file to ``spacy train --code``.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.pipeline import EditTreeLemmatizer


def restore_lemmatizer_labels(nlp: Language) -> Language:
    """Rebuild ``tree2label`` of every edit tree lemmatizer in ``nlp``; return ``nlp``."""
    for _, pipe in nlp.components:  # also the disabled ones: sourced pipes are, at after_init
        if isinstance(pipe, EditTreeLemmatizer) and not pipe.tree2label:
            pipe.tree2label.update((tree, label) for label, tree in enumerate(pipe.labels))
    return nlp


@spacy.registry.callbacks("graphbuilder.restore_lemmatizer_labels.v1")
def make_restore_lemmatizer_labels() -> Callable[[Language], Language]:
    return restore_lemmatizer_labels
