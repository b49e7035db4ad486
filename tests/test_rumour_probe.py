"""The rumour-headline probe's counting (eval/rumour_probe.py); the checker runs are a command."""
import json

import pytest

from conftest import load_eval_script


def test_each_stance_counts_its_pairs_flags_and_reviews():
    probe = load_eval_script("rumour_probe")
    out = probe.tally([("against", "conflict"), ("against", "none"), ("for", "review"), ("observing", "conflict")])
    assert out == {"against": {"pairs": 2, "conflict": 1, "review": 0},
                   "for": {"pairs": 1, "conflict": 0, "review": 1},
                   "observing": {"pairs": 1, "conflict": 1, "review": 0}}


def test_a_pair_without_a_known_stance_is_refused(tmp_path):
    probe = load_eval_script("rumour_probe")
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"claim": "A.", "headline": "B.", "stance": "against"}) + "\n\n")
    assert [p["stance"] for p in probe.load_pairs(path)] == ["against"]
    path.write_text(json.dumps({"claim": "A.", "headline": "B.", "stance": "maybe"}) + "\n")
    with pytest.raises(SystemExit, match="stance"):
        probe.load_pairs(path)
