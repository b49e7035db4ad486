"""Measuring the checker and its models: typed results, one writer.

- labels.py   gold labels of NLI pair sets (three-way or binary), --label-map
- pairs.py    reading labelled premise/hypothesis pairs (files, folders, hub data sets)
- nli.py      scoring NLI models (and peers stored with the data) on them: `ModelResult`
- metrics.py  the metric arithmetic: accuracy, F1, ROC-/PR-AUC, calibration error
- gold.py     gold sets of planted conflicts, and scoring a whole Report against them: `StoryScore`
- writer.py   results files: JSON, Markdown rendered from it, plots

`checker eval` and `checker gold` (checker/cli/) run them. Not for: training or calibrating models.
"""
