"""The NLI stage: label order from id2label, calibration file, long inputs, bad models."""
import json

import numpy as np
import pytest

from checker.errors import ModelError
from checker.nli import NLIModel, label_permutation


def test_label_order_is_read_from_id2label_not_assumed():
    assert label_permutation({0: "contradiction", 1: "entailment", 2: "neutral"}) == [1, 2, 0]
    assert label_permutation({"0": "ENTAILMENT", "1": "NEUTRAL", "2": "CONTRADICTION"}) == [0, 1, 2]


def test_a_model_without_an_nli_label_set_is_refused_with_a_clear_message():
    with pytest.raises(ModelError, match="contradiction"):
        label_permutation({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})


def test_predictions_are_probabilities_in_entailment_neutral_contradiction_order(tiny_nli_model):
    m = NLIModel.load(str(tiny_nli_model), device="cpu", precision="fp32")  # compared with a plain fp32 call
    probs = m.predict(["A man sleeps.", "Two dogs run."], ["A man is awake.", "Animals run."])
    assert probs.shape == (2, 3)
    np.testing.assert_allclose(probs.sum(1), 1.0, rtol=1e-5)
    raw = m.logits(["A man sleeps."], ["A man is awake."])
    direct = m.model(**m.tokenizer(["A man sleeps."], ["A man is awake."], return_tensors="pt")).logits.detach().numpy()
    np.testing.assert_allclose(raw[0], direct[0][[1, 2, 0]], rtol=1e-4, atol=1e-5)


def test_inputs_longer_than_the_model_are_truncated_not_a_crash(tiny_nli_model):
    m = NLIModel.load(str(tiny_nli_model), device="cpu")
    long = "The council met again. " * 200
    assert m.predict([long], ["The council met."]).shape == (1, 3)


def test_calibration_file_sets_temperature_and_threshold(tiny_nli_model, tmp_path):
    import shutil

    folder = tmp_path / "m"
    shutil.copytree(tiny_nli_model, folder)
    (folder / "calibration.json").write_text(json.dumps({"temperature": 2.0, "threshold": 0.4}))
    m = NLIModel.load(str(folder), device="cpu")
    assert m.temperature == 2.0 and m.default_threshold == 0.4
    a = m.predict(["x y"], ["y z"], calibrated=False)
    b = m.predict(["x y"], ["y z"])
    assert b.max() <= a.max() + 1e-6  # a temperature above 1 only softens


def test_a_missing_model_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError):
        NLIModel.load(str(tmp_path / "nope"), device="cpu")


def test_a_path_that_is_not_there_is_refused_but_hub_ids_pass_through(tmp_path):
    from checker.bundled import check_exists

    with pytest.raises(ModelError, match="no such folder"):
        check_exists(str(tmp_path / "missing-model"), "embedding model")
    with pytest.raises(ModelError):
        check_exists("./models/nope", "NLI model")
    check_exists("cross-encoder/nli-deberta-v3-base", "NLI model")  # left to the hub loader
    check_exists(str(tmp_path), "NLI model")
