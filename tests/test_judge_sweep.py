"""eval/judge_sweep.py refuses a setting that does not exist, before loading any model."""
import pytest

from conftest import load_eval_script


@pytest.mark.parametrize("field", ["no_such_field", "nosuchrule.min_overlap", "shared.no_such_field"])
def test_an_unknown_setting_is_one_clear_error_before_any_work(field, capsys):
    sweep = load_eval_script("judge_sweep")
    with pytest.raises(SystemExit) as stop:
        sweep.main(["--field", field, "--values", "0.5", "--sets", "eval/gold"])
    assert stop.value.code == 2 and "--field" in capsys.readouterr().err
