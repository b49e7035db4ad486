"""The bundled embedder run with transformers alone gives sentence-transformers' embeddings, and only
plain model folders are run that way."""
import json

import numpy as np
import pytest

from checker.sentence_encoder import MeanPoolingEncoder, PlainLayout, plain_layout

TEXTS = ["A section of the Kestrel Quay Bridge collapsed into the harbour on Tuesday evening.",
         "Repairs are expected to cost 12 million euros.", "Yes.", "  Spaces   around and inside.  ",
         "Dozens were hurt, said Mayor Ana Ruiz, who called it \u201ca dark day\u201d for Brennmouth.",
         " ".join(["word"] * 400)]  # longer than the model's 256 tokens: cut the same way


def bundled_folder():
    try:
        from checker.bundled import embedder_path

        return embedder_path()
    except Exception:  # noqa: BLE001 - the bundled model is not installed
        return None


@pytest.fixture(scope="module")
def folder():
    path = bundled_folder()
    if path is None or not (path / "modules.json").exists():
        pytest.skip("the bundled embedder is not installed")
    return path


def test_the_bundled_embedder_is_a_plain_model(folder):
    assert plain_layout(folder) == PlainLayout(max_seq_length=256, normalize=True)


def test_the_bundled_embedder_gives_sentence_transformers_embeddings(folder):
    from sentence_transformers import SentenceTransformer

    from checker.pairing import Embedder

    embedder = Embedder.load("bundled:all-MiniLM-L6-v2", "cpu", batch_size=4, precision="fp32")
    assert isinstance(embedder.model, MeanPoolingEncoder)
    ours = embedder.encode(TEXTS * 3)
    theirs = SentenceTransformer(str(folder), device="cpu").encode(TEXTS * 3, normalize_embeddings=True)
    assert ours.shape == theirs.shape == (18, 384)
    np.testing.assert_allclose(ours, theirs, atol=1e-5, rtol=0)


def plain_folder(tmp_path, modules=None, pooling=None, bert=None, st=None):
    modules = modules or [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                          {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                          {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(pooling or {
        "word_embedding_dimension": 8, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False}))
    (tmp_path / "sentence_bert_config.json").write_text(json.dumps(bert or {"max_seq_length": 128, "do_lower_case": False}))
    if st is not None:
        (tmp_path / "config_sentence_transformers.json").write_text(json.dumps(st))
    return tmp_path


def test_a_plain_folder_is_recognised(tmp_path):
    assert plain_layout(plain_folder(tmp_path)) == PlainLayout(max_seq_length=128, normalize=True)


@pytest.mark.parametrize("change", [
    {"pooling": {"pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False}},
    {"pooling": {"pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": True}},
    {"bert": {"max_seq_length": 128, "do_lower_case": True}},
    {"bert": {"max_seq_length": 128, "model_args": {"trust_remote_code": True}}},
    {"st": {"prompts": {"query": "query: "}, "default_prompt_name": "query"}},
    {"modules": [{"path": "", "type": "sentence_transformers.models.Transformer"},
                 {"path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                 {"path": "2_Dense", "type": "sentence_transformers.models.Dense"}]},
], ids=["cls-pooling", "two-poolings", "lower-casing", "model-args", "prompts", "dense-layer"])
def test_anything_else_is_left_to_sentence_transformers(tmp_path, change):
    assert plain_layout(plain_folder(tmp_path, **change)) is None


def test_a_folder_without_modules_is_left_to_sentence_transformers(tmp_path):
    assert plain_layout(tmp_path) is None
    assert plain_layout(tmp_path / "missing") is None
