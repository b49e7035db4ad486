"""When a thing or a running event began, however a sentence tells it, and two sentences that put the
start of one thing where both cannot be: "The pipeline is more than three decades old" / "The pipeline
was laid in 1998"; "The strike, now in its third day, ..." / "The strike began on Monday"; "the race,
now in its 12th edition" / "the race was first run in 2017".

Extraction (`find_starts`, from spaCy's parse and the sentence's dates and times):
- an age of a thing: "the 27-year-old pipeline", "the bridge is more than 30 years old", "nearly
  three decades old", "in its 140-year history" (a person's age is ages.py's, and a noun WordNet
  gives a person or a group is left out);
- how far a running event has come, an ordinal on a unit said of a thing by a possessive: "now in its
  third day", "entered its second week on Tuesday", "the festival's 12th edition" or "season" (yearly:
  the first was that many years before), "marks its 100th anniversary" (begun that many years before);
  not "on the third day of the strike", a day in the past;
- the date or time of a verb or a noun that makes or begins a thing: "was laid in 1998", "founded in
  1989", "opened the first shop 30 years ago", "began on January 18", "first run in 2017", "since its
  launch in 2021"; a verb of beginning over another begins that act ("began running the line in 2019");
- "since" a date, or "for" a length of time, with the perfect: "has been closed since April", "has run the
  chain since 1989", "has been detained for two weeks";
- the date of a past act ("the road was closed in January", "Okafor was detained on 3 March"): a start
  only of the state the act left, where the other sentence tells that state in the passive of the
  perfect with the same verb ("the road has been closed for six months");
- a person's tenure, however it is told: "in his sixth year as head of the cooperative", "now in her
  third year in the job", "in his 13th season growing apricots" (a count of the person's years, read as
  yearly counts are), "who took over as chief executive two years ago" (the act of taking up a post),
  "has led the bank for six years" (a length up to now, above), "has been parish priest for nine years" (a
  title told with "be"), "Haapala, in post since 2022," (a post said without its title), "who took command
  two years ago" (a post taken as the object of a verb of taking), and terms of office, which are counted,
  not measured: "in his second term" / "a third-term governor".

Each gives an interval of days in which the thing began, read against the article's publication day
(or the sentence's own day: "entered its second day on Tuesday"). Ages and yearly counts are read
whole years either way ("27 years old" in 2025 is a start in 1997 or 1998); a day's count is exact.

The thing is the noun the age or count is said of, the subject of the clause for "its", or the
participant of the verb of making or beginning (its head noun and the names in its phrase; a body of people
too where the verb founds one: "the brigade was set up in 1999", "Norvik Air, a company founded in 1986"). Ages count
in days, weeks and months too ("the two-week-old strike"). The rule (`RULE`, kind "date"): the same
thing (`one_thing`: one head noun, and a name in common where both give names), two starts whose
intervals cannot overlap, at least one of them told as an age, a count or a length of time (dates
against dates are the date rule's), of one verb (or one of one kind, verbs.one_kind) where both are
lengths of a state up to now or the thing is a person, a group or a name, which live in many states at
once (`comparable`). Numbers in words are read as the number rule reads them (numbers.py, text2num).

A person's tenure is what the person does: a post ("as head", "in the job", the act of taking one up,
`_TAKING`, and the verbs of holding one, `HOLDING`), or the verb told ("growing apricots" / "has grown
apricots"). Two tenures are compared only where both are a post or one kind of act, of one person (a name
in common: "Bae" / "Governor Bae Jun-ho"), so a person's years in a town and in an office stay apart.

Not for: how long something took ("was built in two years"), ages of people, things one sentence calls
by a pronoun only ("founding it in 1989"), or a dated act inside an activity told in the active perfect
("ran the line in 2019" / "has run the line for 12 years").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from ..types import Mismatch
from .dates import resolve
from .facts import DateMention, SentenceFacts, Start, TimeMention
from .nouns import verbs_of_noun
from .numbers import _parse_number, person_nouns
from .phases import _governing_verb, _participant_words, _root, clause_verb
from .rule import PairContext, Rule
from .things import HEAD as _HEAD, head_of, one_thing
from .times import date_interval, interval
from .verbs import one_kind, verb_lemma

# Verbs that make a thing or begin an event: its date is when the thing began.
MAKING = frozenset("found establish open build construct complete lay launch inaugurate create set start begin "
                   "introduce install erect".split())
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25, "decade": 3652.5, "century": 36525}
_YEARLY = frozenset({"edition", "season", "year", "anniversary"})
_ORDINAL_RE = re.compile(r"^(?:(?P<n>\d+)(?:st|nd|rd|th)|(?P<word>[a-z-]+))$", re.IGNORECASE)
_ORDINAL_WORDS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)}
_OLD_RE = re.compile(r"\b(?P<q>more\s+than|over|almost|nearly|about|around|some|roughly|at\s+least|less\s+than"
                     r"|under)?\s*(?P<n>[\w.,-]+(?:\s+and\s+a\s+half)?)\s+(?P<unit>days?|weeks?|months?|years?|decades?"
                     r"|centuries|century)\s+old\b", re.IGNORECASE)
# A figure not joined to another by a hyphen: "2-3-year-old" is a range, no one age.
_YEAR_OLD_RE = re.compile(r"(?<![\w.-])(?P<n>[\w.]+)[-\s](?P<unit>day|week|month|year|decade|century)[-\s]old\b",
                          re.IGNORECASE)
_HISTORY_RE = re.compile(r"(?<![\w.-])(?P<n>[\w.]+)-(?P<unit>year|decade|century)\s+(?:history|existence|life)\b",
                         re.IGNORECASE)
_FOR_RE = re.compile(r"\bfor\s+(?:the\s+(?:past|last)\s+)?(?P<q>more\s+than|over|almost|nearly|about|around|some)?\s*"
                     r"(?P<n>\d+|an?|[a-z]+(?:-[a-z]+)?)\s+"  # any number in words ("fifteen"), read by _parse_number
                     r"(?P<unit>days?|weeks?|months?|years?|decades?)\b", re.IGNORECASE)

Interval = tuple[dt.date, dt.date]


def ordinal(word: str) -> int | None:
    """"third" -> 3, "12th" -> 12, "twenty-first" -> 21; None for a word that is no ordinal."""
    m = _ORDINAL_RE.match(word)
    if m is None:
        return None
    if m.group("n"):
        return int(m.group("n"))
    w = m.group("word").lower()
    if w in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[w]
    tens, _, last = w.rpartition("-")
    if tens and last in _ORDINAL_WORDS:
        base = _parse_number(tens)
        return int(base) + _ORDINAL_WORDS[last] if base else None
    return None


def find_starts(text: str, doc: Any, dates: tuple[DateMention, ...] | list[DateMention],
                times: tuple[TimeMention, ...] | list[TimeMention]) -> list[Start]:
    """The starts a parsed sentence gives; [] without a parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return []
    out: list[Start] = []
    for regex in (_OLD_RE, _YEAR_OLD_RE, _HISTORY_RE):
        for m in regex.finditer(text):
            n = _parse_number(m.group("n").replace("-", " "))
            thing = _aged_thing(doc, m.start(), m.end(), how_said=regex)
            if n and 0 < n < 2000 and thing:
                out.append(Start(m.group().strip(), m.start(), m.end(), thing, "age", float(n), _unit(m),
                                 _qualifier(m)))
    anchor = next((d for d in dates if d.weekday is not None or d.day is not None or d.day_offset is not None), None)
    for tok, unit, thing in _running_counts(doc):
        n = ordinal(tok.text)
        if n and thing:
            lo = min(t.idx for t in tok.head.subtree if t.i <= tok.head.i)
            hi = tok.head.idx + len(tok.head.text)
            out.append(Start(text[lo:hi], lo, hi, thing, "running", float(n), unit, None, anchor))
    for d in dates:
        made = _made_thing(doc, d.start, d.end) or _made_by_noun(doc, d.start, d.end)
        verb = _clause_verb(d.start, d.end, doc)
        before = _SINCE_BEFORE.search(text[:d.start])  # "since early February": the date's lead is "early"
        since = d.lead == "since" or before is not None
        lo = before.start() if before else d.start
        if made and (d.lead in (None, "in", "on") or since and _perfect(doc, d.start, d.end)):
            out.append(replace(made, text=text[lo:d.end], start=lo, end=d.end, anchor=d,
                               how="since" if since else "made"))
        elif since and _perfect(doc, d.start, d.end):
            thing, person = _with_person(_subject_noun(doc, lo))
            if thing:
                doing = _doing_verb(verb)  # a title told with "be" is a person's ("has been headmaster")
                out.append(Start(text[lo:d.end], lo, d.end, thing, "since", 0.0, "", None, d, verb=doing,
                                 state=_state(verb), of_person=person or doing == "post"))
        elif since and (holder := _title_holder(doc, lo)) is not None:  # "Vos, mayor since 2006,"
            # the date hangs on the sentence's verb of saying, which marked it the statement's: it is the post's
            out.append(Start(text[lo:d.end], lo, d.end, holder, "since", 0.0, "", None, replace(d, reporting=False),
                             verb="post", of_person=True))
        elif d.lead in (None, "in", "on") and _past_act(verb):
            thing, person = _acted_on(verb)
            taken = _activity_taken(verb)
            if taken is not None:  # "took over the running of the wing in 2016": began running the wing, as
                thing, person = _with_person(taken[0])  # "began running the line in 2019" (_made_thing)
                if thing:
                    out.append(Start(d.text, d.start, d.end, thing, "made", 0.0, "", None, d, verb=taken[1],
                                     of_person=person, making=False))
            elif thing:
                out.append(_act(Start(d.text, d.start, d.end, thing, "act", 0.0, "", None, d, verb=_lemma(verb),
                                      of_person=person), verb))
    for m in _FOR_RE.finditer(text):
        n = 1.0 if m.group("n").lower() in ("a", "an") else _parse_number(m.group("n"))
        verb = _clause_verb(m.start(), m.end(), doc)
        if n and (_perfect(doc, m.start(), m.end()) or _ongoing(verb)):
            thing, person = _with_person(_subject_noun(doc, m.start()))
            if thing:
                doing = _doing_verb(verb)
                out.append(Start(m.group().strip(), m.start(), m.end(), thing, "for", float(n), _unit(m), _qualifier(m),
                                 verb=doing, state=_state(verb), of_person=person or doing == "post"))
        elif n and (holder := _title_holder(doc, m.start())) is not None:  # "Iipumbu, a game guard for 11 years,"
            out.append(Start(m.group().strip(), m.start(), m.end(), holder, "for", float(n), _unit(m), _qualifier(m),
                             verb="post", of_person=True))
    for t in times:
        before = _SINCE_BEFORE.search(text[:t.start])
        if before and _perfect(doc, t.start, t.end):  # "closed since last month"
            thing, person = _with_person(_subject_noun(doc, before.start()))
            verb = _governing_verb(t.start, t.end, doc)
            if thing:
                out.append(Start(text[before.start():t.end], before.start(), t.end, thing, "since", 0.0, "", None, None, t,
                                 verb=_lemma(verb),
                                 state=_state(verb), of_person=person))
            continue
        if not (t.how == "in two weeks" and "ago" in t.text.lower()):
            continue
        made = _made_thing(doc, t.start, t.end)
        verb = _governing_verb(t.start, t.end, doc)
        if made:
            out.append(replace(made, text=t.text, start=t.start, end=t.end, how="made", time=t))
        elif _past_act(verb):
            thing, person = _acted_on(verb)
            if thing:
                out.append(_act(Start(t.text, t.start, t.end, thing, "act", 0.0, "", None, None, t, verb=_lemma(verb),
                                      of_person=person), verb))
    tenures = _tenures(text, doc)  # a person's count read as a thing's too ("Ulloa" untyped) is the person's
    return [s for s in out if not any(t.start <= s.start and s.end <= t.end for t in tenures)] + tenures


def _title_holder(doc: Any, start: int) -> frozenset[str] | None:
    """The person a title with a length or a start of time is set beside, without a verb ("Vos, mayor since
    2006,", "Iipumbu, a game guard for 11 years,"): the words of the name the title is in apposition to."""
    tok = next((t for t in doc if t.idx >= start), None)
    title = tok.head if tok is not None and tok.dep_ == "prep" else None
    if title is not None and title.lower_ == "in":  # "Okonkwo, in post since 2021,": "since" on "in"
        title = next((c for c in title.children if c.dep_ == "pobj"), None)
    if title is None or title.pos_ != "NOUN":
        return None
    if title.dep_ == "appos" and _is_person(title):
        holder = title.head
    elif _in_post(title):  # "Rector Haapasalo, in post since 2022, said"
        holder = title.head.head
        holder = _verb_subject(holder) if holder.pos_ in ("VERB", "AUX") else holder
    elif _is_person(title) and any(c.dep_ == "prep" and c.lower_ == "in" and any(_in_post(g) for g in c.children)
                                   for c in title.children):  # "The mayor, in office since 2019,"
        holder = title
    else:
        return None
    thing, person = _with_person(holder)
    return thing if thing and person else None


def _in_post(noun: Any) -> bool:
    """A post said without its title, as the object of "in" ("in post", "in office", "in charge")."""
    return (noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.lemma_.lower() in _TAKEN_POSTS
            and not any(c.dep_ in ("det", "poss", "compound", "amod") for c in noun.children))


def _doing_verb(verb: Any) -> str:
    """A verb's lemma, or "post" for "be" with a title ("has been mayor since 2018")."""
    if verb is not None and verb.lemma_.lower() == "be" and any(
            c.dep_ == "attr" and c.pos_ == "NOUN" and _is_person(c) for c in verb.children):
        return "post"
    return _lemma(verb)


def _act(start: Start, verb: Any) -> Start:
    """A dated past act as a start: of its subject's post where the act takes one up ("Lindmoser, who took
    over as chief executive two years ago", "who became managing director in 2024", "took office 14 months
    ago": how "took", verb "post", the subject a person), else as given."""
    if start.verb in _TAKING_A_NOUN and any(c.dep_ == "dobj" and c.lemma_.lower() in _TAKEN_POSTS
                                            for c in verb.children):
        start = replace(start, verb="take_office")  # "took command two years ago": a post taken, its title unsaid
    if start.verb not in _TAKING:
        return start
    as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if start.verb in _WITH_AS and as_ is None:
        return start  # "took over the company", "succeeded her": no post said
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    holder = _antecedent(subject)
    thing, person = _with_person(holder)
    person = person or holder is not None and holder.text[:1].isupper()  # a name the tagger took for a noun
    noun = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
    # a bare title only: "head teacher" is another post than teaching
    title = noun.lemma_.lower() if noun is not None and not any(
        c.dep_ in ("compound", "amod") for c in noun.children) else ""
    return (replace(start, how="took", verb="post", thing=thing, of_person=True, title=title)
            if thing and person else start)


def _tenures(text: str, doc: Any) -> list[Start]:
    """A person's count of years, seasons or terms: "in his sixth year as head of ...", "now in her third
    year in the job", "in his 13th season growing apricots", "who is in his second term", "a third-term
    governor". The person is the noun the phrase is said of (the name it is set beside, the subject of
    its clause); what the person does is a post ("as ...", "in the job", a term of office), the verb of a
    participle after the unit, or unsaid ("", compared with nothing)."""
    out = []
    for m in _TENURE_RE.finditer(text):
        n = ordinal(m.group("n"))
        thing, person = _with_person(_subject_noun(doc, m.start("whose")))
        person = person or m.group("whose").lower() != "their"  # "his", "her": a person, whatever the tagger says
        if not (n and thing and person):
            continue
        unit = m.group("unit").lower()
        out.append(Start(m.group().strip(), m.start(), m.end(), thing, "running", float(n), unit,
                         verb="post" if unit == "term" else _activity(text, m.end(), doc), of_person=True))
    for m in _TERM_RE.finditer(text):
        n = ordinal(m.group("n"))
        term = next((t for t in doc if t.idx >= m.start() and t.lower_ == "term"), None)
        if not n or term is None:
            continue
        title = term.head
        holder = title.head if title.dep_ == "appos" else title  # "Bae, a third-term governor"
        thing, person = _with_person(holder)
        if thing and (person or _is_person(title)):  # "Alves, a second-term mayor": tagged a plural noun
            out.append(Start(m.group(), m.start(), m.end(), thing, "running", float(n), "term", verb="post",
                             of_person=True))
    return out


_AS_RE = re.compile(r"\s+as\b", re.IGNORECASE)
# ("in the job", and "in office" / "in post" without a determiner)
_IN_POST_RE = re.compile(r"\s+in\s+(?:(?:the|this|that|his|her|their)\s+)?(?P<noun>\w+)", re.IGNORECASE)
_PARTICIPLE_RE = re.compile(r"\s+(?P<verb>\w+ing)\b", re.IGNORECASE)


def _activity(text: str, end: int, doc: Any) -> str:
    """What a person's count of years is of, from the words after it: "post" for "as head of ..." or "in
    the job", the lemma of a participle ("growing apricots": "grow"), else ""."""
    if _AS_RE.match(text, end):
        return "post"
    m = _IN_POST_RE.match(text, end)
    if m and m.group("noun").lower() in _POST_NOUNS:
        return "post"
    m = _PARTICIPLE_RE.match(text, end)
    if m:
        tok = next((t for t in doc if t.idx == m.start("verb")), None)
        if tok is not None and tok.tag_ == "VBG":
            return _lemma(tok)
    return ""


def _unit(m: re.Match) -> str:
    """"years" -> "year", "centuries" -> "century"."""
    word = m.group("unit").lower()
    return "century" if word.startswith("centur") else word.rstrip("s")


def _qualifier(m: re.Match) -> str | None:
    """"more than", "nearly", ... as written before the number, spaces made one."""
    return " ".join((m.groupdict().get("q") or "").lower().split()) or None


def _tokens_in(doc: Any, start: int, end: int) -> list:
    return [t for t in doc if start <= t.idx < end]


def _aged_thing(doc: Any, start: int, end: int, how_said: re.Pattern) -> frozenset[str]:
    """The thing an age is said of: the noun "27-year-old" modifies, the subject of "is 30 years old",
    the possessor of "its 140-year history" (the clause's subject for "its"); not a person."""
    inside = _tokens_in(doc, start, end)
    if not inside:
        return frozenset()
    if how_said is _YEAR_OLD_RE:
        head = inside[-1].head if inside[-1].head not in inside else None
        while head is not None and head.pos_ not in ("NOUN", "PROPN") and head.head.i != head.i:
            head = head.head
        noun = head if head is not None and head.pos_ in ("NOUN", "PROPN") else None
        if noun is not None and noun.i < inside[0].i:
            noun = None  # "a bridge built 27-year-old ...": not what the age modifies
    elif how_said is _OLD_RE:
        root = inside[-1]
        while root.dep_ not in ("acomp", "ROOT") and root.head.i != root.i:
            root = root.head
        verb = root.head if root.dep_ == "acomp" else root
        noun = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    else:
        history = inside[-1]
        owner = next((c for c in history.children if c.dep_ == "poss"), None)
        noun = owner if owner is not None and owner.pos_ in ("NOUN", "PROPN") else None
        if noun is None:
            return _referent(owner) if owner is not None else _subject_of(doc, start)
    return _thing_words(noun)


def _is_person(noun: Any) -> bool:
    """A person or a group by its entity type or its noun (WordNet's first sense, numbers.person_nouns)."""
    return noun.ent_type_ == "PERSON" or noun.pos_ == "NOUN" and noun.lemma_.lower() in person_nouns()


def _thing_words(noun: Any, people: bool = False) -> frozenset[str]:
    """The thing's head lemma, first, and the names in its phrase (phases.py's participant words); a person
    or a group only with `people` (a state they are in, never an age: that is ages.py's)."""
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in ("NORP", "DATE", "TIME"):
        return frozenset()
    if not people and _is_person(noun):
        return frozenset()  # "the 29-year-old guide": a person's age
    return frozenset(_participant_words(noun)) | {_HEAD + noun.lemma_.lower()}


def _antecedent(noun: Any) -> Any:
    """The noun a relative pronoun stands for: "the strike, which began on Friday" -> "strike"; and where
    that noun is set beside a name, the name ("Grace Wanjiru, a mother of three who has lived there for 11
    years": Wanjiru, whom the other article may name with a clause of its own)."""
    if noun is not None and noun.tag_ in ("WDT", "WP") and noun.head.dep_ == "relcl":
        noun = noun.head.head
        if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
            return noun.head
    return noun


def _with_person(noun: Any) -> tuple[frozenset[str], bool]:
    """The thing's words, a person or a group allowed, and whether it is one (or a name, often one)."""
    noun = _antecedent(noun)
    words = _thing_words(noun, people=True)
    return words, bool(words) and (_is_person(noun) or noun.pos_ == "PROPN")  # a name: a person or a body, often


def _subject_of(doc: Any, start: int) -> frozenset[str]:
    """The thing "its" stands for, as _subject_noun finds it; never a person."""
    return _thing_words(_subject_noun(doc, start))


def _subject_noun(doc: Any, start: int) -> Any:
    """The noun a phrase at `start` is said of: the noun it is set beside ("The strike, now in its third
    day,"), else the subject of the verb it hangs on; None if none."""
    tok = next((t for t in doc if t.idx >= start), None)
    seen = set()
    while tok is not None and tok.i not in seen:
        seen.add(tok.i)
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return tok
        if tok.pos_ in ("VERB", "AUX"):
            return _verb_subject(tok)
        if tok.head.i == tok.i:
            return None
        if tok.head.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("prep", "appos", "amod", "advmod"):
            return tok.head
        tok = tok.head
    return None


def _verb_subject(verb: Any) -> Any:
    """A verb's subject, or for a participle or relative clause without one the noun it modifies ("the
    festival, staging its fourth season, ...", "the bus service, running for three years, ...")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return _antecedent(subject)


def _referent(pronoun: Any) -> frozenset[str]:
    """The thing a possessive "its" stands for: the subject of the clause it is in, read from the first verb
    above it ("the festival was cancelled for the first time in its 12-year history": the festival, not the
    time); without a verb above it, as _subject_of reads it ("The strike, now in its third day, ...")."""
    verb = next((a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return _subject_of(pronoun.doc, pronoun.idx)
    return _thing_words(_verb_subject(verb))


def _state(verb: Any) -> bool:
    """The verb told in the passive of the perfect, a state its act left: "has been closed", "have been held"."""
    return verb is not None and any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _ongoing(verb: Any) -> bool:
    """A present participle said of a noun: "the bus service, running for three years, ..." (up to now, as
    the perfect tells it)."""
    return verb is not None and verb.tag_ == "VBG" and verb.dep_ == "acl"


def _lemma(verb: Any) -> str:
    return verb_lemma(verb) if verb is not None else ""


def _past_act(verb: Any) -> bool:
    """A verb told as one act in the past: simple past or its passive, not the perfect, a modal or a future."""
    if verb is None or verb.tag_ not in ("VBD", "VBN"):
        return False
    if verb.tag_ == "VBN" and not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return not any(c.dep_ == "aux" for c in verb.children)


def _acted_on(verb: Any) -> tuple[frozenset[str], bool]:
    """What a past act left in a state: the passive's subject, the object, or the subject of a verb with
    none ("the museum closed in 2024")."""
    kids = list(verb.children)
    noun = next((c for c in kids if c.dep_ == "nsubjpass"), None) or next((c for c in kids if c.dep_ == "dobj"), None)
    if noun is None and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in kids):
        noun = next((c for c in kids if c.dep_ == "nsubj"), None)
    return _with_person(noun)


def _activity_taken(verb: Any) -> tuple[Any, str] | None:
    """(what, the activity's verb) where a verb of taking up or beginning has an activity named by its noun
    for object ("took over the running of the maternity wing", "assumed the management of the port"): the
    act begins that activity on the thing its "of" names; None otherwise."""
    if _lemma(verb) not in _TAKING_UP:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    doing = next(iter(verbs_of_noun(obj.lemma_.lower())), None)  # "running" -> "run", "management" -> "manage"
    of = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
               for g in p.children if g.dep_ == "pobj"), None)
    return (of, doing) if of is not None and doing else None


# Verbs that take up an activity named by its noun ("took over the running of ...")
_TAKING_UP = frozenset({"take_over", "take", "assume", "begin", "start", "inherit", "resume"})


def _made_thing(doc: Any, start: int, end: int) -> Start | None:
    """What the verb of making or beginning that governs a date made or began: its object, or its
    subject in the passive or for a verb of beginning ("the strike began", "the shop opened"); any verb
    told as the first time ("the race was first run in 2017"). A verb of beginning over another ("began
    running the line in 2019") begins what its subject does: the subject's state of that verb. The
    Start's text, place and date are the caller's."""
    verb = _governing_verb(start, end, doc)
    if verb is not None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _BEGIN:
        verb = verb.head  # the date hangs on "running" in "began running the line in 2019"
    if verb is None:
        return None
    done = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if verb.lemma_.lower() in _BEGIN and done is not None:
        thing, person = _with_person(next((c for c in verb.children if c.dep_ == "nsubj"), None))
        return (Start("", 0, 0, thing, "made", 0.0, "", verb=_lemma(done), of_person=person, making=False)
                if thing else None)  # an activity begun, not a thing made
    first = any(c.dep_ == "advmod" and c.lower_ == "first" for c in verb.children)
    if not (verb.lemma_.lower() in MAKING or first):
        return None
    kids = list(verb.children)
    noun = next((c for c in kids if c.dep_ in ("dobj", "nsubjpass")), None)
    if noun is None and verb.lemma_.lower() in ("open", "start", "begin", "launch"):
        noun = next((c for c in kids if c.dep_ == "nsubj"), None)
    if noun is None and verb.dep_ == "acl":
        noun = verb.head  # "the pipeline, laid in 1998, ..."
        if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
            noun = noun.head  # "Norvik Air, a company founded in 1986": the name the noun is set beside
    # a body of people is founded as a thing is built ("the brigade was set up in 1999"); no person is
    thing = _thing_words(_antecedent(noun), people=_lemma(verb) in _FOUNDING)
    making = verb.lemma_.lower() in MAKING
    return Start("", 0, 0, thing, "made", 0.0, "", verb=_lemma(verb), making=making) if thing else None


# Verbs of making a body of people: a company, a club, a brigade is founded once, as a bridge is built.
_FOUNDING = frozenset({"found", "establish", "set_up", "form", "incorporate"})


def _running_counts(doc: Any) -> list[tuple[Any, str, frozenset[str]]]:
    """(ordinal token, unit, thing) for each count of a running event the parse gives: an ordinal that
    modifies a unit of time or a yearly noun said of a thing by a possessive ("now in its third day",
    "the festival's 12th edition", "entered its fifth consecutive week"). Without one ("for the fifth
    year in a row, the council raised ...") the ordinal counts an act of the subject, not the life of a
    thing; with "of" ("on the third day of the strike") or after a preposition that places a moment
    (`_POINT_PREPS`: "on its third day") it names a day in the past; both are left alone."""
    out = []
    for tok in doc:
        noun = tok.head
        unit = noun.lemma_.lower()
        if (tok.dep_ not in ("amod", "compound", "nummod") or noun.pos_ != "NOUN" or unit not in _RUNNING_UNITS
                or ordinal(tok.text) is None):
            continue
        if noun.dep_ == "pobj" and noun.head.lower_ in _POINT_PREPS:
            continue  # "on its third day, the strike spread": a day in the past, not how long it has run
        if noun.tag_ == "NNS":
            continue  # "in their first days of life", "for their first four weeks": a stretch from the start
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            out.append((tok, unit, _referent(owner) if owner.pos_ == "PRON" else _thing_words(owner)))
    return out


_RUNNING_UNITS = frozenset({"day", "week", "month", "year", "edition", "season", "anniversary"})
# Prepositions that place a moment on or around the counted unit ("on its third day", "after its second
# week"): a day in the past. Others ("in its third week", "riders came to its fourth edition") tell the
# unit running now.
_POINT_PREPS = frozenset("on at during after before by until till through throughout since from following over "
                         "within".split())
_BEGIN = frozenset({"begin", "start"})
# Verbs of holding a post ("has led the cooperative for 15 years", "has run the bank since 2019"): what a
# tenure told as a post ("in his sixth year as head") is of. A closed class, which WordNet's senses do not
# join ("lead" / "head" / "run" share no sense there).
HOLDING = frozenset("lead head run chair direct manage govern helm captain coach serve hold".split())
# The nouns that make "in the job" a post said without its title
_POST_NOUNS = frozenset("job post role office position seat".split())
# Verbs of taking up a post ("took over as chief executive two years ago", "became managing director in 2024")
_TAKING = frozenset("take_over take_office become join succeed appoint elect name hire promote install "
                    "swear_in".split())
_WITH_AS = frozenset({"take_over", "succeed"})  # ...which take up a post only with "as" and its title
# ...and a post taken as the object of a verb of taking ("took command", "assumed the post", "took charge")
_TAKING_A_NOUN = frozenset({"take", "assume"})
_TAKEN_POSTS = _POST_NOUNS | frozenset({"command", "charge", "helm", "reins", "leadership"})
_TENURE_RE = re.compile(r"\b(?:now\s+)?(?:in|serving|entering|entered|starting|started|began|begun)\s+"
                        r"(?P<whose>his|her|their)\s+(?P<n>\w+)(?:\s+(?:consecutive|straight))?\s+"
                        r"(?P<unit>year|season|term)\b", re.IGNORECASE)
_TERM_RE = re.compile(r"(?<![\w-])(?P<n>\w+)-term\b", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def _made_by_noun(doc: Any, start: int, end: int) -> Start | None:
    """What a noun of making or beginning that a date is said of made or began: "since its launch in
    2019", "the festival's founding in 1989", "the 2019 opening of the bridge". The noun's verb (WordNet,
    nouns.verbs_of_noun) must be one of MAKING; its possessor ("its": the clause's subject) or its "of"
    is the thing."""
    tok = _root(start, end, doc)
    for _ in range(3):
        if tok is None or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.pos_ == "NOUN":
            break
    if tok is None or tok.pos_ != "NOUN" or not set(verbs_of_noun(tok.lemma_.lower())) & MAKING:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None:
        thing = _referent(owner) if owner.pos_ == "PRON" else _thing_words(owner)
    else:
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        thing = _thing_words(next((c for c in of.children if c.dep_ == "pobj"), None)) if of is not None else frozenset()
    return Start("", 0, 0, thing, "made", 0.0, "") if thing else None


def _perfect(doc: Any, start: int, end: int) -> bool:
    verb = _clause_verb(start, end, doc)
    return verb is not None and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _clause_verb(start: int, end: int, doc: Any) -> Any:
    """The verb of the clause a span hangs in (phases.clause_verb), so that a post or a state told with "be"
    is read as one told with a verb."""
    token = _root(start, end, doc)
    return None if token is None else clause_verb(token)


def start_interval(s: Start, published: dt.date | None) -> Interval | None:
    """The days in which the thing began, or None where the sentence and the publication day do not say."""
    if s.how in ("made", "since", "act", "took"):
        if s.time is not None:
            return interval(s.time, published)
        return date_interval(replace(s.anchor, lead=None), published) if s.anchor is not None else None
    if published is None:
        return None
    day = published
    if s.how == "running" and s.anchor is not None:
        readings = resolve(s.anchor, published)
        if len(readings) != 1 or None in (readings[0].year, readings[0].month, readings[0].day):
            return None
        r = readings[0]
        day = dt.date(r.year, r.month, r.day)
    if s.how == "for":  # "has been closed for three weeks": up to now
        span = s.n * _UNIT_DAYS[s.unit]
        # a quarter either way, but a plain figure of many units no more than half a unit or a tenth of it,
        # whichever is more ("for 11 years" is about 10 to 12 years: no reader takes it for "14 years")
        slack = span * 0.25 if s.qualifier else min(span * 0.25, max(_UNIT_DAYS[s.unit] / 2, span * 0.1))
        lo, hi = span + slack + 1, span - slack
        if s.qualifier in ("more than", "over"):
            lo = span * 100
        return _before(day, lo), _before(day, hi)
    if s.how == "running":
        n = int(s.n)
        if s.unit == "term":
            return None  # terms are counted, not measured (find_start_mismatches)
        if s.unit == "day":
            start = _before(day, n - 1)
            return start, start
        if s.unit == "anniversary":  # "marks its 100th anniversary this year": begun that many years before
            year = max(dt.MINYEAR, day.year - n)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if s.unit in _YEARLY:
            year = max(dt.MINYEAR, day.year - n + 1)
            return _before(dt.date(year, 1, 1), 183), dt.date(year, 12, 31)
        span = _UNIT_DAYS[s.unit]
        return _before(day, span * n), _before(day, span * (n - 1))
    years = s.n * _UNIT_DAYS[s.unit] / 365.25
    lo, hi = years + 1, years  # "27 years old": born between 28 and 27 years ago
    if s.unit in ("day", "week", "month"):  # "a two-week-old strike": one unit of rounding, either way
        step = _UNIT_DAYS[s.unit] / 365.25
        lo, hi = years + step, max(0.0, years - step / 2)
    if s.qualifier in ("more than", "over", "at least"):
        lo = 1000
    elif s.qualifier in ("less than", "under"):
        lo, hi = years, 0
    elif s.qualifier in ("almost", "nearly"):
        lo, hi = years, years - max(1.0, years * 0.1)
    elif s.qualifier in ("about", "around", "some", "roughly"):
        lo, hi = years * 1.1 + 1, years * 0.9
    return _before(published, 365.25 * lo), _before(published, 365.25 * hi)


def _before(day: dt.date, days: float) -> dt.date:
    """The day `days` before `day`; the calendar's first day where that is before it ("for more than 30
    years" reads as any time before, far enough back to leave the calendar)."""
    try:
        return day - dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min


@dataclass(frozen=True)
class StartSettings:
    """Weight of the start rule."""

    weight: float = 0.75  # noisy-OR weight, as for a date that differs (dates.py)


def comparable(x: Start, y: Start) -> bool:
    """Whether two starts are of one thing and one beginning. Two dates of making are the date rule's. The
    date of a past act is a start only of the state it left, told with the same verb (or one of one kind)
    in the other sentence: "the road was closed in January" / "the road has been closed for six months".
    Two lengths of a state up to now ("for", "since") need one verb too where both give one; without,
    they are a thing's (a person, a group or a name lives in many states at once)."""
    if x.of_person and y.of_person and {x.how, y.how} & _TENURE:
        return _one_tenure(x, y)
    if "made" == x.how == y.how or not one_thing(x.thing, y.thing):
        return False
    if "act" in (x.how, y.how):
        act, other = (x, y) if x.how == "act" else (y, x)
        return other.how in ("for", "since") and other.state and bool(act.verb) and one_kind(act.verb, other.verb)
    if x.verb and y.verb and (x.how in ("for", "since") and y.how in ("for", "since") or x.of_person or y.of_person):
        # a post told by its title and by a verb of holding one ("has been parish priest" / "has led the parish")
        return one_kind(x.verb, y.verb) or x.of_person and y.of_person and _doing(x) == _doing(y) == "post"
    return not (x.of_person or y.of_person)


# The readings of a person's tenure beside which a person's length of time, start or count is compared
_TENURE = frozenset({"running", "took"})


def _doing(s: Start) -> str:
    """What a person's start is of: "post" for a post or a verb of holding one, else the verb ("" unsaid)."""
    return "post" if s.verb in HOLDING else s.verb


def _one_tenure(x: Start, y: Start) -> bool:
    """Two starts of one person's tenure (see the module's docstring): one person, terms only against terms,
    and one post or one kind of act."""
    if (x.unit == "term") != (y.unit == "term") or not {x.how, y.how} <= _TENURE | {"for", "since"}:
        return False
    if not _one_person(x.thing, y.thing):
        return False
    dx, dy = _doing(x), _doing(y)
    return bool(dx and dy) and (dx == dy or "post" not in (dx, dy) and one_kind(dx, dy)
                                or _title_of(x, dy) or _title_of(y, dx))


def _title_of(post: Start, doing: str) -> bool:
    """Whether a post's title names the one who does an act ("took over as editor" / "has edited the paper":
    WordNet derives "editor" from "edit"; nouns.verbs_of_noun): one tenure, told by the post and by the act."""
    return post.verb == "post" and bool(post.title) and doing in verbs_of_noun(post.title)


def _one_person(x: frozenset[str], y: frozenset[str]) -> bool:
    """One person: either's head word (the surname, mostly) among the other's words ("bae" of "Bae" in
    "Okdang County Governor Bae Jun-ho")."""
    hx, hy = head_of(x), head_of(y)
    # a name the tagger took for a plural noun lost its "s" to the lemmatizer ("Alves" -> "alve")
    wx, wy = ({w.rstrip("s") for w in t} for t in (x, y))
    return bool(hx and hy) and (hx.rstrip("s") in wy or hy.rstrip("s") in wx)


def tells_tenure(facts: SentenceFacts) -> bool:
    """Whether a sentence tells how long a person has held a post or done a thing (see the module's docstring)."""
    return any(s.of_person and s.how in _TENURE | {"for", "since"} for s in facts.starts)


def same_tenure(a: SentenceFacts, b: SentenceFacts) -> bool:
    """Whether two sentences each tell one person's tenure, of one post or one kind of act, in a way the
    other does not tell alike; what pairing's tenure channel pairs (pairing.tenure_pairs)."""
    return any(x.of_person and y.of_person and {x.how, y.how} & _TENURE and _one_tenure(x, y)
               for x in a.starts for y in b.starts)


def find_start_mismatches(ctx: PairContext, settings: StartSettings) -> list[Mismatch]:
    """One thing given two starts that cannot both hold, one of them told as an age, a count or a length of
    time, or as the state a dated act left; one person given two counts of terms."""
    for x in ctx.a.starts:
        for y in ctx.b.starts:
            if not comparable(x, y):
                continue
            if x.unit == "term" == y.unit:
                told = any("term" in m.a_value and "term" in m.b_value for m in ctx.found.get("numbers", ()))
                if x.n != y.n and not told:  # the number rule compares "his second term" / "his third term" alike
                    return [Mismatch("number", x.text, y.text, f"Different counts of one person's terms: "
                                     f"{x.text} vs {y.text}.")]
                continue
            ix, iy = start_interval(x, ctx.a_published), start_interval(y, ctx.b_published)
            if ix is None or iy is None or ix[0] <= iy[1] and iy[0] <= ix[1]:
                continue
            a_value, b_value = f"{x.text} (began {_show(ix)})", f"{y.text} (began {_show(iy)})"
            what = "one person's tenure" if x.of_person and y.of_person and {x.how, y.how} & _TENURE else "one thing"
            return [Mismatch("date", a_value, b_value, f"Different starts for {what}: {a_value} vs {b_value}.")]
    return []


def _show(iv: Interval) -> str:
    lo, hi = iv
    if lo == hi:
        return lo.isoformat()
    if (hi - lo).days <= 62:
        return f"{lo.isoformat()} to {hi.isoformat()}"
    if lo.year == hi.year or (hi - lo).days > 365 * 50:
        return f"by {hi.year}" if (hi - lo).days > 365 * 50 else str(hi.year)
    return f"{lo.year}-{hi.year}"


RULE = Rule(name="starts", kind="date", settings=StartSettings, find=find_start_mismatches)
