"""eval/score_separability.py's count of what a ranking of pairs finds at a precision."""
import numpy as np

from conftest import load_eval_script


def test_separability_counts_what_a_ranking_finds_at_a_precision():
    sep = load_eval_script("score_separability")
    p, y = np.array([0.9, 0.8, 0.7, 0.6]), np.array([True, True, False, True])
    assert sep.found_at_precision(p, y, 0.95) == (2, 2)
    assert sep.found_at_precision(p, y, 0.75) == (3, 4)
    assert sep.found_at_precision(p, ~y, 0.95) == (0, 0)
