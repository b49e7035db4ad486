"""Model-free evidence about a candidate pair: numbers, dates, names, roles, polarity and event
status that disagree, and whether the two sentences are about the same event at all.

The small NLI model misses conflicts where only a number, date or name differs and flags pairs
that are about different things; the aggregate stage combines these signals with its scores.
Each finding is a `Mismatch` with a reason a reader understands; agreeing facts become `notes`.

    extractor = SignalExtractor()            # spaCy NER when a model is installed, else heuristics
    extractor.warm(s.text for s in sentences)  # optional: batch the per-sentence work
    signals = extractor.compare(pair, {a.id: a for a in articles})

One module per kind holds its extraction and its pair rule (numbers, ages, ranks, dates, times, names,
attribution, origins, posts, quotes, roles, parts, polarity, denials, hedges, status); each declares a `RULE` with the kind it assigns and a settings class with its weight and
thresholds (see rule.py). This module states the order in which they decide, in `RULES`. Settings are
overridden per rule through `Config.signals`, e.g. `Config(signals={"names": {"min_overlap": 0.6}})`.

Not for: deciding the verdict (aggregate does that), or anything that needs a model download.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from ..errors import CheckerError
from ..types import Article, CandidatePair, DatedActQuestion, DateBase, Mismatch, SwapQuestion, Signals
from . import (ages, attribution, comparability, dates, denials, hedges, names, numbers, occurrences, origins, parts,
               polarity, posts, quotes, ranks, roles, starts, status, times)
from .agents import contrast_reason, contrasting_acts, one_kind_contrasts, open_acts
from .events import EventSettings, first_and_last, further_occurrence, same_unique_event
from .comparability import ComparabilitySettings, not_comparable_reason
from .dates import earlier_occasion, parse_iso
from .extract import FactCache, extract_facts
from .facts import SentenceFacts
from .names import DEFAULT_SPACY_MODELS, is_headline, places_at_two_levels
from .rule import PairContext, Rule, SharedSettings
from .story_places import StoryPlaces
from .value_swap import told_with, value_swap

# The order in which the rules decide. A pair's mismatches are listed in this order and the first
# one gives the pair its kind; a rule may stand aside for one above it: a role swap only where no
# name differs, a name in one part of an act (parts.py) only where no plainer rule found it, a status clash only where polarity found neither a flip nor progress, a claim left
# open against it stated only where nothing flips or denies it. After the
# rules, progress (not yet / under way earlier, done later) makes a pair not comparable, and so may
# the comparability rules, which read what the rules found, unless the pair is near-identical. Two
# events found by the figure, date and time rules (different parties, a total against one party's
# figure, a place only one names) make the pair not comparable too, and the name rules stand aside.
RULES: tuple[Rule, ...] = (numbers.RULE, ages.RULE, ranks.RULE, occurrences.RULE, dates.RULE, times.RULE, starts.RULE, polarity.RULE,
                           denials.RULE, hedges.RULE, names.RULE, origins.RULE, posts.RULE, quotes.RULE, attribution.RULE, roles.RULE,
                           parts.RULE, status.RULE)

# Settings that belong to no single kind, by the name Config.signals uses for them.
OTHER_SETTINGS: dict[str, type] = {"shared": SharedSettings, "comparability": ComparabilitySettings,
                                   "events": EventSettings}


def settings_classes() -> dict[str, type]:
    """Every settings class by its name in `Config.signals`: one per rule, then "shared", "comparability",
    "events"."""
    return {**{rule.name: rule.settings for rule in RULES}, **OTHER_SETTINGS}


def resolve_settings(overrides: Mapping[str, Mapping[str, Any]] | None = None) -> Mapping[str, Any]:
    """The settings of every rule: its declared defaults with `overrides` ({rule name: {field: value}})
    applied. An unknown rule name or field raises CheckerError naming what is known."""
    classes = settings_classes()
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(classes))
    if unknown:
        raise CheckerError(f"unknown signal settings {', '.join(unknown)}; known: {', '.join(classes)}")
    out = {}
    for name, cls in classes.items():
        given = dict(overrides.get(name) or {})
        fields = {f.name for f in dataclasses.fields(cls)}
        bad = sorted(set(given) - fields)
        if bad:
            raise CheckerError(f"unknown setting(s) {', '.join(bad)} for signal rule {name!r}; "
                               f"known: {', '.join(sorted(fields))}")
        out[name] = cls(**given)
    return MappingProxyType(out)


def signal_weights(settings: Mapping[str, Any] | None = None) -> dict[str, float]:
    """Each rule's kind -> its noisy-OR weight (aggregate.judge combines it with the NLI probability).
    Where several rules assign one kind (names and attribution both give "entity"), the highest."""
    settings = settings if settings is not None else resolve_settings()
    weights: dict[str, float] = {}
    for rule in RULES:
        weights[rule.kind] = max(weights.get(rule.kind, 0.0), float(settings[rule.name].weight))
    return weights


def compare_facts(a: SentenceFacts, b: SentenceFacts, a_published: dt.date | None = None,
                  b_published: dt.date | None = None, similarity: float | None = None,
                  settings: Mapping[str, Any] | None = None, a_base: DateBase | None = None,
                  b_base: DateBase | None = None) -> Signals:
    """The signals for two extracted sentences, their articles' publication dates and (optional)
    their embedding similarity, which lets paraphrases with few shared words count as related;
    `a_base`/`b_base`: for an article without a publication date, the day to read relative times from."""
    ctx = PairContext(a, b, a_published, b_published, similarity,
                      settings if settings is not None else _DEFAULT_SETTINGS, a_base=a_base, b_base=b_base)
    # One sentence tells a further occurrence ("another fire") of what the other tells: nothing in
    # them is one fact told two ways, so no rule compares them.
    recurring = further_occurrence(ctx, ctx.settings["events"]) or (
        first_and_last(a, b) if ctx.settings["events"].recurrence else None)
    if recurring:
        return Signals(mismatches=(), comparable=False, not_comparable_reason=recurring)
    ctx.one_occurrence = same_unique_event(a, b)
    ctx.steps = polarity.answers_a_proposal(a, b)
    mismatches: list[Mismatch] = []
    for rule in RULES:
        ctx.found[rule.name] = rule(ctx)
        mismatches += ctx.found[rule.name]
    # Progress is not a conflict even between near-identical sentences, where the comparability
    # rules stand aside.
    reason = ctx.progress or ctx.two_events or (None if ctx.close else not_comparable_reason(ctx))
    one_kind = one_kind_contrasts(a, b)
    shown = one_kind[:1] or list(contrasting_acts(a, b))[:1]
    questions = () if one_kind else tuple((x.skeleton, y.skeleton, contrast_reason(x, y)) for x, y in open_acts(a, b))
    return Signals(mismatches=tuple(mismatches), comparable=reason is None, not_comparable_reason=reason,
                   notes=tuple(ctx.notes), doubts=tuple(dict.fromkeys(ctx.doubts)),
                   same_act=contrast_reason(*shown[0]) if shown else None, same_kind_of_act=bool(one_kind),
                   act_questions=questions,
                   explained=(ctx.steps or places_at_two_levels(a, b)
                              or dates.same_day_told_two_ways(a, b, ctx.a_published, ctx.b_published)),
                   denial_questions=(denials.open_denials(ctx) + hedges.open_hedges(ctx, ctx.settings["hedges"])
                                     if reason is None else ()),
                   dated_act_questions=_dated_act_questions(ctx, mismatches, reason),
                   name_swap_questions=_name_swap_questions(ctx, mismatches, reason),
                   value_swap_questions=_value_swap_questions(ctx, mismatches, reason))


def _name_swap_questions(ctx: PairContext, mismatches: list[Mismatch], reason: Any) -> tuple[SwapQuestion, ...]:
    """For a comparable pair with no mismatch in which each sentence states a party the other does not
    mention (names.name_swap): b told with a's names, for the model to read against a."""
    if mismatches or reason is not None or ctx.progress:
        return ()
    found = names.name_swap(ctx.a, ctx.b)
    if found is None:
        return ()
    swapped = ctx.b.text
    for x, y in sorted(found, key=lambda p: -p[1].start):  # from the end, so earlier offsets hold
        swapped = swapped[:y.start] + x.text + swapped[y.end:]
    x, y = found[0]
    mismatch = Mismatch("entity", x.text, y.text, f"Different names for one party to the same account: {x.text!r} vs {y.text!r}")
    return (SwapQuestion(a_text=ctx.a.text, b_text=ctx.b.text, b_swapped=swapped, mismatch=mismatch),)


def _value_swap_questions(ctx: PairContext, mismatches: list[Mismatch], reason: Any) -> tuple[SwapQuestion, ...]:
    """For a comparable pair with no mismatch in which each sentence gives one figure or calendar date the
    other does not (value_swap.value_swap): b told with a's value, for the model to read against a. An
    unproven count (a mismatch of its own low weight, numbers.py) leaves the question open: a yes proves one
    account. Not for headlines, nor for a proposal and its answer (two acts, each with its own figures and
    dates)."""
    if (any(m.weight is None for m in mismatches) or reason is not None or ctx.progress or ctx.steps
            or is_headline(ctx.a) or is_headline(ctx.b)):
        return ()
    found = value_swap(ctx.a, ctx.b)
    if found is None:
        return ()
    x, y = found
    if x.kind == "number" and (earlier_occasion(ctx.a, ctx.b, ctx.b_published)
                               or earlier_occasion(ctx.b, ctx.a, ctx.a_published)):
        return ()  # one sentence tells an earlier occasion: its figures are not the story's
    what = "figures" if x.kind == "number" else "dates"
    mismatch = Mismatch(x.kind, x.text, y.text, f"Different {what} in one account told in other words: {x.text!r} vs {y.text!r}")
    return (SwapQuestion(a_text=ctx.a.text, b_text=ctx.b.text, b_swapped=told_with(ctx.b.text, y, x), mismatch=mismatch),)


def _dated_act_questions(ctx: PairContext, mismatches: list[Mismatch], reason: Any) -> tuple[DatedActQuestion, ...]:
    """The date rule's questions of acts told in other words (dates.open_dated_acts), for a pair with no
    mismatch that is comparable, or set aside only because its dates differ with nothing in the words
    to show one act (the date rule's "a name only one of them gives", the comparability rule's "different
    periods ... and different actions described"): whether the acts are one is what the model answers,
    and a yes reopens the pair."""
    if mismatches or ctx.progress:
        return ()
    if reason is not None and not (isinstance(reason, str) and reason.startswith(("different dates", "different times",
                                                                                "different periods"))):
        return ()
    asked = dict.fromkeys(dates.open_dated_acts(ctx) + times.open_dated_acts(ctx))
    return tuple(dataclasses.replace(q, reopens=reason is not None) for q in asked)


_DEFAULT_SETTINGS = resolve_settings()


class SignalExtractor(FactCache):
    """Compares candidate pairs, caching the extraction of each sentence text.

    `use_spacy`: None uses spaCy NER when a model from `spacy_models` is installed and the
    heuristic otherwise; True requires spaCy (ModelError if missing); False never loads it.
    `settings` overrides rule settings as `Config.signals` does; `compare` can also be given them.

        extractor = SignalExtractor(use_spacy=False)
        signals = extractor.compare_texts("About 300 troops arrived.", "Nearly 2,000 troops arrived.")
        signals.mismatches[0].reason  # 'Different numbers for the same thing: About 300 troops vs ...'
    """

    def __init__(self, use_spacy: bool | None = None, spacy_models: Iterable[str] = DEFAULT_SPACY_MODELS,
                 cache_size: int = 50_000, settings: Mapping[str, Mapping[str, Any]] | None = None):
        super().__init__(use_spacy, spacy_models, cache_size)
        self.settings = resolve_settings(settings)

    def compare(self, pair: CandidatePair, articles: Mapping[str, Article] | None = None,
                settings: Mapping[str, Any] | None = None, story: StoryPlaces | None = None) -> Signals:
        """Signals for a candidate pair; `articles` (by id) supplies publication dates; `settings`
        (from `resolve_settings`) replaces the extractor's own; `story` (`story_places`, read from every
        sentence of the story) tells where the story puts its places."""
        articles = articles or {}
        a_article, b_article = articles.get(pair.a.article_id), articles.get(pair.b.article_id)
        return self.compare_texts(pair.a.text, pair.b.text,
                                  a_article.date if a_article else None, b_article.date if b_article else None,
                                  similarity=pair.similarity, settings=settings,
                                  a_base=a_article.date_base if a_article else None,
                                  b_base=b_article.date_base if b_article else None, story=story)

    def compare_texts(self, a_text: str, b_text: str, a_date: str | None = None, b_date: str | None = None,
                      similarity: float | None = None, settings: Mapping[str, Any] | None = None,
                      a_base: DateBase | None = None, b_base: DateBase | None = None,
                      story: StoryPlaces | None = None) -> Signals:
        """Signals for two sentence texts with their articles' dates (YYYY-MM-DD or None), when known the
        embedding similarity of the two sentences, for an undated article the day to read its relative
        times from (Article.date_base), and the places of their story (`story_places.StoryPlaces`)."""
        a, b = self.facts(a_text), self.facts(b_text)
        if story is not None:
            a, b = story.locate(a), story.locate(b)
        return compare_facts(a, b, parse_iso(a_date), parse_iso(b_date),
                             similarity, settings if settings is not None else self.settings, a_base, b_base)

    def story_places(self, texts: Iterable[str]) -> StoryPlaces:
        """Where the sentences of one story put its places, read from each (cached) sentence."""
        return StoryPlaces.read(self.facts(t) for t in dict.fromkeys(texts))


_DEFAULT_EXTRACTOR: SignalExtractor | None = None


def compute_signals(pair: CandidatePair, articles: Mapping[str, Article]) -> Signals:
    """Signals for one pair, using a shared extractor (spaCy when installed) and its cache."""
    global _DEFAULT_EXTRACTOR
    if _DEFAULT_EXTRACTOR is None:
        _DEFAULT_EXTRACTOR = SignalExtractor()
    return _DEFAULT_EXTRACTOR.compare(pair, articles)


__all__ = ["RULES", "Rule", "PairContext", "SentenceFacts", "SignalExtractor", "compare_facts", "compute_signals",
           "extract_facts", "resolve_settings", "settings_classes", "signal_weights", "comparability", "dates",
           "names", "numbers", "polarity", "roles", "status"]
