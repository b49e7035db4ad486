"""Read news articles from files, folders and glob patterns into `Article` records.

Stage 1 of the pipeline. It knows file formats (.txt, .md, .html, .json, .jsonl), text encodings
and the problems real input has; each problem is reported once through `warn` and the run goes on
with the other files. It is not for splitting text into sentences or dropping page furniture
(that is segment.py): it only cleans whitespace and encoding.

    articles = load_articles(["coverage/", "extra/*.html"], warn=log.append)
"""
from __future__ import annotations

import codecs
import datetime as dt
import glob
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import InputError
from checker.output import is_checker_report, is_report_document
from checker.textsafe import without_surrogates
from checker.types import Article, DateBase

Warn = Callable[[str], None]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

TEXT_FIELDS = ("text", "body", "content", "article", "maintext")
DATE_FIELDS = ("published", "date", "published_at", "publishedAt", "date_publish", "pubDate")
SOURCE_FIELDS = ("source", "publisher", "sitename", "site_name", "site")
TITLE_MAX_CHARS = 200
HTML_MIN_WORDS = 8  # less extracted text than this is a page without an article


def _warn_stderr(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass
class _Found:
    """An article as read from a file, before normalisation and de-duplication."""

    where: str  # the file, plus "line N" / "article N" inside JSON; starts every warning
    path: Path
    text: str
    title: str | None = None
    source: str | None = None
    date: object = None  # whatever the file gave; normalised by `normalize_date`
    url: str | None = None
    id: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # the record's other scalar fields (Article.meta)


def load_articles(
    paths: Sequence[str | Path],
    warn: Warn = _warn_stderr,
    max_chars: int = 200_000,
    exclude: Iterable[str | Path] = (),
) -> list[Article]:
    """Read every article under `paths` (files, folders searched recursively, glob patterns).

    Problems with single files (missing, empty, binary, unreadable, malformed JSON lines,
    duplicates, over-long text) are reported as one `warn("<file>: <reason>")` each and the file
    or record is skipped. Files in `exclude` (e.g. the report files this run will write,
    `checker.output.report_files(out_dir)`), files under a folder in `exclude` (a batch run's output
    folder) and reports the checker wrote anywhere are skipped
    the same way: a report is never read back as an article. Raises `InputError` only when no
    usable article remains; one article is not an error here.
    """
    if isinstance(paths, (str, Path)):  # one path given bare, not in a list
        paths = [paths]
    problems = 0

    def counted_warn(message: str) -> None:
        nonlocal problems
        problems += 1
        warn(message)

    articles: list[Article] = []
    first_by_text: dict[str, str] = {}  # whitespace-collapsed text -> where it was first seen
    where_by_id: dict[str, str] = {}
    for path in _expand(paths, counted_warn, exclude):
        for found in _read_file(path, counted_warn):
            article = _to_article(found, first_by_text, where_by_id, counted_warn, max_chars)
            if article is not None:
                articles.append(article)
    if not articles:
        inputs = ", ".join(str(p) for p in paths) or "(no paths given)"
        detail = f"; {problems} problem(s) reported above" if problems else ""
        raise InputError(f"no usable articles in {inputs}{detail}")
    return articles


CLAIM_ROLE = "claim"


def claim_article(text: str) -> Article:
    """A claim the user names to check against the articles (`checker report --claim`), as an article of
    its own; its pairs with one-sentence articles (headlines) are the pairs the user asked about
    (api._sole). Raises InputError when it holds no words."""
    clean = normalize_text(text).strip()
    if not any(ch.isalnum() for ch in clean):
        raise InputError(f"the claim to check {text!r} holds no words (--claim)")
    # its own id space: a claim worded as one of the articles stays an article of its own
    return Article(id=f"claim-{text_id(clean)}", title="claim", text=clean, source="claim to check",
                   meta={"role": CLAIM_ROLE})


def is_claim(article: Article) -> bool:
    """An article made from a claim the user named (claim_article)."""
    return article.meta.get("role") == CLAIM_ROLE


def text_id(text: str) -> str:
    """Stable article id: the first 12 hex digits of the SHA-1 of the whitespace-collapsed text."""
    return hashlib.sha1(_dedup_key(without_surrogates(text)).encode("utf-8")).hexdigest()[:12]


def normalize_text(text: str) -> str:
    """NFC, one kind of newline, no trailing spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", without_surrogates(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACE_FIXES)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# Unicode line/paragraph separators become newlines (segmentation relies on them); no-break and
# zero-width characters would otherwise hide word boundaries from the segmenter and the matching.
_SPACE_FIXES = {0x2028: "\n", 0x2029: "\n", 0x00A0: " ", 0x202F: " ", 0x200B: None, 0xFEFF: None}


def normalize_date(value: object) -> str | None:
    """A date as YYYY-MM-DD, or None when `value` is missing, partial (no day) or not a date."""
    if value is None or isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
        return None
    if isinstance(value, dt.datetime):
        return _plausible(value.date())
    if isinstance(value, dt.date):
        return _plausible(value)
    if isinstance(value, (int, float)):
        try:  # huge integers overflow already in the division
            seconds = value / 1000 if value > 1e11 else value  # JavaScript timestamps are in ms
            return _plausible(dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date())
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return _plausible(dt.datetime.fromisoformat(text).date())
    except ValueError:
        pass
    from dateutil import parser  # installed with trafilatura (via htmldate)

    try:
        # Parsing with two different defaults exposes parts the string did not give ("June 2024").
        first = parser.parse(text, default=dt.datetime(2000, 1, 1))
        second = parser.parse(text, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    return _plausible(first.date()) if first.date() == second.date() else None


def _plausible(day: dt.date) -> str | None:
    return day.isoformat() if 1800 <= day.year <= 2200 else None


# ---------------------------------------------------------------- finding the files


def _expand(paths: Sequence[str | Path], warn: Warn, exclude: Iterable[str | Path] = ()) -> list[Path]:
    """Files to read, in the order given; folders and globs sorted; each file once; none of `exclude`."""
    files: list[Path] = []
    seen: set[Path] = set()
    excluded = {Path(p).resolve() for p in exclude}

    def add(path: Path) -> None:
        key = path.resolve()
        if key in seen:
            return
        seen.add(key)
        if key in excluded or not excluded.isdisjoint(key.parents):
            warn(f"{path}: skipped (this run writes its output there)")
        else:
            files.append(path)

    for raw in paths:
        try:
            _expand_one(raw, add, warn)
        except OSError as error:  # a name too long, a symlink loop: the path cannot be looked at
            warn(f"{raw}: cannot read ({error.strerror or error})")
    return files


def _expand_one(raw: str | Path, add: Callable[[Path], None], warn: Warn) -> None:
    path = Path(raw)
    if path.is_dir():
        for found in _walk(path, warn):
            add(found)
    elif path.exists():
        add(path)  # named explicitly: read whatever the extension
    elif any(ch in str(raw) for ch in "*?["):
        matches = sorted(glob.glob(str(raw), recursive=True))
        if not matches:
            warn(f"{raw}: no files match this pattern")
        for match in map(Path, matches):
            if match.is_dir():
                for found in _walk(match, warn):
                    add(found)
            elif _supported(match, warn):
                add(match)
    else:
        warn(f"{raw}: no such file or directory")


def _walk(folder: Path, warn: Warn) -> Iterator[Path]:
    """Supported files below `folder`, sorted; hidden files and folders (.git, .DS_Store) left out."""
    try:
        entries = sorted(folder.rglob("*"))
    except OSError as error:
        warn(f"{folder}: cannot list folder ({error.strerror or error})")
        return
    for path in entries:
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.is_file() and _supported(path, warn):
            yield path


def _supported(path: Path, warn: Warn) -> bool:
    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        return True
    warn(f"{path}: skipped (unsupported file type {path.suffix or 'without extension'})")
    return False


# ---------------------------------------------------------------- reading and decoding


_A_REPORT = "skipped (a report written by the checker, not an article)"


def _read_file(path: Path, warn: Warn) -> Iterator[_Found]:
    text = _read_text(path, warn)
    if text is None:
        return
    suffix = path.suffix.lower()
    if suffix != ".json" and is_checker_report(text, suffix):  # .json: checked once parsed
        warn(f"{path}: {_A_REPORT}")
        return
    if suffix in HTML_SUFFIXES:
        yield from _read_html(path, text, warn)
    elif suffix == ".json":
        yield from _read_json(path, text, warn)
    elif suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(path, text, warn)
    else:
        yield _read_plain(path, text, markdown=suffix in (".md", ".markdown"))


def _read_text(path: Path, warn: Warn) -> str | None:
    """The file's text, or None after one warning (unreadable, empty, binary, undecodable)."""
    try:
        data = path.read_bytes()
    except PermissionError:
        warn(f"{path}: cannot read (permission denied)")
        return None
    except OSError as error:
        warn(f"{path}: cannot read ({error.strerror or error})")
        return None
    if not data.strip():
        warn(f"{path}: empty file")
        return None
    text, note = _decode(data)
    if text is None:
        warn(f"{path}: {note}")
        return None
    if not text.strip():
        warn(f"{path}: empty file")
        return None
    if note:
        warn(f"{path}: {note}")
    return text


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, note): note explains a guessed encoding; text None means binary (note says why)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), None)
    if b"\x00" in data:
        return None, "binary file (contains NUL bytes), skipped"
    try:
        return _checked(data.decode("utf-8"), None)
    except UnicodeDecodeError:
        pass
    mostly_utf8 = data.decode("utf-8", errors="replace")
    if any(ord(ch) > 127 and ch != "\ufffd" for ch in mostly_utf8):
        # Valid multi-byte sequences next to a few broken bytes: UTF-8 with damage, not cp1252.
        bad = mostly_utf8.count("\ufffd")
        return _checked(mostly_utf8, f"not valid UTF-8; {bad} undecodable byte(s) replaced")
    # Short Western text defeats statistical detectors (charset-normalizer calls café cp1250),
    # so try cp1252 first and keep it only when the result reads like Latin-script text. cp1252
    # agrees with latin-1 on every printable character, so latin-1 files come out right too.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        text = None
    if text is not None and _looks_latin(text):
        return _checked(text, "not UTF-8; read as cp1252/latin-1")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return _checked(str(best), f"not UTF-8; read as {best.encoding} (guessed)")
    return None, "binary or undecodable file, skipped"


def _checked(text: str, note: str | None) -> tuple[str | None, str | None]:
    """Refuse decoded text full of control characters: it was binary after all."""
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        return None, "binary file (control characters), skipped"
    return text, note


def _looks_latin(text: str) -> bool:
    """Accented letters are a minority in Latin-script prose; in mis-decoded Cyrillic, Greek or
    Asian text nearly every letter comes out accented."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    accented = sum(1 for ch in letters if ord(ch) > 127)
    return accented / len(letters) <= 0.3


# ---------------------------------------------------------------- formats


def _read_plain(path: Path, text: str, markdown: bool) -> _Found:
    """.txt / .md: optional YAML front matter (title, source, date, url); title else first line."""
    meta, body = _split_front_matter(text)
    if markdown:
        body = _strip_markdown(body)
    return _Found(
        where=str(path),
        path=path,
        text=body,
        title=_str_or_none(meta.get("title")),
        source=_str_or_none(meta.get("source") or meta.get("publisher") or meta.get("site")),
        date=meta.get("date") or meta.get("published") or dateline_date(body),
        url=_str_or_none(meta.get("url")),
        id=_str_or_none(meta.get("id")),
        meta=_scalars_as_text(meta),
    )


# A short line that carries the publication date in copied web pages: a byline "Jane Doe on
# December 19, 2023", a timestamp "19:43 10 Mar 2024", "Posted at 7:05 PM, Jun 21, 2024".
_DATELINE = re.compile(
    r"^(?:.{0,60}\bon\s+|posted(?:\s+at)?\s+|published:?\s+|updated:?\s+|\d{1,2}:\d{2}(?:\s*[AP]M)?,?\s+)?"
    r"(?P<date>(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:\d{1,2},?\s+)?\d{4}|\d{4}-\d{2}-\d{2})\s*$",
    re.I,
)


def dateline_date(body: str, max_line: int = 90) -> str | None:
    """The publication date from a byline or timestamp line of a copied page, when there is one."""
    for line in body.split("\n"):
        line = line.strip()
        if not line or len(line) > max_line:
            continue
        m = _DATELINE.match(re.sub(r"^posted at \d{1,2}:\d{2}\s*[AP]M,?\s*", "", line, flags=re.I))
        if m:
            found = normalize_date(m.group("date"))
            if found:
                return found
    return None


# A wire-copy dateline opening the text: "LONDON, March 3 (Reuters) -", "WASHINGTON, Jan. 5, 2024 (AP) —",
# "KYIV, Ukraine, 3 March (Reuters) -": the place in capitals, the day the story was filed, the agency.
_WIRE_DATELINE = re.compile(
    r"^\s*(?P<line>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]{1,30}(?:,\s*[A-ZÀ-ÖØ-Þ][\w.'’ -]{1,30}?)?,\s*"
    r"(?P<date>(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?)\s*(?:\([A-Za-z .&-]{2,30}\))?)\s*(?:[-–—]|--)",
    re.I,
)
# Other fields of a feed record that date it when no publication date does ("updated", "crawled_at",
# "fetched", "timestamp"): tried in the record's order.
_DATE_KEY = re.compile(r"date|time|updated|modified|created|crawl|fetch|retriev|issued|seen|lastmod", re.I)


def wire_dateline(text: str) -> tuple[str, int, int, int | None] | None:
    """(dateline as written, month, day, year or None) of a wire-copy dateline opening `text`."""
    m = _WIRE_DATELINE.match(text)
    if not m:
        return None
    from dateutil import parser  # installed with trafilatura (via htmldate)

    try:  # two defaults: a field the text does not give comes out different
        first = parser.parse(m.group("date"), default=dt.datetime(2000, 1, 1))
        second = parser.parse(m.group("date"), default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    if (first.month, first.day) != (second.month, second.day):
        return None  # a month without a day dates nothing
    return " ".join(m.group("line").split()), first.month, first.day, first.year if first.year == second.year else None


def date_base(text: str, meta: dict[str, str], path: Path | None) -> DateBase | None:
    """The day to read an undated article's relative times from, and where it came from: the dateline
    when it gives a year; else another date field of the feed record; else the file's modification
    time. A dateline without a year takes its year from the record or the file (the latest such day not
    after it); alone it still gives the day of the year (--MM-DD)."""
    dateline = wire_dateline(text)
    if dateline and dateline[3]:
        line, month, day, year = dateline
        return DateBase(dt.date(year, month, day).isoformat(), f"the dateline '{line}'")
    other = None
    for key, value in meta.items():
        found = normalize_date(value) if _DATE_KEY.search(key) else None
        if found:
            other = DateBase(found, f"the feed record's '{key}' field")
            break
    if other is None and path is not None:
        try:
            if path.is_file():
                stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc).date()
                other = DateBase(stamp.isoformat(), "the file's modification time", firm=False)
        except (OSError, OverflowError, ValueError):
            other = None
    if dateline is None:
        return other
    line, month, day, _ = dateline
    if other is None:
        return DateBase(f"--{month:02d}-{day:02d}", f"the dateline '{line}' (no year)")
    year = dt.date.fromisoformat(other.date).year
    try:
        filed = dt.date(year, month, day)
        if filed > dt.date.fromisoformat(other.date) + dt.timedelta(days=1):
            filed = dt.date(year - 1, month, day)
    except ValueError:  # 29 February in a year without one
        return other
    return DateBase(filed.isoformat(), f"the dateline '{line}', its year from {other.source}", firm=other.firm)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def _split_front_matter(text: str) -> tuple[dict, str]:
    text = text.lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    block, body = match.group(1), text[match.end():]
    try:
        import yaml  # PyYAML comes with transformers / huggingface_hub

        meta = yaml.safe_load(block)
    except Exception:  # malformed YAML or no PyYAML: read plain "key: value" lines instead
        meta = None
    if not isinstance(meta, dict):
        meta = {}
        for line in block.splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip():
                meta[key.strip()] = value.strip().strip("'\"")
    # Scalars only: a YAML alias bomb ("billion laughs") in a list would blow up when turned to text.
    scalars = (str, int, float, bool, dt.date)
    return {str(k).lower(): v for k, v in meta.items() if isinstance(k, scalars) and isinstance(v, scalars)}, body


# Markdown syntax is markup, not content: headings, emphasis, links and images read as plain text.
# No bracket inside the brackets and one level of parentheses in the target (".../Foo_(bar)"):
# each match attempt then ends at the next bracket, so a hostile line of "![![![" or "# # # "
# takes linear time, not quadratic.
_LINK_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MARKDOWN = (
    (re.compile(r"!\[[^\[\]\n]*\]" + _LINK_TARGET), ""),  # images
    (re.compile(r"\[([^\[\]\n]+)\]" + _LINK_TARGET), r"\1"),  # links keep their text
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$", re.M), lambda m: m.group(1).rstrip(" \t#")),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), ""),  # bullets
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
)


def _strip_markdown(text: str) -> str:
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


def _read_html(path: Path, html: str, warn: Warn) -> Iterator[_Found]:
    """Main text and metadata by trafilatura (boilerplate such as menus and footers removed)."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as error:  # trafilatura raises assorted lxml errors on broken markup
        warn(f"{path}: cannot parse HTML ({error})")
        return
    # On pages without an article trafilatura falls back to any text it finds ("Home", "Menu").
    if doc is None or len((doc.text or "").split()) < HTML_MIN_WORDS:
        warn(f"{path}: no article text found in the HTML")
        return
    yield _Found(
        where=str(path), path=path, text=doc.text, title=doc.title,
        source=doc.sitename, date=doc.date, url=doc.url,
    )


def _read_json(path: Path, text: str, warn: Warn) -> Iterator[_Found]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        warn(f"{path}: malformed JSON ({error.msg} at line {error.lineno})")
        return
    except (ValueError, RecursionError) as error:  # an integer of over 4300 digits; nesting too deep
        warn(f"{path}: unreadable JSON ({_json_problem(error)})")
        return
    if is_report_document(data):
        warn(f"{path}: {_A_REPORT}")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]  # news API envelope: {"articles": [...]}
    if isinstance(data, dict):
        yield from _from_record(path, str(path), data, lambda reason: warn(f"{path}: {reason}"))
    elif isinstance(data, list):
        problems = _RecordProblems(path, "article", warn)
        for number, record in enumerate(data, start=1):
            yield from _from_record(path, f"{path}: article {number}", record, problems.at(number))
        problems.report()
    else:
        warn(f"{path}: expected an article object or a list of them")


def _read_jsonl(path: Path, text: str, warn: Warn) -> Iterator[_Found]:
    problems = _RecordProblems(path, "line", warn)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        problem = problems.at(number)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            problem(f"malformed JSON ({error.msg})")
            continue
        except (ValueError, RecursionError) as error:
            problem(f"unreadable JSON ({_json_problem(error)})")
            continue
        yield from _from_record(path, f"{path}: line {number}", record, problem)
    problems.report()


class _RecordProblems:
    """One file's skipped records, grouped by reason: a feed with thousands of lines lacking text
    gives one warning that names the first few lines and counts the rest, not thousands of warnings.
    A reason met once keeps the plain form "FILE: line 7: reason"."""

    SHOWN = 5

    def __init__(self, path: Path, unit: str, warn: Warn):
        self.path, self.unit, self.warn = path, unit, warn
        self.by_reason: dict[str, list[int]] = {}

    def at(self, number: int) -> Callable[[str], None]:
        """The callback that records a problem of record `number`."""
        return lambda reason: self.by_reason.setdefault(reason, []).append(number)

    def report(self) -> None:
        for reason, numbers in self.by_reason.items():
            if len(numbers) == 1:
                self.warn(f"{self.path}: {self.unit} {numbers[0]}: {reason}")
                continue
            shown = ", ".join(str(n) for n in numbers[:self.SHOWN])
            rest = len(numbers) - self.SHOWN
            more = f" and {rest} more" if rest > 0 else ""
            self.warn(f"{self.path}: {self.unit}s {shown}{more} ({len(numbers)} in all): {reason}")


def _json_problem(error: Exception) -> str:
    return "nested too deeply" if isinstance(error, RecursionError) else "a number too long to read"


def _from_record(path: Path, where: str, record: object, problem: Callable[[str], None]) -> Iterator[_Found]:
    """The article in one JSON record, or nothing, with `problem(reason)` called to say why."""
    if not isinstance(record, dict):
        problem("not an article object")
        return
    text = _first(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        problem(f"no text (expected one of {', '.join(TEXT_FIELDS[:3])})")
        return
    source = _first(record, SOURCE_FIELDS)
    if isinstance(source, dict):  # {"source": {"id": ..., "name": "Reuters"}}
        source = source.get("name") or source.get("id")
    yield _Found(
        where=where, path=path, text=text,
        title=_str_or_none(record.get("title") or record.get("headline")),
        source=_str_or_none(source),
        date=_first(record, DATE_FIELDS),
        url=_str_or_none(record.get("url")),
        id=_str_or_none(record.get("id")),
        meta=_scalars_as_text({k: v for k, v in record.items() if k not in TEXT_FIELDS}),
    )


META_MAX_CHARS = 1_000  # a label or an id is short; a raw page in a record's "html" field is not kept twice


def _scalars_as_text(fields: dict) -> dict[str, str]:
    """A record's scalar fields as one-line text (a list or an object is not a label); empty ones and
    ones longer than META_MAX_CHARS left out."""
    out = {}
    for key, value in fields.items():
        if isinstance(value, str) and len(value) > META_MAX_CHARS:
            continue
        if isinstance(value, (str, int, float, bool, dt.date)):
            text = _str_or_none(value)
            if text is not None:
                out[str(key)] = text
    return out


def _first(record: dict, keys: Sequence[str]) -> object:
    for key in keys:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _str_or_none(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list, tuple, set)):  # a title is not a structure
        return None
    try:
        text = " ".join(without_surrogates(str(value)).split())
    except ValueError:  # an integer too long to turn into text (over 4,300 digits)
        return None
    return text or None


# ---------------------------------------------------------------- records to articles


def _to_article(
    found: _Found,
    first_by_text: dict[str, str],
    where_by_id: dict[str, str],
    warn: Warn,
    max_chars: int,
) -> Article | None:
    """Normalise, de-duplicate and truncate one record; None (after a warning) when unusable."""
    text = normalize_text(found.text)
    if not text:
        warn(f"{found.where}: no text")
        return None
    key = _dedup_key(text)
    if key in first_by_text:
        first = first_by_text[key]
        warn(f"{found.where}: same text as {first}; kept {first}")
        return None
    first_by_text[key] = found.where
    article_id = found.id or text_id(text)  # hashed before truncation: ids do not depend on max_chars
    if article_id in where_by_id:
        # The record keeps everything else it said (its story included): only its id changes.
        new_id, n = text_id(text), 2
        while new_id in where_by_id:  # the content id itself taken by a record that gave it as its id
            new_id, n = f"{text_id(text)}-{n}", n + 1
        warn(f"{found.where}: id {article_id!r} already used by {where_by_id[article_id]}; using {new_id}")
        article_id = new_id
    where_by_id[article_id] = found.where
    if len(text) > max_chars:
        original = len(text)
        text, boundary = _truncate(text, max_chars)
        warn(f"{found.where}: {original} characters, truncated to {len(text)} at a {boundary} (max {max_chars})")
    return Article(
        id=article_id,
        title=_str_or_none(found.title) or _title_from_text(text),
        text=text,
        source=_str_or_none(found.source),
        date=normalize_date(found.date),
        path=str(found.path),
        url=found.url,
        where=found.where,
        meta=found.meta,
        date_base=None if normalize_date(found.date) else date_base(text, found.meta, found.path),
    )


def _dedup_key(text: str) -> str:
    """Copies that differ only in wrapping or spacing count as the same text."""
    return " ".join(text.split())


UNTITLED_WORDS = 8  # words of the first sentence shown as the title of an article without one
UNTITLED_PREFIX = "Untitled: "  # how such a made-up title starts ("Untitled: “The council voted…”")


def is_untitled(title: str) -> bool:
    """Whether `title` was made up by ingest from the first words of an article that had none."""
    return title.startswith(UNTITLED_PREFIX + "“")


def _is_body_text(line: str) -> bool:
    """A first line that is a sentence, not a headline: longer than an excerpt and ending with a full
    stop, "!" or "?" (headlines rarely end with a full stop; a paragraph of several sentences does)."""
    return len(line.split()) > UNTITLED_WORDS and re.search(r"[.!?][\"'”’)\]]*$", line) is not None


def _title_from_text(text: str) -> str:
    """The first non-empty line with three or more words, else the first non-empty line; when that
    line is body text (a sentence, not a headline), "Untitled: “its first eight words…”".

    Copied web pages often start with a section name or a tracking token ("Politics", "fbpx")
    before the headline; three words skip those without needing the page-furniture rules.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headline = next((line for line in lines if len(re.findall(r"[^\W\d_]{2,}", line)) >= 3), lines[0])
    headline = re.sub(r"^#{1,6}\s+", "", headline)
    if _is_body_text(headline):
        # No title line: the text starts with its first sentence. A short excerpt, marked as such,
        # reads better in every heading than a whole sentence repeated as a title.
        words = headline.split()
        excerpt = " ".join(words[:UNTITLED_WORDS]).rstrip(" ,;:.!?")
        return f"{UNTITLED_PREFIX}“{excerpt}…”"
    if len(headline) <= TITLE_MAX_CHARS:
        return headline
    cut = headline.rfind(" ", 0, TITLE_MAX_CHARS)
    return headline[: cut if cut > 0 else TITLE_MAX_CHARS].rstrip(" ,;:") + "…"


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def _truncate(text: str, max_chars: int) -> tuple[str, str]:
    """Cut at the last paragraph break before `max_chars`, else sentence end, else space."""
    head = text[: max_chars + 1]
    floor = max_chars // 2  # a boundary earlier than this would throw away too much
    for separator, name in (("\n\n", "paragraph boundary"), ("\n", "line break")):
        cut = head.rfind(separator)
        if cut >= floor:
            return text[:cut].rstrip(), name
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] >= floor:
        return text[: ends[-1]].rstrip(), "sentence boundary"
    cut = head.rfind(" ")
    if cut >= floor:
        return text[:cut].rstrip(), "word boundary"
    return text[:max_chars], "character limit"
