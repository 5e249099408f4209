#!/usr/bin/env bash
# Rebuild the shipped NER model (warta/nlp/model) from ../shared/data/ner on CPU.
# Fixed seed (13) in the configs; one thread; bounded steps so a rerun gives the same model.
# Stage 1 learns from all four corpora (NERGrit x2, IndoLEM NER-UI/UGM fold 01, NERP with
# restored casing); stage 2 fine-tunes it on the cased corpora only (NERGrit x2 + IndoLEM).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-/work/venv/bin/python}
DEPTH=${DEPTH:-2}
STEPS1=${STEPS1:-4000}
STEPS2=${STEPS2:-2000}
export OMP_NUM_THREADS=1

$PY training/convert.py --out training/corpus
$PY training/convert.py --sources nergrit,nerui,nerugm --out training/corpus_nonerp
nice $PY -m spacy train training/ner.cfg --output training/runs/stage1 \
  --components.tok2vec.model.encode.depth "$DEPTH" --training.max_steps "$STEPS1"
nice $PY -m spacy train training/ner_finetune.cfg --output training/runs/stage2 \
  --paths.base_model training/runs/stage1/model-best --training.max_steps "$STEPS2"
rm -rf warta/nlp/model && cp -r training/runs/stage2/model-best warta/nlp/model
$PY training/report.py warta/nlp/model
