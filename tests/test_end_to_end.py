"""The whole checker on the shipped demo corpus with the real bundled models (embedder and NLI).

These pin what the README promises: conflicts planted in the demo articles (numbers, dates, names,
negation) come out with the right sentence pairs, faithful restatements are mostly corroborated,
and the three report files are written. About half a minute on a 2-core CPU.
"""
from pathlib import Path

import pytest

from checker.api import check
from checker.config import Config
from checker.evaluation.gold import load_gold, score_report
from checker.ingest import load_articles
from checker.report import write_report
from checker.types import KINDS

DEMO = Path(__file__).resolve().parents[1] / "checker" / "demo"


@pytest.fixture(scope="module")
def demo_run():
    story = load_gold(DEMO).stories[0]
    report = check(load_articles([DEMO / "articles"], warn=lambda m: None), Config(device="cpu", progress=False))
    return report, score_report(report, story)


def test_demo_report_has_every_article_and_no_warnings(demo_run):
    report, _ = demo_run
    assert len(report.articles) == 4 and not report.warnings
    assert {a.source for a in report.articles} >= {"Brennmouth Courier", "Coastal Wire"}


@pytest.mark.parametrize("kind", ["number", "date", "entity", "negation"])
def test_planted_conflicts_of_each_kind_are_found_with_their_sentence_pairs(demo_run, kind):
    _, scores = demo_run
    assert scores.score.recall_by_kind[kind].found >= 1, f"no planted {kind} conflict was flagged: {scores.misses}"


def test_most_planted_conflicts_are_found_and_most_flags_are_right(demo_run):
    _, scores = demo_run
    assert scores.score.recall >= 0.7, scores.misses
    assert scores.score.precision_all_flagged >= 0.7, scores.false_alarms + scores.unlabelled_flags


def test_faithful_restatements_are_corroborated_not_disputed(demo_run):
    _, scores = demo_run
    assert scores.score.agree.flagged_as_conflict <= 2
    assert scores.score.agree.corroborated >= scores.score.agree.gold // 2


def test_every_conflict_says_why_and_what_kind(demo_run):
    report, _ = demo_run
    assert report.conflicts
    for finding in report.conflicts:
        assert finding.kind in KINDS
        assert finding.top.why and all(isinstance(w, str) and w for w in finding.top.why)
    strengths = [f.strength for f in report.conflicts]
    assert strengths == sorted(strengths, reverse=True)


def test_the_demo_report_files_are_written(demo_run, tmp_path):
    report, _ = demo_run
    paths = write_report(report, tmp_path)
    assert sorted(p.name for p in paths) == ["report.html", "report.json", "report.md"]
    html = (tmp_path / "report.html").read_text()
    assert "Kestrel Quay Bridge" in html and "http://" not in html.split("<body", 1)[0]


def test_a_report_names_the_bundled_model_without_its_install_path(demo_run):
    report, _ = demo_run
    assert report.models["nli"] == "bundled:nli-minilm-l6"
