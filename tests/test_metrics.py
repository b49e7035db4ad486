"""Metric functions against small hand-computed cases."""
from __future__ import annotations

import numpy as np
import pytest

from checker.evaluation import metrics as M
from checker.types import LABELS


def test_confusion_matrix_rows_are_gold_and_columns_predicted():
    cm = M.confusion_matrix([0, 0, 1, 2], [0, 1, 1, 0], 3)
    assert cm.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 0]]


def test_accuracy_per_class_and_macro_f1_match_hand_computation():
    y_true = [0, 0, 1, 1, 2, 2]
    y_pred = [0, 1, 1, 1, 2, 0]
    assert M.accuracy(y_true, y_pred) == pytest.approx(4 / 6)
    per = M.per_class_scores(y_true, y_pred, LABELS)
    assert per["entailment"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert per["neutral"]["precision"] == pytest.approx(2 / 3)
    assert per["neutral"]["recall"] == 1.0
    assert per["neutral"]["f1"] == pytest.approx(0.8)
    assert per["contradiction"]["precision"] == 1.0
    assert per["contradiction"]["recall"] == 0.5
    assert per["contradiction"]["f1"] == pytest.approx(2 / 3)
    assert M.macro_f1(y_true, y_pred, 3) == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)


def test_macro_f1_agrees_with_sklearn_when_every_class_occurs():
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 3, 200), rng.integers(0, 3, 200)
    assert M.macro_f1(y_true, y_pred, 3) == pytest.approx(f1_score(y_true, y_pred, average="macro"))


def test_a_class_missing_from_the_gold_labels_gives_none_not_a_crash():
    # no gold neutral; one pair wrongly predicted neutral
    per = M.per_class_scores([0, 0, 2, 2], [0, 1, 2, 2], LABELS)
    assert per["neutral"] == {"precision": 0.0, "recall": None, "f1": 0.0, "support": 0}
    # macro-F1 averages over the gold classes only: entailment 2/3, contradiction 1
    assert M.macro_f1([0, 0, 2, 2], [0, 1, 2, 2], 3) == pytest.approx((2 / 3 + 1) / 2)
    # neither gold nor predicted: everything undefined
    per = M.per_class_scores([0, 2], [0, 2], LABELS)
    assert per["neutral"] == {"precision": None, "recall": None, "f1": None, "support": 0}


def test_a_class_never_predicted_has_no_precision():
    per = M.per_class_scores([0, 2], [0, 0], LABELS)
    assert per["contradiction"] == {"precision": None, "recall": 0.0, "f1": 0.0, "support": 1}


def test_perfect_predictions_score_one_and_zero_calibration_error():
    y = np.array([0, 1, 2, 2, 0])
    probs = np.eye(3)[y]
    m = M.classification_metrics(y, y, LABELS, probs)
    assert m["accuracy"] == 1.0 and m["macro_f1"] == 1.0
    assert m["roc_auc"] == 1.0 and m["pr_auc"] == 1.0
    assert m["ece"] == 0.0 and m["ece_positive"] == 0.0
    assert m["per_class"]["contradiction"]["f1"] == 1.0


def test_roc_auc_and_average_precision_hand_computed():
    y = [0, 0, 1, 1]
    s = [0.1, 0.4, 0.35, 0.8]
    assert M.roc_auc(y, s) == pytest.approx(0.75)  # 3 of 4 positive-negative pairs ordered right
    assert M.average_precision(y, s) == pytest.approx(0.5 * 1 + 0.5 * 2 / 3)


def test_auc_is_none_when_a_subset_has_one_class():
    assert M.roc_auc([0, 0], [0.2, 0.3]) is None
    assert M.roc_auc([1, 1], [0.2, 0.3]) is None
    assert M.average_precision([0, 0], [0.2, 0.3]) is None
    assert M.precision_recall_points([0, 0], [0.2, 0.3]) is None
    assert M.roc_auc([], []) is None


def test_expected_calibration_error_of_the_top_label_hand_computed():
    probs = np.array([[0.95, 0.03, 0.02], [0.95, 0.03, 0.02], [0.55, 0.25, 0.20], [0.20, 0.25, 0.55]])
    y = np.array([0, 1, 0, 2])  # right, wrong, right, right
    # bin of 0.95: accuracy 0.5 vs 0.95; bin of 0.55: accuracy 1 vs 0.55; each bin holds half the pairs
    assert M.expected_calibration_error(probs, y) == pytest.approx(0.5 * 0.45 + 0.5 * 0.45)


def test_binary_calibration_error_of_one_probability_hand_computed():
    p = [0.1, 0.1, 0.9, 0.9]
    y = [0, 1, 1, 1]
    assert M.binary_calibration_error(p, y) == pytest.approx(0.5 * abs(0.5 - 0.1) + 0.5 * abs(1 - 0.9))


def test_bins_are_fifteen_equal_width_and_closed_on_the_right():
    assert M.bin_index([0.0, 1 / 15, 0.0667, 0.5, 1.0]).tolist() == [0, 0, 1, 7, 14]
    bins = M.reliability_bins([0.05, 0.95], [1, 0])
    assert len(bins) == M.N_BINS
    assert bins[0]["count"] == 1 and bins[0]["mean_observed"] == 1.0
    assert bins[7]["count"] == 0 and bins[7]["mean_predicted"] is None


def test_empty_subset_gives_nones():
    m = M.classification_metrics(np.array([], int), np.array([], int), LABELS, np.zeros((0, 3)))
    assert m["n"] == 0
    assert m["accuracy"] is None and m["macro_f1"] is None
    assert m["roc_auc"] is None and m["pr_auc"] is None and m["ece"] is None and m["ece_positive"] is None
    assert m["confusion_matrix"]["matrix"] == [[0, 0, 0]] * 3


def test_subset_without_contradictions_has_no_contradiction_auc():
    y = np.array([0, 1, 1])
    probs = np.array([[0.7, 0.2, 0.1], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4]])
    m = M.classification_metrics(y, probs.argmax(1), LABELS, probs)
    assert m["roc_auc"] is None and m["pr_auc"] is None
    assert m["ece"] is not None
    assert m["per_class"]["contradiction"]["recall"] is None


def test_binary_labels_score_the_positive_class():
    labels = ("consistent", "inconsistent")
    y = np.array([0, 1, 1, 0])
    probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    m = M.classification_metrics(y, probs.argmax(1), labels, probs, positive="inconsistent")
    assert m["accuracy"] == 0.5
    assert m["roc_auc"] == pytest.approx(0.75)
    assert m["positive_label"] == "inconsistent"
