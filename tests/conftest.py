"""Shared fixtures. The tiny NLI model is built here so plumbing tests need no network and no
bundled weights: random weights, real tokenizer files from the bundled embedder, and a label order
that differs from the project's (to prove label order is read from id2label). The signal extractors
are shared too: `extractor` reads with word patterns only, `parsed` with spaCy's parse (skipped where
no spaCy English model is installed); `kinds` lists a pair's mismatch kinds."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def load_eval_script(name: str):
    """An eval/ script as a module (eval/ is a folder of commands, not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_tiny_nli(path: Path, id2label: dict[int, str] | None = None) -> Path:
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    from checker.bundled import embedder_path

    id2label = id2label or {0: "contradiction", 1: "entailment", 2: "neutral"}
    torch.manual_seed(0)
    cfg = BertConfig(
        vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=128, num_labels=3,
        id2label=id2label, label2id={v: k for k, v in id2label.items()},
    )
    model = BertForSequenceClassification(cfg)
    model.save_pretrained(path)
    AutoTokenizer.from_pretrained(str(embedder_path())).save_pretrained(path)
    return path


@pytest.fixture(autouse=True)
def fast_judge_by_default(monkeypatch):
    """The tests are written for the fast judge: the default judge (auto) is the cascade only where the
    strong judge is installed, which differs from machine to machine (the `[strong]` extra, or a base
    assembled in the user's cache before). The tests of the strong judge and of auto name what they need
    (tests/test_strong_judge.py); commands run in a subprocess see the machine as it is."""
    monkeypatch.setattr("checker.cascade._installed", lambda name: False)


@pytest.fixture(scope="session")
def tiny_nli_model(tmp_path_factory) -> Path:
    """Path to a tiny random-weight BERT NLI classifier with labels (contradiction, entailment, neutral)."""
    return build_tiny_nli(tmp_path_factory.mktemp("tiny_nli"))


ARTICLE_A = "Bridge closes after crack found\nThe city closed the Elm Street bridge on Monday after engineers found a crack.\nRepairs will cost 2 million euros, the mayor said.\n"
ARTICLE_B = "Elm Street bridge shut\nThe Elm Street bridge was closed on Monday when inspectors found a crack.\nThe mayor said repairs would cost 9 million euros.\n"


@pytest.fixture
def two_articles(tmp_path) -> Path:
    """A folder with two short articles that disagree on a repair cost (2 vs 9 million euros)."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE_A)
    (d / "b.txt").write_text(ARTICLE_B)
    return d


def kinds(signals) -> list[str]:
    """The kinds of a pair's model-free mismatches, in the order the rules found them."""
    return [m.kind for m in signals.mismatches]


@pytest.fixture(scope="session")
def extractor():
    """A signal extractor with the word-pattern readers only (no spaCy), shared by the whole run."""
    from checker.signals import SignalExtractor

    return SignalExtractor(use_spacy=False)


@pytest.fixture(scope="session")
def parsed():
    """A signal extractor that reads with spaCy's parse; skips the test where no model is installed."""
    from checker.signals import SignalExtractor
    from checker.signals.names import load_spacy

    if load_spacy() is None:
        pytest.skip("needs spaCy with an English model")
    return SignalExtractor(use_spacy=True)
