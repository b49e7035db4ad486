"""One name, one writing (checker/name_forms.py): which names of sentence b the NLI model reads as
sentence a writes them, and that the pipeline gives the model that reading and says so."""
from __future__ import annotations

import json

import numpy as np

from checker.name_forms import one_writing


def _read(x, a: str, b: str):
    return one_writing(x.facts(a), x.facts(b))


def test_a_country_in_two_of_its_forms_is_read_in_a_s(parsed):
    forms = _read(parsed, "A loan from a British export credit agency covers half the cost of the plant.",
                  "Half the cost of the plant is covered by a loan from a U.K. export credit agency.")
    assert forms.text == "Half the cost of the plant is covered by a loan from a British export credit agency."
    assert forms.changes == (("U.K.", "British"),)


def test_the_article_goes_with_the_writing_that_takes_one(parsed):
    assert _read(parsed, "Britain will send troops.", "The United Kingdom will send troops.").text == \
        "Britain will send troops."
    assert _read(parsed, "Aid from the U.K. arrived on Friday.", "Aid from Britain arrived on Friday.").text == \
        "Aid from the U.K. arrived on Friday."


def test_a_person_s_name_written_another_way_is_read_as_a_writes_it(parsed):
    forms = _read(parsed, "Mikhail Petrov said the talks had failed.", "Mikhail Petrvo said the talks had failed.")
    assert forms.text == "Mikhail Petrov said the talks had failed."


def test_left_as_written_what_is_not_one_name_or_would_not_read(parsed):
    # a place inside another: the rules compare them; the model should read what each says
    assert _read(parsed, "A Munich hospital treated him.", "A Bavarian hospital treated him.") is None
    # a capital is not its country's writing
    assert _read(parsed, "London said no to the plan.", "The British government said no to the plan.") is None
    # a name inside a longer one, which the model reads well
    assert _read(parsed, "Joe Biden spoke on Monday.", "Biden spoke on Monday.") is None
    # a country's noun against its adjective used as a modifier: "British were sent" is no sentence
    assert _read(parsed, "Britain will send troops.", "British troops will be sent.") is None
    # one writing in both
    assert _read(parsed, "The U.K. will send troops.", "The U.K. will not send troops.") is None


def test_without_a_parse_only_a_writing_that_takes_the_same_place(extractor):
    # no part of speech to say how a name is used: "The" before one writing and not the other is left
    assert _read(extractor, "Britain will send troops.", "The United Kingdom will send troops.") is None
    forms = _read(extractor, "The U.K. will send troops on Monday.", "The United Kingdom will send troops on Monday.")
    assert forms is not None and forms.text == "The U.K. will send troops on Monday."


class _Embedder:
    device, precision = "cpu", "fp32"

    def encode(self, texts):
        return np.array([[1.0, 0.0] for _ in texts])


class _Model:
    """Contradiction where two writings of one country meet, entailment otherwise; records its inputs."""

    default_threshold, temperature, device, precision, info = 0.6, 1.0, "cpu", "fp32", {}

    def __init__(self):
        self.inputs = []

    def predict(self, premises, hypotheses, calibrated=True, desc="NLI"):
        self.inputs += list(zip(premises, hypotheses))
        return np.array([[0.05, 0.05, 0.9] if ("U.K." in p) != ("U.K." in h) else [0.9, 0.05, 0.05]
                         for p, h in zip(premises, hypotheses)])


def _articles(tmp_path):
    from checker.ingest import load_articles

    (tmp_path / "a.txt").write_text("A loan from a British export credit agency covers half the cost of the plant.\n")
    (tmp_path / "b.txt").write_text("Half the cost of the plant is covered by a loan from a U.K. export credit agency.\n")
    return load_articles([tmp_path], warn=lambda _m: None)


def test_the_model_reads_one_writing_and_the_report_says_so(parsed, tmp_path):
    from checker.api import Models, decide, score
    from checker.config import Config
    from checker.report import report_to_dict

    articles = _articles(tmp_path)
    model = _Model()
    scored = score(articles, Config(device="cpu", progress=False), Models(embedder=_Embedder(), nli=model, signals=parsed))
    assert all("U.K." not in p and "U.K." not in h for p, h in model.inputs)
    # kept with the scores, so a sweep that runs another judge gives it what the product's cascade would
    assert list(zip(scored.premises, scored.hypotheses)) == model.inputs
    (pair,) = scored.pair_scores
    assert pair.read_as == (("U.K.", "British"),) and pair.combined.entailment > 0.8
    report = decide(scored)
    assert not report.conflicts
    (finding,) = report_to_dict(report)["agreements"]
    (agreement,) = finding["evidence"]
    json.dumps(finding)  # plain JSON
    assert agreement["nli"]["read_as"] == [{"written": "U.K.", "read": "British"}]
    assert "reading 'U.K.' as 'British' (one name, figure or time, two writings)" in " ".join(agreement["why"])
    # the sentences are shown as written
    assert agreement["b"]["text"].endswith("a U.K. export credit agency.")


def test_a_name_spelt_nearly_alike_is_read_as_one_and_left_worth_a_look(parsed, tmp_path):
    from checker.api import Models, decide, score
    from checker.config import Config
    from checker.ingest import load_articles

    (tmp_path / "a.txt").write_text("Mikhail Petrov, the chief negotiator, said the talks had failed on Monday.\n")
    (tmp_path / "b.txt").write_text("Mikhail Petrvo, the chief negotiator, said the talks had failed on Monday.\n")
    model = _Model()
    model.predict = lambda p, h, calibrated=True, desc="NLI": np.array(
        [[0.05, 0.05, 0.9] if ("Petrvo" in x) != ("Petrvo" in y) else [0.9, 0.05, 0.05] for x, y in zip(p, h)])
    report = decide(score(load_articles([tmp_path], warn=lambda _m: None), Config(device="cpu", progress=False),
                          Models(embedder=_Embedder(), nli=model, signals=parsed)))
    # before, the two writings made an NLI-only conflict; now the model reads one name, and a name
    # spelt nearly alike proves nothing either way
    assert not report.conflicts and not report.agreements
    assert [r.reason for r in report.review] == ["Near-identical names: 'Mikhail Petrov' vs 'Mikhail Petrvo'"]


def test_off_the_model_reads_the_sentences_as_written(parsed, tmp_path):
    from checker.api import Models, score
    from checker.config import Config

    model = _Model()
    scored = score(_articles(tmp_path), Config(device="cpu", progress=False, use_name_forms=False),
                   Models(embedder=_Embedder(), nli=model, signals=parsed))
    assert scored.pair_scores[0].read_as == () and scored.pair_scores[0].combined.contradiction > 0.8


def test_a_figure_that_agrees_within_rounding_is_read_as_a_writes_it(parsed):
    forms = _read(parsed, "The union said about 1,200 nurses had joined the strike.",
                  "According to union figures, 1,180 nurses took part in the walkout.")
    assert forms.text == "According to union figures, about 1,200 nurses took part in the walkout."
    assert forms.changes == (("1,180 nurses", "about 1,200 nurses"),)
    # at the start of b the figure takes a capital; inside it, a's capital goes
    assert _read(parsed, "Nearly 50 people were hurt in the crash.", "Police said 48 people were hurt in the crash.").text \
        == "Police said nearly 50 people were hurt in the crash."


def test_figures_that_differ_or_count_other_things_are_left_as_written(parsed):
    # beyond rounding: the number rule's to compare, not to hide from the model
    assert _read(parsed, "Around 800 nurses took part, the union said.", "The union said about 1,200 nurses had joined.") is None
    # two estimates that differ, and a plain round figure that a reader may take as exact
    assert _read(parsed, "About 77,000 homes lost power.", "About 75,000 homes lost power.") is None
    assert _read(parsed, "The operating profit climbed to 50 million crowns.",
                 "The operating profit climbed to 48 million crowns.") is None
    # the same figure written the same way: nothing to read otherwise
    assert _read(parsed, "About 300 troops arrived.", "About 300 troops were sent.") is None
    # off: only names
    assert one_writing(parsed.facts("The union said about 1,200 nurses had joined the strike."),
                       parsed.facts("According to union figures, 1,180 nurses took part in the walkout."),
                       figures=False) is None


def _times(parsed, a: str, b: str, a_date: str, b_date: str):
    from checker.signals.dates import parse_iso
    from checker.signals.times import resolved_times

    fa, fb = parsed.facts(a), parsed.facts(b)
    return one_writing(fa, fb, times=(resolved_times(fa, parse_iso(a_date)), resolved_times(fb, parse_iso(b_date))))


def test_a_time_that_covers_the_same_days_from_another_article_s_date_is_read_as_a_writes_it(parsed):
    forms = _times(parsed, "Rationing of tap water in Brennvik will end next month, the utility said.",
                   "Rationing of tap water in Brennvik will end this month, the utility said.", "2026-09-10", "2026-10-06")
    assert forms.text == "Rationing of tap water in Brennvik will end next month, the utility said."
    assert forms.changes == (("this month", "next month"),)
    # the same words from the same month, or times that only overlap, are left as written
    assert _times(parsed, "Rationing will end next month.", "Rationing will end this month.",
                  "2026-10-06", "2026-10-06") is None
    assert _times(parsed, "The first radars will be delivered next month.",
                  "The first radars are expected within weeks.", "2026-10-06", "2026-10-06") is None
