"""The ONNX Runtime paths (onnx-fp32, onnx-int8): the export gives torch's outputs, builds are cached by
the weights' hash, int8 keeps the sensitive blocks in fp32, and without ONNX Runtime one clear error."""
import json
from pathlib import Path

import numpy as np
import pytest

from checker import onnx_export
from checker import precision as prec
from checker.errors import CheckerError
from checker.precision import features_from_flags, resolve_precision

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

EPYC = features_from_flags({"avx2", "avx512f", "avx512_bf16", "avx512_vnni"}, "AMD EPYC")
ZEN3 = features_from_flags({"avx2", "fma"}, "AMD EPYC (Zen 3)")

PREMISES = ["A man sleeps.", "The council met again on Tuesday to discuss the bridge and its rising costs.",
            "Dogs run.", "Rain fell on the town all night."]
HYPOTHESES = ["A man is awake.", "The council met.", "Animals run in the park today.", "It was dry."]


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """Every build goes to a fresh cache folder, never the user's."""
    monkeypatch.setenv("NEWS_CHECKER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def tiny_embedder(tmp_path):
    """A tiny random BERT as a plain sentence-transformers folder (transformer, mean pooling, Normalize)."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    from checker.bundled import embedder_path

    folder = tmp_path / "tiny-embedder"
    torch.manual_seed(1)
    BertModel(BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                         intermediate_size=64, max_position_embeddings=128)).save_pretrained(folder)
    AutoTokenizer.from_pretrained(str(embedder_path())).save_pretrained(folder)
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 32, "pooling_mode_mean_tokens": True}))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 64, "do_lower_case": False}))
    return folder


def test_onnx_fp32_gives_torch_fp32_logits_on_padded_batches_of_any_size(tiny_nli_model):
    from checker.nli import NLIModel

    torch_fp32 = NLIModel.load(str(tiny_nli_model), device="cpu", precision="fp32", batch_size=3)
    onnx_fp32 = NLIModel.load(str(tiny_nli_model), device="cpu", precision="onnx-fp32", batch_size=3)
    assert onnx_fp32.precision == "onnx-fp32" and onnx_fp32.info["compute_dtype"] == "float32 (onnx)"
    assert onnx_fp32.info["params"] == torch_fp32.info["params"]
    # batches of 3 and 1, padded to different widths: the exported graph has no traced-in shapes
    np.testing.assert_allclose(onnx_fp32.logits(PREMISES, HYPOTHESES), torch_fp32.logits(PREMISES, HYPOTHESES),
                               atol=1e-4, rtol=0)
    assert onnx_fp32.logits([], []).shape == (0, 3)


def test_the_fused_graph_has_one_attention_node_per_block_and_fused_gelu_and_layernorm(tiny_nli_model, cache):
    from checker.nli import NLIModel

    NLIModel.load(str(tiny_nli_model), device="cpu", precision="onnx-fp32")
    (build,) = (cache / "onnx").iterdir()
    stats = json.loads((build / "build.json").read_text())
    assert stats["fused_operators"]["Attention"] == 2  # the tiny model's two blocks
    assert stats["fused_operators"]["SkipLayerNormalization"] == 4
    assert stats["fused_operators"]["BiasGelu"] == 2
    assert stats["fused_operators"]["EmbedLayerNormalization"] == 1


def test_a_build_is_made_once_and_reused_and_new_weights_make_a_new_one(tiny_nli_model, tmp_path, cache):
    import shutil

    from transformers import AutoTokenizer

    from checker.nli import _torch_model

    tok = AutoTokenizer.from_pretrained(str(tiny_nli_model))
    calls = []

    def loader(folder):
        def load():
            calls.append(folder)
            return _torch_model(folder).float().eval()
        return load

    first = onnx_export.onnx_model_path(tiny_nli_model, "onnx-fp32", "sequence-classification", loader(tiny_nli_model), tok)
    again = onnx_export.onnx_model_path(tiny_nli_model, "onnx-fp32", "sequence-classification", loader(tiny_nli_model), tok)
    assert first == again and len(calls) == 1 and first.is_relative_to(cache)
    assert not any(p.name.startswith(".building-") for p in (cache / "onnx").iterdir())  # no temporary left
    # the same config with other weights: another key, another build
    other = tmp_path / "other-weights"
    shutil.copytree(tiny_nli_model, other)
    import torch

    from transformers import AutoModelForSequenceClassification

    m = AutoModelForSequenceClassification.from_pretrained(other)
    with torch.no_grad():
        m.classifier.bias.add_(1.0)
    m.save_pretrained(other)
    assert onnx_export.build_key(other, "onnx-fp32", "sequence-classification") != \
        onnx_export.build_key(tiny_nli_model, "onnx-fp32", "sequence-classification")
    # and the int8 recipe is part of the key
    assert onnx_export.build_key(tiny_nli_model, "onnx-int8", "sequence-classification", onnx_export.Int8Recipe(0, 0)) != \
        onnx_export.build_key(tiny_nli_model, "onnx-int8", "sequence-classification")


def test_int8_keeps_the_first_and_last_blocks_in_fp32_and_quantises_the_rest(tiny_nli_model, tmp_path):
    import onnx
    from transformers import AutoTokenizer

    from checker.nli import _torch_model

    tok = AutoTokenizer.from_pretrained(str(tiny_nli_model))
    load = lambda: _torch_model(tiny_nli_model).float().eval()  # noqa: E731
    # The tiny model has two blocks: the default recipe keeps both (nothing left to quantise) ...
    kept = onnx_export.onnx_model_path(tiny_nli_model, "onnx-int8", "sequence-classification", load, tok)
    stats = json.loads((kept.parent / "build.json").read_text())["int8"]
    assert stats["blocks_kept_fp32"] == [0, 1] and stats["nodes_quantised"] == 0
    # ... keeping the last block only quantises the first one's matrix products, and nothing else
    recipe = onnx_export.Int8Recipe(keep_first_blocks=0, keep_last_blocks=1)
    path = onnx_export.onnx_model_path(tiny_nli_model, "onnx-int8", "sequence-classification", load, tok, recipe)
    graph = onnx.load(str(path)).graph
    ops = [n.op_type for n in graph.node]
    assert "QAttention" in ops and "Attention" in ops  # block 0 quantised, block 1 not
    quantised = [n.name for n in graph.node if n.op_type in ("MatMulInteger", "QAttention")]
    assert len(quantised) == 4 and all("layer.0/" in n or n == "Attention_0_quant" for n in quantised)
    assert "EmbedLayerNormalization" in ops  # the embeddings stay fp32 ...
    head = [n for n in graph.node if "classifier" in n.name or "pooler/dense" in n.name]
    assert head and all(n.op_type in ("MatMul", "Add", "Gemm") for n in head)  # ... and so does the head
    blocks = json.loads((path.parent / "build.json").read_text())["int8"]
    assert blocks["blocks_kept_fp32"] == [1] and blocks["nodes_quantised"] > 0


def test_int8_predictions_stay_close_to_fp32(tiny_nli_model):
    from dataclasses import replace

    from transformers import AutoTokenizer

    from checker.nli import NLIModel, _torch_model
    from checker.onnx_session import OnnxModel

    fp32 = NLIModel.load(str(tiny_nli_model), device="cpu", precision="fp32")
    tok = AutoTokenizer.from_pretrained(str(tiny_nli_model))
    path = onnx_export.onnx_model_path(tiny_nli_model, "onnx-int8", "sequence-classification",
                                       lambda: _torch_model(tiny_nli_model).float().eval(), tok,
                                       onnx_export.Int8Recipe(keep_first_blocks=0, keep_last_blocks=0))
    int8 = replace(fp32, model=OnnxModel.load(path), precision="onnx-int8")
    assert abs(int8.predict(PREMISES, HYPOTHESES) - fp32.predict(PREMISES, HYPOTHESES)).max() < 0.1


def test_node_blocks_reads_the_block_of_each_matrix_product():
    from types import SimpleNamespace as N

    graph = N(node=[N(op_type="EmbedLayerNormalization", name="EmbedLayerNormalization_0"),
                    N(op_type="Attention", name="Attention_0"),
                    N(op_type="MatMul", name="/m/bert/encoder/layer.0/attention/output/dense/MatMul"),
                    N(op_type="Attention", name="Attention_1"),
                    N(op_type="MatMul", name="/m/bert/encoder/layer.1/output/dense/MatMul"),
                    N(op_type="MatMul", name="/m/bert/pooler/dense/MatMul"),
                    N(op_type="Gemm", name="/m/classifier/Gemm")])
    assert onnx_export.node_blocks(graph) == {"Attention_0": (0, "attention"), "Attention_1": (1, "attention"),
                                              "/m/bert/encoder/layer.0/attention/output/dense/MatMul": (0, "attention_output"),
                                              "/m/bert/encoder/layer.1/output/dense/MatMul": (1, "ffn_out")}


def test_the_embedder_runs_its_fused_fp32_graph_under_both_onnx_precisions(tiny_embedder):
    from checker.pairing import Embedder
    from checker.sentence_encoder import MeanPoolingEncoder

    texts = PREMISES + HYPOTHESES + ["Yes."]
    fp32 = Embedder.load(str(tiny_embedder), "cpu", batch_size=4, precision="fp32")
    for requested in ("onnx-fp32", "onnx-int8"):
        onnx = Embedder.load(str(tiny_embedder), "cpu", batch_size=4, precision=requested)
        assert isinstance(onnx.model, MeanPoolingEncoder) and onnx.model.is_onnx
        assert onnx.precision == "onnx-fp32" and onnx.compute_dtype == "float32 (onnx)"
        np.testing.assert_allclose(onnx.encode(texts), fp32.encode(texts), atol=1e-5, rtol=0)


def test_a_model_without_an_onnx_recipe_runs_in_torch_fp32(tmp_path):
    import torch
    from transformers import AutoTokenizer, DistilBertConfig, DistilBertForSequenceClassification

    from checker.bundled import embedder_path
    from checker.nli import NLIModel

    folder = tmp_path / "distilbert"
    torch.manual_seed(0)
    labels = {0: "entailment", 1: "neutral", 2: "contradiction"}
    DistilBertForSequenceClassification(DistilBertConfig(
        vocab_size=30522, dim=32, n_layers=1, n_heads=2, hidden_dim=64, max_position_embeddings=128,
        num_labels=3, id2label=labels, label2id={v: k for k, v in labels.items()})).save_pretrained(folder)
    AutoTokenizer.from_pretrained(str(embedder_path())).save_pretrained(folder)
    m = NLIModel.load(str(folder), device="cpu", precision="onnx-int8")
    assert m.precision == "fp32" and m.predict(["A."], ["B."]).shape == (1, 3)


def test_asking_for_an_onnx_precision_without_onnx_runtime_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(onnx_export, "onnx_available", lambda: False)
    for requested in ("onnx-fp32", "onnx-int8"):
        with pytest.raises(CheckerError, match=r"pip install 'news-fact-checker\[onnx\]'"):
            resolve_precision(requested, "cpu", "nli", EPYC)


def test_the_cli_refuses_an_onnx_precision_without_onnx_runtime_before_loading_models(monkeypatch, capsys, tmp_path):
    from checker import nli
    from checker.cli import main

    monkeypatch.setattr(onnx_export, "onnx_available", lambda: False)
    monkeypatch.setattr(nli.NLIModel, "load", lambda *a, **k: pytest.fail("a model was loaded"))
    demo = Path(__file__).parent.parent / "checker" / "demo" / "articles"
    code = main(["report", str(demo), "-o", str(tmp_path / "out"), "--device", "cpu", "--precision", "onnx-int8"])
    assert code == 2
    err = capsys.readouterr().err
    assert "not installed" in err and "[onnx]" in err


def test_onnx_precisions_run_on_the_cpu_only(monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda *a: (8, 0))
    with pytest.raises(CheckerError, match="CPU only"):
        resolve_precision("onnx-int8", "cuda", "nli")


def test_the_report_records_the_onnx_path_each_model_ran(tiny_nli_model, tiny_embedder):
    from checker import Config, check
    from checker.pairing import PairingSettings
    from checker.report import report_to_dict
    from checker.types import Article

    config = Config(device="cpu", precision="onnx-int8", nli_model=str(tiny_nli_model), embed_model=str(tiny_embedder),
                    use_signals=False, progress=False, pairing=PairingSettings(min_similarity=-1.0))
    arts = [Article(id="a", title="A", text="The bridge fell on Tuesday. Twelve people were hurt."),
            Article(id="b", title="B", text="The bridge fell on Thursday. Twelve people were hurt.")]
    doc = report_to_dict(check(arts, config))
    assert doc["summary"]["models"]["nli_precision"] == "onnx-int8"
    assert doc["summary"]["models"]["embedder_precision"] == "onnx-fp32"
    assert doc["summary"]["pairs_scored"] > 0


def test_onnx_sessions_use_the_threads_the_run_set_for_torch(tiny_nli_model, monkeypatch):
    import torch

    from checker.nli import _torch_model
    from checker.onnx_session import OnnxModel
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(tiny_nli_model))
    path = onnx_export.onnx_model_path(tiny_nli_model, "onnx-fp32", "sequence-classification",
                                       lambda: _torch_model(tiny_nli_model).float().eval(), tok)
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(1)  # what Models.load does with --threads 1
        assert OnnxModel.load(path).threads == 1
        assert OnnxModel.load(path, threads=2).threads == 2
    finally:
        torch.set_num_threads(before)


def test_the_plain_tokenizer_gives_transformers_ids_for_pairs_and_batches():
    from transformers import AutoTokenizer

    from checker.bundled import embedder_path, resolve
    from checker.plain_tokenizer import PlainTokenizer

    long = " ".join(["The council met again on Tuesday to discuss the bridge."] * 30)
    premises, hypotheses = PREMISES + [long], HYPOTHESES + ["The council met."]
    nli = resolve("bundled:fast")
    hf, plain = AutoTokenizer.from_pretrained(nli), PlainTokenizer.load(nli)
    want = hf(premises, hypotheses, truncation=True, max_length=64)
    got = plain.pairs(premises, hypotheses, max_length=64)
    assert got["input_ids"] == want["input_ids"] and got["token_type_ids"] == want["token_type_ids"]
    assert max(len(ids) for ids in got["input_ids"]) == 64  # the longer text is cut first
    emb = embedder_path()  # its tokenizer.json fixes padding at 128, which must not apply
    hf, plain = AutoTokenizer.from_pretrained(str(emb)), PlainTokenizer.load(emb)
    want = hf(premises + [long], padding=True, truncation=True, max_length=128, return_tensors="np")
    got = plain.batch(premises + [long], max_length=128)
    for key in ("input_ids", "token_type_ids", "attention_mask"):
        np.testing.assert_array_equal(got[key], want[key])
    assert plain.pad_token_id == hf.pad_token_id


def test_a_cached_onnx_build_loads_without_torch_or_transformers(tiny_nli_model, tiny_embedder, cache):
    import subprocess
    import sys

    from checker.nli import NLIModel
    from checker.pairing import Embedder

    NLIModel.load(str(tiny_nli_model), device="cpu", precision="onnx-int8")  # the first use builds (torch)
    Embedder.load(str(tiny_embedder), device="cpu", precision="onnx-int8")
    script = (
        "import sys\n"
        "from checker.api import Models\n"
        "from checker.cascade import CascadeSettings\n"
        "from checker.config import Config\n"
        f"m = Models.load(Config(nli_model={str(tiny_nli_model)!r}, embed_model={str(tiny_embedder)!r}, "
        "precision='onnx-int8', threads=1, progress=False, use_signals=False, "
        "cascade=CascadeSettings(judge='fast')))\n"  # the strong judge (where installed) runs in torch
        "p = m.nli.predict(['A man sleeps.'], ['A man is awake.'])\n"
        "e = m.embedder.encode(['A man sleeps.', 'Rain fell.'])\n"
        "assert p.shape == (1, 3) and e.shape == (2, 32) and m.nli.model.threads == 1\n"
        "print(sorted(n for n in ('torch', 'transformers', 'sentence_transformers') if n in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "NEWS_CHECKER_CACHE": str(cache)})
    assert out.stdout.strip() == "[]", out.stderr
