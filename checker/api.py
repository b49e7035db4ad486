"""The small Python API: `check(articles, config) -> Report`.

    from checker import check, load_articles
    report = check(load_articles(["articles/"]))
    for finding in report.conflicts:
        print(finding.kind, finding.top.pair.a.text, "<->", finding.top.pair.b.text)

Wires the stages in one direction: segment -> embed and pair (by similarity, plus the provenance
channel) -> NLI (both directions) -> signals -> aggregate and review. Models can be passed in (already
loaded) to reuse them across many calls, as batch jobs do.
"""
from __future__ import annotations

import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Callable, Mapping, Sequence

import numpy as np

from .act_identity import settle_acts
from .dated_acts import settle_dated_acts
from .name_swaps import settle_name_swaps
from .value_swaps import settle_value_swaps
from .aggregate import JudgeSettings, combine_directions, group_findings, judge, statement_support
from .bundled import resolve
from .cascade import Reach, needs_strong, reach, rescore
from .config import Config
from .context import premise_text
from .device import resolve_device
from .ingest import is_claim
from .denied_claims import settle_denials
from .name_forms import one_writing
from .nli import NLIModel, calibration
from .pairing import Embedder, act_pairs, candidate_pairs, denial_pairs, post_pairs, provenance_pairs, tenure_pairs
from .onnx_export import ONNX_PRECISIONS
from .precision import physical_cores, set_cpu_threads
from .review import review_items
from .progress import library_progress_bars
from .segment import segment_all
from .signals import SignalExtractor, resolve_settings, signal_weights
from .signals.dates import parse_iso
from .signals.times import resolved_times
from .types import Article, CandidatePair, NLIScores, PairScores, Report, Sentence, Signals, StageTiming, Verdict

NO_DEVICE = "none"  # Report.device, and each model's precision, when no model was loaded (nothing to compare)


@dataclass
class Models:
    """Loaded models, reusable across check() calls."""

    embedder: Embedder
    nli: NLIModel
    signals: SignalExtractor | None = None
    strong: NLIModel | None = None  # the strong judge, when the config's judge is cascade or strong

    @classmethod
    def load(cls, config: Config) -> "Models":
        """Load both models (and the signal extractor) for `config`, after checking its settings, in the
        device, precision and threads it asks for. The libraries' own loading bars show only where
        progress is shown (by default: on a terminal)."""
        config.validate()
        # The ONNX paths run on the CPU: asking torch for a GPU would import it (seconds) for nothing.
        onnx_cpu = config.precision in ONNX_PRECISIONS and config.device in ("auto", "cpu")
        dev = "cpu" if onnx_cpu else resolve_device(config.device)
        strong_needed = config.cascade.decides != "fast"
        if not dev.startswith("cuda") and (not onnx_cpu or strong_needed):  # the strong judge runs in torch
            set_cpu_threads(config.threads)
        threads = config.threads or physical_cores()
        batch = config.gpu_batch_size if dev.startswith("cuda") else config.batch_size
        # transformers' own bars need transformers imported; the ONNX paths import it only for a first build
        bars = nullcontext() if onnx_cpu and not strong_needed else library_progress_bars(config.progress)
        with bars:
            embedder = Embedder.load(config.embed_model, dev, batch, config.progress, precision=config.precision,
                                     threads=threads)
            nli = NLIModel.load(config.nli_model, dev, batch, progress=config.progress, precision=config.precision,
                                threads=threads)
            strong = (NLIModel.load(config.cascade.strong_model, dev, batch, progress=config.progress,
                                    precision=config.precision, threads=threads) if strong_needed else None)
        signals = SignalExtractor() if config.use_signals else None
        return cls(embedder=embedder, nli=nli, signals=signals, strong=strong)

    def decider(self, config: Config) -> NLIModel:
        """The NLI model whose calibrated threshold decides: the strong one when it judges."""
        return self.strong if config.cascade.decides != "fast" and self.strong is not None else self.nli


@dataclass
class _Timer:
    timings: list[StageTiming] = field(default_factory=list)

    def stage(self, name: str, started: float, items: int) -> None:
        self.timings.append(StageTiming(name=name, seconds=round(time.perf_counter() - started, 4), items=items))


@dataclass
class Scored:
    """Everything the models computed, before any threshold is applied: `decide` turns it into a
    Report, and can be called again with other settings (threshold tuning, ablations) for free."""

    articles: list[Article]
    sentences: list
    pair_scores: list[PairScores]
    signals: list[Signals]
    timings: list[StageTiming]
    warnings: list[str]
    config: Config
    models: Models | None  # None: nothing could be compared, so no model was loaded
    # one unit-length row per sentence, in the order of `sentences`: what pairing compared, kept so a
    # missed pair can be explained later (checker.evaluation.misses)
    embeddings: np.ndarray | None = None
    # what the NLI models read, both directions (pair i forward at i, backward at n + i): the sentences
    # with their context and name forms, so a sweep that runs another model reads what the product would
    premises: list[str] = field(default_factory=list)
    hypotheses: list[str] = field(default_factory=list)


@dataclass
class Judged:
    """Every scored pair's verdict, and the settings that decided them (`judge_all`): the judge
    settings with the threshold resolved, and each mismatch kind's noisy-OR weight."""

    verdicts: list[Verdict]
    settings: JudgeSettings
    weights: dict[str, float]
    config: Config


def score(articles: Sequence[Article], config: Config | None = None, models: Models | None = None,
          warnings: Sequence[str] = (), warn: Callable[[str], None] | None = None,
          max_pairs: int | None = None) -> Scored:
    """Run segmentation, pairing, NLI in both directions and the model-free signals.

    `config.max_sentences` keeps each article's first sentences and `max_pairs` (default:
    `config.max_pairs`) the most similar candidate pairs, each with a warning. When fewer than two
    articles have a sentence to compare, nothing is paired and, unless `models` are given, no model is
    loaded: `Scored.models` is then None."""
    config = (config or Config()).validate()
    warnings = list(warnings)
    if max_pairs is None:
        max_pairs = config.max_pairs

    def _warn(msg: str) -> None:
        warnings.append(msg)
        if warn:
            warn(msg)

    timer = _Timer()
    by_id = {a.id: a for a in articles}
    t = time.perf_counter()
    sentences = _first_sentences(segment_all(articles, config), by_id, config.max_sentences, _warn)
    timer.stage("segment", t, len(sentences))
    if len(articles) < 2:
        _warn("only one article: there is nothing to compare it with")
    if models is None and len({s.article_id for s in sentences}) < 2:
        # Nothing can be paired, so the models would load (seconds) only to score nothing.
        return Scored(articles=list(articles), sentences=sentences, pair_scores=[], signals=[],
                      timings=timer.timings, warnings=warnings, config=config, models=None)

    if models is None:
        t = time.perf_counter()
        models = Models.load(config)
        timer.stage("load models", t, 2)

    t = time.perf_counter()
    embeddings = models.embedder.encode([s.text for s in sentences])
    timer.stage("embed", t, len(sentences))
    use = models.signals is not None and config.use_signals
    if use:
        t = time.perf_counter()
        models.signals.warm(s.text for s in sentences)  # each sentence read once (spaCy batches them)
        timer.stage("read", t, len(sentences))
    t = time.perf_counter()
    claims = _claim_embeddings(sentences, embeddings, models) if use and config.pairing.claims else None
    pairs = candidate_pairs(sentences, embeddings, config.pairing.top_k, config.pairing.min_similarity,
                            claims=claims)
    if max_pairs is not None and len(pairs) > max_pairs:
        _warn(f"{len(pairs):,} candidate pairs, over the budget of {max_pairs:,}: only the {max_pairs:,} most similar "
              f"were scored (--max-pairs); {_busiest(pairs, by_id)}")
        pairs = pairs[:max_pairs]  # candidate_pairs sorts them most similar first
    # a few pairs similarity ranks low, about where the same thing comes from; outside the budget,
    # which they barely touch (at most pairs_per_sentence per sentence that states a provenance)
    pairs += provenance_pairs(sentences, embeddings, pairs, config.provenance.pairs_per_sentence,
                              config.provenance.min_similarity)
    if use:  # ...and sentences that name different agents of one kind of act on the same thing (the parse)
        pairs += act_pairs(sentences, embeddings, pairs, config.pairing.act_pairs_per_sentence,
                           config.pairing.act_min_similarity, models.signals.facts)
        # ...and sentences that name different people as holder of one post
        pairs += post_pairs(sentences, embeddings, pairs, config.pairing.post_pairs_per_sentence,
                            config.pairing.post_min_similarity, models.signals.facts)
        # ...and sentences that tell one person's tenure each in its own way
        pairs += tenure_pairs(sentences, embeddings, pairs, config.pairing.tenure_pairs_per_sentence,
                              config.pairing.tenure_min_similarity, models.signals.facts)
        # ...and a sentence that reports a claim as denied against one that states it, in its words or
        # as alike to the claim read as a sentence of its own (embedded only where the channel is on)
        statements = _statement_embeddings(sentences, models) if config.pairing.denial_pairs_per_sentence else None
        pairs += denial_pairs(sentences, embeddings, pairs, config.pairing.denial_pairs_per_sentence,
                              config.pairing.denial_min_similarity, models.signals.facts,
                              statements, config.pairing.denial_statement_min_similarity)
    pairs = _sole(pairs, sentences, by_id)
    timer.stage("pair", t, len(pairs))

    t = time.perf_counter()
    by_key = {s.key: s for s in sentences}
    ctx = (lambda s: premise_text(s, by_key)) if config.use_context else (lambda s: s.text)
    # b as the model reads it: a name it shares with a, written as a writes it (checker/name_forms.py)
    times: dict[tuple, list] = {}  # each sentence's resolved dates and times, once (it recurs in many pairs)
    forms = ([one_writing(models.signals.facts(p.a.text), models.signals.facts(p.b.text), config.use_figure_forms,
                          (_times(p.a, by_id, models, times), _times(p.b, by_id, models, times))
                          if config.use_time_forms else None)
              for p in pairs] if use and config.use_name_forms else [None] * len(pairs))
    b_read = [p.b.text if f is None else f.text for p, f in zip(pairs, forms)]
    b_premises = [ctx(p.b) for p in pairs]  # the context, if any, comes before the sentence itself
    premises = [ctx(p.a) for p in pairs] + [c[:len(c) - len(p.b.text)] + t for c, p, t in zip(b_premises, pairs, b_read)]
    hypotheses = b_read + [p.a.text for p in pairs]
    n = len(pairs)
    strong_only = config.cascade.decides == "strong" and models.strong is not None
    # With the strong judge alone the fast model is not run: its scores would all be replaced.
    probs = np.zeros((2 * n, 3)) if strong_only else models.nli.predict(premises, hypotheses)
    scored = []
    for i, p in enumerate(pairs):
        fwd, bwd = NLIScores(*map(float, probs[i])), NLIScores(*map(float, probs[n + i]))
        scored.append(PairScores(pair=p, forward=fwd, backward=bwd, combined=combine_directions(fwd, bwd),
                                 read_as=() if forms[i] is None else forms[i].changes))
    timer.stage("nli", t, 0 if strong_only else 2 * n)

    t = time.perf_counter()
    rule_settings = resolve_settings(config.signals)
    story = models.signals.story_places(s.text for s in sentences) if use else None
    sigs = [models.signals.compare(p, by_id, rule_settings, story) if use else Signals() for p in pairs]
    timer.stage("signals", t, n)
    if use:  # acts told in other words: the model says whether they are one act, before any judging
        t = time.perf_counter()
        sigs = settle_acts(sigs, models.strong if strong_only else models.nli, config.judge.same_act_min_entailment)
        timer.stage("acts", t, sum(len(s.act_questions) for s in sigs))
        # a claim one sentence denies, told by the other in other words: the judge's own model reads it
        t = time.perf_counter()
        reader = models.strong if models.strong is not None and config.cascade.decides != "fast" else models.nli
        asked = sum(len(s.denial_questions) for s in sigs)
        sigs = settle_denials(sigs, reader, config.judge.denial_min_entailment,
                              strong_questions=reader is models.strong)
        timer.stage("denied claims", t, asked)
        # dates that disagree, of acts told with other verbs: the strong judge says whether the acts are
        # one; the fast model reads opposite acts as one ("reopened" / "closed"), so without the strong
        # judge nothing is asked (checker/dated_acts.py)
        if models.strong is not None and config.cascade.decides != "fast":
            t = time.perf_counter()
            asked = sum(len(s.dated_act_questions) for s in sigs)
            sigs = settle_dated_acts(sigs, models.strong, config.judge.same_act_min_entailment)
            timer.stage("dated acts", t, asked)
            # each sentence names one party the other does not: whether they tell one thing but for the
            # name is the strong judge's question too (checker/name_swaps.py)
            t = time.perf_counter()
            asked = sum(len(s.name_swap_questions) for s in sigs)
            sigs = settle_name_swaps(sigs, models.strong, config.judge.name_swap_min_entailment)
            timer.stage("name swaps", t, asked)
            # ...or one figure or date the other does not: whether b told with a's value follows from a, or
            # a from it (checker/value_swaps.py)
            t = time.perf_counter()
            asked = sum(len(s.value_swap_questions) for s in sigs)
            sigs = settle_value_swaps(sigs, models.strong, config.judge)
            timer.stage("value swaps", t, asked)

    if models.strong is not None and config.cascade.decides != "fast":
        t = time.perf_counter()
        within = cascade_reach(config, models)
        chosen = [i for i, (s, g) in enumerate(zip(scored, sigs)) if needs_strong(s, g, config.cascade, within)]
        strong_probs = models.strong.predict([premises[i] for i in chosen] + [premises[n + i] for i in chosen],
                                             [hypotheses[i] for i in chosen] + [hypotheses[n + i] for i in chosen],
                                             desc="NLI (strong)")
        scored = rescore(scored, chosen, strong_probs, combine_directions)
        timer.stage("nli strong", t, 2 * len(chosen))
    return Scored(articles=list(articles), sentences=sentences, pair_scores=scored, signals=sigs,
                  timings=timer.timings, warnings=warnings, config=config, models=models, embeddings=embeddings,
                  premises=premises, hypotheses=hypotheses)


def _sole(pairs: list[CandidatePair], sentences: list[Sentence], by_id: Mapping[str, Article]) -> list[CandidatePair]:
    """`pairs` with the pairs no similarity ranking stands behind marked as such (CandidatePair.sole): the
    pair of a comparison of two sentences in all (a claim and a headline), and a sentence of a claim the
    user named (`ingest.claim_article`) against a one-sentence article (a headline): the user asked about
    that pair. Two one-sentence articles among others (a feed of posts) are ranked against the rest like
    any sentence, and are not."""
    if len(sentences) == 2:
        return [replace(p, sole=True) for p in pairs]
    claims = {i for i, a in by_id.items() if is_claim(a)}
    if not claims:
        return pairs
    length = Counter(s.article_id for s in sentences)

    def asked(p: CandidatePair) -> bool:
        a, b = p.a.article_id, p.b.article_id
        return (a in claims and length[b] == 1) or (b in claims and length[a] == 1)

    return [replace(p, sole=True) if asked(p) else p for p in pairs]


def _statement_embeddings(sentences: list[Sentence], models: Models) -> dict[int, np.ndarray]:
    """The claims each sentence reports as denied, as sentences of their own (Denial.statement), embedded:
    a matrix per sentence that denies any, by sentence index."""
    said = {i: [d.statement for d in models.signals.facts(s.text).denials if d.statement]
            for i, s in enumerate(sentences)}
    said = {i: x for i, x in said.items() if x}
    if not said:
        return {}
    rows = models.embedder.encode([x for xs in said.values() for x in xs])
    out, k = {}, 0
    for i, xs in said.items():
        out[i], k = rows[k:k + len(xs)], k + len(xs)
    return out


def _claim_embeddings(sentences: list[Sentence], embeddings: np.ndarray, models: Models) -> np.ndarray | None:
    """One row per sentence: the embedding of what it states without who it says states it
    (signals.claims), or its own where it attributes nothing; None when no sentence attributes."""
    claims = {i: c for i, c in ((i, models.signals.facts(s.text).claim) for i, s in enumerate(sentences)) if c}
    if not claims:
        return None
    rows = embeddings.copy()
    order = sorted(claims)
    rows[order] = models.embedder.encode([claims[i] for i in order])
    return rows


def _times(s: Sentence, by_id: dict[str, Article], models: Models, cache: dict[tuple, list]) -> list:
    """A sentence's resolved dates and times, read from its own article's date (cached by sentence)."""
    if s.key not in cache:
        article = by_id.get(s.article_id)
        cache[s.key] = resolved_times(models.signals.facts(s.text), parse_iso(article.date) if article else None,
                                      article.date_base if article else None)
    return cache[s.key]


def cascade_reach(config: Config, models: Models) -> Reach:
    """Where the strong judge's scores can still change a verdict in this run (cascade.needs_strong)."""
    thresholds = ([config.judge.threshold] if config.judge.threshold is not None
                  else [m.default_threshold for m in (models.nli, models.strong) if m is not None])
    gate = config.judge.nli_only_min_similarity
    if config.cascade.nli_only_min_similarity is not None:
        gate = config.cascade.nli_only_min_similarity
    return reach(thresholds, gate, config.review.min_similarity,
                 signal_weights(resolve_settings(config.signals)), config.judge.same_act_min_similarity,
                 config.judge.confirmed_min_similarity, config.judge.confirmed_first_bar,
                 config.cascade.sole_pair_min_similarity)


def _first_sentences(sentences: list[Sentence], by_id: dict[str, Article], limit: int | None,
                     warn: Callable[[str], None]) -> list[Sentence]:
    """Each article's first `limit` sentences (all of them when `limit` is None), with a warning
    naming each article that was cut (the same words as `checker batch`'s)."""
    if limit is None:
        return sentences
    counts: dict[str, int] = {}
    for s in sentences:
        counts[s.article_id] = counts.get(s.article_id, 0) + 1
    for article_id, n in counts.items():
        if n > limit:
            a = by_id[article_id]
            warn(f"{a.path or a.id}: {n:,} sentences; only the first {limit:,} are compared (--max-sentences)")
    return [s for s in sentences if s.index < limit]


def _busiest(pairs: Sequence[CandidatePair], by_id: dict[str, Article]) -> str:
    """Which article the most candidate pairs involve, as words for the pair budget's warning."""
    counts: dict[str, int] = {}
    for p in pairs:
        for side in {p.a.article_id, p.b.article_id}:
            counts[side] = counts.get(side, 0) + 1
    article_id = max(sorted(counts), key=counts.get)
    a = by_id.get(article_id)
    name = (a.path or a.id) if a is not None else article_id
    return f"{counts[article_id]:,} of them involve {name}"


def judge_all(scored: Scored, threshold: float | None = None, settings: JudgeSettings | None = None,
              config: Config | None = None) -> Judged:
    """Judge every scored pair; the arguments are those of `decide`, which builds the Report from this."""
    config = (config or scored.config).validate()
    chosen = threshold if threshold is not None else config.judge.threshold  # the caller's, for every pair
    if threshold is None:
        threshold = config.judge.resolved(_calibrated_threshold(scored.models, config)).threshold
    settings = replace(settings if settings is not None else config.judge, threshold=threshold)
    weights = signal_weights(resolve_settings(config.signals))
    # In the cascade each pair is judged at the calibrated threshold of the model that scored it: a
    # pair the fast model kept is not held to the strong model's (lower or higher) bar.
    strong = replace(settings, sole_pair_min_similarity=config.cascade.sole_pair_min_similarity)
    per_judge = {"strong": strong if config.cascade.nli_only_min_similarity is None
                 else replace(strong, nli_only_min_similarity=config.cascade.nli_only_min_similarity)}
    if chosen is None and scored.models is not None and config.cascade.decides == "cascade":
        per_judge["fast"] = replace(settings, threshold=scored.models.nli.default_threshold)
    verdicts = [judge(s, g, per_judge.get(s.judge, settings), weights) for s, g in zip(scored.pair_scores, scored.signals)]
    return Judged(verdicts=verdicts, settings=settings, weights=weights, config=config)


def decide(scored: Scored, threshold: float | None = None, settings: JudgeSettings | None = None,
           config: Config | None = None, judged: Judged | None = None) -> Report:
    """Judge every scored pair, group findings, compute corroboration, and build the Report.

    `config` (default: the one `score` ran with) gives every judging setting, so other settings
    can be tried on the same scores for free: `decide(scored, config=replace(scored.config,
    judge=replace(scored.config.judge, nli_only_threshold=None)))`. `threshold` overrides the config's, which overrides the NLI model's
    calibrated default. `settings`, when given, is used instead of the config's judging settings
    (its threshold is replaced by the one resolved here). `judged`, when given (from `judge_all`),
    is used as it is and the other three arguments are ignored."""
    models = scored.models
    t = time.perf_counter()
    if judged is None:
        judged = judge_all(scored, threshold, settings, config)
    verdicts, settings, config = judged.verdicts, judged.settings, judged.config
    threshold = settings.threshold
    conflicts = group_findings(verdicts, "contradiction")
    agreements = group_findings(verdicts, "entailment")
    statements = statement_support(scored.sentences, verdicts, [a.id for a in scored.articles], settings.agree_threshold)
    review = review_items(verdicts, config.review, judged.weights, config.provenance)
    not_comparable = sorted((v for v in verdicts if v.label == "not_comparable"), key=lambda v: -v.strength)
    timings = list(scored.timings) + [StageTiming("aggregate", round(time.perf_counter() - t, 4), len(verdicts))]

    cfg = config.as_dict()
    cfg["threshold_used"] = threshold
    return Report(
        articles=scored.articles, sentences=scored.sentences, conflicts=conflicts, agreements=agreements,
        statements=statements, pairs_scored=len(scored.pair_scores), not_comparable=not_comparable, review=review,
        timings=timings, models=_models_used(models, config, sum(s.judge == "strong" for s in scored.pair_scores)),
        device=models.nli.device if models is not None else NO_DEVICE, config=cfg, warnings=list(scored.warnings),
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def _models_used(models: Models | None, config: Config, pairs_judged_strong: int = 0) -> dict[str, str | int]:
    """report.json's `summary.models`: each model, and the precision it actually ran in."""
    if models is None:  # every documented key is present; the calibration is one small file away
        return {"embedder": f"{config.embed_model} (not loaded: nothing to compare)",
                "nli": f"{config.nli_model} (not loaded: nothing to compare)",
                "nli_temperature": f"{calibration(resolve(config.nli_model))[0]:.3f}",
                "nli_precision": NO_DEVICE, "embedder_precision": NO_DEVICE, "judge": config.cascade.decides}
    return {"embedder": f"{config.embed_model} ({models.embedder.device})",
            # a bundled model is named, not located: reports get shared, install paths are private
            "nli": (config.nli_model if str(config.nli_model).startswith("bundled:")
                    else f"{config.nli_model} ({models.nli.info.get('path')})"),
            "nli_temperature": f"{models.nli.temperature:.3f}",
            "judge": config.cascade.decides,
            **({"nli_strong": (config.cascade.strong_model if config.cascade.strong_model.startswith("bundled:")
                               else f"{config.cascade.strong_model} ({models.strong.info.get('path')})"),
                "nli_strong_temperature": f"{models.strong.temperature:.3f}",
                "nli_strong_precision": models.strong.precision,
                "pairs_judged_strong": pairs_judged_strong}
               if models.strong is not None and config.cascade.decides != "fast" else {}),
            # the precision each model actually ran in (config.precision is what was asked for)
            "nli_precision": models.nli.precision,
            "embedder_precision": models.embedder.precision,
            **({"signals": models.signals.backend} if models.signals is not None and config.use_signals else {})}


def _calibrated_threshold(models: Models | None, config: Config) -> float:
    """The NLI model's calibrated conflict threshold, read from its folder when it was not loaded."""
    if models is not None:
        return models.decider(config).default_threshold
    return calibration(resolve(config.nli_model if config.cascade.decides == "fast" else config.cascade.strong_model))[1]


def check(articles: Sequence[Article], config: Config | None = None, models: Models | None = None,
          warnings: Sequence[str] = (), warn: Callable[[str], None] | None = None) -> Report:
    """Compare the articles with each other and return the conflict report.

    `models` (from `Models.load(config)`) can be reused across calls; `warnings` are input problems
    already met (from ingest) to carry into the report; `warn` is called with new ones (e.g. a single
    article: nothing to compare)."""
    return decide(score(articles, config, models, warnings, warn))
