"""eval/nli_probe.py: the quick checkpoint comparison counts accuracy and both-order contradiction recall."""
from __future__ import annotations

from conftest import load_eval_script
import json

import numpy as np


def _probe_module():
    return load_eval_script("nli_probe")


class _OrderShortcutModel:
    """Says contradiction whenever the premise is shorter than the hypothesis."""

    precision = "fp32"

    def predict(self, premises, hypotheses):
        out = np.zeros((len(premises), 3))
        for i, (p, h) in enumerate(zip(premises, hypotheses)):
            out[i, 2 if len(p) < len(h) else 1] = 1.0
        return out


class _OneWayModel:
    """Says contradiction exactly when the premise contains 'not': right as given, wrong swapped."""

    precision = "fp32"

    def predict(self, premises, hypotheses):
        out = np.zeros((len(premises), 3))
        for i, p in enumerate(premises):
            out[i, 2 if " not " in f" {p} " else 1] = 1.0
        return out


def test_probe_counts_accuracy_and_contradiction_recall_as_given_and_swapped():
    rows = [{"premise": "The mayor did not resign.", "hypothesis": "The mayor resigned.", "label": "contradiction"},
            {"premise": "It did not rain.", "hypothesis": "It rained.", "label": "contradiction"},
            {"premise": "A man sings.", "hypothesis": "A person sings.", "label": "entailment"},
            {"premise": "A man sings.", "hypothesis": "A man sings well.", "label": "neutral"}]
    result = _probe_module().probe(_OneWayModel(), rows)
    assert result["pairs"] == 4 and result["contradictions"] == 2
    assert result["accuracy"] == 0.75  # both contradictions and the neutral pair
    assert result["contra_recall_given"] == 1.0 and result["contra_recall_swapped"] == 0.0
    assert result["contra_false_swapped"] == 0.0


def test_sample_is_the_same_for_every_model_and_seed(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps({"premise": f"p{i}", "hypothesis": f"h{i}", "label": "neutral"}) + "\n"
                            for i in range(50)))
    probe = _probe_module()
    first, again = probe.sample(path, 10, seed=3), probe.sample(path, 10, seed=3)
    assert first == again and len(first) == 10 and first != probe.sample(path, 10, seed=4)


def test_a_model_that_reads_swapped_order_as_contradiction_is_caught_on_the_other_pairs():
    rows = [{"premise": "The long premise sentence says the mayor stayed.", "hypothesis": "The mayor left.", "label": "contradiction"},
            {"premise": "A tall man is singing a song loudly.", "hypothesis": "A man sings.", "label": "entailment"},
            {"premise": "A man is singing on a stage tonight.", "hypothesis": "A man sings well.", "label": "neutral"}]
    result = _probe_module().probe(_OrderShortcutModel(), rows)
    assert result["contra_recall_swapped"] == 1.0 and result["contra_false_swapped"] == 1.0
