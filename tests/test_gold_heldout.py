"""The formerly held-out gold set (eval/gold-heldout) is well formed (`checker gold` counts by its kinds:
tests/test_gold.py).

These tests check the files' format only; they never score the checker on them (the held-out set is
scored once, at the end, with `checker gold eval/gold-heldout`).
"""
from __future__ import annotations

import json
from pathlib import Path

from checker.evaluation.gold import GOLD_KINDS, load_gold, normalize_text

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "eval" / "gold-heldout"
# heldout_kind of a conflict -> the scorer kind in its `kind` field (documented in eval/gold-heldout/README.md)
BASE_KIND = {"time": "date", "date": "date", "quantity": "number", "negation_verb": "negation",
             "attribution": "entity", "nli": "antonym"}


def _rows(name: str) -> list[tuple[Path, dict]]:
    return [(story, json.loads(line)) for story in sorted(HELDOUT.iterdir()) if (story / name).is_file()
            for line in (story / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_heldout_gold_set_loads_with_the_current_scorer():
    gold = load_gold(HELDOUT)
    assert len(gold.stories) == 2
    assert all(p.kind in GOLD_KINDS for s in gold.stories for p in s.conflicts)


def test_every_heldout_conflict_has_a_heldout_kind_matching_its_scorer_kind():
    conflicts = [row for _, row in _rows("gold.jsonl") if row["label"] == "conflict"]
    assert conflicts
    assert all(BASE_KIND[row["heldout_kind"]] == row["kind"] for row in conflicts)


def test_review_pairs_name_sentences_that_occur_in_their_articles():
    rows = _rows("review.jsonl")
    assert rows
    for story, row in rows:
        assert row["label"] == "review" and row["a_file"] != row["b_file"]
        for side in ("a", "b"):
            text = normalize_text((story / row[f"{side}_file"]).read_text(encoding="utf-8"))
            assert normalize_text(row[side]) in text
