"""The strong judge: an adapter assembled over a hash-checked base, the bundled names, the cascade's
choice of pairs, and the news kinds it is trained on."""
from __future__ import annotations

import json
import random
from dataclasses import replace

import numpy as np
import pytest

from checker.bundled import is_adapter_folder, nli_path, resolve
from checker.cascade import CascadeSettings, Reach, needs_strong, reach, rescore
from checker.config import Config
from checker.errors import ConfigError, ModelError
from checker.types import Article, CandidatePair, Mismatch, NLIScores, PairScores, Sentence, Signals


def test_fast_is_the_small_bundled_model_by_either_name():
    assert resolve("bundled:fast") == resolve("bundled:nli-minilm-l6") == str(nli_path())


def test_strong_is_the_shipped_adapter_over_the_published_base_by_either_name():
    from checker.bases import MPNET

    folder = resolve("bundled:strong")
    assert folder == resolve("bundled:nli-mpnet-lora") and is_adapter_folder(folder)
    assert json.loads((nli_path("nli-mpnet-lora") / "base.json").read_text()) == {"base": MPNET}


def test_an_unknown_bundled_name_lists_the_known_ones():
    with pytest.raises(ModelError, match="bundled:strong"):
        resolve("bundled:huge")


def _tiny_base(folder):
    """A 2-layer BERT saved as a base encoder folder, with a tokenizer of a few words."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "plant", "closed", "has", "not", "police", "said"]
    (folder / "vocab.txt").parent.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(words) + "\n")
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder)
    config = BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64)
    BertModel(config).save_pretrained(folder)
    return folder


def test_an_exported_adapter_loads_merged_over_its_base_and_predicts_as_trained(tmp_path, monkeypatch):
    torch = pytest.importorskip("torch")
    pytest.importorskip("peft")
    from transformers import AutoTokenizer

    import checker.nli as nli
    from checker.nli import NLIModel
    from checker_models.train_nli import export, new_model, with_adapter

    base = _tiny_base(tmp_path / "bases" / "tiny-base")
    torch.manual_seed(0)
    model = with_adapter(new_model(str(base)), rank=4, alpha=8)
    with torch.no_grad():  # a trained adapter and head, not the zero-initialised B of a fresh one
        for name, p in model.named_parameters():
            if p.requires_grad:
                p.add_(torch.randn_like(p) * 0.5)
    tokenizer = AutoTokenizer.from_pretrained(base)
    out = tmp_path / "adapter"
    export(model, tokenizer, out, {"run": "test"})
    assert is_adapter_folder(out) and json.loads((out / "base.json").read_text()) == {"base": "tiny-base"}
    assert (out / "adapter_model.safetensors").stat().st_size < 200_000  # the adapter and head, not the base

    monkeypatch.setattr(nli, "base_path", lambda name: tmp_path / "bases" / name)
    monkeypatch.setenv("NEWS_CHECKER_CACHE", str(tmp_path / "cache"))
    loaded = NLIModel.load(str(out), device="cpu", precision="fp32")
    assert not hasattr(loaded.model, "peft_config")  # merged: it runs at the plain model's cost
    enc = tokenizer(["the plant has closed"], ["police said the plant has not closed"], return_tensors="pt")
    model.eval()
    with torch.no_grad():
        want = model(**enc).logits.float().numpy()
    got = loaded.logits(["the plant has closed"], ["police said the plant has not closed"])
    # fp16 storage of the adapter: equal to about three decimals
    np.testing.assert_allclose(got, want[:, loaded.permutation], atol=2e-2)

    # The merge is kept: the next load reads the merged checkpoint, without peft or the merge.
    assert (nli.merged_path(out) / "model.safetensors").exists()
    monkeypatch.setattr(nli, "_merge_adapter", lambda folder: pytest.fail("merged again"))
    again = NLIModel.load(str(out), device="cpu", precision="fp32")
    np.testing.assert_allclose(again.logits(["the plant has closed"], ["police said the plant has not closed"]), got,
                               atol=1e-5)


def test_an_adapter_base_that_is_not_known_is_refused():
    from checker.bases import base_path

    with pytest.raises(ModelError, match="unknown adapter base"):
        base_path("some-other-base")


def _scores(similarity: float, fwd_contra: float, bwd_contra: float = 0.0) -> PairScores:
    a = Sentence(article_id="a", index=0, text="The plant has closed.", start=0, end=21)
    b = Sentence(article_id="b", index=0, text="The plant is open.", start=0, end=18)
    fwd = NLIScores(1 - fwd_contra, 0.0, fwd_contra)
    bwd = NLIScores(1 - bwd_contra, 0.0, bwd_contra)
    return PairScores(pair=CandidatePair(a=a, b=b, similarity=similarity), forward=fwd, backward=bwd, combined=fwd)


_NUMBER = Mismatch("number", "3", "4", "numbers differ")
_WITHIN = Reach(settled=0.5, related=0.65, weights={"number": 0.6, "date": 0.3})


@pytest.mark.parametrize("scores, signals, sent", [
    (_scores(0.68, 0.05), Signals(), False),  # alike, but the fast model sees no contradiction: kept
    (_scores(0.68, 0.05, 0.3), Signals(), True),  # contradiction over the bar one way
    (_scores(0.5, 0.9), Signals(), False),  # too far apart to be a conflict whatever the NLI says
    (_scores(0.75, 0.0), Signals(), True),  # a review candidate
    (_scores(0.3, 0.0), Signals(mismatches=(_NUMBER,)), False),  # a conflict on the mismatch's weight alone
    (_scores(0.3, 0.0), Signals(mismatches=(Mismatch("date", "May", "June", "dates differ"),)), True),  # NLI decides
    (_scores(0.9, 0.9), Signals(comparable=False), False),  # two events whatever a model says
])
def test_the_cascade_sends_on_the_pairs_whose_verdict_it_could_change(scores, signals, sent):
    assert needs_strong(scores, signals, CascadeSettings(judge="cascade"), _WITHIN) is sent
    assert needs_strong(scores, signals, CascadeSettings(judge="fast"), _WITHIN) is False
    assert needs_strong(scores, signals, CascadeSettings(judge="strong"), _WITHIN) is True


def test_a_near_copy_with_no_mismatch_stays_with_the_fast_model():
    from checker.cascade import near_copy

    assert near_copy("Two kids in jackets walk to school.", "Two kids in jackets walk to school!", 2)
    assert near_copy("Two kids in jackets walk to school.", "Two children in jackets walk to school.", 2)
    assert not near_copy("The plant has closed.", "The plant is open.", 2)  # half its words changed
    assert not near_copy("Power was restored to 12,000 homes on Monday.",
                         "Power was restored to homes across the region by Friday evening.", 2)
    s = _scores(0.95, 0.3)
    copy = replace(s, pair=replace(s.pair, b=replace(s.pair.a, article_id="b")))
    assert needs_strong(copy, Signals(), CascadeSettings(judge="cascade"), _WITHIN) is False
    assert needs_strong(copy, Signals(), CascadeSettings(judge="cascade", near_copy_max_edits=None), _WITHIN) is True
    # a mismatch the rules read still goes on
    date = Signals(mismatches=(Mismatch("date", "May", "June", "dates differ"),))
    assert needs_strong(copy, date, CascadeSettings(judge="cascade"), _WITHIN) is True


def test_provenance_pairs_go_on_however_far_apart():
    s = _scores(0.35, 0.0)
    prov = replace(s, pair=replace(s.pair, channel="provenance"))
    assert needs_strong(prov, Signals(), CascadeSettings(judge="cascade"), _WITHIN) is True
    assert needs_strong(s, Signals(), CascadeSettings(judge="cascade"), _WITHIN) is False


def test_the_reach_follows_the_thresholds_and_gates_in_use():
    r = reach([0.34, 0.5], nli_only_min_similarity=0.6, review_min_similarity=0.7, weights={"number": 0.6})
    assert (r.settled, r.related) == (0.5, 0.6)
    number = Signals(mismatches=(_NUMBER,))
    assert needs_strong(_scores(0.3, 0.0), number, CascadeSettings(judge="cascade"), r) is False
    assert needs_strong(_scores(0.3, 0.0), number, CascadeSettings(judge="cascade"), replace(r, settled=0.7)) is True


def test_below_the_gate_the_cascade_sends_on_only_what_the_fast_model_reads_as_a_contradiction_both_ways():
    r = reach([0.6], nli_only_min_similarity=0.65, review_min_similarity=0.7, weights={},
              confirmed_min_similarity=0.45, confirmed_first_bar=0.6)
    cascade = CascadeSettings(judge="cascade")
    assert needs_strong(_scores(0.5, 0.7, 0.65), Signals(), cascade, r) is True
    assert needs_strong(_scores(0.5, 0.9, 0.5), Signals(), cascade, r) is False  # one way only
    assert needs_strong(_scores(0.4, 0.9, 0.9), Signals(), cascade, r) is False  # below the confirmed band
    off = reach([0.6], nli_only_min_similarity=0.65, review_min_similarity=0.7, weights={})
    assert needs_strong(_scores(0.5, 0.7, 0.65), Signals(), cascade, off) is False


def test_an_nli_only_conflict_below_the_gate_needs_both_judges_reading_it_both_ways():
    from checker.aggregate import JudgeSettings, judge

    settings = JudgeSettings(threshold=0.45)
    fast = _scores(0.5, 0.7, 0.65)
    strong = rescore([fast], [0], np.array([[0.1, 0.1, 0.8], [0.1, 0.15, 0.75]]), lambda f, b: f)[0]
    assert strong.first == pytest.approx((0.7, 0.65))
    v = judge(strong, Signals(), settings)
    assert v.label == "contradiction" and v.kind == "nli"
    assert "both NLI judges" in v.why[0] and "0.65" in v.why[0]
    # the fast model alone, the strong judge below its bar, or the rule off: no conflict at 0.5 alike
    assert judge(fast, Signals(), settings).label == "neutral"
    weak = rescore([fast], [0], np.array([[0.1, 0.3, 0.6], [0.1, 0.2, 0.7]]), lambda f, b: f)[0]
    assert judge(weak, Signals(), settings).label == "neutral"
    assert judge(strong, Signals(), replace(settings, confirmed_min_similarity=None)).label == "neutral"
    lukewarm = rescore([_scores(0.5, 0.55, 0.9)], [0], np.array([[0.1, 0.1, 0.8], [0.1, 0.1, 0.8]]), lambda f, b: f)[0]
    assert judge(lukewarm, Signals(), settings).label == "neutral"  # the fast model under its bar one way


def _sole(scores: PairScores) -> PairScores:
    return replace(scores, pair=replace(scores.pair, sole=True))


def test_a_pair_of_two_one_sentence_articles_has_the_strong_judge_s_own_gate():
    from checker.aggregate import JudgeSettings, judge

    strong = replace(_scores(0.5, 0.8, 0.75), judge="strong")
    settings = JudgeSettings(threshold=0.45, confirmed_min_similarity=None)
    assert judge(strong, Signals(), settings).label == "neutral"  # ranked among others: the gate holds
    assert judge(_sole(strong), Signals(), settings).label == "neutral"  # no gate of its own set (the fast model)
    v = judge(_sole(strong), Signals(), replace(settings, sole_pair_min_similarity=0.45))
    assert v.label == "contradiction" and v.kind == "nli"
    assert any("all that is compared" in w for w in v.why)
    below = replace(strong, pair=replace(strong.pair, sole=True, similarity=0.4))
    assert judge(below, Signals(), replace(settings, sole_pair_min_similarity=0.45)).label == "neutral"


def test_the_cascade_sends_on_a_pair_of_two_one_sentence_articles_as_if_the_gate_were_its_own():
    cascade = CascadeSettings(judge="cascade")
    r = reach([0.5], nli_only_min_similarity=0.65, review_min_similarity=0.7, weights={}, sole_pair_min_similarity=0.45)
    assert needs_strong(_sole(_scores(0.5, 0.3)), Signals(), cascade, r) is True
    assert needs_strong(_scores(0.5, 0.3), Signals(), cascade, r) is False
    # the only pair there is goes on whatever the fast model read; below pairing's floor it does not
    assert needs_strong(_sole(_scores(0.5, 0.1)), Signals(), cascade, r) is True
    assert needs_strong(_sole(_scores(0.4, 0.1)), Signals(), cascade, r) is False
    off = reach([0.5], nli_only_min_similarity=0.65, review_min_similarity=0.7, weights={})
    assert needs_strong(_sole(_scores(0.5, 0.3)), Signals(), cascade, off) is False


def test_only_the_pair_of_a_comparison_of_two_sentences_is_marked_sole():
    from checker.api import _sole as mark

    def sent(article, index):
        return Sentence(article_id=article, index=index, text="x", start=0, end=1)

    claim, headline, post = sent("claim", 0), sent("headline", 0), sent("post", 0)
    pair = CandidatePair(a=claim, b=headline, similarity=0.5)
    plain = {i: Article(id=i, title=i, text="x") for i in ("claim", "headline", "post", "story")}
    assert [p.sole for p in mark([pair], [claim, headline], plain)] == [True]
    # one-sentence articles among others (a feed of posts) are ranked against the rest
    assert [p.sole for p in mark([pair], [claim, headline, post], plain)] == [False]


def test_a_claim_the_user_names_is_asked_about_each_headline_but_not_each_sentence_of_a_story():
    from checker.api import _sole as mark
    from checker.ingest import claim_article, is_claim

    named = claim_article("  Halvern Motors is buying Qivolt.\n")
    assert is_claim(named) and named.text == "Halvern Motors is buying Qivolt." and named.title == "claim"

    def sent(article, index):
        return Sentence(article_id=article, index=index, text="x", start=0, end=1)

    claim, h1, h2 = sent(named.id, 0), sent("h1", 0), sent("h2", 0)
    story = [sent("story", 0), sent("story", 1)]
    by_id = {named.id: named, **{i: Article(id=i, title=i, text="x") for i in ("h1", "h2", "story")}}
    pairs = [CandidatePair(a=claim, b=h1, similarity=0.5), CandidatePair(a=h2, b=claim, similarity=0.5),
             CandidatePair(a=h1, b=h2, similarity=0.5), CandidatePair(a=claim, b=story[1], similarity=0.5)]
    marked = mark(pairs, [claim, h1, h2, *story], by_id)
    # the claim against each headline; not two headlines, nor the claim against a sentence of a story
    assert [p.sole for p in marked] == [True, True, False, False]
    unnamed = {**by_id, named.id: Article(id=named.id, title="claim", text=named.text)}
    assert [p.sole for p in mark(pairs, [claim, h1, h2, *story], unnamed)] == [False] * 4


def test_a_claim_can_be_named_in_a_file_s_front_matter_or_a_json_field(tmp_path):
    import json

    from checker.ingest import is_claim, load_articles

    (tmp_path / "claim.md").write_text("---\ntitle: claim\nrole: claim\n---\nHalvern Motors is buying Qivolt.\n")
    (tmp_path / "heads.jsonl").write_text(json.dumps({"title": "h", "text": "Halvern denies Qivolt talks", "role": "claim"})
                                          + "\n" + json.dumps({"title": "h2", "text": "Halvern seals Qivolt deal"}) + "\n")
    named = {a.text.strip(): is_claim(a) for a in load_articles([tmp_path])}
    assert named == {"Halvern Motors is buying Qivolt.": True, "Halvern denies Qivolt talks": True,
                     "Halvern seals Qivolt deal": False}


def test_a_claim_without_words_is_refused_before_any_work():
    from checker.errors import InputError
    from checker.ingest import claim_article

    with pytest.raises(InputError, match="no words"):
        claim_article(" -- ")


def test_rescored_pairs_say_the_strong_judge_made_them():
    pairs = [_scores(0.5, 0.1), _scores(0.8, 0.1)]
    probs = np.array([[0.1, 0.1, 0.8], [0.2, 0.2, 0.6]])  # forward row of pair 1, then its backward row
    out = rescore(pairs, [1], probs, lambda f, b: f)
    assert [p.judge for p in out] == ["fast", "strong"]
    assert out[1].forward.contradiction == pytest.approx(0.8) and out[1].backward.contradiction == pytest.approx(0.6)
    assert out[0] is pairs[0]


def test_the_judge_is_validated_as_a_stage_and_echoed_with_the_config():
    with pytest.raises(ConfigError) as e:
        Config(cascade=CascadeSettings(judge="medium")).validate()
    assert e.value.field == "cascade.judge"
    assert Config().as_dict()["cascade"] == {"judge": "auto", "strong_model": "bundled:strong",
                                             "contradiction_bar": 0.2, "review_min_similarity": 0.7,
                                             "nli_only_min_similarity": None, "sole_pair_min_similarity": 0.45,
                                             "near_copy_max_edits": 2}


def test_headline_kinds_frame_a_fact_in_headline_grammar_with_the_label_of_the_reading():
    from checker_models.news_kinds import HEADLINE_MAX_CHARS, make_headline_kinds

    facts = ["The ministry closed the coal plant in the northern province last week.",
             "The company hired three hundred new workers at its factory in the port city.",
             "Hong Kong lifted its ban on poultry imports from the mainland on Monday.",
             "The " + "very " * 40 + "long sentence about the council makes no headline at all."]
    rows = make_headline_kinds(facts, random.Random(0), per_kind=3)
    labels = {}
    for r in rows:
        labels.setdefault(r["kind"], set()).add(r["label"])
        assert r["hypothesis"] in facts[:3] and len(r["hypothesis"]) <= HEADLINE_MAX_CHARS
        assert not r["premise"].endswith(".")  # a headline, not a sentence
        core = r["hypothesis"].rstrip(".")[1:].replace("the ", "").replace("its ", "")
        assert core.split()[-1] in r["premise"]  # the fact sits inside, articles or not
    assert labels == {"news-headline-denial": {"contradiction"}, "news-headline-retraction": {"contradiction"},
                      "news-headline-confirm": {"entailment"}, "news-headline-observing": {"neutral"}}
    assert len(rows) == 12


def test_news_kinds_put_a_fact_against_its_denial_confirmation_and_hedge():
    from checker_models.news_kinds import clause, lowercase_vocab, make_news_kinds

    facts = ["The ministry closed the coal plant in the northern province last week.",
             "The company hired three hundred new workers at its factory in the port city.",
             "Hong Kong lifted its ban on poultry imports from the mainland on Monday."]
    vocab = lowercase_vocab(facts + ["the plant is new", "company workers at the plant"])
    assert clause(facts[0], vocab).startswith("the ministry closed")
    assert clause(facts[2], vocab).startswith("Hong Kong lifted")  # a name keeps its capital
    rows = make_news_kinds(facts, random.Random(0), per_kind=3)
    by_kind = {}
    for r in rows:
        by_kind.setdefault(r["kind"], set()).add(r["label"])
    assert by_kind["news-denial"] == by_kind["news-retraction"] == {"contradiction"}
    assert by_kind["news-confirm"] == {"entailment"} and by_kind["news-hedge"] == {"neutral"}
    assert by_kind["news-confirm-vs-denial"] == {"contradiction"}
    for r in rows:  # the fact is the hypothesis, whole, and the report embeds it
        if r["kind"] != "news-confirm-vs-denial":
            assert r["hypothesis"] in facts and r["hypothesis"].rstrip(".")[1:] in r["premise"]


def test_a_role_swap_exchanges_two_named_parties_and_leaves_symmetric_verbs_alone():
    from checker_models.news_kinds import load_nlp, role_swap

    nlp = load_nlp()
    if nlp is None:
        pytest.skip("spaCy's English pipeline is not installed (the [ner] extra)")
    assert role_swap(nlp("Australia beat Scotland in Edinburgh.")) == "Scotland beat Australia in Edinburgh."
    assert role_swap(nlp("Russia will play Belarus for bronze on Saturday.")) is None
    assert role_swap(nlp("Pakistan has tested new missiles.")) is None  # the object is not a party


def test_distinct_news_pairs_join_related_sentences_of_different_reports_as_not_contradiction():
    from checker_models.news_kinds import distinct_pairs, news_groups

    rows = [{"premise": "The index fell 4 points.", "hypothesis": "The index fell.", "label": "entailment",
             "source": "semiauto_news"},
            {"premise": "The index fell 4 points.", "hypothesis": "The index rose.", "label": "contradiction",
             "source": "semiauto_news"},
            {"premise": "The Dow dropped 86 points.", "hypothesis": "Stocks fell.", "label": "neutral",
             "source": "semiauto_news"},
            {"premise": "A man sleeps.", "hypothesis": "A man is awake.", "label": "contradiction", "source": "snli"}]
    sentences, groups = news_groups(rows)
    # news only; a premise and what it entails are one report, a contradicting hypothesis is no sentence of it
    assert sentences == ["The index fell 4 points.", "The index fell.", "The Dow dropped 86 points."]
    assert groups == [0, 0, 1]
    emb = np.array([[1.0, 0.0], [1.0, 0.0], [0.6, 0.8]])  # the two reports 0.6 alike; one report 1.0
    pairs = distinct_pairs(sentences, groups, emb, random.Random(0), n=5)
    assert pairs and all(p["label"] == "not_contradiction" and p["kind"] == "news-distinct" for p in pairs)
    for p in pairs:  # never two sentences of one report, and each pair in both orders
        assert {p["premise"], p["hypothesis"]} != {"The index fell 4 points.", "The index fell."}
        assert any(q["premise"] == p["hypothesis"] and q["hypothesis"] == p["premise"] for q in pairs)
    assert distinct_pairs(sentences, groups, emb, random.Random(0), n=5, high=0.5) == []  # too alike: none


def test_role_pairs_read_parties_named_by_common_nouns_and_prepositions_and_the_passive_voice():
    from checker_models.news_kinds import load_nlp, passive, role_swap

    nlp = load_nlp()
    if nlp is None:
        pytest.skip("spaCy's English pipeline is not installed (the [ner] extra)")
    pytest.importorskip("lemminflect")
    doc = nlp("Police questioned the driver for two hours.")
    assert role_swap(doc) == "The driver questioned police for two hours."
    assert passive(doc) == "The driver was questioned by police for two hours."  # an entailment
    assert passive(doc, swapped=True) == "Police were questioned by the driver for two hours."
    assert (role_swap(nlp("The council launched legal action against the company in June."))
            == "The company launched legal action against the council in June.")
    # Exchanged, the plural and the singular party would no longer agree with "have".
    assert role_swap(nlp("Police have questioned the driver.")) is None
    # A stative verb is no act between parties; a place is no party to "flee".
    assert role_swap(nlp("The committee had more women than men.")) is None
    assert role_swap(nlp("The minister fled to Russia in 1963.")) is None


def test_in_the_cascade_each_pair_is_judged_at_the_threshold_of_the_model_that_scored_it():
    from types import SimpleNamespace

    from checker.api import Scored, judge_all

    kept = _scores(0.5, 0.5, 0.5)  # the fast model's 0.5 both ways: under its bar of 0.6
    sent = replace(_scores(0.5, 0.5, 0.5), judge="strong")  # the strong model's 0.5: over its bar of 0.34
    models = SimpleNamespace(nli=SimpleNamespace(default_threshold=0.6), strong=SimpleNamespace(default_threshold=0.34))
    models.decider = lambda config: models.strong
    config = Config(cascade=CascadeSettings(judge="cascade", nli_only_min_similarity=None))  # one gate for both
    config = replace(config, judge=replace(config.judge, nli_only_threshold=None, nli_only_min_similarity=0.0,
                                           nli_only_review_margin=0.0))
    scored = Scored(articles=[], sentences=[], pair_scores=[kept, sent], signals=[Signals(), Signals()], timings=[],
                    warnings=[], config=config, models=models)
    assert [v.label for v in judge_all(scored).verdicts] == ["neutral", "contradiction"]
    # a threshold the user sets holds for every pair, whichever model scored it
    assert [v.label for v in judge_all(scored, threshold=0.45).verdicts] == ["contradiction", "contradiction"]


def test_the_strong_judge_can_have_its_own_nli_only_similarity_gate():
    from types import SimpleNamespace

    from checker.api import Scored, judge_all

    kept = _scores(0.55, 0.9, 0.9)  # both directions contradict, but the sentences are only 0.55 alike
    sent = replace(kept, judge="strong")
    models = SimpleNamespace(nli=SimpleNamespace(default_threshold=0.5), strong=SimpleNamespace(default_threshold=0.5))
    models.decider = lambda config: models.strong
    config = Config(cascade=CascadeSettings(judge="cascade", nli_only_min_similarity=0.5))
    scored = Scored(articles=[], sentences=[], pair_scores=[kept, sent], signals=[Signals(), Signals()], timings=[],
                    warnings=[], config=config, models=models)
    assert config.judge.nli_only_min_similarity == 0.65  # the fast model keeps its gate
    assert [v.label for v in judge_all(scored).verdicts] == ["neutral", "contradiction"]
    with pytest.raises(ConfigError):
        Config(cascade=CascadeSettings(nli_only_min_similarity=1.5)).validate()


def test_auto_is_the_cascade_where_the_strong_judge_is_installed_and_fast_with_a_note_elsewhere(monkeypatch):
    import checker.cascade as cascade

    auto = CascadeSettings(judge="auto")
    monkeypatch.setattr(cascade, "_installed", lambda name: True)
    assert auto.decides == "cascade" and cascade.auto_note(auto) is None
    monkeypatch.setattr(cascade, "_installed", lambda name: False)
    assert auto.decides == "fast" and "pip install 'news-fact-checker[strong]'" in cascade.auto_note(auto)
    # an explicit choice is never second-guessed, and needs no note
    assert CascadeSettings(judge="cascade").decides == "cascade" and cascade.auto_note(CascadeSettings(judge="fast")) is None


def test_the_strong_judge_counts_as_installed_only_with_peft_and_its_base(monkeypatch):
    import importlib.util

    import checker.bases as bases
    from checker.bundled import adapter_installed

    assert adapter_installed("bundled:fast")  # not an adapter: nothing more to install
    monkeypatch.setattr(bases, "parts_installed", lambda: False)
    monkeypatch.setattr(bases, "base_path_if_ready", lambda name: None)
    assert not adapter_installed("bundled:strong")
    monkeypatch.setattr(bases, "parts_installed", lambda: True)
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "peft" else real(name, *a))
    assert not adapter_installed("bundled:strong")


def test_auto_without_the_strong_judge_says_so_once_and_the_report_names_the_fast_judge(monkeypatch, tmp_path, capsys):
    import json

    import checker.cascade as cascade
    from checker.cli import main

    monkeypatch.setattr(cascade, "_installed", lambda name: False)
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("One sentence only here.\n")
    code = main(["report", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")])  # nothing to compare: no model loads
    err = capsys.readouterr().err
    assert code == 0 and err.count("judge auto: the strong judge") == 1  # the default is auto
    summary = json.loads((tmp_path / "out" / "report.json").read_text())["summary"]
    assert summary["models"]["judge"] == "fast" and not any("judge auto" in w for w in summary.get("warnings", []))
