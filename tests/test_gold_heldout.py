"""The held-out gold set (eval/gold-heldout) is well formed, and eval/heldout_kinds.py counts by its kinds.

These tests check the files' format only; they never score the checker on them (the held-out set is
scored once, at the end, with `checker gold eval/gold-heldout`).
"""
from __future__ import annotations

from conftest import load_eval_script
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


def _heldout_kinds_module():
    return load_eval_script("heldout_kinds")


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


def test_heldout_kinds_counts_a_missed_conflict_and_a_flagged_alias(tmp_path):
    story = tmp_path / "s"
    story.mkdir()
    found = {"a_file": "x.txt", "a": "It opens next month.", "b_file": "y.txt", "b": "It opens in June.",
             "label": "conflict", "kind": "date", "heldout_kind": "time"}
    missed = {**found, "b": "It opens next year."}
    alias = {"a_file": "x.txt", "a": "The British agency paid.", "b_file": "y.txt", "b": "The U.K. agency paid.",
             "label": "agree", "kind": None, "heldout_kind": "alias"}
    (story / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (found, missed, alias)))
    why = {"cause": "below_nli_only_gate", "reason": "..."}
    results = {"stories": [{"story": "s", "misses": [{**missed, "why_missed": why}], "false_alarms": [alias],
                            "unlabelled_flags": []}]}
    kinds = _heldout_kinds_module()
    table = kinds.tabulate(tmp_path, results)
    assert table["conflicts"] == {"time": {"planted": 2, "found": 1, "lost": {"below_nli_only_gate": 1}}}
    assert table["not_conflicts"] == {"agree:alias": {"pairs": 1, "flagged": 1}}
    overall = {"flagged": {"total": 1, "match_gold_conflict": 0, "match_gold_agree": 1, "match_gold_distinct": 0,
                           "unlabelled": 0}, "precision_all_flagged": 0.0, "precision_gold_labelled": 0.0}
    text = kinds.markdown(table, {**results, "overall": overall})
    assert "Where the misses were lost" in text and "| time | 1 |" in text
