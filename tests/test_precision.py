"""Model precision: CPU feature detection, what `auto` picks, and what the loaded models really run in."""
from pathlib import Path

import pytest
import numpy as np
import torch

from checker import precision as prec
from checker.errors import CheckerError
from checker.nli import NLIModel
from checker.precision import CpuFeatures, features_from_flags, parse_cpuinfo, resolve_precision

# The development machine's CPU: avx512_bf16 and VNNI, no avx512_fp16, no AMX.
EPYC = features_from_flags({"avx512f", "avx512_bf16", "avx512_vnni"}, "AMD EPYC")
NO_NATIVE_HALF = CpuFeatures(model="old x86", fp16=False, bf16=False)
SAPPHIRE_RAPIDS = features_from_flags({"avx512f", "avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8"}, "Xeon")

CPUINFO = """processor\t: 0
model name\t: AMD EPYC
physical id\t: 0
core id\t\t: 0
flags\t\t: fpu sse avx2 avx512f avx512_bf16 avx512_vnni

processor\t: 1
model name\t: AMD EPYC
physical id\t: 0
core id\t\t: 1
flags\t\t: fpu sse avx2 avx512f avx512_bf16 avx512_vnni
"""


def test_cpuinfo_flags_name_bf16_but_not_fp16_on_an_epyc_without_avx512_fp16():
    f = parse_cpuinfo(CPUINFO)
    assert (f.model, f.bf16, f.fp16, f.amx, f.int8_dot) == ("AMD EPYC", True, False, False, True)
    assert parse_cpuinfo("no flags here") is None


def test_physical_cores_counts_cores_not_hyperthreads(tmp_path):
    siblings = CPUINFO + CPUINFO.replace("processor\t: 0", "processor\t: 2").replace("processor\t: 1", "processor\t: 3")
    path = tmp_path / "cpuinfo"
    path.write_text(siblings)
    assert prec.physical_cores(path) <= 2


def test_auto_on_a_cpu_never_picks_fp16_and_picks_bf16_only_where_native():
    for features in (EPYC, NO_NATIVE_HALF, SAPPHIRE_RAPIDS, CpuFeatures()):
        for role in ("nli", "embedder"):
            assert resolve_precision("auto", "cpu", role, features) != "fp16"
    assert resolve_precision("auto", "cpu", "embedder", NO_NATIVE_HALF) == "fp32"
    assert resolve_precision("auto", "cpu", "embedder", EPYC) == "bf16"


def test_asking_for_fp16_on_a_cpu_without_native_fp16_is_a_clear_error():
    with pytest.raises(CheckerError, match="no native fp16"):
        resolve_precision("fp16", "cpu", "nli", EPYC)
    with pytest.raises(CheckerError, match="no native bf16"):
        resolve_precision("bf16", "cpu", "nli", NO_NATIVE_HALF)
    with pytest.raises(CheckerError, match="unknown precision"):
        resolve_precision("fp8", "cpu", "nli", EPYC)


def test_auto_on_a_cpu_uses_bf16_where_native_and_otherwise_fp32_never_int8():
    assert resolve_precision("auto", "cpu", "nli", EPYC) == "bf16"
    assert resolve_precision("auto", "cpu", "nli", SAPPHIRE_RAPIDS) == "bf16"
    assert resolve_precision("auto", "cpu", "nli", NO_NATIVE_HALF) == "fp32"
    assert resolve_precision("int8", "cpu", "nli", NO_NATIVE_HALF) == "int8"  # only when asked for


def _float_dtypes(model) -> set:
    return {p.dtype for p in model.parameters() if p.is_floating_point()}


@pytest.fixture
def fp16_checkpoint(tiny_nli_model, tmp_path):
    """The tiny model saved in float16, as the bundled checkpoint is."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    folder = tmp_path / "fp16-model"
    AutoModelForSequenceClassification.from_pretrained(tiny_nli_model).half().save_pretrained(folder)
    AutoTokenizer.from_pretrained(tiny_nli_model).save_pretrained(folder)
    return folder


@pytest.mark.parametrize("requested", ["auto", "fp32", "bf16", "int8"])
def test_a_cpu_without_native_fp16_never_runs_the_model_in_fp16(fp16_checkpoint, monkeypatch, requested):
    monkeypatch.setattr(prec, "cpu_features", lambda *a, **k: EPYC)
    seen = []
    real_autocast = torch.autocast

    def spy_autocast(*args, **kwargs):  # record the dtype every forward pass really runs under
        seen.append(kwargs.get("dtype"))
        return real_autocast(*args, **kwargs)

    monkeypatch.setattr(torch, "autocast", spy_autocast)
    m = NLIModel.load(str(fp16_checkpoint), device="cpu", precision=requested)
    assert torch.float16 not in _float_dtypes(m.model)  # the checkpoint's fp16 is never kept
    assert m.precision != "fp16" and m.info["compute_dtype"] != "float16"
    probs = m.predict(["A man sleeps."], ["A man is awake."])
    assert probs.shape == (1, 3)
    assert torch.float16 not in seen
    if m.precision == "bf16":
        assert seen == [torch.bfloat16]
    if m.precision == "fp32":
        assert _float_dtypes(m.model) == {torch.float32} and seen == []


def test_int8_quantises_the_linear_layers_and_keeps_the_predictions_close(tiny_nli_model):
    fp32 = NLIModel.load(str(tiny_nli_model), device="cpu", precision="fp32")
    int8 = NLIModel.load(str(tiny_nli_model), device="cpu", precision="int8")
    assert not any(type(mod) is torch.nn.Linear for mod in int8.model.modules())
    assert int8.info["compute_dtype"] == "int8"
    pairs = (["A man sleeps.", "Two dogs run in a park."], ["A man is awake.", "Animals run."])
    assert abs(fp32.predict(*pairs) - int8.predict(*pairs)).max() < 0.1


def test_batches_padded_per_batch_give_the_same_logits_as_one_pair_at_a_time(tiny_nli_model):
    m = NLIModel.load(str(tiny_nli_model), device="cpu", precision="fp32", batch_size=2)
    premises = ["A man sleeps.", "The council met again on Tuesday to discuss the bridge.", "Dogs run.", "Rain."]
    hypotheses = ["A man is awake.", "The council met.", "Animals run in the park today.", "It is dry."]
    batched = m.logits(premises, hypotheses)
    single = [m.logits([p], [h])[0] for p, h in zip(premises, hypotheses)]
    assert abs(batched - np.array(single)).max() < 1e-4


def test_the_precision_each_model_ran_in_is_recorded_in_the_report(tiny_nli_model):
    from checker import Config, check
    from checker.report import report_to_dict
    from checker.types import Article

    config = Config(device="cpu", precision="fp32", nli_model=str(tiny_nli_model), use_signals=False, progress=False)
    arts = [Article(id="a", title="A", text="The bridge fell on Tuesday. Twelve people were hurt."),
            Article(id="b", title="B", text="The bridge fell on Thursday. Twelve people were hurt.")]
    doc = report_to_dict(check(arts, config))
    assert doc["summary"]["models"]["nli_precision"] == "fp32"
    assert doc["summary"]["models"]["embedder_precision"] == "fp32"
    assert doc["summary"]["config"]["precision"] == "fp32"


def test_cli_refuses_fp16_on_a_cpu_without_it_with_exit_code_2(monkeypatch, capsys, tmp_path):
    from checker.cli import main

    monkeypatch.setattr(prec, "cpu_features", lambda *a, **k: EPYC)
    code = main(["report", str(Path(__file__).parent.parent / "checker" / "demo" / "articles"), "-o", str(tmp_path), "--device", "cpu", "--precision", "fp16"])
    assert code == 2
    assert "no native fp16" in capsys.readouterr().err


# ------------------------------------------------------------------ auto, per CPU type (AUTO_CPU)

ZEN3 = features_from_flags({"avx2", "fma", "f16c"}, "AMD EPYC (Zen 3)")  # AVX2 and FMA only


def test_each_cpu_falls_in_one_row_of_the_auto_table():
    assert prec.cpu_type(SAPPHIRE_RAPIDS) == "native-fp16"  # fp16 wins over bf16: the Xeon has both
    assert prec.cpu_type(EPYC) == "native-bf16"
    assert prec.cpu_type(ZEN3) == "no-half"
    assert prec.cpu_type(CpuFeatures()) == "no-half"  # nothing known: nothing assumed
    assert set(prec.AUTO_CPU) == {"native-fp16", "native-bf16", "no-half"}
    for row in prec.AUTO_CPU.values():
        assert set(row) == set(prec.ROLES)
        assert all(p in prec.PRECISIONS and p != "auto" for ps in row.values() for p in ps)


def test_the_shipped_table_keeps_todays_choice_until_the_onnx_paths_are_measured():
    for features, expected in ((SAPPHIRE_RAPIDS, "bf16"), (EPYC, "bf16"), (ZEN3, "fp32")):
        for role in prec.ROLES:
            assert resolve_precision("auto", "cpu", role, features) == expected


@pytest.fixture
def measured_table(monkeypatch):
    """A table as the benchmark could fill it: ONNX int8 first where it kept the conflicts."""
    table = {"native-fp16": {"nli": ("bf16", "fp32"), "embedder": ("bf16", "fp32")},
             "native-bf16": {"nli": ("onnx-int8", "bf16", "fp32"), "embedder": ("onnx-fp32", "bf16", "fp32")},
             "no-half": {"nli": ("onnx-int8", "int8", "fp32"), "embedder": ("onnx-int8", "fp32")}}
    monkeypatch.setattr(prec, "AUTO_CPU", table)
    return table


def test_auto_takes_the_first_candidate_of_the_cpus_row(measured_table, monkeypatch):
    monkeypatch.setattr(prec, "onnx_available", lambda: True)
    assert resolve_precision("auto", "cpu", "nli", ZEN3) == "onnx-int8"
    assert resolve_precision("auto", "cpu", "nli", EPYC) == "onnx-int8"
    assert resolve_precision("auto", "cpu", "embedder", EPYC) == "onnx-fp32"
    assert resolve_precision("auto", "cpu", "nli", SAPPHIRE_RAPIDS) == "bf16"
    # onnx-int8 for the embedder means its fused fp32 graph, as when asked for explicitly
    assert resolve_precision("auto", "cpu", "embedder", ZEN3) == "onnx-fp32"


def test_auto_skips_onnx_candidates_without_onnx_runtime(measured_table, monkeypatch):
    monkeypatch.setattr(prec, "onnx_available", lambda: False)
    assert resolve_precision("auto", "cpu", "nli", EPYC) == "bf16"
    assert resolve_precision("auto", "cpu", "embedder", EPYC) == "bf16"
    assert resolve_precision("auto", "cpu", "nli", ZEN3) == "int8"
    assert resolve_precision("auto", "cpu", "embedder", ZEN3) == "fp32"


def test_auto_skips_what_the_cpu_or_torch_cannot_run(measured_table, monkeypatch):
    monkeypatch.setattr(prec, "onnx_available", lambda: False)
    monkeypatch.setattr(prec, "int8_available", lambda: False)
    assert resolve_precision("auto", "cpu", "nli", ZEN3) == "fp32"
    measured_table["no-half"]["nli"] = ("bf16",)  # a row naming only what this CPU lacks: fp32
    assert resolve_precision("auto", "cpu", "nli", ZEN3) == "fp32"


def test_a_model_without_an_onnx_recipe_gets_the_next_candidate(measured_table, monkeypatch):
    monkeypatch.setattr(prec, "onnx_available", lambda: True)
    assert resolve_precision("auto", "cpu", "nli", EPYC, onnx=False) == "bf16"
    assert resolve_precision("auto", "cpu", "nli", ZEN3, onnx=False) == "int8"
    assert resolve_precision("onnx-int8", "cpu", "nli", EPYC, onnx=False) == "fp32"


def test_explicit_onnx_precisions_resolve_per_role(monkeypatch):
    monkeypatch.setattr(prec, "onnx_available", lambda: True)
    from checker import onnx_export

    monkeypatch.setattr(onnx_export, "onnx_available", lambda: True)
    assert resolve_precision("onnx-int8", "cpu", "nli", ZEN3) == "onnx-int8"
    assert resolve_precision("onnx-fp32", "cpu", "nli", ZEN3) == "onnx-fp32"
    assert resolve_precision("onnx-int8", "cpu", "embedder", ZEN3) == "onnx-fp32"
