#!/usr/bin/env bash
# Rebuild the shipped NER model (warta/nlp/model) from ../shared/data/ner on CPU.
# Fixed seed (13) in the configs, one thread, bounded steps: a rerun gives the same model.
#  1. training data (convert.py) and word vectors (vectors.py: word2vec on unlabeled news
#     + NER training text, 10k rows x 64 dims kept);
#  2. stage 1 (ner_stage1.cfg): all four corpora (NERGrit x2, IndoLEM NER-UI/UGM fold 01,
#     NERP with restored casing), 4,000 steps;
#  3. stage 2 (ner_finetune.cfg): continue on the cased corpora only, 2,000 steps.
# Both stages keep a running average of the weights (use_averages) and save that average.
# Takes ~20 minutes on one free core. Scores: training/report.py, `warta evaluate ner`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}  # a venv with: pip install -e ".[train]"
export OMP_NUM_THREADS=1

$PY -m training.convert --out training/corpus
$PY -m training.convert --sources nergrit,nerui,nerugm --out training/corpus_nonerp
$PY -m training.vectors --dim 64 --rows 20000
$PY -m spacy init vectors id training/vectors/w2v.txt training/vectors/spacy10k --attr NORM --truncate 10000
nice $PY -m spacy train training/ner_stage1.cfg --output training/runs/stage1
nice $PY -m spacy train training/ner_finetune.cfg --output training/runs/stage2 \
  --paths.base_model training/runs/stage1/model-best
rm -rf warta/nlp/model && cp -r training/runs/stage2/model-best warta/nlp/model
$PY -m training.report warta/nlp/model
