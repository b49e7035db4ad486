"""What one sentence says, as the rules read it: the record `SentenceFacts` and the mentions it holds
(quantities, dates, names, negations, opposed words, event status, makers and suppliers, times).

Records only: each kind's module (numbers.py, dates.py, ...) extracts its mentions and holds its pair
rule; extract.py gathers a sentence's mentions into one `SentenceFacts` and caches them. This module
imports none of them, so every rule can import the record it reads.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text import Token


@dataclass(frozen=True)
class Quantity:
    """One number in a sentence, with what it counts and the interval of values it allows."""

    text: str  # as written, with hedge and noun: "about 300 troops"
    value: float
    low: float
    high: float
    noun: str | None  # normalised head noun ("troop"), None when none was found
    unit: str | None  # "USD", "percent", ... when the number carries one
    role: str  # "count" (what happened to how many), "total" (the 12 in "3 of the 12"), "all"
    total: float | None  # for "3 of the 12 flights": 12
    before: tuple[str, ...]  # up to three content words before the number, for nouns left unsaid
    start: int
    end: int
    vague: bool = False  # an amount in words ("a few", "dozens", "vast reserves of")
    relative: bool = False  # a size alone ("vast reserves of"): compared only with other amounts in words
    # For a length of time that measures an adjective or adverb, not how long something lasted ("two hours
    # away", "three hours late", "three years old"), or an offset ("16 hours after"): that word's lemma; for
    # an amount per something ("48 zlotys a share"): "per share". Compared only with the same.
    measures: str | None = None
    parts: int = 0  # a sum of this many counts of the sentence ("58 passengers and four crew": 2); 0 as written
    # A percentage told as how much something changed ("up 26 percent": "change") or as a share of a whole
    # ("26 percent of the shares", "a 14 percent stake": "share"), None when the words do not say (numbers.py)
    sense: str | None = None
    # The unit of the figure's last significant digit as written ("2,100": 100; "1.5 billion": 100 million;
    # "about three hours": an hour; whether a figure is exact is its interval's business); None where the
    # figure was not read from one numeral (ranges, vague amounts in words).
    step: float | None = None
    # For a place in the series of a whole ("on the third day of the search"): the lemma of the verb whose act
    # the sentence places there ("find"), None where none governs it (numbers.series_places).
    act: str | None = None

    @property
    def exact(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class DateMention:
    """A date or time as written, with the fields the text itself fixes."""

    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    weekday_rel: str | None = None  # "last", "next", "this", "on" or None
    day_offset: int | None = None  # yesterday = -1, relative to the article's date
    year_offset: int | None = None  # last year = -1
    month_offset: int | None = None
    minutes: int | None = None  # clock time, minutes after midnight
    lead: str | None = None  # the word before a bare month or year: "in", "since", ...
    reporting: bool = False  # the date of a statement ("officials said Thursday"), not of the event
    baseline: bool = False  # the baseline of a comparison ("on the same period last year"), not of the event
    ahead: bool = False  # governed by a verb of the future ("will open in November"): the next such month
    behind: bool = False  # governed by a verb in the past ("began on Monday"): the last such day or month
    occasion: bool = False  # a year naming an occasion ("the 2018 drought"), not dating the event told
    not_before: bool = False  # "not ... until June": the earliest time, as for TimeMention.not_before
    phase: str | None = None  # "start" or "end": the moment of the event the date gives (signals/phases.py)
    # A past year that opens the sentence and sets its scene ("In 2021, about 40 residents were evacuated",
    # "Last year a cargo plane overran the runway"): background, an earlier occurrence, not the news told.
    setting: bool = False
    # A day a state is told as still holding ("the airport remained closed on Saturday", "was still shut
    # on Friday"): neither when it began nor when it ended (signals/phases.py)
    holding: bool = False
    # The date hangs on a verb told as a repeat ("meets again on Friday"): a further occurrence's date
    again: bool = False

    @property
    def dates_event(self) -> bool:
        """Whether the mention says when the event happened (not when it was said or compared with, or a
        day a state still held)."""
        return not (self.reporting or self.baseline or self.holding)

    @property
    def is_time(self) -> bool:
        return self.minutes is not None

    @property
    def year_only(self) -> bool:
        return self.year is not None and self.month is None and self.day is None and self.weekday is None


@dataclass(frozen=True)
class EntityMention:
    """A name as written, its comparison key, type (if known) and the words either side."""

    text: str
    key: str  # alias-resolved, lower case, titles dropped: "raytheon", "lockheed martin"
    words: frozenset[str]  # the key's words, for "Joe Biden" ~ "Biden"
    label: str | None  # spaCy label, None from the heuristic
    before: str | None  # the word before (determiners skipped), lower case
    after: str | None  # the word after, lower case; "'s" for a possessive
    start: int
    end: int
    # The tagger's part of speech of the word after (spaCy only; None from the heuristic): an adverb
    # there ("Washington earlier") is weak evidence of a role the name fills.
    after_pos: str | None = None
    # The places the story's own text puts this name in ("Dorneasca, a town in Transylvania" ->
    # {"transylvania"}), keyed as story_places.norm does; set per story (story_places.StoryPlaces.locate).
    within: frozenset[str] = frozenset()
    # The part it plays, from the parse (slots.py): ("poss", "hall") in "the Halden mill's storage hall",
    # ("in", "arrest") in "arrested a man in Bralowice"; None without a parse or where the parse says none.
    slot: tuple[str, str] | None = None
    # The nouns the story calls this name by and no other name ("the authority" for the Financial
    # Investigation Authority), lower case; set per story (name_kinds.story_kinds, StoryPlaces.locate).
    called: frozenset[str] = frozenset()
    # The other names the story gives the same thing ("the National Council for Higher Education Quality
    # (Conacal)", "the Corporacion Universitaria del Sur Andino, known as Unisurandina"), as written; set
    # per story like `called` (name_kinds.story_aliases).
    aliases: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Negation:
    """A negated word: "will not explicitly mention" -> target stem "mention"."""

    phrase: str  # from the auxiliary before the cue to the target, as written
    target: str  # stem of the negated word
    start: int
    end: int
    verbal: bool = False  # the cue is a verb ("refused to", "ruled out"), not "not"/"no"/"never"
    refusal: bool = False  # a decision or refusal verb ("decided against", "scrapped"), from find_refusals
    subject: str | None = None  # lemma of the negated verb's subject, from the parse ("lava" in "lava was not flowing")
    object: str | None = None  # ...and of its direct object, if any
    passive: bool = False  # the subject is the passive's ("the pipeline had not been shut"): what was acted on


@dataclass(frozen=True)
class Polar:
    """Which side of each antonym pair a sentence uses, with the word: `pair` indexes polarity.ANTONYMS, or
    from polarity.WORDNET_PAIRS_FROM on numbers a pair of WordNet antonyms."""

    pair: int
    side: int
    word: str
    start: int
    # The lemma of who or what the word is said of, from the parse ("water levels ... rose": "level"), when
    # that is a definite or bare noun; None without a parse or a subject.
    subject: str | None = None


@dataclass(frozen=True)
class StatusMention:
    """One statement of an event's status in a sentence."""

    family: str  # event family, e.g. "transfer", "open", "pay"
    status: str  # "done" | "ongoing" | "pending"
    marker: str  # the words as written, for the reader: "received", "underway to transfer"
    start: int
    end: int

    @property
    def done(self) -> bool:
        return self.status == "done"


@dataclass(frozen=True)
class Attribution:
    """A name in the role of maker or supplier, with the wording that gives it the role."""

    agent: EntityMention
    group: str  # the role group ("source")
    wording: str  # "built by Ardent Power", "Velo Energy supplies"


@dataclass(frozen=True)
class Act:
    """Who does what to which thing, read from the dependency parse: "the plant will be operated by
    Brennvik Water's own staff" -> verb "operate", agent "Brennvik Water's own staff", thing "plant"."""

    verb: str  # the verb's lemma
    agent: str  # the agent phrase as written, without appositions or relative clauses
    agent_words: frozenset[str]  # its proper nouns lower-cased, else its nouns' lemmas: what tells agents apart
    agent_start: int  # character span of the agent phrase, to find the names inside it
    agent_end: int
    thing: str  # lemma of the head noun of what the act is done to
    thing_text: str  # that phrase as written ("the environmental assessment")
    wording: str  # the span a reader sees, from the first to the last word of verb, agent and thing
    definite: bool  # the thing is definite ("the plant", "its fleet", a name): one thing, not a kind
    agent_head: str = ""  # the agent's head word, as `thing` is written: lemma, or a name lower-cased
    specific: bool = True  # an agent a reader can tell apart (a name, or definite); else "police", "officials"
    indefinite: bool = False  # agent or thing introduced as new ("a dog", "two men"): maybe not the same one
    skeleton: str = ""  # the act with one made-up agent, as a sentence ("The plant will be run by Halvard.")


@dataclass(frozen=True)
class Participant:
    """One participant of an act as the parse gives it, and as a reader identifies it (frames.py)."""

    role: str  # "agent", "patient", "recipient", or the preposition that introduces it ("from", "as")
    head: str  # the head word: a name lower-cased, else its lemma
    nouns: frozenset[str]  # every noun and name of its phrase, keyed alike ("state", "government")
    start: int  # character span of its phrase, appositions and titles included, to find the names inside
    end: int
    indefinite: bool = False  # introduced as new ("a dog", "two men"): maybe not the one the other sentence means
    definite: bool = False  # one particular: a name, "the", "this" or a possessive ("the ferry", "its crew")


@dataclass(frozen=True)
class Frame:
    """An act with its participants by the part each plays, whatever the voice: "the council was sued
    by residents" -> verb "sue", agent "residents", patient "council" (frames.py)."""

    verb: str  # the verb's lemma (a phrasal verb as WordNet writes it), or a relational noun's ("subsidiary")
    wording: str  # the span a reader sees, from the first to the last word of verb and participants
    participants: tuple[Participant, ...]
    # Character spans of those it is done together with ("signed the treaty with France"): no part of
    # their own, as "with" takes none (frames.py), but no other doer of the act either (roles.py).
    partners: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Occurrence:
    """An event counted among those of its kind in a stretch of time (occurrences.py): "the third
    eruption this century" -> noun "eruption", nth 3, years -100 (this century)."""

    noun: str  # lemma of the event's noun
    nth: int
    since: int | None  # the year the stretch opens ("since 1961"), or None
    years: float | None  # else its length back from the article's date; -100 "this century", -1 "this year",
    # inf the whole history of the thing ("in its history", "in its 140-year history", "the brigade's second walkout")
    text: str  # as written ("third eruption this century")
    since_month: int | None = None  # "since January": the month the stretch opens, in the article's year or the one before
    about: frozenset[str] = frozenset()  # content lemmas of the words that tell the event, beside its noun


@dataclass(frozen=True)
class Quote:
    """Words a sentence quotes and the speaker it gives them to (quotes.py): a name, or a title alone."""

    text: str  # the words between the quotation marks
    content: frozenset[str]  # their content-word stems
    speaker: EntityMention | None  # the speaker's name; None for a speaker told by a title alone
    role: Post | None = None  # the post of a speaker told by a title ("the museum's director", posts.py)


@dataclass(frozen=True)
class Post:
    """A post and the person a sentence names as holding it: "Helen Marsh, the union's regional
    secretary" -> holder "Helen Marsh", title {"regional", "secretary"}, body "union" (posts.py)."""

    holder: str  # the name as written
    holder_words: frozenset[str]  # its words, lower-cased
    title: frozenset[str]  # lemmas of the title's head noun and its adjectives and nouns
    title_text: str  # the title as written ("the union's regional secretary")
    body: str | None  # whose post: a name lower-cased or a noun's lemma; None when unsaid
    body_named: bool = False  # the body is a name ("NMWU"), not a common noun ("union")
    head: str = ""  # the title's head noun lemma ("secretary", "hospital")
    superlative: str | None = None  # the lemma of a superlative that makes the title unique ("large")


@dataclass(frozen=True)
class DatedAct:
    """The act a date or time of a sentence dates, as the parse gives it (phases.py): "Fishermen spotted
    the oil before dawn on Thursday" -> verb "spot", participants {"fisherman", "oil"}, skeleton
    "Fishermen spotted the oil."."""

    start: int  # the date's or time's span
    end: int
    verb: str  # the governing verb's lemma, phrasal where WordNet knows it ("give_way")
    participants: frozenset[str]  # its subject's and object's heads and the names in their phrases
    skeleton: str  # the act alone as a sentence: its verb with auxiliaries and its subject, object and agent
    new_participant: bool = False  # a subject or object introduced as new ("a fire broke out"): maybe another event


@dataclass(frozen=True)
class Rank:
    """A thing's rank by a superlative ("Nabadip is the country's fifth-largest mobile operator"; ranks.py)."""

    n: int  # 5; 1 for a superlative alone ("the largest")
    adjective: str  # the superlative's lemma: "large"
    noun: str | None  # lemma of the noun ranked ("operator"); None for a superlative alone ("the third-largest")
    holder: str  # the holder's head word: a name lower-cased, else its lemma
    holder_start: int  # character span of the holder's phrase, to find the names inside it
    holder_end: int
    scope: tuple[tuple[int, int], ...]  # spans of the names it ranks within ("the country's", "in Poland")
    text: str  # the ranked phrase as written


@dataclass(frozen=True)
class Age:
    """A person's age as the sentence gives it ("Joaquin Peralta, 29,"; ages.py)."""

    person: EntityMention
    age: int
    start: int  # the number's span
    end: int


@dataclass(frozen=True)
class Start:
    """When a thing or a running event began, as one sentence tells it (starts.py): an age ("the
    27-year-old pipeline"), a count of a running event ("now in its third day"), or the date of a verb
    that makes or begins it ("laid in 1998", "has been closed since April")."""

    text: str
    start: int
    end: int
    thing: frozenset[str]  # the thing's head lemma (marked "head:") and the names in its phrase (starts.py)
    how: str  # "age", "running", "for" (the perfect: "has been closed for three weeks"), "made", "since" or
    # "act" (the date of a past act, a start only of the state it leaves: "the road was closed in January")
    n: float  # the age or the count; 0 for a date
    unit: str  # "year", "decade", "day", "edition", ...; "" for a date
    qualifier: str | None = None  # "more than", "nearly", "about", ...
    anchor: DateMention | None = None  # the date ("made", "since"), or the day a count is told of
    time: TimeMention | None = None  # a relative time of making ("30 years ago")
    verb: str = ""  # the lemma of the verb told ("close" for "has been closed for three weeks"); "" for an age or count
    state: bool = False  # a state left by the verb's act, in the perfect: "has been closed for", "has been held since"
    of_person: bool = False  # the thing is a person, a group or a name, which live in many states at once
    title: str = ""  # for a post taken up or held, its noun's lemma where the words give one ("as editor": "editor")
    # For how "made": the verb makes or begins the thing (a verb of making), not any act told as the first
    # time ("the race was first run in 2017", "first alerted the regulator in August")
    making: bool = True


@dataclass(frozen=True)
class Origin:
    """A place joined to a participle in front of a party's noun: "Dublin-based Halvard" -> place
    "Dublin", how "base" (origins.py)."""

    place: str  # as written
    how: str  # the participle's lemma ("base", "list", "flag", "build")
    noun: str  # the modified noun's lemma
    start: int
    end: int
    text: str  # from the place to the noun, as written
    noun_start: int  # where the modified noun begins, to find the name that holds it
    # where the name the noun is set beside begins, if it is ("property investor Veldhoek", "Veldhoek, the
    # Utrecht-based investor"), else None
    name_start: int | None = None


@dataclass(frozen=True)
class Denial:
    """A claim the sentence reports as denied, false or retracted: "the ministry dismissed reports that
    the plant had closed" -> cue "dismissed reports", claim "the plant had closed" (denials.py)."""

    cue: str  # the words that deny it, as written ("dismissed reports", "were false")
    claim: str  # the denied clause as written
    stems: frozenset[str]  # content stems of the claim
    verbs: frozenset[str]  # stems of the claim's verb, of its lemma and as written ("lay", "laid")
    future: bool = False  # the claim is about what will happen ("that the plant will close")
    negative: bool = False  # the claim is itself negated ("claims that residents had not been warned")
    lemma: str | None = None  # the lemma of the claim's verb, for verbs of one kind of act (verbs.py)
    # the claim as a sentence of its own, for the NLI model to read (denials.statement): "The ministry
    # had received a warning." for "the ministry denied that it had received any warning"
    statement: str | None = None
    # the statement without the phrases that set the act in a place, a time or a manner (denials.core_words):
    # "Computers had been taken from its offices." for "... denied that any computers had been taken from its
    # offices on Sunday"
    core: str | None = None
    # the claim's subject where it is one particular thing told by a common noun ("the horse"), by its lemma:
    # a sentence that introduces that noun as new ("a horse tested positive") tells of another one
    subject: str | None = None
    # who the claim says did it, as written, where a name tells it ("Tjiposa" in "Tjiposa denied firing
    # any shots"): an account of the act by someone else does not state the claim (denials.states_claim)
    doer: str | None = None
    # a claim the sentence denies in its own voice by a negative argument (negative_claims.py), and the stem
    # of the noun whose every instance it denies ("no illnesses": "ill"; None for "nobody", "nothing"): a
    # sentence states such a claim in its words only where it names that noun
    own: bool = False
    negated: str | None = None


@dataclass(frozen=True)
class Hedge(Denial):
    """A claim the sentence leaves open, in the shape of a denied claim (`cue`: the hedge as written):
    "the fire may have been started deliberately", "it is unclear whether the dam was inspected"
    (hedges.py)."""

    # Asked as an open question ("unclear whether ...", "examining whether ..."): the account says the
    # matter is unsettled, not only that it is less than certain ("may have", "probably").
    open_question: bool = False
    # Supposed in a condition ("if the plant closes, ..."): never set against a statement, only kept
    # from counting as one.
    supposed: bool = False
    # A decision still to make ("weighing whether to cancel", "undecided whether ... opens"): stated by an
    # account of it as made or as to come ("cancelled the contract", "will cancel the contract").
    decision: bool = False


@dataclass(frozen=True)
class TimeMention:
    """A relative or vague time as written, with how to resolve it."""

    text: str
    start: int
    end: int
    how: str  # the resolver's name in _RESOLVERS
    args: tuple = ()
    past: bool = False  # the sentence reports what happened: a bare "in the autumn" is the last one
    # Under a negation, "until" / "before" gives the earliest time ("is not expected to reopen until June",
    # "would not be ready before the summer"): from then on, not up to then (times.not_until).
    not_before: bool = False


@dataclass(frozen=True)
class Recurrence:
    """A further occurrence of a kind the sentence marks: "another burst water main", "a second fire"."""

    text: str  # as written, from the marker to the noun it belongs to
    nouns: frozenset[str]  # content stems of what recurs ("main"); empty when none was found
    nth: int | None  # 2 for "a second", None for "another", "a further"
    start: int
    end: int
    definite: bool = False  # "the second fire": matches a further occurrence, marks none on its own
    head: str | None = None  # content stem of the phrase's noun ("main" in "another burst water main")


@dataclass(frozen=True)
class UniqueOccurrence:
    """An event presented as the one first or last occurrence of its kind: "its most recent inspection",
    "was last inspected", "the first dose", "first flew" (events.py)."""

    text: str  # the marker and its word as written ("most recent inspection", "last inspected")
    which: str  # "first" or "last"
    event: str  # stem of the event's word, a verb or the noun that names it ("inspect")


@dataclass(frozen=True)
class SentenceFacts:
    """Everything the comparison needs from one sentence, extracted once per text."""

    text: str
    tokens: tuple[Token, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    entities: tuple[EntityMention, ...]
    negations: tuple[Negation, ...]
    polar: tuple[Polar, ...]
    content: frozenset[str]  # content-word stems
    stems: frozenset[str]  # stems of every word, for "does the other sentence use this word"
    words: frozenset[str]  # normalised words, for "does the other sentence name this"
    plan: str | None  # the plan/expectation marker as written, if any
    future: bool  # any talk of the future at all
    past: str | None  # the past-event marker as written, if any
    number_stems: frozenset[str]  # stems of the words inside quantities and dates
    status: tuple[StatusMention, ...] = ()  # events said to be done, under way or not done yet
    contest: tuple[EntityMention, EntityMention] | None = None  # (winner, loser) of a contest it reports
    attributions: tuple[Attribution, ...] = ()  # makers and suppliers it names ("built by X")
    times: tuple[TimeMention, ...] = ()  # relative and vague times ("next month", "by the autumn")
    recurrences: tuple[Recurrence, ...] = ()  # further occurrences it marks ("another fire"; events.py)
    acts: tuple[Act, ...] = ()  # who does what to which thing, from spaCy's parse (agents.py); () without it
    unique: tuple[UniqueOccurrence, ...] = ()  # first or last occurrences it tells, from the parse (events.py)
    denials: tuple[Denial, ...] = ()  # claims it reports as denied, false or retracted (denials.py)
    # claims it leaves open ("may have", "it is unclear whether ..."), in a denied claim's shape (hedges.py)
    hedges: tuple[Hedge, ...] = ()
    frames: tuple[Frame, ...] = ()  # acts with their participants by the part each plays (frames.py)
    posts: tuple[Post, ...] = ()  # posts it names with their holders, from the parse (posts.py)
    starts: tuple[Start, ...] = ()  # when things began: ages, counts of running events, dates of making (starts.py)
    quotes: tuple[Quote, ...] = ()  # quotations with their named speakers, from the parse (quotes.py)
    occurrences: tuple[Occurrence, ...] = ()  # events counted in a stretch of time (occurrences.py)
    origins: tuple[Origin, ...] = ()  # places joined to a participle before a party ("Dublin-based"; origins.py)
    claim: str | None = None  # what it states without who it says states it, if it says (claims.py)
    # (place, the place it is in) as the sentence states it ("Dorneasca, a town in Transylvania"), from the
    # parse (story_places.py): read over a whole story, they tell where its other sentences' places are
    locations: tuple[tuple[str, str], ...] = ()
    # (name, a noun it is called by) as the sentence gives it ("the parish of Clarendon"), from the parse
    # (name_kinds.py): read over a whole story, they tell which name "the parish" elsewhere means
    kinds: tuple[tuple[str, str], ...] = ()
    # (name, another name the sentence gives it) as written: "X (Y)", "X, known as Y" (name_kinds.py)
    aliases: tuple[tuple[str, str], ...] = ()
    # Every part some noun, name or pronoun plays in it (slots.py): whether a name only the other sentence
    # gives has a rival here or adds a detail left unsaid
    slots: frozenset[tuple[str, str]] = frozenset()
    refused_proposals: frozenset[str] = frozenset()  # stems of proposals it refuses ("rejected the offer")
    made_proposals: frozenset[str] = frozenset()  # ...and that it tells as made ("offered", "tabled its offer")
    # The events its dates and times are dates of: (lemma of the governing verb, lemmas of its subject
    # and object heads that are not introduced by "a" / "another"), from the parse (phases.py)
    dated_events: tuple[tuple[str, frozenset[str]], ...] = ()
    dated_acts: tuple[DatedAct, ...] = ()  # the same, one per date or time, with the act as a sentence (phases.py)
    verbs: frozenset[str] = frozenset()  # lemmas of its verbs, from the parse; empty without one
    ages: tuple[Age, ...] = ()  # the ages it gives to the people it names (ages.py)
    ranks: tuple[Rank, ...] = ()  # the ranks by a superlative it gives to the things it names (ranks.py)
    asserted: frozenset[str] = frozenset()  # stems of the verbs it tells without negating them, from the parse
    # (stem of a verb, lemma of its subject or "", lemma of its direct object or "") for each verb told of
    # a definite subject or of an object, from the parse ("lava was flowing": ("flow", "lava", ""); "it shut
    # the pipeline": ("shut", "", "pipeline")); empty without one (polarity.predications)
    predications: frozenset[tuple[str, str, str]] = frozenset()
