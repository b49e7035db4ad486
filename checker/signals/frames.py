"""Who plays which part in an act, read from spaCy's dependency parse whatever the voice: the agent, the
patient, the recipient and the participants a preposition introduces. "Harlow Bank lent 40 million euros
to Dunmore Foods" -> lend: agent Harlow Bank, patient euros, to Dunmore Foods; "the council was sued by
residents" -> sue: agent residents, patient council; "Harlow Group is a subsidiary of Dunmore" ->
subsidiary: agent Harlow Group, of Dunmore.

Roles come from the parse's labels, not from verb lists: the subject of an active verb or the object
of a passive's "by" is the agent; the object of an active verb, the subject of a passive, or the noun a
participle modifies ("the aircraft ordered by the ministry") is the patient; an indirect object
("paid Dunmore 40 million") or the object of "to" is the recipient; "from", "for", "against", "into",
"over", "about", "as", "toward" and "of" name their own parts. Prepositions of time and place ("in",
"on", "at", "after") set the scene and are left out, and so is "with", whose participants play one
part ("the tanker collided with the trawler" is "the trawler collided with the tanker").

A noun that tells an act or a relation is a frame of its own: its possessor and its prepositions'
objects are its parts ("Almvik's takeover of Zorza", "the loan from Kronborg Bank to Almvik"), and
said of a subject, as a predicate or an apposition ("X is a subsidiary of Y", "Y, a unit of X"), the
subject is its holder.

Each participant is its whole noun phrase as a reader identifies it, appositions and titles included
("Puerto Aldunate's mayor, Ines Carcamo"), so that roles.py can tell whether two sentences cast the same
participants in swapped parts. Pronouns take no part: who they are, the parse does not say; but "he" or
"she" as the subject of what a named speaker says is the speaker ("Al Rawahi said he had telephoned ...").

A noun WordNet derives from a verb can be told as that verb's frame (`as_verb_frame`: "Zorza's takeover
of Almvik" as "Zorza took over Almvik"), so that an act told by a verb in one sentence and by a noun in
the other can be compared (roles.py).

A "to", "from" or "against" phrase that the small model hangs on the verb's object ("sent a formal demand
to Navarro", "chartered two aircraft from Coral Sky Airlines") is the verb's participant as a reader
takes it, where the verb has no such phrase of its own.

Not for: participants of clauses the parse does not attach to the verb.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from .agents import definite_phrase, introduced_as_new, is_time, participant_key
from .facts import Frame, Participant
from .nouns import event_noun, verbs_of_noun
from .roles import SAYING
from .verbs import phrasal_part, verb_lemma

PARTICIPANT_PREPOSITIONS = frozenset("to from for against into onto over about as toward towards of".split())
_RELATIVE = frozenset({"which", "who", "that"})


def find_frames(doc: Any) -> list[Frame]:
    """The acts of a parsed sentence with at least two participants; [] without a dependency parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in SAYING and tok.lower_ not in SAYING:
            frame = _verb_frame(doc, tok)
        elif tok.pos_ == "NOUN":
            frame = _noun_frame(doc, tok)
        else:
            frame = None
        if frame is not None:
            out.append(frame)
            told_as_verb = as_verb_frame(frame) if tok.pos_ == "NOUN" else light_verb_frame(frame)
            if told_as_verb is not None:
                out.append(told_as_verb)  # "Almvik's takeover of Zorza" is "Almvik took over Zorza" too
    return out


def _set_beside(obj: Any) -> bool:
    """A noun phrase after a comma that the parse hangs on the verb as its object, where it sums up the
    clause ("replaced Tumusiime as chairman last year, a move that trustees said ..."): no participant."""
    first = obj.left_edge
    # "a move that ...", "a decision which ...": one of a kind, with a clause of its own; not a comma that
    # closes an apposition before the object ("owes the utility, JKP Vodovod, about 210 million dinars")
    summing = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in obj.children) and any(
        c.dep_ in ("relcl", "acl") for c in obj.children)
    return summing and first.i > 0 and obj.doc[first.i - 1].text == "," and obj.i > obj.head.i + 1


def _verb_frame(doc: Any, verb: Any) -> Frame | None:
    kids: dict[str, list] = {}
    for child in verb.children:
        kids.setdefault(child.dep_, []).append(child)
    parts: list[tuple[str, Any]] = []
    part = phrasal_part(verb)
    if "agent" in kids:  # passive: "was sued by residents"
        parts += [("agent", p) for p in kids["agent"][0].children if p.dep_ == "pobj" and not is_time(p)]
        # (a passive whose subject the parse tags "nsubj" and may hang on the auxiliary, as beside "itself":
        # "X was itself acquired by Y")
        passive_subject = [s for t in [verb, *kids.get("auxpass", [])] for s in t.children
                           if s.dep_ == "nsubj"] if "auxpass" in kids else []
        patient = (kids.get("nsubjpass") or passive_subject or [verb.head if verb.dep_ == "acl" else None])[0]
        if patient is not None:
            parts.append(("patient", patient))
    else:
        subject = _subject(verb)
        if subject is not None:
            parts.append(("agent", subject))
        objects = [o for o in kids.get("dobj", []) if (part is None or o.i != part.i) and not _set_beside(o)]
        if len(objects) == 2 and objects[0].i < objects[1].i and objects[0].pos_ in ("NOUN", "PROPN"):
            # two objects, as the small parser reads "paid Radarkon 1.2 million koruna": English's double
            # object puts the recipient first and the thing given second
            parts.append(("recipient", objects[0]))
            objects = objects[1:]
        parts += [("patient", o) for o in objects]
        parts += [("patient", o) for o in kids.get("nsubjpass", [])]
    # a dative with no thing given is the object the small parser misread ("replaced Tumusiime as chairman")
    given = any(role == "patient" for role, _ in parts) or "agent" in kids
    parts += [("recipient" if given else "patient", o) for o in kids.get("dative", []) if o.pos_ in ("NOUN", "PROPN")]
    own = {prep.lower_ for prep in kids.get("prep", []) + kids.get("dative", [])}
    for prep in kids.get("prep", []) + kids.get("dative", []):
        role = prep.lower_
        if role in PARTICIPANT_PREPOSITIONS:
            role = "recipient" if role == "to" else role
            parts += [(role, o) for o in prep.children if o.dep_ == "pobj"]
    cut: set[int] = set()
    held = kids.get("dobj", []) + [o for prep in kids.get("prep", []) if prep.lower_ in PARTICIPANT_PREPOSITIONS
                                   for o in prep.children if o.dep_ == "pobj"]
    for o in held:
        for prep in _stranded(o, own):
            role = "recipient" if prep.lower_ == "to" else prep.lower_
            parts += [(role, g) for g in prep.children if g.dep_ == "pobj"]
            cut |= {t.i for t in prep.subtree}
    return _frame(doc, verb_lemma(verb), verb, parts, cut, _partners(verb, kids))


def _subject(verb: Any, depth: int = 0) -> Any:
    """Who does an active verb's act: its subject; for a relative pronoun, the noun the clause is on
    ("Northgate, which builds the planes") or the focus of a cleft ("it was Rivelo that warned city
    officials", which the small model may parse as a clause of its own); for a verb with no subject of
    its own, the one its controller gives: the object of the verb it completes, else that verb's subject
    ("Seika threatened to seek damages", "persuaded Ulloa to order the evacuation"), or the subject of the
    verb it is joined to ("Tjiposa shot the rhinos and cut off the horns")."""
    kids: dict[str, Any] = {}
    for c in verb.children:
        kids.setdefault(c.dep_, c)  # the first of each part, as _verb_frame reads it
    subject = kids.get("nsubj")
    if subject is not None:
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head
        if subject.lower_ in _RELATIVE:
            return _cleft_focus(subject) or subject
        if subject.lower_ in _SPEAKER_PRONOUNS:
            return _speaker(verb) or subject
        return subject
    if depth > 3 or "nsubjpass" in kids or "agent" in kids or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "xcomp":
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        return obj if obj is not None else _subject(verb.head, depth + 1)
    if verb.dep_ == "conj" and not any(c.dep_ in ("nsubjpass", "agent") for c in verb.head.children):
        return _subject(verb.head, depth + 1)
    return None


# A "he" or "she" subject of what a speaker says is the speaker, as a reader takes it: "Al Rawahi said he had
# telephoned the deputy governor".
_SPEAKER_PRONOUNS = frozenset({"he", "she"})


def _speaker(verb: Any) -> Any:
    """The named speaker of the clause `verb` heads, where it is what a verb of saying says ("Al Rawahi said
    he had telephoned ..."): that verb's subject, a name; else None."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SAYING:
        return None
    speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return speaker if speaker is not None and speaker.pos_ == "PROPN" else None


def _cleft_focus(relative: Any) -> Any:
    """The focus of a cleft before a relative pronoun ("it was Rivelo that ...": Rivelo), or None."""
    for t in reversed(relative.doc[max(0, relative.i - 8):relative.i]):
        if t.dep_ == "attr" and t.head.lemma_ == "be" and any(c.dep_ == "nsubj" and c.lower_ == "it"
                                                              for c in t.head.children):
            return t
    return None


# Prepositions whose phrase the small model often hangs on the object instead of the verb ("sent a formal
# demand to Navarro", "chartered two aircraft from Coral Sky", "filed a complaint against Moreno").
_STRANDED = frozenset({"to", "from", "against"})


def _stranded(obj: Any, own: set[str]) -> list[Any]:
    """The "to", "from" and "against" phrases the parse hangs inside a verb's object (or a participant a
    preposition of the verb introduces: "handed its inquiry into the escape to the PDI"), reached through
    nouns and prepositions only, where the verb has no phrase of that preposition itself: the verb's
    participants as a reader takes them ("Navarro sent a formal demand to Moreno's lawyer": the lawyer
    is whom it was sent to, as in "sent Moreno's lawyer a formal demand")."""
    out = []
    for t in obj.subtree:
        if t.dep_ != "prep" or t.lower_ not in _STRANDED or t.lower_ in own:
            continue
        head = t.head
        while head.i != obj.i and head.pos_ in ("NOUN", "PROPN", "ADP"):
            head = head.head
        if head.i == obj.i:
            out.append(t)
    return out


# Prepositions of doing together: "signed the treaty with France", "alongside its partner".
_TOGETHER = frozenset({"with", "alongside"})


def _partners(verb: Any, kids: dict[str, list]) -> tuple[tuple[int, int], ...]:
    """Character spans of the nouns a verb's act is done together with, on the verb or its object
    ("signed the treaty with France", "signed an accord with France"); not a clause "with" opens
    ("with Dr Marsh assisting", "with Inspector Dacres as his deputy"), whose object the parse makes a
    verb, a noun with a participle on it, or a noun an "as" follows; not an act done beside it ("with
    support from the civil protection office"), whose doer is no partner in this one."""
    # on the object only where it is no one's own: "terminated its agreement with the university" tells
    # whose agreement it is, not who terminated it with the doer
    preps = kids.get("prep", []) + [p for o in kids.get("dobj", []) if not any(c.dep_ == "poss" for c in o.children)
                                    for p in o.children if p.dep_ == "prep"]
    out = []
    for prep in preps:
        if prep.lower_ in _TOGETHER:
            for o in prep.children:
                if (o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN") and not _participle_on(o)
                        and not _as_after(o) and not (o.pos_ == "NOUN" and event_noun(o.lemma_))):
                    span = list(o.subtree)
                    out.append((span[0].idx, span[-1].idx + len(span[-1].text)))
    return tuple(out)


def _participle_on(noun: Any) -> bool:
    """The object is a clause's word, not a partner ("with Justice Rao concurring"): the parse gives it a
    subject of its own, or hangs a participle on it."""
    return any(c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ == "acl" and c.tag_ in ("VBG", "VBN"))
               for c in noun.children)


def _as_after(noun: Any) -> bool:
    """The object has a role given to it by the "as" after it ("with Inspector Dacres as his deputy"):
    it holds that role in the act, not a share of the doing."""
    last = max(t.i for t in noun.subtree)
    nxt = noun.doc[last + 1] if last + 1 < len(noun.doc) else None
    return nxt is not None and nxt.lower_ == "as" and nxt.dep_ == "prep"


def _noun_frame(doc: Any, noun: Any) -> Frame | None:
    """An act or relation told by a noun: its possessor and the objects of its prepositions ("Almvik's
    takeover of Zorza", "the loan from Kronborg Bank to Almvik", "the acquisition of Zorza by Almvik"),
    and, for a noun said of a subject as a predicate or an apposition ("X is a subsidiary of Y", "Y, a
    unit of X"), the subject as its holder."""
    parts: list[tuple[str, Any]] = [("possessor", c) for c in noun.children if c.dep_ == "poss"]
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        role = {"by": "agent", "to": "recipient"}.get(prep.lower_, prep.lower_)
        if role in PARTICIPANT_PREPOSITIONS or role in ("agent", "recipient"):
            parts += [(role, o) for o in prep.children if o.dep_ == "pobj"]
    holder = None
    if noun.dep_ == "attr" and noun.head.lemma_.lower() == "be":
        holder = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    elif noun.dep_ == "appos":
        holder = noun.head
    if holder is not None and not any(role == "agent" for role, _ in parts):
        parts.insert(0, ("holder", holder))  # who it is said of: no agent of the noun's verb ("X is a feature of Y")
    return _frame(doc, noun.lemma_.lower(), noun, parts)


def _frame(doc: Any, verb: str, head: Any, parts: list[tuple[str, Any]],
           cut: frozenset[int] | set[int] = frozenset(),
           partners: tuple[tuple[int, int], ...] = ()) -> Frame | None:
    participants, tokens = [], [head]
    for role, tok in parts:
        if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
            continue  # a pronoun, a number or a clause: who or what it is, the parse does not say
        phrase = [t for t in _phrase(tok, head) if t.i == tok.i or t.i not in cut]
        participants.append(Participant(
            role=role, head=participant_key(tok),
            nouns=frozenset(participant_key(t) for t in phrase if t.pos_ in ("NOUN", "PROPN")),
            start=phrase[0].idx, end=phrase[-1].idx + len(phrase[-1].text), indefinite=introduced_as_new(tok),
            definite=definite_phrase(tok)))
        tokens += [phrase[0], phrase[-1]]
    if len(participants) < 2:
        return None
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    return Frame(verb=verb, wording=doc[lo:hi + 1].text, participants=tuple(participants), partners=partners)


def _phrase(head: Any, act: Any) -> list:
    """A participant's noun phrase: its subtree with appositions, titles and prepositional phrases,
    without the clauses on it ("which ...", "set up in 2019"), punctuation, what an apposition relates
    it to ("Samudra Energi, a unit of Sentosa Migas" is Samudra Energi, a unit), and the act's own words."""
    dropped = {t.i for c in head.children if c.dep_ in ("relcl", "acl", "advcl") for t in c.subtree}
    dropped |= {t.i for c in head.children if c.dep_ == "appos"
                for p in c.children if p.dep_ == "prep" for t in p.subtree}
    if act.i != head.i and any(t.i == act.i for t in head.subtree):
        dropped |= {t.i for t in act.subtree}
    dropped.discard(head.i)  # the head itself always, whatever the parse attached under it
    return [t for t in head.subtree if t.i == head.i or (t.i not in dropped and t.dep_ != "punct")]


# Verbs that, with a noun of an act as their object, tell that act against someone: "filed a lawsuit
# against X" is "sued X", "launched an attack on X" "attacked X" (English's light verbs, a closed class).
_LIGHT = frozenset("file lodge bring launch mount make issue stage".split())
# ...and the prepositions that then introduce whom the act is done to
_AGAINST = frozenset({"against", "on"})


def light_verb_frame(frame: Frame) -> Frame | None:
    """A light verb's frame told as the verb of its object's noun ("The union has filed a lawsuit against
    Karkut" -> sue: agent union, patient Karkut), so that it compares with "Karkut has sued the union"
    (roles.py); None for another verb, a noun of no verb, or no one it is done to. A closed compound
    WordNet does not derive ("lawsuit") is read by its last noun ("suit")."""
    if frame.verb not in _LIGHT:
        return None
    act = next((p for p in frame.participants if p.role == "patient"), None)
    target = next((p for p in frame.participants if p.role in _AGAINST), None)
    if act is None or target is None:
        return None
    verbs = verbs_of_noun(act.head) or next(
        (v for k in range(3, len(act.head) - 3) if (v := verbs_of_noun(act.head[k:]))), ())
    if not verbs:
        return None
    parts = tuple(replace(p, role="patient") if p is target else p for p in frame.participants if p is not act)
    return Frame(verb=verbs[0], wording=frame.wording, participants=parts, partners=frame.partners)


def as_verb_frame(frame: Frame) -> Frame | None:
    """A noun's frame told as its verb's, for a noun WordNet derives from a verb (nouns.verbs_of_noun):
    "Almvik's takeover of Zorza" -> take_over: agent Almvik, patient Zorza; "the acquisition of Zorza by
    Almvik" -> acquire: agent Almvik, patient Zorza; "the driver's arrest by police" -> arrest: agent
    police, patient driver. The possessor is the agent only beside an "of" (alone it may be either:
    "the driver's arrest"); None where the parts do not say, for a noun of no verb, or for a noun said of
    a holder, who is no agent of the verb ("the sloping shoulder was the feature of the new clothes" is
    "the new clothes featured the sloping shoulder")."""
    verbs = verbs_of_noun(frame.verb)
    roles = {p.role for p in frame.participants}
    if not verbs or "holder" in roles:
        return None
    if "agent" in roles:
        mapping = {"of": "patient"} if "of" in roles else {"possessor": "patient"}
    elif {"possessor", "of"} <= roles:
        mapping = {"possessor": "agent", "of": "patient"}
    else:
        return None
    parts = tuple(replace(p, role=mapping.get(p.role, p.role)) for p in frame.participants)
    return Frame(verb=verbs[0], wording=frame.wording, participants=parts)
