"""Who holds a post, read from spaCy's parse, and two sentences that name different people for one post:
"Helen Marsh, the union's regional secretary, said ..." / "Karen Walsh, regional secretary of the
NMWU, said ...".

Extraction (`find_posts`) rests on the dependency parse of `en_core_web_sm` (the `[ner]` extra): a
person's name and a title in apposition ("Helen Marsh, the union's regional secretary", "the union's
regional secretary, Helen Marsh"), a title set before the name ("airport director Ana Ruiz"), or a title
a verb says the person holds now ("Pawel Dudek, who runs Zorza as chief executive": the body is what the
holder runs), or a title said in the present to be a name ("Pagoverde's largest shareholder is Ipê
Capital"; "its" is the sentence's first named subject). A description made one of a kind by a
superlative names one place, company or body as well as one person ("Tumaini National Hospital, the
country's largest public hospital"): two superlatives are
one where WordNet gives them one first sense ("largest" / "biggest", adjectives.py), and one description's
other words must be among the other's; a superlative needs a body it ranks within ("the country's", "in
the region"), or it is none ("his best friend"). The
post is the title's head noun with its adjectives and nouns ("regional secretary", "chief engineer"),
and the body it belongs to, when the sentence says: a possessor ("the union's"), an "of", "at" or
"for" ("of the NMWU", "at Lindtalwasser"), or a noun before the title ("airport director"). A title
with "a" or "an" ("a spokesman for the union, Tom Hale") names one of several holders, not the one,
and is left out. Without a parse there are no posts.

The rule (`RULE`, kind "entity"): one post, two people, each sentence naming only its own. One post
means the same title words and bodies that may be one (the same name or word, or one of them unsaid,
or a common noun against a name: "the union's" / "of the NMWU", which a story tells of one union).
Such sentences share few words and rank low against each other, so pairing has a channel for them
(pairing.post_pairs).

Not for: people who hold a post in turn ("former", "new", "acting" holders are left out), or posts that
several people hold at once, which a definite title does not claim.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..types import Mismatch
from .adjectives import one_adjective
from .facts import Post, SentenceFacts
from .name_variants import variant
from .names import TITLES
from .nouns import one_noun
from .numbers import person_nouns
from .rule import PairContext, Rule

# Bodies a title belongs to, by the preposition that names them.
_BODY_PREPS = frozenset({"of", "at", "for"})
# Words that make a title a holder among several in time, not the one now.
_IN_TURN = frozenset({"former", "new", "acting", "interim", "outgoing", "incoming", "then", "deputy", "assistant"})


def find_posts(doc: Any) -> list[Post]:
    """The posts a parsed sentence names with their holders; [] without a dependency parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out = []
    for tok in doc:
        person = title = None
        if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.pos_ == "PROPN":
            person, title = tok.head, tok  # "Helen Marsh, the union's regional secretary"
        elif tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.head.pos_ == "NOUN":
            person, title = tok, tok.head  # "the union's regional secretary, Helen Marsh"
        elif tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.head.pos_ == "PROPN" and tok.i < tok.head.i:
            person, title = tok.head, tok  # "airport director Ana Ruiz"
        elif tok.dep_ == "pobj" and tok.pos_ == "NOUN" and tok.head.lower_ == "as" and tok.head.dep_ == "prep":
            person, title = _held_as(tok.head.head), tok  # "Pawel Dudek, who runs Zorza as chief executive"
        elif tok.dep_ == "nsubj" and tok.pos_ == "NOUN" and tok.head.lemma_ == "be" and tok.head.tag_ in ("VBZ", "VBP"):
            person, title = _named_as(tok.head), tok  # "The union's general secretary is Helen Marsh"
        if person is None or _hyphen_joined_to_next(title):
            continue  # "vice" and "-" of "vice-president": the title is the last word's
        if person.ent_type_ not in ("PERSON", "") and _superlative(title) is None and not _ranked(person):
            continue  # a company or a place in apposition ("the dam operator Lindtalwasser")
        post = _post(title, person, _body_of_act(title.head.head) if title.dep_ == "pobj" else _its_owner(title))
        if post is not None:
            out.append(post)
    return out


def _held_as(verb: Any) -> Any:
    """The named person a verb says holds a post now ("who runs Zorza as chief executive", "Ana Ruiz
    has led the union as its secretary since 2019"); None for a post held before ("served as", "had
    led ... as"), whose holder may since have changed, or a subject that is no name."""
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ == "VBD" or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        subject = verb.head  # "Pawel Dudek, who runs ..."
    return subject if subject is not None and subject.pos_ == "PROPN" else None


def _named_as(verb: Any) -> Any:
    """The name a title is said to be, in the present ("Pagoverde's largest shareholder is Ipê Capital",
    "its largest shareholder is the venture fund Tezcal Ventures"): the attribute, or the name set beside
    it; None where it is no name."""
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    if attr is not None and attr.pos_ == "NOUN":
        attr = next((c for c in attr.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    return attr if attr is not None and attr.pos_ == "PROPN" else None


def _its_owner(title: Any) -> Any:
    """The name "its" or "their" before a title stands for: the sentence's first named subject
    ("Pagoverde, founded six years ago, ..., and its largest shareholder is ..."); None without one."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in title.children):
        return None
    return next((t for t in title.doc if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.i < title.i), None)


def _body_of_act(verb: Any) -> Any:
    """The name a verb's post belongs to when the title does not say: what the holder runs or leads
    ("runs Zorza as chief executive")."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "prep", "punct", "aux", "auxpass", "relcl", "advcl", "ccomp"):
            continue
        name = next((t for t in c.subtree if t.pos_ == "PROPN"), None)
        if name is not None:
            return name
    return None


def _superlative(title: Any) -> str | None:
    """The lemma of the superlative that makes a title one of a kind ("the country's largest hospital",
    "its most senior judge"), or None."""
    for c in title.children:
        if c.dep_ == "amod" and (c.tag_ == "JJS" or any(m.lower_ == "most" for m in c.children)):
            return c.lemma_.lower()
    return None


def _post(title: Any, person: Any, body_hint: Any = None) -> Post | None:
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in title.children):
        return None  # one of several holders
    joined = _hyphen_joined(title)
    kids = list(title.children) + [c for t in joined for c in t.children]
    body = next((c for c in kids if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
    for c in kids:
        # "the largest hospital in the country": "in" says among which, for a superlative
        in_body = c.lower_ in _BODY_PREPS or (c.lower_ == "in" and _superlative(title) is not None)
        if body is None and c.dep_ == "prep" and in_body:
            body = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
    compounds = [c for c in kids if c.dep_ == "compound" and c.i < title.i and c.pos_ in ("NOUN", "PROPN")]
    if body is None and compounds:
        body = compounds.pop(0)  # "airport director": the body before the title
    if body is None:
        body = body_hint
    words = {title.lemma_.lower()} | {c.lemma_.lower() for c in kids if c.dep_ == "amod"} | {
        c.lemma_.lower() for c in compounds} | {t.lemma_.lower() for t in joined if t.text != "-"}
    if words & _IN_TURN:
        return None
    name = sorted(_name_words(person), key=lambda t: t.i)
    superlative = _superlative(title)
    if person.ent_type_ == "" and len(name) < 2 and superlative is None:
        return None  # one untyped word ("Lindtalwasser") is as likely a company as a person
    if superlative is not None and body is None:
        return None  # largest of what: "his best friend", "the biggest hospital" say not among which
    shown = sorted({title, *joined} | {t for c in kids if c.dep_ in ("amod", "compound", "poss") for t in c.subtree},
                   key=lambda t: t.i)
    title_text = "".join(t.text_with_ws for t in shown).strip() if joined else " ".join(t.text for t in shown)
    return Post(holder=" ".join(t.text for t in name), holder_words=frozenset(t.lower_ for t in name),
                title=frozenset(words), title_text=title_text.replace(" 's", "'s"),
                body=None if body is None else (body.text.lower() if body.pos_ == "PROPN" else body.lemma_.lower()),
                body_named=body is not None and body.pos_ == "PROPN", head=title.lemma_.lower(),
                superlative=superlative)


def _hyphen_joined(title: Any) -> list[Any]:
    """The words a hyphen joins to a title from the left, and the hyphens ("vice-president", "co-founder"),
    which the small model parses as words of their own: part of the title, or a vice-president would hold
    the president's post."""
    doc, i, out = title.doc, title.i, []
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        out += [doc[i - 2], doc[i - 1]]
        i -= 2
    return out


def _hyphen_joined_to_next(tok: Any) -> bool:
    """Whether a hyphen joins `tok` to the word after it, or `tok` is that hyphen ("vice" and "-" of
    "vice-president")."""
    doc, i = tok.doc, tok.i
    if tok.text == "-" and not tok.whitespace_:
        return i + 1 < len(doc)
    return i + 2 < len(doc) and doc[i + 1].text == "-" and not tok.whitespace_ and not doc[i + 1].whitespace_


def speaker_role(noun: Any) -> Post | None:
    """The post a speaker told by a title alone holds ("the museum's director", "a spokesman for the
    regional council", "the interior minister"): a Post with no holder, "a" titles included (which of
    several holders does not matter to whose words they are); None for a noun that names no person or
    body (WordNet's first sense, numbers.person_nouns) or a holder in turn ("the former director")."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in person_nouns():
        return None
    kids = list(noun.children)
    body = next((c for c in kids if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
    if body is None:
        body = next((g for c in kids if c.dep_ == "prep" and c.lower_ in _BODY_PREPS
                     for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
    compounds = [c for c in kids if c.dep_ == "compound" and c.i < noun.i and c.pos_ in ("NOUN", "PROPN")]
    if body is None and compounds:
        body = compounds[0]  # "culture minister": the body before the title
    words = {noun.lemma_.lower()} | {c.lemma_.lower() for c in kids if c.dep_ in ("amod", "compound")}
    if words & _IN_TURN:
        return None
    shown = sorted([noun] + [t for c in kids if c.dep_ in ("amod", "compound", "poss", "det")
                             or c.dep_ == "prep" and c.lower_ in _BODY_PREPS for t in c.subtree], key=lambda t: t.i)
    return Post(holder="", holder_words=frozenset(), title=frozenset(words),
                title_text=" ".join(t.text for t in shown).replace(" 's", "'s"),
                body=None if body is None else (body.text.lower() if body.pos_ == "PROPN" else body.lemma_.lower()),
                body_named=body is not None and body.pos_ == "PROPN", head=noun.lemma_.lower())


def other_speakers(x: Post, y: Post) -> bool:
    """Two speakers' posts that two people hold: titles of different kinds ("director" / "minister")
    in bodies a story does not tell as one (both said, not one name or word, not of one meaning, and not
    a common noun against a name: "the museum's" / "culture"). Either alone can be one person told two
    ways: "the company's chief executive" / "the company's founder" (one body), "the hospital's
    director" / "the clinic's director" (one title)."""
    if x.body is None or y.body is None or _one_body(x, y) or one_noun(x.body, y.body):
        return False
    return not (one_noun(x.head, y.head) or x.title & y.title)


def _ranked(person: Any) -> bool:
    """A name a rank or honorific opens ("Superintendent Moses Fafale"), which the tagger may take for a
    company's: a person's name."""
    first = min(_name_words(person), key=lambda t: t.i, default=None)
    return first is not None and first.lower_ in TITLES and first.i < person.i


def _name_words(head: Any) -> list[Any]:
    """A name's words: its head and the proper nouns compounded onto it, not names further down its
    clauses ("Pawel Dudek, who runs Zorza ..." is Pawel Dudek)."""
    out = [head] if head.pos_ == "PROPN" else []
    for c in head.children:
        if c.dep_ == "compound":
            out += _name_words(c)
    return out


def _one_body(x: Post, y: Post) -> bool:
    """Bodies that may be one: the same, one unsaid, or a common noun against a name."""
    if x.body is None or y.body is None or x.body == y.body:
        return True
    return x.body_named != y.body_named


def _one_title(x: Post, y: Post) -> bool:
    """One post: the same title words; for a superlative description, the same head noun and superlative
    (or kin: "largest" / "biggest") with one's other words among the other's ("the largest public
    hospital" / "the biggest public referral hospital", not "the largest private hospital")."""
    if x.superlative is None or y.superlative is None:
        if x.superlative is not None or y.superlative is not None:
            return False
        # a place qualifier one title gives and the other leaves unsaid ("the Western provincial police
        # commander" / "the provincial police commander"); two qualifiers are two posts
        qx, qy = _qualifiers(x), _qualifiers(y)
        if qx and qy and qx != qy:
            return False  # "the Northern district police commander" / "the Southern district police commander"
        return x.title == y.title or x.title - qx == y.title - qy
    if not (one_noun(x.head, y.head) and one_adjective(x.superlative, y.superlative)):
        return False
    rest_x, rest_y = x.title - {x.head, x.superlative}, y.title - {y.head, y.superlative}
    return rest_x <= rest_y or rest_y <= rest_x


def _qualifiers(post: Post) -> frozenset[str]:
    """The title words written with a capital that are no title's head ("Western" in "Western provincial
    police commander"): the name of a place or body the post is of."""
    return frozenset(w.lower() for w in post.title_text.split()[:-1] if w[:1].isupper())


def _one_holder(x: Post, y: Post) -> bool:
    """One holder: a person's names with words in common ("Marsh" / "Helen Marsh"); a place's or
    company's with one's words among the other's ("Tumaini Hospital" / "Tumaini National Hospital", not
    "Mashariki National Hospital"); or a name written another way."""
    wx, wy = x.holder_words - TITLES, y.holder_words - TITLES  # ranks are no part of a name ("Superintendent")
    if x.superlative is None and wx & wy:
        return True
    if wx <= wy or wy <= wx:
        return True
    return variant(x.holder.lower(), y.holder.lower()) is not None


def _named_in(post: Post, other: SentenceFacts) -> bool:
    return bool(post.holder_words) and post.holder_words <= set(other.words)


def contrasting_posts(a: SentenceFacts, b: SentenceFacts) -> list[tuple[Post, Post]]:
    """Pairs of posts, one from each sentence, that are one post held by different people, each sentence
    naming only its own holder."""
    return [(x, y) for x in a.posts for y in b.posts
            if _one_title(x, y) and _one_body(x, y) and not _one_holder(x, y)
            and not _named_in(x, b) and not _named_in(y, a)]


@dataclass(frozen=True)
class PostSettings:
    """Weight of the post rule."""

    weight: float = 0.6  # noisy-OR weight, as for a different name in the same role (names.py)


def find_post_mismatches(ctx: PairContext, settings: PostSettings) -> list[Mismatch]:
    """One post, two holders ("Helen Marsh, the union's regional secretary" / "Karen Walsh, regional
    secretary of the NMWU"); the first such pair only."""
    if ctx.two_events:
        return []
    for x, y in contrasting_posts(ctx.a, ctx.b):
        who = "names" if x.superlative else "people"
        return [Mismatch("entity", x.holder, y.holder,
                         f"Different {who} named as {x.title_text!r}: {x.holder} vs {y.holder}.")]
    return []


RULE = Rule(name="posts", kind="entity", settings=PostSettings, find=find_post_mismatches)
