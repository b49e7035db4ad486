"""The sweeps that measure one model score every pair with it, whatever the default judge comes to on the
machine: with the strong judge installed `auto` is the cascade, whose rescoring would otherwise be in
the scores a sweep starts from."""
import checker.cascade as cascade
from conftest import load_eval_script


def _strong_installed(monkeypatch):
    monkeypatch.setattr(cascade, "_installed", lambda name: True)
    assert cascade.CascadeSettings().decides == "cascade"


def test_the_cascade_sweep_starts_from_the_fast_model_alone(monkeypatch):
    _strong_installed(monkeypatch)
    config = load_eval_script("cascade_sweep").fast_config("cpu", "some/strong-adapter")
    assert config.cascade.decides == "fast"
    assert config.cascade.strong_model == "some/strong-adapter"


def test_the_threshold_sweep_is_of_the_model_it_names(monkeypatch):
    _strong_installed(monkeypatch)
    config = load_eval_script("gold_sweep").sweep_config("bundled:fast", "cpu", use_context=True)
    assert config.cascade.decides == "fast"
    assert (config.nli_model, config.use_context) == ("bundled:fast", True)


def test_the_precision_paths_are_measured_on_the_fast_model(monkeypatch):
    _strong_installed(monkeypatch)
    config = load_eval_script("bench_paths").config_for("onnx-int8")
    assert (config.cascade.decides, config.precision) == ("fast", "onnx-int8")



def test_the_cascade_sweep_tries_the_two_reader_rule_s_bars_with_each_judge():
    from checker.cascade import CascadeSettings

    rows = load_eval_script("cascade_sweep").confirmed_rules(["0.6:0.7", "0:0.8"], CascadeSettings())
    assert [(name, rule.judge, judging) for name, rule, judging in rows] == [
        ("strong, confirmed 0.6:0.7", "strong", {"confirmed_first_bar": 0.6, "confirmed_bar": 0.7}),
        ("cascade, confirmed 0.6:0.7", "cascade", {"confirmed_first_bar": 0.6, "confirmed_bar": 0.7}),
        ("strong, confirmed 0:0.8", "strong", {"confirmed_first_bar": 0.0, "confirmed_bar": 0.8}),
        ("cascade, confirmed 0:0.8", "cascade", {"confirmed_first_bar": 0.0, "confirmed_bar": 0.8})]
