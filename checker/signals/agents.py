"""Who did an act to a thing, read from spaCy's dependency parse, and two sentences that give the same
thing different agents: "the plant will be operated by Brennvik Water's own staff" / "the plant will be
run by Aquanor Services".

Extraction (`find_acts`) rests on the parse of spaCy's `en_core_web_sm` (the `[ner]` extra), not on
verb lists: the agent is the object of a passive's "by" (`agent` -> `pobj`) or an active verb's subject
(`nsubj`, the antecedent for "which" / "who"), the thing is the passive's subject (`nsubjpass`), the noun
a participle modifies ("the aircraft ordered by the ministry") or the active verb's object (`dobj`). An
infinitive with no subject of its own takes the object of the verb it completes ("hired OceanClear to lead
the clean-up": OceanClear leads it).
Only agents a reader can tell apart count: a phrase with a name, or a definite one ("the national air
force", "the ministry's own staff"), never a pronoun or a bare "officials". Without a parse (spaCy not
installed) there are no acts, and the word-pattern makers and suppliers of attribution.py still work.

Use (`agent_contrast`): two sentences that tell an act on the same thing (same head noun, one of them
definite), each with an agent the other sentence does not name. Verbs may differ ("operated" / "run",
"written by" / "prepared"): whether the acts are one act the NLI judge decides; this reading only
shows that the two sentences are about the same thing's agent, which their embedding similarity ranks
low because the names differ. It opens a pairing channel (pairing.act_pairs) and the NLI-only gate
(aggregate.JudgeSettings.same_act_min_similarity), and lets attribution.py compare makers and suppliers
of the same thing whatever else the sentences say.

Acts told in other words ("operated by A" / "run by B", "the aircraft" / "the planes") are listed by
`open_acts`, each with its skeleton (`Act.skeleton`), for the NLI model to say whether they are one act
(checker/act_identity.py): what a verb means, no list here settles.

Not for: two agents of one act both true (a joint venture one sentence names in full: "built by A and
B" names both, so neither is missing); acts whose agent is only implied ("the plant was built").
"""
from __future__ import annotations

from typing import Any, Iterable

from ..text import MONTH_WORDS
from .facts import Act, EntityMention, SentenceFacts
from .names import same_name
from .roles import SAYING
from .verbs import one_kind, phrasal_part, verb_lemma

# Parts of an agent phrase left out: what describes the agent ("Tessen Hydro, an engineering firm")
# rather than names it, and punctuation.
_DESCRIBING = frozenset({"appos", "relcl", "acl", "advcl", "punct", "cc:preconj"})
# The core of the thing's noun phrase, for showing it.
_NOUN_CORE = frozenset({"det", "poss", "amod", "compound", "nummod", "case", "nmod"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_RELATIVE = frozenset({"which", "who", "that"})


def find_acts(doc: Any) -> list[Act]:
    """The acts with an agent and a thing that a parsed sentence tells; [] without a dependency parse.
    Agents a reader cannot tell apart ("police", "officials") are kept, marked not `specific`: they
    still take part in a swap of roles (roles.py), not in a contrast of agents."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() in SAYING or verb.lower_ in SAYING:
            continue
        kids: dict[str, list] = {}
        for child in verb.children:
            kids.setdefault(child.dep_, []).append(child)
        agent = thing = None
        if "agent" in kids:  # passive: "operated by X", "the aircraft ordered by the ministry"
            agent = next((c for c in kids["agent"][0].children if c.dep_ == "pobj" and not is_time(c)), None)
            thing = (kids.get("nsubjpass") or [None])[0]
            if thing is None and verb.dep_ == "acl":
                thing = verb.head
        elif "nsubj" in kids and "dobj" in kids:  # active: "X is constructing the plant"
            agent, thing = kids["nsubj"][0], kids["dobj"][0]
            if agent.lower_ in _RELATIVE and verb.dep_ == "relcl":
                agent = verb.head  # "Northgate, which builds the planes"
        elif "dobj" in kids and verb.dep_ == "xcomp" and "nsubj" not in kids:
            # object control: "hired OceanClear to lead the clean-up": who was hired leads it
            agent = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            thing = kids["dobj"][0]
        part = phrasal_part(verb)
        if (agent is None or thing is None or thing.pos_ not in ("NOUN", "PROPN")
                or (part is not None and part.i == thing.i)):
            continue  # no thing acted on ("the spillway gave way": "way" is part of the verb)
        if agent.pos_ not in ("NOUN", "PROPN"):
            continue  # a pronoun ("it built the bridge"): who it is, the parse does not say
        phrase = participant_phrase(agent)
        core = sorted([thing] + [t for c in thing.children if c.dep_ in _NOUN_CORE for t in c.subtree],
                      key=lambda t: t.i)
        # Names tell agents apart where there are any ("the aircraft builder Strand Aerospace" against
        # "the aircraft maker Northgate"); else the nouns ("the national air force").
        words = (frozenset(t.lower_ for t in phrase if t.pos_ == "PROPN")
                 or frozenset(t.lemma_.lower() for t in phrase if t.pos_ == "NOUN"))
        lo = min(verb.i, phrase[0].i, core[0].i)
        hi = max(verb.i, phrase[-1].i, core[-1].i)
        out.append(Act(
            verb=verb_lemma(verb),
            agent=doc[phrase[0].i:phrase[-1].i + 1].text,
            agent_words=words,
            agent_start=phrase[0].idx,
            agent_end=phrase[-1].idx + len(phrase[-1].text),
            thing=participant_key(thing),
            thing_text=doc[core[0].i:core[-1].i + 1].text,
            wording=doc[lo:hi + 1].text,
            definite=definite_phrase(thing),
            agent_head=participant_key(agent),
            specific=_specific(phrase),
            indefinite=introduced_as_new(agent) or introduced_as_new(thing),
            skeleton=_skeleton(verb, phrase, thing),
        ))
    return out


# The one name every skeleton gives its agent (made up, so that no model knows anything about it).
SKELETON_AGENT = "Halvard"


def _skeleton(verb: Any, agent: list, thing: Any) -> str:
    """The act as a short sentence with one made-up name for its agent: "The plant will be operated by
    Halvard.", "Halvard prepared the assessment.", so that a model can say whether an agent of one act
    is an agent of the other, told in different words. Only the verb (with its auxiliaries, negation
    and particle), the thing's head noun with its determiner or possessor (not its modifiers: "the
    water-bombing aircraft" would not entail "the planes"), and the name. A name, not "someone": "built
    by someone" entails "designed by someone" by mere existence."""
    keep = {verb.i: verb.text, thing.i: thing.text}
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ == "to" and verb.dep_ == "xcomp":
            keep[c.i] = "is to"  # "hired Halvard to lead the clean-up": "Halvard is to lead the clean-up."
        elif c.dep_ in ("aux", "auxpass", "neg", "prt"):
            keep[c.i] = c.text
        elif c.dep_ == "agent":
            keep[c.i] = c.text  # "by"
    for c in thing.children:
        if c.dep_ in ("det", "poss"):
            keep.update({t.i: t.text for t in c.subtree if t.dep_ != "punct" or t.text == "-"})
    keep[agent[0].i] = SKELETON_AGENT
    text = " ".join(keep[i] for i in sorted(keep)).replace(" 's", "'s")
    return text[:1].upper() + text[1:] + "."


def participant_key(token: Any) -> str:
    """How a participant's head word is compared (here and in frames.py): a name as written (lower-cased), else its lemma."""
    return token.lower_ if token.pos_ == "PROPN" else token.lemma_.lower()


def participant_phrase(head: Any) -> list:
    """The words that name a participant (an agent here, a rank's holder in ranks.py), in order: its
    subtree without what describes it (appositions, relative clauses) and without punctuation."""
    dropped = {t.i for c in head.children if c.dep_ in _DESCRIBING and not _close_apposition(head, c)
               for t in c.subtree}
    words = [t for t in head.subtree if t.i not in dropped and t.dep_ != "punct"]
    # keep one contiguous run around the head: what a dropped clause split off is not the agent
    run = [head]
    left = [t for t in words if t.i < head.i]
    right = [t for t in words if t.i > head.i]
    for t in reversed(left):
        if t.i != run[0].i - 1:
            break
        run.insert(0, t)
    for t in right:
        if t.i != run[-1].i + 1:
            break
        run.append(t)
    return run


def _close_apposition(head: Any, child: Any) -> bool:
    """A name set right after its noun with no comma ("the aircraft builder Strand Aerospace"): it is
    the agent's name, not a description of it."""
    return child.dep_ == "appos" and child.left_edge.i == head.i + 1 and child.pos_ == "PROPN"


def _specific(phrase: list) -> bool:
    """An agent a reader can tell apart from another (its head is a noun or a name, find_acts made
    sure): it holds a name, or it is definite ("the national air force", "the ministry's own staff");
    not a bare "officials" or an indefinite "an engineer"."""
    return any(t.pos_ == "PROPN" or t.lower_ in _DEFINITE or t.dep_ == "poss" for t in phrase)


def is_time(token: Any) -> bool:
    """A time, not a doer, where the parse makes one the object of a passive's "by": "will be delivered
    by December", "is to be completed by Friday" (spaCy's DATE and TIME entities, and month words)."""
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in MONTH_WORDS


def introduced_as_new(token: Any) -> bool:
    """A participant introduced as new: an indefinite article, "some", "another", or a count."""
    return any((c.dep_ == "det" and c.lower_ in ("a", "an", "some", "another")) or c.dep_ == "nummod"
               for c in token.children)


def definite_phrase(thing: Any) -> bool:
    """One particular thing: a name, or a noun with a definite determiner or a possessive."""
    return thing.pos_ == "PROPN" or any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE)
                                        for c in thing.children)


def _names_in(facts: SentenceFacts, act: Act) -> list[EntityMention]:
    return [e for e in facts.entities if act.agent_start <= e.start and e.end <= act.agent_end]


def _same_agent(x: Act, a: SentenceFacts, y: Act, b: SentenceFacts) -> bool:
    """One agent under two wordings: shared nouns or names, or names that are one name as a reader sees
    names (aliases, a place inside another, a variant spelling: names.same_name)."""
    if x.agent_words & y.agent_words:
        return True
    return any(same_name(m, n) for m in _names_in(a, x) for n in _names_in(b, y))


def _named_in(act: Act, other: SentenceFacts) -> bool:
    """The other sentence names this agent too (then it names both agents: maker and seller, say)."""
    return bool(act.agent_words) and act.agent_words <= {w.rstrip("s") for w in other.words} | set(other.words)


def agent_contrast(a: SentenceFacts, b: SentenceFacts) -> tuple[Act, Act] | None:
    """The first pair of acts, one from each sentence, on the same thing (same head noun, one of them
    definite) with agents that differ and that each sentence alone names; None when there is none."""
    for x, y in contrasting_acts(a, b):
        return x, y
    return None


def contrasting_acts(a: SentenceFacts, b: SentenceFacts) -> Iterable[tuple[Act, Act]]:
    """Every such pair of acts (agent_contrast), in the order the sentences tell them."""
    return _agent_contrasts(a, b, lambda x, y: x.thing == y.thing)


def _agent_contrasts(a: SentenceFacts, b: SentenceFacts, keep) -> Iterable[tuple[Act, Act]]:
    """Pairs of acts, one from each sentence, that `keep` accepts, with agents a reader tells apart
    that each sentence alone names, at least one of them done to one particular thing. `keep` is
    asked first: comparing agents reads names (names.same_name), which costs more."""
    for x in a.acts:
        for y in b.acts:
            if not (x.specific and y.specific) or not (x.definite or y.definite) or not keep(x, y):
                continue
            if _same_agent(x, a, y, b) or _named_in(x, b) or _named_in(y, a):
                continue
            yield x, y


def open_acts(a: SentenceFacts, b: SentenceFacts, limit: int = 2) -> list[tuple[Act, Act]]:
    """Pairs of acts with different agents (as for contrasting_acts) whose words do not settle whether
    they are one act: another verb for the same thing ("operated by A" / "run by B"), or another head
    noun for the thing of one kind of act ("the aircraft are manufactured by A" / "the planes are made
    by B"). Whether they are is a question of meaning, for a model to answer on their skeletons
    (Act.skeleton; checker/act_identity.py). Acts that share neither the thing nor the kind of act are
    not asked about: with nothing in the words to anchor them, a small model reads unrelated acts as
    one ("reflects the partnership" / "cemented its status"). The first `limit`, in the order the
    sentences tell them."""
    out = list(_agent_contrasts(a, b, lambda x, y: bool(x.skeleton and y.skeleton)
                                and (x.thing == y.thing) != one_kind_of_act(x, y)))
    return out[:limit]


# Verbs, as lemmas, that name one act with different words: making and supplying a thing ("built by
# A" / "supplied by B" tell who it comes from). attribution.py's maker rule reads the same group.
ACT_GROUPS: dict[str, frozenset[str]] = {
    "source": frozenset("make build manufacture produce assemble construct fabricate design develop engineer "
                        "supply provide deliver sell".split()),
}


def act_group(verb: str) -> str | None:
    """The group (ACT_GROUPS) a verb lemma belongs to, or None."""
    return next((g for g, lemmas in ACT_GROUPS.items() if verb in lemmas), None)


def one_kind_of_act(x: Act, y: Act) -> bool:
    """The same verb, or two verbs of one group (ACT_GROUPS)."""
    return one_kind(x.verb, y.verb) or (act_group(x.verb) is not None and act_group(x.verb) == act_group(y.verb))


def one_kind_contrasts(a: SentenceFacts, b: SentenceFacts) -> list[tuple[Act, Act]]:
    """The contrasting acts (contrasting_acts) whose verbs name one kind of act (one_kind_of_act)."""
    return [(x, y) for x, y in contrasting_acts(a, b) if one_kind_of_act(x, y)]


def contrast_reason(x: Act, y: Act) -> str:
    """What a reader is shown: the same thing, two agents."""
    return f"both name who acts on {x.thing_text!r}, and not the same agent: {x.wording!r} vs {y.wording!r}"
