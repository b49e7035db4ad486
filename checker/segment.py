"""Split an article into the sentences worth checking, with offsets into `Article.text`.

Stage 2 of the pipeline. Lines are hard boundaries (headlines and captions have no full stop);
pysbd splits sentences inside each line, so "U.S.", "Dec. 19" and quotations ending in ." stay
whole. Page furniture copied along with the article (bylines, share and comment widgets,
copyright, timestamps, photo credits, related-story lists) is left out by the rules in
`FURNITURE`. Not for reading files (ingest.py) or for judging what a sentence claims.

    sentences = segment(article, Config())
    assert article.text[sentences[0].start:sentences[0].end] == sentences[0].text
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from checker.config import Config
from checker.text import strip_span
from checker.types import Article, Sentence

# Pieces of the furniture patterns. A date or time written any common way: "Dec. 19, 2023",
# "19:43 10 Mar 2024", "2024-06-21", "7:05 PM ET".
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
# Tokens never end in "." and separators never hold ":", so each line splits into tokens one way
# only (no catastrophic backtracking on long lines).
_DATE_TOKEN = (rf"(?:{_MONTH}|{_WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
               r"|[ap]\.?m|[ecmp][sd]?t|gmt|utc|bst|cet|cest|msk|jst|ist)")
_DATE_LINE = rf"(?:{_DATE_TOKEN}(?:[\s,./|•–—-]+|$))+"
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|da|del|la|le)){1,3}"
_ROLE = (r"(?i:(?:senior |chief |staff |contributing |special |political |foreign |white house )*"
         r"(?:reporter|writer|correspondent|editor|contributor|journalist|columnist|producer|analyst))")

# Whole lines that are page furniture, not article statements. Each rule must match the entire
# line (after stripping); the comment says what it catches.
FURNITURE: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    # Byline: "By Jane Doe", "by time news", "By Jane Doe and John Roe, Reuters" (no full stop:
    # "By contrast, prices fell." is a sentence)
    r"(?![^\n]*[.!?]$)(?i:by)\s+[\w'’.-]+(?:\s+[\w'’.&-]+){0,5}(?:\s*[,|]\s*[\w'’. &-]+)?",
    # Byline with a role: "Jane Doe, Reporter", "Jane Doe, Senior Political Correspondent"
    rf"{_NAME}\s*[,|–—-]\s*{_ROLE}",
    # Byline with a date: "Jane Doe on December 19, 2023", "Jane Doe | Dec. 19, 2023"
    rf"(?i:by\s+)?{_NAME}\s*(?:on|,|\||•|–|—|-)\s*(?i:{_DATE_LINE})",
    # A date or timestamp alone, maybe labelled: "19:43 10 Mar 2024", "Posted at 7:05 PM, Jun 21, 2024"
    rf"(?i:(?:(?:posted|published|updated|last updated|modified)\b[\s:]*(?:on|at)?[\s:]*)?{_DATE_LINE})",
    # Copyright and rights lines: "© 2024 Example Media", "Copyright ©2023 ... All Rights Reserved."
    r"(?i:(?:copyright|©|\(c\)).*|.*\ball rights reserved\b.*)",
    # Links to the source or to more reading: "Read the original article on ...", "Read more: ..."
    r"(?i:(?:read|view|see) (?:the )?(?:original|full|more|also)\b.*|(?:also|more) read\b.*)",
    # Comment widgets: "Leave a Comment", "12 Comments", "Join the conversation"
    r"(?i:(?:leave|post|add|write) a (?:comment|reply)\b.*|\d*\s*comments?|join the (?:conversation|discussion)\b.*)",
    # Share bars: "Share this", "Share on Facebook", "Facebook Twitter Email Print"
    r"(?i:share (?:this|on|via|the|article|story)\b.*|(?:(?:share|tweet|email|e-mail|print|facebook|twitter|x|"
    r"linkedin|whatsapp|telegram|reddit|copy link|pinterest)(?:[\s|/•,]+|$))+)",
    # Correction widgets: "Spotted a typo? ...", "Found an error?", "... press Ctrl+Enter", "Spelling error report"
    r"(?i:.*\b(?:spelling error|spotted an? (?:typo|mistake|error)|found an? (?:typo|mistake|error)"
    r"|report an? (?:typo|mistake|error)|ctrl\s*\+\s*enter|sent to our editors)\b.*)",
    # Photo and video credits: "Photo: Jane Doe / AP", "Image credit: ...", "(Getty Images)"
    r"(?i:\(?(?:photo|image|picture|video|illustration|graphic|file photo)s?(?: credits?)?\s*(?::|by\b|courtesy\b).{0,100}"
    r"|.{0,80}\b(?:getty images|ap photo|afp via getty|shutterstock|reuters/)\b.{0,80})",
    # Advertising and newsletter prompts: "Advertisement", "Story continues below", "Sign up for ..."
    r"(?i:advertisement|sponsored(?: content)?|(?:story )?continues? (?:below|reading|after)\b.*"
    r"|skip (?:advertisement|ad)|(?:sign up|subscribe)\b.*)",
    # Follow prompts: "Follow us on Twitter", "Follow @example"
    r"(?i:follow (?:us|@)\S*.*)",
))

# Headings after which a copied page lists other stories: the heading and the rest go.
END_OF_ARTICLE = re.compile(
    r"(?i:(?:you may also like|more stories|more from [\w ]+|related(?: stories| articles| coverage| content)?"
    r"|recommended(?: for you| stories| articles)?|most (?:read|popular|viewed)|read next|trending(?: now)?"
    r"|latest (?:news|stories))\s*:?)"
)

# A dateline before the first sentence of a paragraph: "TOKYO—", "KYIV, Ukraine (AP) — ".
DATELINE = re.compile(
    r"(?=[A-Z.'’ ]*[A-Z]{3})[A-Z][A-Z.'’ ]{2,30}(?:,\s*[A-Z][\w.'’ ]{1,30})?"
    r"\s*(?:\([A-Za-z .]{2,20}\)\s*)?(?:\s*[—–]\s*|\s+--?\s+)"
)

_TERMINAL = tuple(".!?\"”’'…)")  # a line ending in one of these is a sentence, not a label
SHORT_LINE_WORDS = 5  # fewer words than this and no final punctuation: a label or caption


def segment(article: Article, config: Config) -> list[Sentence]:
    """The article's statements as sentences, furniture left out, with offsets into its text.

    `article.text[s.start:s.end] == s.text` for every sentence; indexes count kept sentences.
    Sentences shorter than `config.min_sentence_chars` are dropped; longer than
    `config.max_sentence_chars` are split at a clause or word boundary.
    """
    text = article.text
    spans: list[tuple[int, int]] = []
    for start, end in _lines(text):
        line = text[start:end]
        if END_OF_ARTICLE.fullmatch(line) and spans:
            break
        if is_furniture(line, is_title=line == article.title):
            continue
        for sent_start, sent_end in _sentences(text, start, end):
            spans.extend(_limit_length(text, sent_start, sent_end, config.max_sentence_chars))
    kept = [(s, e) for s, e in spans if e - s >= config.min_sentence_chars and _has_words(text[s:e])]
    return [Sentence(article.id, i, text[s:e], s, e) for i, (s, e) in enumerate(kept)]


def segment_all(articles: Iterable[Article], config: Config) -> list[Sentence]:
    """Sentences of all articles, article by article, in order."""
    return [sentence for article in articles for sentence in segment(article, config)]


def is_furniture(line: str, is_title: bool = False) -> bool:
    """Whether a whole line is page furniture (see `FURNITURE`) or a short label without a verb.

    The title is exempt from the short-label rule: headlines are short and have no full stop.
    """
    line = line.strip()
    if any(rule.fullmatch(line) for rule in FURNITURE):
        return True
    short = len(line.split()) < SHORT_LINE_WORDS and not line.endswith(_TERMINAL)
    return short and not is_title


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _split(line: str) -> list[str]:
    """pysbd's sentences of one line, as strings.

    Not `Segmenter.segment`: it searches every sentence again from the start of the line to give
    offsets, which takes time quadratic in the line (a hostile line of "a. a. a." twice as long
    takes four times as long); `_sentences` finds the offsets itself, moving forward only.
    """
    return [piece for piece in _segmenter().processor(line).process() or [] if isinstance(piece, str)]


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the text's lines (stripped, non-empty); lines of a hard-wrapped paragraph joined."""
    for block in re.finditer(r"[^\n](?:[^\n]|\n(?!\s*\n))*", text):  # blocks between blank lines
        lines = [(block.start() + m.start(), block.start() + m.end()) for m in re.finditer(r"[^\n]+", block.group())]
        lines = [strip_span(text, s, e) for s, e in lines]
        lines = [(s, e) for s, e in lines if e > s]
        wrapped = _is_hard_wrapped([text[s:e] for s, e in lines])
        current = None
        for start, end in lines:
            if current and _continues(text[current[0]:current[1]], text[start:end], wrapped):
                current = (current[0], end)
                continue
            if current:
                yield current
            current = (start, end)
        if current:
            yield current


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether a block is prose wrapped at a fixed width (e-mail, plain-text feeds).

    The tell is lines breaking mid-sentence and the next line going on in lower case; a headline
    followed by a byline breaks without punctuation too, but the next line starts with a capital.
    """
    open_ended = [i for i, line in enumerate(lines[:-1]) if not line.endswith(_TERMINAL)]
    if len(open_ended) < 2 or max(len(line) for line in lines) > 100:
        return False
    lower_next = sum(1 for i in open_ended if lines[i + 1][:1].islower())
    return lower_next >= 2 and lower_next * 2 >= len(open_ended)


def _continues(previous: str, line: str, wrapped: bool) -> bool:
    """Whether `line` carries on the sentence of `previous` (a soft wrap, not a new line)."""
    if previous.endswith(_TERMINAL) or previous.endswith((":", ";")):
        return False
    if any(rule.fullmatch(part) for rule in FURNITURE for part in (previous, line)):
        return False  # "by metro desk" under a headline is a line of its own
    return line[:1].islower() or wrapped


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one line, found by pysbd; a leading dateline trimmed off."""
    # Newlines left by joined wraps would make pysbd split; spaces keep every offset unchanged.
    line = text[start:end].replace("\n", " ")
    cursor = 0
    for piece in (piece for chunk in _chunks(line, PYSBD_MAX_CHARS) for piece in _split(chunk)):
        sentence = piece.strip()
        if not sentence:
            continue
        found = line.find(sentence, cursor)
        if found < 0:  # pysbd changed the text after all (it leaves such a sentence out too)
            continue
        cursor = found + len(sentence)
        if found == 0:
            dateline = DATELINE.match(sentence)
            if dateline and dateline.end() < len(sentence):
                found, sentence = found + dateline.end(), sentence[dateline.end():]
        yield start + found, start + found + len(sentence)


# pysbd's abbreviation handling takes time quadratic in the length of what it is given (a hostile
# line of "U.S. U.S. ..." twice as long takes four times as long), so longer lines go to it in
# pieces. Real paragraphs are far shorter (the longest line in the bundled and sample corpora has
# 480 characters), so this changes nothing for them.
PYSBD_MAX_CHARS = 5000
_CHUNK_END = re.compile(r"[^\W\d_]{3,}[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[^\W\d_])")  # "... word. Next"


def _chunks(line: str, max_chars: int) -> Iterator[str]:
    """`line` in consecutive pieces of at most `max_chars`, cut after a sentence end where one is
    in the second half of a piece, else at a space, else anywhere."""
    while len(line) > max_chars:
        window = line[:max_chars]
        ends = [m.end() for m in _CHUNK_END.finditer(window, max_chars // 2)]
        cut = ends[-1] if ends else window.rfind(" ", max_chars // 2) + 1 or max_chars
        yield line[:cut]
        line = line[cut:]
    yield line


def _limit_length(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """Split a run-on span into pieces of at most `max_chars` at '; ', ', ' or a space."""
    while end - start > max_chars:
        window = text[start:start + max_chars]
        cut = -1
        for separator in ("; ", ", ", " "):
            position = window.rfind(separator)
            if position >= max_chars // 3:  # keep pieces long enough to stand on their own
                cut = position + len(separator.rstrip())
                break
        if cut < 0:
            cut = max_chars
        yield strip_span(text, start, start + cut)
        start, end = strip_span(text, start + cut, end)
    if end > start:
        yield start, end


def _has_words(sentence: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", sentence)) >= 2
