"""Evaluators: objects that run the checker, or NLI models, on a labelled set and return their
figures, each with a primary metric, as sentence-transformers' evaluators do. `checker gold`,
`checker eval` and eval/gold_sweep.py are thin commands over them; what they return is written with
`record.write_result` (or the eval writer), stamped with its provenance.

    evaluator = GoldEvaluator(load_gold("eval/gold"))
    results = evaluator(config, models)                  # GoldResults, every miss explained
    evaluator.metrics(results)[evaluator.primary_metric]  # F1 of recall and precision over all flagged

    scored = evaluator.score(config, models)             # the models run once per story...
    for threshold in (0.5, 0.6, 0.7):                    # ...and every threshold or judging rule is free
        evaluator.decide(scored, threshold=threshold, explain=False)

    results = NLIPairsEvaluator(load_pairs(["pairs.jsonl"]))(["bundled:nli-minilm-l6"], device="cpu")

Not for: the scoring rules themselves (gold.py), why a conflict was missed (misses.py), or the
metrics (metrics.py, nli.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..api import Models, Scored, decide, judge_all, score
from ..config import Config
from ..ingest import load_articles
from ..wording import counted
from .gold import GoldResults, GoldSet, GoldStory, combine_scores, load_gold, score_report
from .misses import explain_misses
from .nli import ModelResult, evaluate_models
from .pairs import LabelledPairs


def f1(recall: float | None, precision: float | None) -> float:
    """The harmonic mean of recall and precision (0 when either is 0 or unknown)."""
    return 0.0 if not recall or not precision else 2 * recall * precision / (recall + precision)


@dataclass
class GoldEvaluator:
    """The checker on a gold set: conflict recall by kind and precision over every flagged finding.

    `progress` is called with one line per story as it starts; `warn` with each input problem met
    while reading a story's articles (those are also carried into the story's report)."""

    gold: GoldSet
    progress: Callable[[str], None] | None = None
    warn: Callable[[str], None] | None = None

    name = "gold"
    primary_metric = "f1"  # of recall and precision over all flagged findings, on which thresholds are chosen
    greater_is_better = True

    def __call__(self, config: Config, models: Models) -> GoldResults:
        """Run and score every story with `config`, each miss explained; `meta` holds the models and device."""
        return self.decide(self.score(config, models))

    def score(self, config: Config, models: Models) -> list[tuple[Scored, GoldStory]]:
        """Run the models on every story once (segmentation, pairing, NLI, signals), before any judging."""
        out = []
        for n, story in enumerate(self.gold.stories, start=1):
            if self.progress:
                self.progress(f"[{n}/{len(self.gold.stories)}] {story.name}: "
                              f"{counted(len(story.article_files), 'article')}, "
                              f"{counted(len(story.conflicts), 'planted conflict')}"
                              + (f", {counted(len(story.review), 'review pair')}" if story.review else ""))
            warnings: list[str] = []
            articles = load_articles([str(p) for p in story.article_files],
                                     warn=lambda m: self._warn(m, warnings))
            out.append((score(articles, config, models=models, warnings=warnings, warn=lambda m: self._warn(m, [])),
                        story))
        return out

    def decide(self, scored: Sequence[tuple[Scored, GoldStory]], threshold: float | None = None,
               config: Config | None = None, explain: bool = True) -> GoldResults:
        """Judge and score already-scored stories; `threshold` and `config` as in `api.decide` (default:
        the ones they were scored with). `explain` says at which stage each missed conflict was lost."""
        story_scores, models, device = [], {}, None
        for scored_story, story in scored:
            judged = judge_all(scored_story, threshold, config=config)
            report = decide(scored_story, judged=judged)
            story_score = score_report(report, story)
            if explain:  # at which stage each miss was lost, with the similarity and scores that lost it
                explain_misses(story_score, story, report, judged.verdicts, scored_story.embeddings,
                               judged.config.pairing, judged.settings)
            story_scores.append(story_score)
            models, device = report.models or models, report.device
        results = combine_scores(story_scores)
        results.meta = {"models": models, "device": device}
        return results

    def metrics(self, results: GoldResults) -> dict[str, float | None]:
        """Named figures of a run: recall, precision over all flagged findings, and their F1."""
        o = results.overall
        return {"recall": o.recall, "precision": o.precision_all_flagged, "f1": f1(o.recall, o.precision_all_flagged)}

    def _warn(self, message: str, collected: list[str]) -> None:
        collected.append(message)
        if self.warn:
            self.warn(message)


@dataclass
class NLIPairsEvaluator:
    """NLI models on labelled premise/hypothesis pairs: accuracy, macro-F1, per-class scores, confusion,
    contradiction ROC-/PR-AUC and calibration error, overall and by source and tag (nli.py), with the
    peers whose predictions came with the data as extra rows."""

    pairs: LabelledPairs

    name = "nli_pairs"
    primary_metric = "macro_f1"
    greater_is_better = True

    def __call__(self, model_names: Sequence[str], **options) -> list[ModelResult]:
        """One result per model (run here, with `options` as `nli.evaluate_models` takes them), then the peers."""
        return evaluate_models(self.pairs, model_names, **options)

    def metrics(self, result: ModelResult) -> dict[str, float | None]:
        """Accuracy, macro-F1 and the positive label's F1 (contradiction, or inconsistent for binary sets)."""
        o = result.metrics["overall"]
        positive = self.pairs.positive_label
        return {"accuracy": o["accuracy"], "macro_f1": o["macro_f1"], f"{positive}_f1": o["per_class"][positive]["f1"]}


def score_tuning_sets(gold: str, demo: str, corpus: str, config: Config,
                      models: Models) -> tuple[dict[str, list[tuple[Scored, GoldStory]]], Scored]:
    """The models run once on the tuning gold set, the demo and a real corpus, before any judging: what
    the eval commands that compare judging settings (eval/review_and_aggregation.py, eval/tier_margin.py)
    re-decide for free. Returns ({"tuning": ..., "demo": ...}, the corpus scored)."""
    sets = {name: GoldEvaluator(load_gold(folder)).score(config, models)
            for name, folder in (("tuning", gold), ("demo", demo))}
    return sets, score(load_articles([corpus], warn=lambda m: None), config, models)
