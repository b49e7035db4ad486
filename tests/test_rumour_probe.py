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


def test_grouped_each_claim_gathers_its_headlines_in_order():
    probe = load_eval_script("rumour_probe")
    rows = [{"claim": "A.", "headline": "x", "stance": "for", "topic": "t1"},
            {"claim": "B.", "headline": "y", "stance": "against", "topic": "t2"},
            {"claim": "A.", "headline": "z", "stance": "against", "topic": "t1"},
            {"claim": "C.", "headline": "w", "stance": "observing"}]
    assert [[r["headline"] for r in g] for g in probe.by_topic(rows)] == [["x", "z"], ["y"], ["w"]]


def test_grouped_a_headline_counts_only_where_a_finding_joins_it_to_the_claim():
    from types import SimpleNamespace as NS

    probe = load_eval_script("rumour_probe")

    def verdict(a, b):
        return NS(scores=NS(pair=NS(a=NS(article_id=a), b=NS(article_id=b))))

    report = NS(conflicts=[NS(evidence=(verdict("h-1", "h-2"), verdict("h-2", "claim")))],
                review=[NS(verdict=verdict("claim", "h-3"))])
    assert probe.outcome_between(report, "claim", "h-2") == "conflict"  # the finding's second piece of evidence
    assert probe.outcome_between(report, "claim", "h-1") == "none"  # two headlines against each other: not counted
    assert probe.outcome_between(report, "claim", "h-3") == "review"
