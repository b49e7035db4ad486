"""Typed records passed between the pipeline stages.

ingest -> Article; segment -> Sentence; pairing -> CandidatePair; nli -> PairScores;
signals -> Signals; aggregate -> Verdict / Finding / StatementSupport; report -> Report.
These are plain data: no behaviour beyond small conveniences, no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Mapping

Label = Literal["entailment", "neutral", "contradiction"]
LABELS: tuple[Label, ...] = ("entailment", "neutral", "contradiction")
# What a disagreement is about. One per model-free rule (checker/signals/), plus "nli" for a conflict
# the NLI model found with no model-free mismatch behind it.
Kind = Literal["number", "date", "entity", "negation", "role", "status", "certainty", "nli"]
KINDS: tuple[str, ...] = ("number", "date", "entity", "negation", "role", "status", "certainty", "nli")


@dataclass(frozen=True)
class DateBase:
    """The day an undated article's relative times ("this summer", "next year") are read from, and where
    that day came from, in words for the reason of a conflict ("the dateline 'LONDON, March 3
    (Reuters)'", "the feed record's 'crawled_at' field", "the file's modification time")."""

    date: str  # YYYY-MM-DD, or --MM-DD (ISO 8601, no year) from a dateline when nothing gives the year
    source: str
    # False when the day (or its year) rests on the file's modification time, which may be the day the
    # file was copied: a time conflict read from it is worth a look, not a conflict.
    firm: bool = True


@dataclass(frozen=True)
class Article:
    """One news article. `text` is the cleaned body; sentence offsets point into it."""

    id: str  # stable: derived from the content (see ingest), not from the order of files
    title: str
    text: str
    source: str | None = None  # publisher or site, when known
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    path: str | None = None  # where it was read from
    url: str | None = None
    # Where in `path` the article was read ("feed.jsonl: line 7"; the file name alone for a text file),
    # so a warning can name the record, not just the file.
    where: str | None = None
    # The other fields its record or front matter gave (`story`, `id`, `tags`...), scalars as text:
    # what a later stage such as the batch needs from the feed, without reading the file again.
    # Not part of the article's identity (left out of hashing).
    meta: Mapping[str, str] = field(default_factory=dict, hash=False)
    # Where `date` is None: the day to read relative times from instead, from the dateline, another date
    # field of the record or the file's modification time (ingest.date_base). Not part of the identity.
    date_base: DateBase | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article with character offsets into `Article.text`."""

    article_id: str
    index: int  # position among the article's kept sentences, 0-based
    text: str
    start: int
    end: int

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.index)


@dataclass(frozen=True)
class CandidatePair:
    """Two sentences from different articles that pairing found worth comparing (see `channel`)."""

    a: Sentence
    b: Sentence
    similarity: float  # cosine similarity of the two sentence embeddings
    # How the pair was found: "similarity" (among each other's top_k most similar) or "provenance"
    # (both say where the same thing comes from, in different terms; pairing.provenance_pairs) or "act"
    # (both name who acts on the same thing, not the same agent; pairing.act_pairs), "post" (one post, two
    # holders; pairing.post_pairs), "tenure" (one person's tenure told two ways; pairing.tenure_pairs)
    # or "denial" (a claim denied and stated; pairing.denial_pairs).
    channel: str = "similarity"
    # No similarity ranking stands behind the pair (JudgeSettings.sole_pair_min_similarity): the two
    # sentences are all that is compared (two one-sentence articles: a claim and a headline), or the pair
    # is a claim the user named against a one-sentence article (`checker report --claim`; api._sole). Not
    # for one-sentence articles among others (a feed of posts), whose sentences are ranked against the rest.
    sole: bool = False


@dataclass(frozen=True)
class ProvenanceClaim:
    """One statement in a sentence of where something comes from (checker/provenance.py).

    `facet` is one of checker.provenance.FACETS ("production", "stock", ...); `cue` the words that say
    it, as written (character offsets `start`, `end` in the sentence); `source` a named maker, owner,
    seller, giver or payer when the cue names one; `objects` the content stems the claim may be about."""

    facet: str
    cue: str
    start: int
    end: int
    source: str | None
    objects: frozenset[str]


@dataclass(frozen=True)
class NLIScores:
    """Probabilities of one NLI direction (premise -> hypothesis), summing to 1."""

    entailment: float
    neutral: float
    contradiction: float

    def as_dict(self) -> dict[str, float]:
        return {"entailment": self.entailment, "neutral": self.neutral, "contradiction": self.contradiction}

    @property
    def label(self) -> Label:
        d = self.as_dict()
        return max(d, key=d.get)  # type: ignore[return-value]


@dataclass(frozen=True)
class PairScores:
    """NLI scores for a candidate pair in both directions and their combination."""

    pair: CandidatePair
    forward: NLIScores  # a is premise, b is hypothesis
    backward: NLIScores  # b is premise, a is hypothesis
    combined: NLIScores
    judge: str = "fast"  # which NLI judge made these scores: "fast" or "strong" (checker/cascade.py)
    # Names of b the model read as a writes them (checker/name_forms.py): (as b writes it, as read).
    read_as: tuple[tuple[str, str], ...] = ()
    # In the cascade, for a pair the strong judge re-scored: the fast model's contradiction (forward,
    # backward) before it, which a confirmed NLI-only conflict needs (aggregate.JudgeSettings).
    first: tuple[float, float] | None = None


@dataclass(frozen=True)
class Side:
    """Where a reason names one sentence of the pair: "a" or "b"."""

    name: Literal["a", "b"]


SIDE_A, SIDE_B = Side("a"), Side("b")


class Reason(str):
    """A reason a reader sees, which may name the pair's two sentences.

    As a string it names them "sentence a" and "sentence b"; `parts` keeps the text pieces and the
    `Side` markers where a sentence is named, so a report can name them by article instead:

        >>> r = Reason.of("published earlier: ", SIDE_B)
        >>> str(r), r.render(a="A's sentence", b="C's sentence")
        ('published earlier: sentence b', "published earlier: C's sentence")
    """

    parts: tuple[str | Side, ...]

    @classmethod
    def of(cls, *pieces: str | Side) -> "Reason":
        parts: list[str | Side] = []
        for p in pieces:
            if isinstance(p, str) and parts and isinstance(parts[-1], str):
                parts[-1] += p  # neighbouring text is one part
            elif p != "":
                parts.append(p)
        parts = tuple(parts)
        reason = cls("".join(p if isinstance(p, str) else f"sentence {p.name}" for p in parts))
        reason.parts = parts
        return reason

    def render(self, a: str = "sentence a", b: str = "sentence b") -> str:
        """The text with the two sentences named `a` and `b`."""
        return "".join(p if isinstance(p, str) else (a if p.name == "a" else b) for p in self.parts_or_text)

    @property
    def parts_or_text(self) -> tuple[str | Side, ...]:
        return getattr(self, "parts", (str(self),))

    @property
    def names_sides(self) -> bool:
        return any(isinstance(p, Side) for p in self.parts_or_text)

    def __add__(self, other: str) -> "Reason":  # type: ignore[override]
        return Reason.of(*self.parts_or_text, *(other.parts_or_text if isinstance(other, Reason) else (other,)))

    def __radd__(self, other: str) -> "Reason":
        return Reason.of(other, *self.parts_or_text)

    def __reduce__(self):
        return (Reason.of, tuple(self.parts_or_text))


def reason_parts(text: str) -> tuple[str | Side, ...]:
    """The parts of a reason; plain text is one part."""
    return text.parts_or_text if isinstance(text, Reason) else (text,)


@dataclass(frozen=True)
class Mismatch:
    """One model-free disagreement found between the two sentences of a pair."""

    kind: Kind
    a_value: str  # what sentence a says, as written
    b_value: str  # what sentence b says, as written
    reason: str  # one sentence a reader understands, e.g. "300 troops vs 2,000 troops"; a Reason when it names a side
    # Its own noisy-OR weight where its rule cannot show the two values are of one fact (a count of the same
    # thing with nothing around the figures in common): lower than its kind's, so the NLI reading must
    # carry the rest. None: its kind's weight.
    weight: float | None = None


@dataclass(frozen=True)
class DenialQuestion:
    """A claim one sentence reports as denied, and the other sentence, whose words do not settle whether
    it states the claim (signals/denials.py): for the NLI model to answer (checker/denied_claims.py)."""

    statement: str  # the denied claim as a sentence of its own ("The ministry had received a warning.")
    other: str  # the other sentence, as written
    denier: Literal["a", "b"]  # which sentence of the pair denies it
    cue: str  # the words that deny it, as written
    claim: str  # the denied clause, as written
    # What leaves the claim out of the account: "denied" (denials.py), or, for a claim one sentence leaves
    # open (hedges.py), "open_question" ("unclear whether ...": a conflict), "hedged" ("may have",
    # "probably": worth a look) or "hedged_conflict" (the same, under HedgeSettings.hedge_is_conflict)
    how: Literal["denied", "open_question", "hedged", "hedged_conflict"] = "denied"
    # the claim's core, told without where and when it is set (signals/denials.core_words): asked of the
    # strong judge only (checker/denied_claims.py)
    core: bool = False
    # a claim the sentence denies in its own voice by a negative argument ("No one was hurt": "Someone was
    # hurt.", signals/negative_claims.py): asked of the strong judge only, as the core is (the fast model
    # reads such a plain claim as stated by sentences about other things)
    own: bool = False


@dataclass(frozen=True)
class SwapQuestion:
    """Two sentences that each give one party or one value the other does not ("the department contracted
    Kalahari AgriAviation to spray the swarms" / "the aerial work was contracted to Okavango Air Sprayers";
    "All six of the movement's councillors voted against" / "The four councillors ... voted with the
    opposition"), with the other's sentence retold with this one's name or value (signals/names.py,
    signals/value_swap.py): whether they then tell one thing, for the NLI model to answer
    (checker/name_swaps.py, checker/value_swaps.py). If they do, the name or value is the one difference."""

    a_text: str  # sentence a as written
    b_text: str  # sentence b as written
    b_swapped: str  # sentence b with its own name or value replaced by a's
    mismatch: Mismatch  # the mismatch the pair gets if they tell one thing


@dataclass(frozen=True)
class DatedActQuestion:
    """Two dates that disagree, each of an act told in other words on a shared participant ("Fishermen
    spotted the oil" on Thursday / "The oil was seen by fishermen" on May 14; signals/dates.py): whether
    the two acts are one, for the NLI model to answer (checker/dated_acts.py)."""

    a_act: str  # sentence a's act as a sentence of its own ("Fishermen spotted the oil.")
    b_act: str
    mismatch: Mismatch  # the date mismatch the pair gets if they are one act
    reopens: bool = False  # the date rule set the pair aside as two events for want of a shared act


@dataclass(frozen=True)
class Signals:
    """Model-free evidence about a candidate pair (numbers, dates, names, polarity)."""

    mismatches: tuple[Mismatch, ...] = ()
    comparable: bool = True  # False when the two sentences are about different events/things
    not_comparable_reason: str | None = None  # a Reason when it names a side ("sentence a ... sentence b")
    notes: tuple[str, ...] = ()  # other observations worth showing (e.g. "same numbers, reworded")
    # Differences that prove nothing either way ("near-identical names: 'Petrvo' vs 'Petrov'"): they put
    # the pair in the review list ("worth a look"), never in the conflicts.
    doubts: tuple[str, ...] = ()
    # Both sentences name who acts on the same thing, and not the same agent (signals/agents.py): the
    # reason, shown to the reader; such a pair is worth a look where it is no conflict (review.py).
    same_act: str | None = None
    # ...and the acts are of one kind (the same verb, or makers and suppliers): then the pair is about
    # one act's agent, which similarity ranks low, so an NLI-only conflict needs less similarity
    # (JudgeSettings.same_act_min_similarity). Different acts ("proposed" / "opposed") are often both true.
    same_kind_of_act: bool = False
    # Acts with different agents whose words do not settle whether they are one act ("operated by A" /
    # "run by B"): (skeleton of a's act, skeleton of b's act, the reason shown), for the NLI model to
    # answer before judging (checker/act_identity.py); where it reads them as one act, the pair counts as
    # `same_kind_of_act`.
    act_questions: tuple[tuple[str, str, str], ...] = ()
    # A claim one sentence reports as denied whose words the other sentence does not hold: whether the
    # other states it is asked of the NLI model before judging (checker/denied_claims.py); where it does,
    # the pair gets the denial rule's mismatch.
    denial_questions: tuple[DenialQuestion, ...] = ()
    # Dates that disagree, each of an act told in other words on a shared participant: whether the acts are
    # one is asked of the NLI model before judging (checker/dated_acts.py); where they are, the pair gets
    # the date mismatch.
    dated_act_questions: tuple[DatedActQuestion, ...] = ()
    # Each sentence names one party the other does not: whether the two tell one thing once b names a's
    # party is asked of the NLI model before judging (checker/name_swaps.py); where they do, the pair gets
    # an entity mismatch.
    name_swap_questions: tuple[SwapQuestion, ...] = ()
    # ...and each gives one figure or calendar date the other does not: whether the two tell one thing once
    # b gives a's value is asked of the strong judge (checker/value_swaps.py); where they do, the pair gets a
    # number or date mismatch.
    value_swap_questions: tuple[SwapQuestion, ...] = ()
    # A reading that accounts for an NLI contradiction without one in fact (one sentence refuses a
    # proposal the other tells as made: a later step, signals/polarity.answers_a_proposal): the reason.
    # An NLI-only contradiction is then no conflict; a model-free mismatch still is.
    explained: str | None = None

    @property
    def kind(self) -> Kind | None:
        return self.mismatches[0].kind if self.mismatches else None


Verdict_Label = Literal["contradiction", "entailment", "neutral", "not_comparable"]


@dataclass(frozen=True)
class Verdict:
    """The checker's decision about one candidate pair."""

    scores: PairScores
    signals: Signals
    label: Verdict_Label
    strength: float  # calibrated probability of the label, 0..1; ranking key for conflicts
    kind: Kind | None  # for contradictions and agreements; None for neutral
    why: tuple[str, ...]  # human-readable reasons, first is the main one
    # Why a pair that is no conflict is still worth a look (review.py): an NLI-only contradiction just
    # over its bar, which a careful reader does not take as proven. None otherwise.
    review_reason: str | None = None

    @property
    def pair(self) -> CandidatePair:
        return self.scores.pair


@dataclass(frozen=True)
class Finding:
    """One underlying disagreement (or agreement) between two articles.

    The same claim repeated in several sentences is one finding with several pieces of evidence;
    `evidence` is sorted strongest first and `evidence[0]` is the representative pair.
    """

    label: Literal["contradiction", "entailment"]
    kind: Kind | None
    strength: float
    evidence: tuple[Verdict, ...]

    @property
    def top(self) -> Verdict:
        return self.evidence[0]


@dataclass(frozen=True)
class StatementSupport:
    """Corroboration of one sentence: how the other sources relate to it."""

    sentence: Sentence
    supported_by: tuple[str, ...]  # article ids that entail it
    disputed_by: tuple[str, ...]  # article ids that contradict it
    silent: tuple[str, ...]  # other article ids with no decisive pair

    @property
    def status(self) -> Literal["disputed", "supported", "unconfirmed"]:
        if self.disputed_by:
            return "disputed"
        if self.supported_by:
            return "supported"
        return "unconfirmed"


@dataclass(frozen=True)
class ReviewItem:
    """A pair worth a look (checker/review.py): about the same thing, accounts that differ, no proven
    contradiction. Never a conflict. The fields are the reason as data; `reason` says it in words."""

    verdict: Verdict  # the pair's own verdict (label "neutral")
    score: float  # ranking key: similarity x (1 - entailment) x disagreement
    shared_names: tuple[str, ...]  # names both sentences use
    shared_words: tuple[str, ...]  # other content words both use
    entailment: float  # the larger entailment of the two directions
    contradiction: float  # the larger contradiction of the two directions
    contradiction_direction: Literal["a->b", "b->a"]  # premise -> hypothesis of that larger contradiction
    mismatch_kinds: tuple[str, ...]  # model-free checks that fired without making it a conflict
    reason: str  # a Reason naming the sentences as "sentence a" / "sentence b"
    # Where the accounts differ on where the same thing comes from: the claim of sentence a, then b's
    # (checker/provenance.py); None when the item rests on the NLI model or a model-free check.
    provenance: tuple[ProvenanceClaim, ProvenanceClaim] | None = None
    about: str | None = None  # the thing whose provenance differs, as sentence a writes it ("missiles")

    @property
    def pair(self) -> CandidatePair:
        return self.verdict.pair


@dataclass(frozen=True)
class StageTiming:
    name: str
    seconds: float
    items: int  # what the stage processed (articles, sentences, pairs)


@dataclass
class Report:
    """Everything the report writers need. `schema_version` versions report.json."""

    articles: list[Article]
    sentences: list[Sentence]
    conflicts: list[Finding]  # strongest first
    agreements: list[Finding]  # strongest first
    statements: list[StatementSupport]
    pairs_scored: int
    not_comparable: list[Verdict] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)  # worth a look, best first; never conflicts
    timings: list[StageTiming] = field(default_factory=list)
    models: dict[str, str | int] = field(default_factory=dict)  # role -> name or path (+ version); counts
    device: str = "cpu"
    config: dict = field(default_factory=dict)  # the Config used, as a plain dict
    warnings: list[str] = field(default_factory=list)  # input problems reported to the user
    created: str = ""  # ISO timestamp
    schema_version: str = "3.7"

    def context(self, sentence: Sentence, before: int = 1, after: int = 1) -> tuple[list[Sentence], list[Sentence]]:
        """Neighbouring sentences of the same article, for showing a statement in context."""
        same = [s for s in self.sentences if s.article_id == sentence.article_id]
        i = sentence.index
        return [s for s in same if i - before <= s.index < i], [s for s in same if i < s.index <= i + after]

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)
