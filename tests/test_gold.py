"""Gold-set loading and scoring (checker/evaluation/gold.py, checker/cli/gold.py), on hand-built Reports: no models."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from checker.aggregate import JudgeSettings
from checker.errors import DataError
from checker.evaluation.gold import (GOLD_KINDS, AgreeCounts, DistinctCounts, FlagCounts, GoldResults, KindRecall, PairCounts,
                                     combine_scores, load_gold, path_ends_with, results_markdown, score_report)
from checker.types import (Article, CandidatePair, Finding, NLIScores, PairScores, Report, Sentence, Signals,
                           Verdict)

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "eval" / "gold"
DEMO_DIR = REPO / "checker" / "demo"

FIRST = "Rovers beat City 3-1 on Saturday."
FIRST_ALTERED = "City beat Rovers 3-1 on Saturday."
CROWD = "A crowd of 28,400 watched the match at Pellham Park."
CROWD_ALTERED = "The final was played in front of 24,800 spectators at Pellham Park."
SCORER = "Striker Jonas Mebrak scored twice in the second half."
SCORER_SAME = "Jonas Mebrak scored two goals after the break."
FILLER_A = "Fans celebrated in the town square until late in the evening."
FILLER_B = "Ticket prices had been criticised by supporters' groups."


def write_article(folder: Path, name: str, sentences: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("---\ntitle: " + name + "\n---\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")


def write_gold(folder: Path, rows: list[dict]) -> None:
    (folder / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def pair(a_file, a, b_file, b, label, kind=None) -> dict:
    return {"a_file": a_file, "a": a, "b_file": b_file, "b": b, "label": label, "kind": kind}


@pytest.fixture
def story_dir(tmp_path) -> Path:
    folder = tmp_path / "gold" / "match"
    write_article(folder, "gazette.txt", [FIRST, CROWD, SCORER, FILLER_A])
    write_article(folder, "desk.txt", [FIRST_ALTERED, CROWD_ALTERED, SCORER_SAME, FILLER_B])
    write_gold(folder, [
        pair("gazette.txt", FIRST, "desk.txt", FIRST_ALTERED, "conflict", "role"),
        pair("gazette.txt", CROWD, "desk.txt", CROWD_ALTERED, "conflict", "number"),
        pair("gazette.txt", SCORER, "desk.txt", SCORER_SAME, "agree"),
    ])
    return folder


# --------------------------------------------------------------------------- hand-built reports

class ReportBuilder:
    """Builds a Report from (file, sentence) pairs the way the pipeline would, with dummy scores."""

    def __init__(self, folder: Path, files: list[str]):
        self.articles = {f: Article(id=f"id-{f}", title=f, text="", path=str(folder / f)) for f in files}
        self.sentences: dict[tuple[str, str], Sentence] = {}

    def sentence(self, file: str, text: str) -> Sentence:
        key = (file, text)
        if key not in self.sentences:
            index = sum(1 for f, _ in self.sentences if f == file)
            self.sentences[key] = Sentence(article_id=self.articles[file].id, index=index, text=text, start=0, end=len(text))
        return self.sentences[key]

    def verdict(self, a: tuple[str, str], b: tuple[str, str], label="contradiction", kind="other", strength=0.9) -> Verdict:
        candidate = CandidatePair(self.sentence(*a), self.sentence(*b), similarity=0.8)
        p = {"contradiction": 0.9, "entailment": 0.05, "neutral": 0.05}
        if label != "contradiction":
            p = {"contradiction": 0.05, "entailment": 0.9, "neutral": 0.05}
        nli = NLIScores(**p)
        return Verdict(PairScores(candidate, nli, nli, nli), Signals(), label, strength, kind, ("test",))

    def finding(self, *verdicts: Verdict) -> Finding:
        label = "contradiction" if verdicts[0].label == "contradiction" else "entailment"
        return Finding(label, verdicts[0].kind, verdicts[0].strength, tuple(verdicts))

    def report(self, conflicts=(), agreements=(), not_comparable=()) -> Report:
        return Report(articles=list(self.articles.values()), sentences=list(self.sentences.values()),
                      conflicts=list(conflicts), agreements=list(agreements), statements=[], pairs_scored=0,
                      not_comparable=list(not_comparable))


# --------------------------------------------------------------------------- loading

def test_a_valid_story_loads_with_its_pairs_and_articles(story_dir):
    gold = load_gold(story_dir.parent)
    assert [s.name for s in gold.stories] == ["match"]
    story = gold.stories[0]
    assert [p.kind for p in story.conflicts] == ["role", "number"]
    assert len(story.agreements) == 1 and story.agreements[0].kind is None
    assert [p.name for p in story.article_files] == ["desk.txt", "gazette.txt"]
    assert load_gold(story_dir).stories[0].folder == story_dir  # a story folder on its own also loads


def test_a_sentence_missing_from_its_file_is_an_error_naming_file_and_line(story_dir):
    rows = [json.loads(line) for line in (story_dir / "gold.jsonl").read_text().splitlines()]
    rows[1]["b"] = "The final was played in front of 99,999 spectators at Pellham Park."
    write_gold(story_dir, rows)
    with pytest.raises(DataError) as err:
        load_gold(story_dir)
    message = str(err.value)
    assert "gold.jsonl:2" in message and "desk.txt" in message and "99,999" in message


def test_whitespace_differences_do_not_fail_validation(story_dir):
    write_gold(story_dir, [pair("gazette.txt", "A crowd of 28,400  watched\nthe match at Pellham Park.",
                                "desk.txt", CROWD_ALTERED, "conflict", "number")])
    assert len(load_gold(story_dir).stories[0].pairs) == 1


@pytest.mark.parametrize("row, expected", [
    (pair("gazette.txt", CROWD, "desk.txt", CROWD_ALTERED, "contradiction", "number"), "unknown label"),
    (pair("gazette.txt", CROWD, "desk.txt", CROWD_ALTERED, "conflict", None), "needs a kind"),
    (pair("gazette.txt", CROWD, "desk.txt", CROWD_ALTERED, "conflict", "colour"), "needs a kind"),
    (pair("gazette.txt", SCORER, "desk.txt", SCORER_SAME, "agree", "entity"), "kind null"),
    (pair("gazette.txt", SCORER, "desk.txt", SCORER_SAME, "distinct", "status"), "kind null"),
    (pair("gazette.txt", CROWD, "nowhere.txt", CROWD_ALTERED, "conflict", "number"), "nowhere.txt"),
    (pair("gazette.txt", CROWD, "gazette.txt", SCORER, "conflict", "number"), "same file"),
])
def test_malformed_gold_lines_are_rejected(story_dir, row, expected):
    write_gold(story_dir, [row])
    with pytest.raises(DataError, match=expected):
        load_gold(story_dir)


def test_invalid_json_and_empty_folders_are_errors(story_dir, tmp_path):
    (story_dir / "gold.jsonl").write_text('{"a_file": \n', encoding="utf-8")
    with pytest.raises(DataError, match="gold.jsonl:1"):
        load_gold(story_dir)
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="no gold.jsonl"):
        load_gold(tmp_path / "empty")


def test_path_matching_respects_file_name_boundaries():
    assert path_ends_with("/data/gold/match/desk.txt", "desk.txt")
    assert path_ends_with("/data/gold/match/desk.txt", "match/desk.txt")
    assert not path_ends_with("/data/gold/match/frontdesk.txt", "desk.txt")
    assert not path_ends_with(None, "desk.txt")


# --------------------------------------------------------------------------- scoring

def test_scoring_counts_found_conflicts_false_alarms_and_unlabelled_flags(story_dir):
    story = load_gold(story_dir).stories[0]
    rb = ReportBuilder(story_dir, ["gazette.txt", "desk.txt"])
    found = rb.finding(rb.verdict(("gazette.txt", CROWD), ("desk.txt", CROWD_ALTERED), kind="number"))
    false_alarm = rb.finding(rb.verdict(("gazette.txt", SCORER), ("desk.txt", SCORER_SAME), kind="entity", strength=0.7))
    unlabelled = rb.finding(rb.verdict(("gazette.txt", FILLER_A), ("desk.txt", FILLER_B), strength=0.6))
    report = rb.report(conflicts=[found, false_alarm, unlabelled])

    scores = score_report(report, story)

    score = scores.score
    assert score.found == 1 and score.recall == 0.5
    assert score.recall_by_kind["number"] == KindRecall(gold=1, found=1) and score.recall_by_kind["number"].recall == 1.0
    assert score.recall_by_kind["role"].recall == 0.0 and score.recall_by_kind["date"].recall is None
    assert score.flagged == FlagCounts(total=3, match_gold_conflict=1, match_gold_agree=1, match_gold_distinct=0,
                                       unlabelled=1)
    assert score.precision_all_flagged == pytest.approx(1 / 3)
    assert score.precision_gold_labelled == pytest.approx(1 / 2)
    assert [m["a"] for m in scores.misses] == [FIRST] and scores.misses[0]["checker_saw"] is None
    assert [(f["a"], f["b"], f["checker_kind"]) for f in scores.false_alarms] == [(SCORER, SCORER_SAME, "entity")]
    assert [(u["a"], u["b"]) for u in scores.unlabelled_flags] == [(FILLER_A, FILLER_B)]
    assert score.kind_confusion == {"number": {"number": 1}}
    assert score.agree == AgreeCounts(gold=1, flagged_as_conflict=1, corroborated=0)
    assert scores.missing_articles == []
    # the hand-built report holds only the flagged sentences: the role pair was never segmented
    assert {u["sentence"] for u in scores.sentences_not_in_report} == {FIRST, FIRST_ALTERED}
    assert scores.to_dict()["recall_by_kind"]["number"] == {"gold": 1, "found": 1, "recall": 1.0}


def test_a_flagged_distinct_pair_counts_against_precision_but_never_as_corroboration(story_dir):
    rows = [json.loads(line) for line in (story_dir / "gold.jsonl").read_text().splitlines()]
    rows.append(pair("gazette.txt", FILLER_A, "desk.txt", FILLER_B, "distinct", None))
    write_gold(story_dir, rows)
    story = load_gold(story_dir).stories[0]
    rb = ReportBuilder(story_dir, ["gazette.txt", "desk.txt"])
    flagged = rb.finding(rb.verdict(("gazette.txt", FILLER_A), ("desk.txt", FILLER_B), strength=0.6))

    scores = score_report(rb.report(conflicts=[flagged]), story)

    assert scores.score.flagged.match_gold_distinct == 1 and scores.score.flagged.unlabelled == 0
    assert scores.score.precision_gold_labelled == 0.0
    assert scores.score.distinct == DistinctCounts(gold=1, flagged_as_conflict=1)
    assert [f["label"] for f in scores.false_alarms] == ["distinct"]
    assert scores.score.gold == PairCounts(conflict=2, agree=1, distinct=1)


def test_pairs_match_in_either_order_and_inside_longer_evidence(story_dir):
    story = load_gold(story_dir).stories[0]
    rb = ReportBuilder(story_dir, ["gazette.txt", "desk.txt"])
    reversed_pair = rb.verdict(("desk.txt", FIRST_ALTERED), ("gazette.txt", FIRST), kind="status")
    # the segmenter may merge a sentence with its neighbour: containment still matches
    merged = rb.verdict(("desk.txt", CROWD_ALTERED + " " + SCORER_SAME), ("gazette.txt", CROWD), kind="number")
    unrelated = rb.verdict(("gazette.txt", FILLER_A), ("desk.txt", FILLER_B))
    report = rb.report(conflicts=[rb.finding(unrelated, reversed_pair), rb.finding(merged)])

    scores = score_report(report, story)

    assert scores.score.found == 2 and scores.score.recall == 1.0
    assert scores.score.flagged.match_gold_conflict == 2 and scores.score.precision_all_flagged == 1.0


def test_a_sentence_from_the_wrong_article_does_not_match(story_dir):
    story = load_gold(story_dir).stories[0]
    rb = ReportBuilder(story_dir, ["gazette.txt", "desk.txt"])
    # same texts, but attributed to the other files
    swapped = rb.verdict(("desk.txt", CROWD), ("gazette.txt", CROWD_ALTERED))
    scores = score_report(rb.report(conflicts=[rb.finding(swapped)]), story)
    assert scores.score.found == 0 and scores.score.flagged.unlabelled == 1


def test_misses_say_where_the_checker_put_the_pair(story_dir):
    story = load_gold(story_dir).stories[0]
    rb = ReportBuilder(story_dir, ["gazette.txt", "desk.txt"])
    as_agreement = rb.finding(rb.verdict(("gazette.txt", CROWD), ("desk.txt", CROWD_ALTERED), label="entailment"))
    corroborated = rb.finding(rb.verdict(("gazette.txt", SCORER), ("desk.txt", SCORER_SAME), label="entailment"))
    not_comparable = rb.verdict(("gazette.txt", FIRST), ("desk.txt", FIRST_ALTERED), label="not_comparable")
    report = rb.report(agreements=[as_agreement, corroborated], not_comparable=[not_comparable])

    scores = score_report(report, story)

    assert {m["kind"]: m["checker_saw"] for m in scores.misses} == {"number": "agreement", "role": "not_comparable"}
    assert scores.score.agree.corroborated == 1
    assert scores.score.precision_all_flagged is None and scores.score.precision_gold_labelled is None


def test_combined_scores_sum_stories_and_render_as_markdown(story_dir):
    story = load_gold(story_dir).stories[0]
    rb = ReportBuilder(story_dir, ["gazette.txt", "desk.txt"])
    hit = rb.finding(rb.verdict(("gazette.txt", CROWD), ("desk.txt", CROWD_ALTERED), kind="number"))
    one = score_report(rb.report(conflicts=[hit]), story)
    none = score_report(rb.report(), story)

    results = combine_scores([one, none])

    overall = results.overall
    assert overall.gold == PairCounts(conflict=4, agree=2, distinct=0)
    assert overall.found == 1 and overall.recall == 0.25
    assert overall.recall_by_kind["number"].recall == 0.5 and overall.precision_all_flagged == 1.0
    assert GoldResults.from_dict(results.to_dict()).to_dict() == results.to_dict()  # saved results read back
    text = results_markdown(results)
    assert "## Recall by kind" in text and "| number | 2 | 1 | 50.0% |" in text
    assert FIRST in text  # the missed sentence is shown


# --------------------------------------------------------------------------- the shipped gold sets

def test_shipped_gold_set_has_enough_conflicts_of_every_kind_and_faithful_pairs():
    gold = load_gold(GOLD_DIR)
    counts = gold.counts()
    assert len(gold.stories) >= 3
    assert counts["conflict"] >= 30 and counts["agree"] >= 20
    assert all(counts["by_kind"][k] >= 4 for k in GOLD_KINDS), counts["by_kind"]
    for story in gold.stories:
        assert len(story.article_files) >= 2
        files = {p.name for p in story.article_files}
        assert all(p.a_file in files and p.b_file in files for p in story.pairs)
        # every pair is labelled once
        keys = [frozenset([(p.a_file, p.a), (p.b_file, p.b)]) for p in story.pairs]
        assert len(keys) == len(set(keys)), story.name


def test_a_perfect_report_on_the_shipped_gold_set_scores_full_marks():
    for story in load_gold(GOLD_DIR).stories:
        files = [p.name for p in story.article_files]
        rb = ReportBuilder(story.folder, files)
        conflicts = [rb.finding(rb.verdict((p.a_file, p.a), (p.b_file, p.b))) for p in story.conflicts]
        agreements = [rb.finding(rb.verdict((p.a_file, p.a), (p.b_file, p.b), label="entailment")) for p in story.agreements]
        apart = [rb.verdict((p.a_file, p.a), (p.b_file, p.b), label="not_comparable") for p in story.distinct]
        scores = score_report(rb.report(conflicts=conflicts, agreements=agreements, not_comparable=apart), story)
        assert scores.score.recall == 1.0 and scores.score.precision_all_flagged == 1.0, story.name
        assert scores.score.agree.corroborated == len(story.agreements) and not scores.false_alarms
        assert scores.sentences_not_in_report == []


def test_the_demo_corpus_has_four_articles_and_a_loadable_gold_file():
    story = load_gold(DEMO_DIR).stories[0]
    assert len(story.article_files) == 4  # PLANTED.md is not an article
    assert {p.kind for p in story.conflicts} >= {"number", "date", "entity", "negation"}
    assert story.agreements


# --------------------------------------------------------------------------- command line

def gold_parser() -> argparse.ArgumentParser:
    from checker.cli.gold import register

    parser = argparse.ArgumentParser(prog="checker")
    register(parser.add_subparsers(dest="command"))
    return parser


def test_gold_subcommand_parses_the_shared_model_and_pipeline_options():
    args = gold_parser().parse_args(["gold", "eval/gold", "-o", "out", "--device", "cpu", "--top-k", "2",
                                     "--batch-size", "8", "--threshold", "0.7", "--nli-model", "some/model"])
    assert (args.gold_dir, args.output, args.device, args.top_k, args.batch_size, args.threshold, args.nli_model) == \
        ("eval/gold", "out", "cpu", 2, 8, 0.7, "some/model")
    assert args.func.__name__ == "run"


def test_gold_run_scores_every_story_and_writes_json_and_markdown(story_dir, tmp_path, monkeypatch):
    """The pipeline is replaced by a fake that flags exactly the gold conflicts: no models are loaded."""
    from checker.cli import gold as cli_gold
    from checker.config import Config
    from checker.evaluation import evaluators

    story = load_gold(story_dir).stories[0]
    seen = {}

    def fake_load_articles(paths, warn=None):
        seen["paths"] = paths
        return paths

    def fake_score(articles, config, models=None, warnings=(), warn=None):
        seen["config"], seen["models"] = config, models
        return SimpleNamespace(articles=articles, embeddings=None, config=config)

    def fake_judge_all(scored, threshold=None, config=None):
        return SimpleNamespace(verdicts=[], settings=JudgeSettings(threshold=0.5), config=scored.config)

    def fake_decide(scored, judged=None):
        rb = ReportBuilder(story_dir, [Path(p).name for p in scored.articles])
        report = rb.report(conflicts=[rb.finding(rb.verdict((p.a_file, p.a), (p.b_file, p.b))) for p in story.conflicts])
        report.models = {"nli": "fake"}
        return report

    class FakeModels:
        @classmethod
        def load(cls, config):
            return "loaded once"

    monkeypatch.setattr(evaluators, "score", fake_score)
    monkeypatch.setattr(evaluators, "judge_all", fake_judge_all)
    monkeypatch.setattr(evaluators, "decide", fake_decide)
    monkeypatch.setattr(cli_gold, "Models", FakeModels)
    monkeypatch.setattr(evaluators, "load_articles", fake_load_articles)
    out = tmp_path / "results"
    args = gold_parser().parse_args(["gold", str(story_dir.parent), "-o", str(out), "--device", "cpu", "--top-k", "2",
                                     "--no-signals"])

    assert cli_gold.run(args) == 0

    assert sorted(Path(p).name for p in seen["paths"]) == ["desk.txt", "gazette.txt"]
    assert seen["models"] == "loaded once"
    assert isinstance(seen["config"], Config) and seen["config"].device == "cpu"
    assert seen["config"].pairing.top_k == 2 and seen["config"].use_signals is False
    assert seen["config"].pairing.min_similarity == Config().pairing.min_similarity
    results = json.loads((out / "gold_results.json").read_text())
    assert results["overall"]["recall"] == 1.0 and results["meta"]["models"] == {"nli": "fake"}
    command = results["meta"]["command"]
    assert "--top-k 2" in command and "--no-signals" in command and "--batch-size" not in command
    assert "# Gold-set results" in (out / "gold_results.md").read_text()
    assert SCORER in (out / "gold_results.json").read_text()  # a gold sentence no report sentence matches
    # --counts-only: the same counts, no sentence of the set in either file
    counted = tmp_path / "counted"
    args = gold_parser().parse_args(["gold", str(story_dir.parent), "-o", str(counted), "--counts-only"])
    assert cli_gold.run(args) == 0
    written = (counted / "gold_results.json").read_text() + (counted / "gold_results.md").read_text()
    assert json.loads((counted / "gold_results.json").read_text())["overall"]["recall"] == 1.0
    assert not any(s in written for s in (FIRST, FIRST_ALTERED, CROWD, CROWD_ALTERED, SCORER, SCORER_SAME))


def _review_item(verdict: Verdict):
    from checker.types import ReviewItem

    return ReviewItem(verdict=verdict, score=0.3, shared_names=("Pellham",), shared_words=(), entailment=0.05,
                      contradiction=0.6, contradiction_direction="a->b", mismatch_kinds=(), reason="test")


def test_a_review_pair_is_found_in_the_review_list_or_as_a_conflict_and_never_a_false_alarm(story_dir):
    (story_dir / "review.jsonl").write_text(
        json.dumps({k: v for k, v in pair("gazette.txt", FILLER_A, "desk.txt", FILLER_B, "review").items() if k != "label"}) + "\n"
        + json.dumps(pair("gazette.txt", SCORER, "desk.txt", FILLER_B, "review", "origin")) + "\n", encoding="utf-8")
    story = load_gold(story_dir).stories[0]
    assert [p.label for p in story.review] == ["review", "review"] and story.review[0].source == "review.jsonl"
    rb = ReportBuilder(story_dir, ["gazette.txt", "desk.txt"])
    listed = _review_item(rb.verdict(("gazette.txt", FILLER_A), ("desk.txt", FILLER_B), label="neutral", kind=None))
    flagged = rb.finding(rb.verdict(("gazette.txt", SCORER), ("desk.txt", FILLER_B), strength=0.6))
    found = rb.finding(rb.verdict(("gazette.txt", CROWD), ("desk.txt", CROWD_ALTERED), kind="number"))
    report = rb.report(conflicts=[found, flagged])
    report.review = [listed]

    score = score_report(report, story).score

    assert score.review.gold == 2 and score.review.found == 2
    assert score.review.in_review == 1 and score.review.as_conflict == 1
    assert score.flagged.match_gold_review == 1 and score.flagged.unlabelled == 0
    assert score.precision_all_flagged == 1.0  # the flag on a review pair is left out, not a false alarm
    assert score.gold.review == 2
    text = results_markdown(combine_scores([score_report(report, story)]))
    assert "- Review: found 2 of 2 gold review pairs (1 in the review list, 1 flagged as conflicts" in text


def test_a_story_with_only_review_jsonl_loads_and_a_bad_review_line_names_its_file(story_dir):
    (story_dir / "gold.jsonl").unlink()
    (story_dir / "review.jsonl").write_text(json.dumps(pair("gazette.txt", FILLER_A, "desk.txt", FILLER_B, "review")) + "\n",
                                            encoding="utf-8")
    assert [p.label for p in load_gold(story_dir.parent).stories[0].pairs] == ["review"]
    (story_dir / "review.jsonl").write_text(json.dumps(pair("gazette.txt", "Not in the file at all.", "desk.txt", FILLER_B,
                                                            "review")) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="review.jsonl:1"):
        load_gold(story_dir)


def test_saved_scores_without_review_counts_read_back():
    d = combine_scores([]).overall.to_dict()
    del d["review"]
    from checker.evaluation.gold import GoldScore

    assert GoldScore.from_dict(d).review.gold == 0


def test_the_gold_evaluator_names_its_primary_metric_and_computes_it_from_recall_and_precision(story_dir):
    from checker.evaluation.evaluators import GoldEvaluator, f1

    evaluator = GoldEvaluator(load_gold(story_dir))
    assert evaluator.primary_metric == "f1" and evaluator.greater_is_better
    results = combine_scores([])
    assert set(evaluator.metrics(results)) == {"recall", "precision", "f1"}
    assert f1(0.5, 1.0) == pytest.approx(2 / 3) and f1(None, 0.9) == 0.0 and f1(0.0, 0.9) == 0.0


def test_the_sets_own_kinds_are_counted_and_a_counts_only_document_holds_no_sentence(story_dir):
    """A line's "heldout_kind" is the set's finer kind: recall and false alarms are counted by it, and
    `withhold_texts` keeps those counts and the stage of each miss but no sentence of the set."""
    from checker.evaluation.gold import by_subkind, combine_scores, results_markdown, withhold_texts

    rows = [dict(pair("gazette.txt", FIRST, "desk.txt", FIRST_ALTERED, "conflict", "role"), heldout_kind="role_swap"),
            dict(pair("gazette.txt", CROWD, "desk.txt", CROWD_ALTERED, "conflict", "number"), heldout_kind="number"),
            dict(pair("gazette.txt", SCORER, "desk.txt", SCORER_SAME, "agree"), heldout_kind="paraphrase")]
    write_gold(story_dir, rows)
    gold = load_gold(story_dir)
    assert [p.subkind for p in gold.pairs] == ["role_swap", "number", "paraphrase"]
    rb = ReportBuilder(story_dir, ["gazette.txt", "desk.txt"])
    found = rb.finding(rb.verdict(("gazette.txt", CROWD), ("desk.txt", CROWD_ALTERED), kind="number"))
    alarm = rb.finding(rb.verdict(("gazette.txt", SCORER), ("desk.txt", SCORER_SAME), kind="entity"))
    document = combine_scores([score_report(rb.report(conflicts=[found, alarm]), gold.stories[0])]).to_dict()

    table = by_subkind(gold, document)
    assert table["conflicts"]["number"] == {"planted": 1, "found": 1, "missed_by_cause": {}}
    assert table["conflicts"]["role_swap"]["planted"] == 1 and table["conflicts"]["role_swap"]["found"] == 0
    assert table["must_not_flag"] == {"agree:paraphrase": {"pairs": 1, "flagged": 1}}

    document["overall"]["by_subkind"] = table
    withheld = withhold_texts(document)
    text = json.dumps(withheld) + results_markdown(withheld)
    for sentence in (FIRST, FIRST_ALTERED, CROWD, SCORER, SCORER_SAME):
        assert sentence not in text
    assert withheld["stories"][0]["misses"] == [{"label": "conflict", "kind": "role", "subkind": "role_swap",
                                                 "cause": None}]
    assert "| role_swap | 1 | 0 | 0.0% |" in results_markdown(withheld)
    assert "Texts withheld" in results_markdown(withheld) and FIRST in results_markdown(document)
    # a set without finer kinds has no such table
    write_gold(story_dir, [pair("gazette.txt", FIRST, "desk.txt", FIRST_ALTERED, "conflict", "role")])
    assert by_subkind(load_gold(story_dir), document) is None
