"""Gather what one sentence says into a `SentenceFacts`, once per sentence text, and cache it.

Each kind's module extracts its own mentions (numbers.py quantities, dates.py dates, names.py names,
attribution.py makers and suppliers, times.py relative and vague times, polarity.py negations and
opposed words, status.py event status, roles.py winner and loser, comparability.py plan and past
wording); `extract_facts` calls them all. `FactCache` caches the result by sentence text, because one
sentence recurs in many pairs, and runs spaCy NER in batches when a model is installed.

Not for: comparing two sentences (the rules, run in order by checker/signals/__init__.py).
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Iterable

from ..errors import ModelError
from ..text import content_stems, normalize_word, stem, tokenize
from .agents import find_acts
from .ages import find_ages
from .attribution import find_attributions
from .claims import claim_text
from .comparability import past_marker, plan_marker, talks_of_future
from .dates import extract_dates
from .denials import find_denials
from .frames import find_frames
from .hedges import find_hedges
from .events import find_recurrences, find_unique_occurrences
from .facts import SentenceFacts
from .names import DEFAULT_SPACY_MODELS, entities_from_spacy, entities_heuristic, load_spacy
from .negative_claims import find_negated_claims
from .numbers import (amounts_put_at, counted_heads, extract_quantities, measured_lengths, percent_senses, rates,
                      series_places)
from .occurrences import find_occurrences
from .origins import find_origins
from .phases import date_phases, dated_acts, dated_events
from .polarity import (asserted_verbs, failed_attempts, find_negations, verbal_without, find_opposed_lemmas, find_polar_words, made_proposals, negation_subjects,
                       polar_subjects, predications, refusal_heads, refused_proposals, subject_negations)
from .posts import find_posts
from .quotes import find_quotes
from .ranks import find_ranks
from .slots import filled_slots, with_slots
from .starts import find_starts
from .name_kinds import find_aliases, find_kinds
from .story_places import find_locations
from .roles import winner_loser
from .status import find_status
from .times import not_until, times_and_dates
from .verbs import verb_lemma


def extract_facts(text: str, doc: Any = None) -> SentenceFacts:
    """Extract the facts of one sentence; `doc` is its spaCy Doc when a pipeline is in use."""
    tokens = tokenize(text)
    times, dates = times_and_dates(text, extract_dates(text))
    negations = verbal_without(find_negations(text, tokens), doc)
    negations = negation_subjects(failed_attempts(subject_negations(refusal_heads(negations, doc), doc), doc), doc)
    times, dates = not_until(text, times, negations), not_until(text, dates, negations)
    dates = date_phases(dates, doc)
    time_spans = [(d.start, d.end) for d in dates] + [(t.start, t.end) for t in times]
    entities = (with_slots(entities_from_spacy(text, doc, tokens), doc) if doc is not None
                else entities_heuristic(text, tokens))
    ages = find_ages(text, entities)
    masked = time_spans + [(a.start, a.end) for a in ages]  # a person's age is no count (ages.py)
    quantities = series_places(percent_senses(amounts_put_at(
        rates(counted_heads(measured_lengths(extract_quantities(text, masked=masked), doc), doc), doc), doc), text),
        doc)
    number_spans = [(q.start, q.end) for q in quantities] + masked
    number_stems = frozenset(stem(t.text) for t in tokens if any(s <= t.start < e for s, e in number_spans))
    acts_dated = dated_acts([(d.start, d.end) for d in dates if d.dates_event] + [(t.start, t.end) for t in times], doc)
    return SentenceFacts(
        text=text,
        tokens=tuple(tokens),
        quantities=tuple(quantities),
        dates=tuple(dates),
        entities=tuple(entities),
        negations=tuple(negations),
        polar=tuple(polar_subjects(find_polar_words(tokens) + find_opposed_lemmas(doc), doc)),
        content=content_stems(tokens),
        stems=frozenset(stem(t.text) for t in tokens if t.text[:1].isalpha()),
        words=frozenset(normalize_word(t.text) for t in tokens if t.text[:1].isalpha()),
        plan=plan_marker(text),
        future=talks_of_future(text),
        past=past_marker(text),
        number_stems=number_stems,
        status=tuple(find_status(text)),
        contest=winner_loser(text, entities),
        attributions=tuple(find_attributions(text, entities)),
        times=tuple(times),
        recurrences=tuple(find_recurrences(text, doc)),
        acts=tuple(find_acts(doc)),
        unique=tuple(find_unique_occurrences(doc)),
        denials=tuple(find_denials(doc) + find_negated_claims(doc)),
        hedges=tuple(find_hedges(doc)),
        frames=tuple(find_frames(doc)),
        posts=tuple(find_posts(doc)),
        quotes=tuple(find_quotes(doc, entities)),
        starts=tuple(find_starts(text, doc, dates, times)),
        occurrences=tuple(find_occurrences(doc)),
        origins=tuple(find_origins(doc)),
        claim=claim_text(doc),
        locations=find_locations(doc),
        kinds=find_kinds(doc, entities),
        aliases=find_aliases(text, entities),
        slots=filled_slots(doc),
        refused_proposals=refused_proposals(doc),
        made_proposals=made_proposals(doc),
        dated_events=dated_events(acts_dated),
        dated_acts=acts_dated,
        verbs=frozenset(verb_lemma(t) for t in doc if t.pos_ == "VERB") if doc is not None else frozenset(),
        predications=predications(doc),
        ages=tuple(ages),
        ranks=tuple(find_ranks(doc)),
        asserted=asserted_verbs(doc, negations),
    )


class FactCache:
    """Extracts and caches the facts of sentence texts.

    `use_spacy`: None uses spaCy NER when a model from `spacy_models` is installed and the
    heuristic otherwise; True requires spaCy (ModelError if missing); False never loads it.
    """

    def __init__(self, use_spacy: bool | None = None, spacy_models: Iterable[str] = DEFAULT_SPACY_MODELS,
                 cache_size: int = 50_000):
        self.use_spacy = use_spacy
        self.spacy_models = tuple(spacy_models)
        self.cache_size = cache_size
        self._cache: OrderedDict[str, SentenceFacts] = OrderedDict()
        self._nlp: Any = None
        self._backend: str | None = None

    @property
    def backend(self) -> str:
        """'heuristic' or 'spacy:<model> <version>': what finds the names (for the report)."""
        self._load()
        return self._backend or "heuristic"

    def _load(self) -> None:
        if self._backend is not None:
            return
        loaded = load_spacy(self.spacy_models) if self.use_spacy is not False else None
        if loaded is None and self.use_spacy:
            raise ModelError(f"spaCy NER was requested but none of {', '.join(self.spacy_models)} is installed "
                             "(pip install spacy and an English model package)")
        if loaded:
            self._nlp, self._backend = loaded
        else:
            self._backend = "heuristic"

    def facts(self, text: str) -> SentenceFacts:
        """The (cached) facts of one sentence text."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        self._load()
        facts = extract_facts(text, self._nlp(text) if self._nlp is not None else None)
        self._store(text, facts)
        return facts

    def warm(self, texts: Iterable[str], batch_size: int = 256) -> None:
        """Extract many sentences at once (spaCy batches them, which is faster than one by one)."""
        self._load()
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if self._nlp is None:
            for text in todo:
                self._store(text, extract_facts(text))
            return
        for text, doc in zip(todo, self._nlp.pipe(todo, batch_size=batch_size), strict=True):
            self._store(text, extract_facts(text, doc))

    def _store(self, text: str, facts: SentenceFacts) -> None:
        self._cache[text] = facts
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
