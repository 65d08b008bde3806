#!/usr/bin/env bash
# Reproduce graphbuilder's bundled English pipeline end to end (CPU only, no downloads).
#
#   training/train.sh [UD_DIR] [CONFIG]
#
# UD_DIR  folder with ewt/ and gum/ (default ../shared/data/ud, as in development)
# CONFIG  spaCy training config (default training/configs/wide.cfg, the shipped recipe)
#
# Steps: convert UD to spaCy DocBins → spacy train (early stopping on dev) → copy model-best
# into graphbuilder/models/en_graphbuilder → print the evaluation table on the test files.
# Training takes hours on two cores; run it with nohup and watch training/output/<name>.log.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
ud_dir="${1:-$repo/../shared/data/ud}"
config="${2:-$here/configs/wide.cfg}"
name="$(basename "$config" .cfg)"
python="${PYTHON:-python}"

cd "$here"
"$python" ud_to_spacy.py "$ud_dir" corpus
"$python" -m spacy train "$config" --output "output/$name" \
    --paths.train corpus/train.spacy --paths.dev corpus/dev.spacy
"$python" package_model.py "output/$name/model-best" "$repo/graphbuilder/models/en_graphbuilder"
cd "$repo"
graphbuilder model evaluate --data "$(dirname "$ud_dir")"
