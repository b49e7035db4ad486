"""Config composes each stage's settings: one name per knob, every default written once, validation
through the stages, and the whole of it echoed into report.json."""
import dataclasses

import pytest

from checker.aggregate import JudgeSettings
from checker.config import STAGES, Config
from checker.errors import ConfigError
from checker.pairing import PairingSettings
from checker.signals import settings_classes


def _fields(cls):
    return [f.name for f in dataclasses.fields(cls)]


def test_every_similarity_gate_is_named_min_similarity():
    classes = {**STAGES, **settings_classes()}
    gates = [(name, f) for name, cls in classes.items() for f in _fields(cls) if "similarity" in f]
    assert len(gates) >= 9
    assert [g for g in gates if not g[1].endswith("min_similarity")] == []


def test_a_bad_stage_setting_is_reported_by_its_stage_and_field():
    with pytest.raises(ConfigError) as err:
        Config(pairing=PairingSettings(top_k=0)).validate()
    assert err.value.field == "pairing.top_k"
    with pytest.raises(ConfigError) as err:
        Config(judge=JudgeSettings(threshold=1.5)).validate()
    assert err.value.field == "judge.threshold"
    with pytest.raises(ConfigError) as err:
        Config(pairing={"top_k": 3}).validate()  # a stage's settings must be its settings class
    assert err.value.field == "pairing"


def test_the_command_line_takes_its_defaults_from_config_and_names_options_as_fields():
    from checker.cli import build_parser

    args = build_parser().parse_args(["report", "x.txt"])
    d = Config()
    assert (args.top_k, args.min_similarity) == (d.pairing.top_k, d.pairing.min_similarity)
    assert (args.threshold, args.nli_only_threshold) == (d.judge.threshold, d.judge.nli_only_threshold)


def test_as_dict_echoes_every_stage_nested_and_every_rule_resolved():
    doc = Config(signals={"numbers": {"weight": 0.8}}).as_dict()
    for stage, cls in STAGES.items():
        assert list(doc[stage]) == _fields(cls)
    assert set(doc["signals"]) == set(settings_classes())
    assert doc["signals"]["numbers"]["weight"] == 0.8
    assert doc["signals"]["dates"] == dataclasses.asdict(settings_classes()["dates"]())
