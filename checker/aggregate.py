"""Turn NLI scores and model-free signals into verdicts, findings and per-statement support.

- judge(): one pair -> Verdict (contradiction / entailment / neutral / not_comparable), with a
  strength, a kind and the reasons a reader sees.
- group_findings(): verdicts of one label -> Findings; the same disagreement repeated in several
  sentences becomes one finding with several pieces of evidence.
- statement_support(): for each sentence, which other articles support it, dispute it or are silent.
Not for: running models (nli.py) or extracting numbers and names (checker/signals/).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

from .errors import ConfigError
from .ranges import need, need_fraction, need_similarity
from .signals import signal_weights
from .types import (SIDE_A, SIDE_B, CandidatePair, Finding, Mismatch, NLIScores, PairScores, Reason, Sentence,
                    Signals, StatementSupport, Verdict)

# How much one model-free mismatch alone says "these disagree", combined with the NLI contradiction
# probability by noisy-OR: strength = 1 - (1 - p_nli) * (1 - weight). Each rule declares its weight
# beside its code (checker/signals/); these are the defaults, by kind.
DEFAULT_SIGNAL_WEIGHTS = signal_weights()
DEFAULT_WEIGHT = 0.6  # for a mismatch kind no rule declares (a caller's own Mismatch)


@dataclass(frozen=True)
class JudgeSettings:
    """What makes a pair a conflict or an agreement (Config.judge; the CLI's --threshold and
    --nli-only-threshold). `judge` needs `threshold` resolved: `resolved(model_default)`."""

    # Conflict threshold on calibrated strength. None: the NLI model's calibrated one.
    threshold: float | None = None
    agree_threshold: float = 0.6  # entailment probability (either direction) for an agreement
    # A conflict resting on the NLI model alone (no number/date/name/negation mismatch) must be more
    # likely than not: calibrated contradiction probability at least this high in both directions.
    # Lower values find more on the gold set and flag loosely related news sentences (eval/results/gold_sweep.md).
    # None: the same as the conflict threshold.
    nli_only_threshold: float | None = 0.5
    # ...and it must hold in both directions ("min") rather than on average ("mean") or in the stronger
    # direction ("max"), between sentences at least this similar: a small model calls many loosely
    # related sentences contradictory. Chosen on the gold set (eval/results/gold_sweep.md).
    nli_only_direction: str = "min"
    nli_only_min_similarity: float = 0.65
    # ...or this alike, for the one pair of a comparison of two sentences in all (CandidatePair.sole: a
    # claim and a headline): the gate shields from the loosely related pairs that ranking many sentences
    # against many brings up, and such a pair was not ranked. None: the gate above. Unset for the fast
    # model, which reads contradictions into short reports that only relay a claim; set for the strong
    # judge (CascadeSettings).
    sole_pair_min_similarity: float | None = None
    # A one-way NLI-only conflict: one direction's calibrated contradiction at least this high (and at
    # least the two-way bar) while the other direction's entailment is at most `one_way_max_entailment`
    # also counts, between sentences at least `nli_only_min_similarity` alike ("A acquired B" vs "B
    # acquired A" is read as a contradiction one way, as unrelated the other). None: off, only "min".
    # Chosen on the gold set: the ablation is in eval/results/gold_sweep.md and
    # eval/results/review-and-aggregation.md.
    # ...or at least this alike when both name different agents of one kind of act on the same thing
    # (Signals.same_kind_of_act, signals/agents.py): the parse shows they are about one act's agent, which
    # similarity ranks low because the names differ. Chosen on the tuning sets (docs/reading.md).
    same_act_min_similarity: float = 0.45
    # Two acts with different agents told in other words ("operated by A" / "run by B") are one kind of
    # act when the NLI model reads each, one made-up name as its agent, as entailing the other both ways
    # at least this much (checker/act_identity.py). None: only the same verb or a verb group counts. Above
    # the agreement bar: small models read close roles as one ("commissioned" / "written" 0.79).
    same_act_min_entailment: float | None = 0.75
    # Two sentences each naming one party the other does not tell one thing but for the name when the
    # strong judge reads a and b told with a's name as entailing each other both ways at least this much
    # (checker/name_swaps.py); then the pair gets an entity mismatch. None: not asked.
    name_swap_min_entailment: float | None = 0.75
    # ...and each giving one figure or calendar date the other does not, when the strong judge reads b told
    # with a's value and a as following one from the other, one way at least this much, or reads the pair
    # as written as a contradiction both ways at least `value_swap_min_contradiction` (the NLI-only rule's
    # "more likely than not") that told with one value is at most `value_swap_max_contradiction` both ways
    # (checker/value_swaps.py); then the pair gets a number or date mismatch. None: not asked. Chosen on the
    # labelled pairs of the tuning sets: the strong judge's readings of the 276 questions they raise, 186 of
    # planted conflicts, and the tuning sets' flags on no gold pair (docs/reading.md).
    value_swap_min_entailment: float | None = 0.7
    value_swap_min_contradiction: float = 0.5
    value_swap_max_contradiction: float = 0.15
    # A sentence states a claim the other reports as denied, told in other words, when the judge's NLI
    # model reads it as entailing the claim at least this much (checker/denied_claims.py). None: only a
    # sentence that holds the claim's verb and most of its words states it (signals/denials.py). 0.5:
    # more likely entailed than not, not chosen on any set.
    denial_min_entailment: float | None = 0.5
    # ...and such a pair's reading (two different agents of one kind of act on one thing) is evidence of a
    # conflict in itself, of this noisy-OR weight beside the NLI contradiction (0: off): below the 0.6 of
    # a definite mismatch, so the NLI model must still lean to contradiction (0.5 at the weight 0.2), since
    # two agents of one act are often both true (a joint operation, a team). The tuning sets gave the same
    # figures from 0.2 to 0.5; the lowest was kept (docs/reading.md).
    same_act_weight: float = 0.2
    one_way_threshold: float | None = 0.9
    one_way_max_entailment: float = 0.1
    # Below the NLI-only similarity gate, two readers that agree: in the cascade, a pair with no
    # model-free mismatch, at least `confirmed_min_similarity` alike, that the fast model reads as a
    # contradiction both ways at least `confirmed_first_bar` and the strong judge at least
    # `confirmed_bar` (calibrated, weaker direction) is an NLI-only conflict. None: off. Only pairs
    # with both readings (PairScores.first) qualify: not with the fast or the strong judge alone. Chosen
    # on the tuning sets (docs/strong-judge.md): 0.6 is the fast model's own NLI-only bar, 0.7 the lowest
    # strong bar that adds no flag outside the planted conflicts of the tuning sets and the corpus.
    confirmed_min_similarity: float | None = 0.45
    confirmed_first_bar: float = 0.6
    confirmed_bar: float = 0.7
    # An NLI-only conflict (no model-free mismatch, both directions) less than this above its bar is
    # not shown as a conflict but as "worth a look" (checker/review.py): the small model's reading alone,
    # barely over the line, is not what a careful reader accepts. 0: off. Chosen on the tuning set
    # (eval/gold) by eval/tier_margin.py as the widest margin of its grid that moves no found gold
    # conflict (the closest found NLI-only gold conflict is 0.027 over its bar; docs/reading.md).
    nli_only_review_margin: float = 0.02

    def validate(self) -> "JudgeSettings":
        """Raise ConfigError naming the first field out of range; return self otherwise."""
        need_fraction(self, "threshold", optional=True)
        need_fraction(self, "agree_threshold")
        need_fraction(self, "nli_only_threshold", optional=True)
        need(self.nli_only_direction in ("min", "mean", "max"), self, "nli_only_direction", "must be min, mean or max")
        need_similarity(self, "nli_only_min_similarity")
        if self.sole_pair_min_similarity is not None:
            need_similarity(self, "sole_pair_min_similarity")
        need_similarity(self, "same_act_min_similarity")
        need_fraction(self, "same_act_min_entailment", optional=True)
        need_fraction(self, "name_swap_min_entailment", optional=True)
        need_fraction(self, "value_swap_min_entailment", optional=True)
        need_fraction(self, "value_swap_min_contradiction")
        need_fraction(self, "value_swap_max_contradiction")
        need_fraction(self, "denial_min_entailment", optional=True)
        need_fraction(self, "same_act_weight")
        need_fraction(self, "one_way_threshold", optional=True)
        need_fraction(self, "one_way_max_entailment")
        need_fraction(self, "nli_only_review_margin")
        if self.confirmed_min_similarity is not None:
            need_similarity(self, "confirmed_min_similarity")
        need_fraction(self, "confirmed_first_bar")
        need_fraction(self, "confirmed_bar")
        return self

    def resolved(self, model_threshold: float) -> "JudgeSettings":
        """These settings with `threshold` set: its own, or else the NLI model's calibrated one."""
        return self if self.threshold is not None else replace(self, threshold=model_threshold)

    @property
    def nli_only_bar(self) -> float:
        """The strength a conflict with no model-free mismatch must reach: the threshold, or the NLI-only
        threshold when that is set and higher."""
        if self.threshold is None:
            raise ConfigError("threshold", "must be resolved before judging (JudgeSettings.resolved)")
        return self.threshold if self.nli_only_threshold is None else max(self.threshold, self.nli_only_threshold)


def _read_as(scores: PairScores) -> str:
    """What the model read otherwise than written (checker/name_forms.py), for the NLI reason."""
    if not scores.read_as:
        return ""
    return ", reading " + ", ".join(f"{w!r} as {r!r}" for w, r in scores.read_as) + " (one name, figure or time, two writings)"


def combine_directions(forward: NLIScores, backward: NLIScores) -> NLIScores:
    """Average of the two directions: a contradiction should hold both ways, so averaging keeps
    one-sided flukes of a small model from deciding alone."""
    return NLIScores(
        entailment=(forward.entailment + backward.entailment) / 2,
        neutral=(forward.neutral + backward.neutral) / 2,
        contradiction=(forward.contradiction + backward.contradiction) / 2,
    )


def nli_only_strength(scores: PairScores, direction: str) -> float:
    """The contradiction strength of a pair with no model-free mismatch: the weaker direction ("min":
    it must hold both ways), the mean of both ("mean") or the stronger one ("max")."""
    f, b = scores.forward.contradiction, scores.backward.contradiction
    if direction == "min":
        return min(f, b)
    if direction == "max":
        return max(f, b)
    return scores.combined.contradiction


def _one_way(scores: PairScores, settings: JudgeSettings, bar: float) -> Reason | None:
    """The reason a one-way contradiction counts, or None when it does not: one direction at or above
    the one-way threshold (never below `bar`), and the other direction far from supporting it
    (entailment at most `one_way_max_entailment`). A small model's one-sided contradiction is often
    a fluke, hence the stricter threshold; one with the reverse direction entailed is a paraphrase
    read badly, hence the guard."""
    if settings.one_way_threshold is None:
        return None
    forward = scores.forward.contradiction >= scores.backward.contradiction
    strong, other = (scores.forward, scores.backward) if forward else (scores.backward, scores.forward)
    if strong.contradiction < max(bar, settings.one_way_threshold) or other.entailment > settings.one_way_max_entailment:
        return None
    premise, hypothesis = (SIDE_A, SIDE_B) if forward else (SIDE_B, SIDE_A)
    return Reason.of("the NLI model reads these as contradicting each other one way: taking ", premise,
                     " as true, it finds ", hypothesis, f" contradicted ({strong.contradiction:.2f}); the other way "
                     f"round contradiction {other.contradiction:.2f}, entailment {other.entailment:.2f}")


def _confirmed(scores: PairScores, settings: JudgeSettings) -> Reason | None:
    """The reason a pair less alike than the NLI-only gate is an NLI-only conflict, or None: both the
    fast model (before the cascade re-scored it) and the strong judge read a contradiction both ways,
    each at its bar (JudgeSettings.confirmed_*)."""
    if settings.confirmed_min_similarity is None or scores.first is None or scores.judge != "strong":
        return None
    first = min(scores.first)
    strong = min(scores.forward.contradiction, scores.backward.contradiction)
    if (scores.pair.similarity < settings.confirmed_min_similarity or first < settings.confirmed_first_bar
            or strong < settings.confirmed_bar):
        return None
    return Reason.of(f"both NLI judges read these as contradicting each other both ways (the fast model "
                  f"{first:.2f}, the strong judge {strong:.2f} in the weaker direction), although the sentences "
                  f"are less alike ({scores.pair.similarity:.2f}) than an NLI-only conflict needs from one judge "
                  f"({settings.nli_only_min_similarity:.2f})")


def mismatch_strength(signals: Signals, weights: Mapping[str, float] = DEFAULT_SIGNAL_WEIGHTS) -> float:
    """What the model-free mismatches alone say (noisy-OR of their weights): a pair's conflict strength
    when the NLI model gives no contradiction at all."""
    return 1 - _unexplained(signals, weights)


def mismatch_weight(mismatch: Mismatch, weights: Mapping[str, float]) -> float:
    """One mismatch's noisy-OR weight: its own where its rule set one (Mismatch.weight), else its kind's."""
    return weights.get(mismatch.kind, DEFAULT_WEIGHT) if mismatch.weight is None else mismatch.weight


def _unexplained(signals: Signals, weights: Mapping[str, float]) -> float:
    keep = 1.0
    for m in signals.mismatches:
        keep *= 1 - mismatch_weight(m, weights)
    return keep


def nli_only_gate(pair: CandidatePair, settings: JudgeSettings) -> float:
    """How alike a pair with no model-free mismatch must be for the NLI model's reading alone to make it
    a conflict: the NLI-only gate, or for a pair of two one-sentence articles its own (when set)."""
    if pair.sole and settings.sole_pair_min_similarity is not None:
        return min(settings.sole_pair_min_similarity, settings.nli_only_min_similarity)
    return settings.nli_only_min_similarity


def judge(scores: PairScores, signals: Signals, settings: JudgeSettings,
          weights: Mapping[str, float] = DEFAULT_SIGNAL_WEIGHTS) -> Verdict:
    """Decide one pair with `settings` (threshold resolved) and each mismatch kind's noisy-OR `weights`
    (`signal_weights(resolve_settings(config.signals))`). Reasons are ordered: the main one first."""
    if settings.threshold is None:
        raise ConfigError("threshold", "must be resolved before judging (JudgeSettings.resolved)")
    p_con = scores.combined.contradiction
    p_ent = max(scores.forward.entailment, scores.backward.entailment)
    nli_why = (f"NLI: contradiction {p_con:.2f}, entailment {scores.combined.entailment:.2f} "
               f"(mean of both directions)" + _read_as(scores))
    if not signals.comparable:
        return Verdict(scores, signals, "not_comparable", p_con, signals.kind,
                       ("not comparable: " + (signals.not_comparable_reason or ""), nli_why))
    strength = p_con
    why: list[str] = []
    kind = None
    related_enough = True
    bar = settings.threshold
    one_way: Reason | None = None
    if (not signals.mismatches and signals.same_kind_of_act and settings.same_act_weight > 0
            and scores.pair.similarity >= settings.same_act_min_similarity):
        # two agents of one kind of act on one thing (signals/agents.py, act_identity.py): weighed as a mismatch
        kind = "entity"
        strength = 1 - (1 - p_con) * (1 - settings.same_act_weight)
        why.append(signals.same_act or "both name different agents of one kind of act on the same thing")
    elif not signals.mismatches:
        bar = settings.nli_only_bar
        strength = nli_only_strength(scores, settings.nli_only_direction)
        gate = nli_only_gate(scores.pair, settings)
        related_enough = scores.pair.similarity >= (min(settings.same_act_min_similarity, gate)
                                                    if signals.same_kind_of_act else gate)
        if strength < bar and related_enough:
            one_way = _one_way(scores, settings, bar)
            if one_way is not None:
                strength = max(scores.forward.contradiction, scores.backward.contradiction)
        if not related_enough:
            confirmed = _confirmed(scores, settings)
            if confirmed is not None:
                related_enough, one_way = True, confirmed
    else:
        kind = signals.mismatches[0].kind
        strength = 1 - (1 - p_con) * _unexplained(signals, weights)
        why += [m.reason for m in signals.mismatches]
    if strength >= bar and related_enough and kind is None and signals.explained:
        # the NLI model alone, reading something a rule accounts for (an answer against the proposal)
        return Verdict(scores, signals, "neutral", strength, None, (signals.explained, nli_why))
    if (strength >= bar and related_enough and kind is None and one_way is None
            and strength < bar + settings.nli_only_review_margin):
        # The NLI model alone, barely over the line: worth a look, not a conflict a reader accepts.
        doubt = (f"the NLI model alone leans to contradiction ({strength:.2f} in the weaker direction), "
                 f"within {settings.nli_only_review_margin:.2f} of the conflict bar {bar:.2f}: not proven")
        return Verdict(scores, signals, "neutral", strength, None, (doubt, nli_why), review_reason=doubt)
    if strength >= bar and related_enough:
        if kind is None:
            kind = "nli"  # no model-free mismatch: the NLI model alone
            why.append(one_way or "the NLI model reads these as contradicting each other")
            if signals.same_kind_of_act and scores.pair.similarity < settings.nli_only_min_similarity:
                why.append(signals.same_act)
            elif scores.pair.sole and one_way is None and scores.pair.similarity < settings.nli_only_min_similarity:
                why.append(f"the two sentences are all that is compared, so the pair was not ranked among "
                           f"others: no similarity gate beyond pairing's (this pair {scores.pair.similarity:.2f})")
        return Verdict(scores, signals, "contradiction", strength, kind, tuple(why + [nli_why]))
    # A difference that proves nothing either way (a name spelt nearly alike: "Petrvo" / "Petrov") keeps
    # the pair from being an agreement too: worth a look (review.py), which the model reading both
    # names as one (checker/name_forms.py) must not turn into a corroboration.
    if p_ent >= settings.agree_threshold and not signals.mismatches and not signals.doubts:
        direction = "both directions" if min(scores.forward.entailment, scores.backward.entailment) >= settings.agree_threshold else "one direction"
        return Verdict(scores, signals, "entailment", p_ent, None,
                       (f"one statement supports the other ({direction}, entailment {p_ent:.2f})" + _read_as(scores),
                        *signals.notes))
    return Verdict(scores, signals, "neutral", max(p_con, p_ent), kind, tuple(why + [nli_why]))


def _article_pair(v: Verdict) -> frozenset:
    return frozenset((v.pair.a.article_id, v.pair.b.article_id))


def _values(v: Verdict) -> frozenset:
    return frozenset((m.kind, frozenset((m.a_value.lower(), m.b_value.lower()))) for m in v.signals.mismatches)


def group_findings(verdicts: Sequence[Verdict], label: str) -> list[Finding]:
    """Group verdicts of `label` into findings, strongest first.

    Verdicts are taken strongest first; each joins the first finding about the same two articles
    whose representative (strongest) verdict shares a sentence with it or disagrees about the same
    values ("300" vs "2,000" stated twice in each article), else it starts a finding. Comparing with
    the representative only, not with every member, keeps unrelated disputes from chaining together."""
    vs = sorted((v for v in verdicts if v.label == label), key=lambda v: (-v.strength, v.pair.a.key, v.pair.b.key))
    groups: list[list[Verdict]] = []
    for v in vs:
        keys = {v.pair.a.key, v.pair.b.key}
        values = _values(v)
        for members in groups:
            top = members[0]
            if _article_pair(top) != _article_pair(v):
                continue
            if keys & {top.pair.a.key, top.pair.b.key} or (values and values == _values(top)):
                members.append(v)
                break
        else:
            groups.append([v])
    return [Finding(label=label, kind=m[0].kind, strength=m[0].strength, evidence=tuple(m)) for m in groups]


def statement_support(sentences: Sequence[Sentence], verdicts: Iterable[Verdict], article_ids: Sequence[str],
                      agree_threshold: float) -> list[StatementSupport]:
    """For each sentence: the other articles that support it (they entail it), dispute it (a conflict
    verdict) or are silent (no decisive pair)."""
    supported: dict[tuple, set] = {}
    disputed: dict[tuple, set] = {}
    for v in verdicts:
        a, b = v.pair.a, v.pair.b
        if v.label == "contradiction":
            disputed.setdefault(a.key, set()).add(b.article_id)
            disputed.setdefault(b.key, set()).add(a.article_id)
        elif v.label == "entailment":
            # direction matters: b supports a when b (premise) entails a (hypothesis)
            if v.scores.backward.entailment >= agree_threshold:
                supported.setdefault(a.key, set()).add(b.article_id)
            if v.scores.forward.entailment >= agree_threshold:
                supported.setdefault(b.key, set()).add(a.article_id)
    out = []
    for s in sentences:
        d = disputed.get(s.key, set())
        sup = supported.get(s.key, set()) - d
        others = [a for a in article_ids if a != s.article_id]
        silent = tuple(a for a in others if a not in d and a not in sup)
        out.append(StatementSupport(sentence=s, supported_by=tuple(sorted(sup)), disputed_by=tuple(sorted(d)),
                                    silent=silent))
    return out
