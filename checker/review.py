"""The "worth a look" list: pairs about the same fact whose accounts differ without a proven contradiction.

A conflict needs a model-free mismatch or a confident NLI contradiction. Many real disagreements have
neither: "transferred from Japan's own supplies" against "Japan manufactures the missiles under a
license" contradicts nothing in words, yet a reader comparing the two accounts wants to see them side
by side. `review_items` picks such pairs from the verdicts that were neither a conflict nor an
agreement (nor set aside as about different events), by one of two rules.

The NLI lean:

- about the same thing: embedding similarity at least `min_similarity`, and at least
  `min_shared_words` content words in common, one of them a name (a capitalised word), optionally
  not counting the story's topic words (`topic_share`);
- neither account supports the other: entailment at most `max_entailment` in both directions;
- and something differs: the NLI contradiction reaches `min_contradiction` in at least one direction,
  or a model-free rule found a mismatch that was not enough for a conflict.

Provenance (checker/provenance.py), for pairs the first rule does not list:

- both sentences say where the same thing comes from (a content word in common that the claims are
  about: "missiles"), in terms that differ: made vs taken from existing stock, bought vs donated,
  lent vs donated or bought, or one kind of source with different names ("paid for by A" vs "funded
  by B");
- similarity at least the provenance `min_similarity` (such accounts share few words, so similarity says
  little; pairing's provenance channel finds the pairs that similarity ranks low), and entailment at
  most the provenance `review_max_entailment` in both directions. The NLI model need not lean either way. Such accounts
  can both be true (made under licence, and later taken from stock) or not, and nothing here can
  tell, which is why such a pair is only ever worth a look, never a conflict.

Differences that prove nothing, for pairs that are neither a conflict nor an agreement:

- an NLI-only contradiction less than `Config.judge.nli_only_review_margin` above its bar (aggregate.judge
  marks the verdict with a `review_reason`): the small model alone, barely over the line;
- a near-identical spelling of a name ("Petrvo" / "Petrov", `Signals.doubts` from the name rule);
- different agents of an act on the same thing ("operated by the utility's own staff" / "run by
  Aquanor Services", `Signals.same_act`, read from the parse), at the provenance gates.

They are ranked by `score = similarity x (1 - entailment) x disagreement` (entailment: the larger of
the two directions; disagreement: the larger direction's contradiction, raised to the rule's weight
where a model-free mismatch fired; the provenance `review_weight` for a provenance item, so that with the default
0.5 it ranks below the NLI-lean items, which need similarity 0.7 and contradiction 0.5), each
sentence appears at most once (its best pair), and only the first `max_items` are kept. The list is
shown below the conflicts and never counts as one.

    items = review_items(verdicts, config.review, weights, config.provenance)

Not for: deciding conflicts (aggregate.judge), finding candidate pairs (pairing.py) or reading
provenance from a sentence (provenance.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .aggregate import mismatch_weight
from .provenance import FACET_WORDS, ProvenanceSettings, contrast, provenance_claims
from .ranges import need_count, need_fraction, need_similarity
from .text import content_stems, normalize_word, stem, tokenize
from .types import SIDE_A, SIDE_B, ProvenanceClaim, Reason, ReviewItem, Verdict


@dataclass(frozen=True)
class ReviewSettings:
    """The "worth a look" list (Config.review). Chosen on the gold set: most missed gold conflicts listed
    minus faithful restatements listed, ties to the shorter list (eval/results/review-and-aggregation.md)."""

    max_items: int = 5  # at most this many per run (0: none), each sentence once
    min_similarity: float = 0.7
    max_entailment: float = 0.1  # in both directions
    min_contradiction: float = 0.5  # in one direction, unless a model-free rule found a mismatch
    min_shared_words: int = 2  # content words in common, one of them a name
    # Words in more than this share of the story's sentences are its topic ("Ukraine", "missiles" in a
    # story about missiles for Ukraine): sharing them need not make two sentences about the same fact.
    # 1.0 (the default): every word counts; lower values measured no gain on the gold set.
    topic_share: float = 1.0

    def validate(self) -> "ReviewSettings":
        """Raise ConfigError naming the first field out of range; return self otherwise."""
        need_count(self, "max_items", at_least=0)
        need_similarity(self, "min_similarity")
        need_fraction(self, "max_entailment")
        need_fraction(self, "min_contradiction")
        need_count(self, "min_shared_words", at_least=1)
        need_fraction(self, "topic_share")
        return self


def topic_stems(sentences: Sequence[str], share: float) -> frozenset[str]:
    """Content stems found in more than `share` of the sentences (none when there are fewer than 10)."""
    if len(sentences) < 10 or share >= 1.0:
        return frozenset()
    counts: dict[str, int] = {}
    for text in sentences:
        for key in content_stems(tokenize(text)):
            counts[key] = counts.get(key, 0) + 1
    return frozenset(k for k, n in counts.items() if n > share * len(sentences))


def shared_words(a: str, b: str, topic: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names and the other content words two sentences share, each as the first sentence writes
    it, in its order. A name is a word written with a capital inside the sentence (a sentence's first
    word counts when the other sentence capitalises it too). Stems in `topic` are left out."""
    ta, tb = tokenize(a), tokenize(b)
    stems_b = content_stems(tb)
    capital_b = {stem(t.text) for t in tb if t.text[:1].isupper()}
    names: dict[str, str] = {}
    words: dict[str, str] = {}
    for i, tok in enumerate(ta):
        key = stem(tok.text)
        if key not in stems_b or key in topic or key not in content_stems([tok]):
            continue
        if tok.text[:1].isupper() and key in capital_b:
            names.setdefault(key, normalize_word(tok.text) if not tok.text.isupper() else tok.text.strip(".'’"))
        else:
            words.setdefault(key, normalize_word(tok.text))
    names_out = tuple(dict.fromkeys(_display(t, names) for t in ta if stem(t.text) in names))
    words_out = tuple(w for k, w in words.items() if k not in names)
    return names_out, words_out


def _display(tok, names: dict[str, str]) -> str:
    """A name as written, without a possessive ("Japan's" -> "Japan")."""
    text = tok.text.replace("’", "'")
    text = text[:-2] if text.endswith("'s") else text
    return text if "." in text[:-1] else text.rstrip(".")  # "U.S." keeps its dots


def review_items(verdicts: Sequence[Verdict], settings: ReviewSettings, weights: dict[str, float] | None = None,
                 provenance: ProvenanceSettings = ProvenanceSettings()) -> list[ReviewItem]:
    """The review list from all verdicts of one story, best first (see the module docstring). `weights`:
    each mismatch kind's noisy-OR weight (api.Judged.weights); `provenance`: the provenance gates."""
    weights = weights or {}
    if settings.max_items <= 0:
        return []
    texts = {s.key: s.text for v in verdicts for s in (v.pair.a, v.pair.b)}
    topic = topic_stems(list(texts.values()), settings.topic_share)
    candidates: list[ReviewItem] = []
    for v in verdicts:
        item = (_doubt_candidate(v, settings, provenance) or _candidate(v, settings, weights, topic)
                or _provenance_candidate(v, settings, provenance, topic))
        if item is not None:
            candidates.append(item)
    candidates.sort(key=lambda it: (-it.score, it.verdict.pair.a.key, it.verdict.pair.b.key))
    used: set = set()
    out: list[ReviewItem] = []
    for item in candidates:
        keys = {item.verdict.pair.a.key, item.verdict.pair.b.key}
        if keys & used:
            continue  # one entry per statement: its best pair
        used |= keys
        out.append(item)
        if len(out) >= settings.max_items:
            break
    return out


def _candidate(v: Verdict, settings: ReviewSettings, weights: dict[str, float], topic: frozenset[str]) -> ReviewItem | None:
    if v.label != "neutral":  # conflicts and agreements are listed already; not-comparable pairs are other events
        return None
    s = v.scores
    similarity = v.pair.similarity
    if similarity < settings.min_similarity:
        return None
    entailment = max(s.forward.entailment, s.backward.entailment)
    if entailment > settings.max_entailment:
        return None
    forward_stronger = s.forward.contradiction >= s.backward.contradiction
    contradiction = max(s.forward.contradiction, s.backward.contradiction)
    mismatches = v.signals.mismatches
    if contradiction < settings.min_contradiction and not mismatches:
        return None
    names, words = shared_words(v.pair.a.text, v.pair.b.text, topic)
    if not names or len(names) + len(words) < settings.min_shared_words:
        return None
    disagreement = max([contradiction] + [mismatch_weight(m, weights) for m in mismatches])
    score = similarity * (1 - entailment) * disagreement
    about = f"Both are about {', '.join(names[:4])}" + (f" ({', '.join(words[:4])})" if words else "")
    pieces: list = [about, f"; neither supports the other (entailment at most {entailment:.2f}); "]
    if mismatches:
        pieces.append("a check found " + "; ".join(f"{m.a_value} vs {m.b_value}" for m in mismatches)
                      + " but not enough for a conflict")
    else:
        pieces += [f"the NLI model leans to contradiction without proving it ({contradiction:.2f} taking ",
                   SIDE_A if forward_stronger else SIDE_B, " as true)"]
    reason = Reason.of(*pieces)
    return ReviewItem(verdict=v, score=score, shared_names=names, shared_words=words, entailment=entailment,
                      contradiction=contradiction, contradiction_direction="a->b" if forward_stronger else "b->a",
                      mismatch_kinds=tuple(m.kind for m in mismatches), reason=reason)


def _doubt_candidate(v: Verdict, settings: ReviewSettings, provenance: ProvenanceSettings) -> ReviewItem | None:
    """A neutral pair the judge or a rule marked as differing without proof: an NLI-only contradiction
    just over its bar (`Verdict.review_reason`), listed whatever the gates of the NLI lean, which the
    conflict gates already passed; or a near-identical spelling of a name (`Signals.doubts`) in
    sentences at least `min_similarity` alike (the same statement, a name spelt two ways); or different
    agents of an act on the same thing (`Signals.same_act`: "operated by the utility's staff" / "run
    by Aquanor"), at the provenance gates (similarity and entailment), since such accounts, like
    provenance's, share few words. The last two are ranked with the provenance `review_weight` as their
    disagreement, below the NLI lean's items."""
    if v.label != "neutral" or not (v.review_reason or v.signals.doubts or v.signals.same_act):
        return None
    s = v.scores
    entailment = max(s.forward.entailment, s.backward.entailment)
    if not v.review_reason and not v.signals.doubts:  # different agents of an act on one thing alone
        if not (v.pair.similarity >= provenance.min_similarity and entailment <= provenance.review_max_entailment):
            return None
    elif not v.review_reason and not v.pair.similarity >= settings.min_similarity:
        return None
    contradiction = max(s.forward.contradiction, s.backward.contradiction)
    forward_stronger = s.forward.contradiction >= s.backward.contradiction
    names, words = shared_words(v.pair.a.text, v.pair.b.text)
    disagreement = contradiction if v.review_reason else provenance.review_weight
    reason = "; ".join([v.review_reason] if v.review_reason else list(v.signals.doubts) or [v.signals.same_act])
    return ReviewItem(verdict=v, score=v.pair.similarity * (1 - entailment) * disagreement, shared_names=names,
                      shared_words=words, entailment=entailment, contradiction=contradiction,
                      contradiction_direction="a->b" if forward_stronger else "b->a",
                      mismatch_kinds=tuple(m.kind for m in v.signals.mismatches),
                      reason=Reason.of(reason[:1].upper() + reason[1:]))


def _provenance_candidate(v: Verdict, settings: ReviewSettings, provenance: ProvenanceSettings,
                          topic: frozenset[str]) -> ReviewItem | None:
    """A neutral pair whose sentences say where the same thing comes from in terms that differ
    (checker.provenance.contrast), neither supporting the other."""
    if v.label != "neutral" or provenance.review_weight <= 0:
        return None
    similarity = v.pair.similarity
    if not similarity >= provenance.min_similarity:  # NaN (unscored similarity) too
        return None
    s = v.scores
    entailment = max(s.forward.entailment, s.backward.entailment)
    if entailment > provenance.review_max_entailment:
        return None
    found = contrast(provenance_claims(v.pair.a.text), provenance_claims(v.pair.b.text))
    if found is None:
        return None
    claim_a, claim_b = found
    about = _object_word(v.pair.a.text, claim_a, claim_b)
    forward_stronger = s.forward.contradiction >= s.backward.contradiction
    names, words = shared_words(v.pair.a.text, v.pair.b.text, topic)
    plural = about.endswith("s")
    come, they = ("come", "they are") if plural else ("comes", "it is")
    if claim_a.facet == claim_b.facet:  # same kind of source, different names
        pieces: list = [f"The accounts differ on who the {about} {come} from: ", SIDE_A, f" names {claim_a.source} "
                        f"('{claim_a.cue}'), ", SIDE_B, f" names {claim_b.source} ('{claim_b.cue}')"]
    else:
        pieces = [f"The accounts differ on where the {about} {come} from: ", SIDE_A, _says(claim_a, they), ", ",
                  SIDE_B, _says(claim_b, they)]
    pieces.append(f"; neither supports the other (entailment at most {entailment:.2f}), and nothing proves a contradiction")
    return ReviewItem(verdict=v, score=similarity * (1 - entailment) * provenance.review_weight,
                      shared_names=names, shared_words=words, entailment=entailment,
                      contradiction=max(s.forward.contradiction, s.backward.contradiction),
                      contradiction_direction="a->b" if forward_stronger else "b->a",
                      mismatch_kinds=tuple(m.kind for m in v.signals.mismatches), reason=Reason.of(*pieces),
                      provenance=(claim_a, claim_b), about=about)


def _says(claim: ProvenanceClaim, they: str) -> str:
    """What one side says, e.g. " says they are manufactured ('manufactures … under a license', from RTX)"."""
    words = FACET_WORDS[claim.facet]
    if claim.facet == "funding" and claim.source:
        return f" says {they} {words} {claim.source} ('{claim.cue}')"
    source = f", naming {claim.source}" if claim.source and claim.source not in claim.cue else ""
    return f" says {they} {words} ('{claim.cue}'{source})"


def _object_word(text: str, a: ProvenanceClaim, b: ProvenanceClaim) -> str:
    """The shared thing as sentence a writes it, the mention nearest a's cue ("missiles")."""
    shared = a.objects & b.objects
    mentions = [t for t in tokenize(text) if stem(t.text) in shared and not t.text[:1].isupper()]
    if not mentions:
        return "things"
    nearest = min(mentions, key=lambda t: min(abs(t.start - a.start), abs(t.start - a.end)))
    return normalize_word(nearest.text)
