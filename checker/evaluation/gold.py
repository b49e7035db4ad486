"""Gold sets of labelled sentence pairs, and scoring a Report against them.

A gold story is a folder of article files plus `gold.jsonl`: one line per labelled pair of sentences
from two of its articles, `conflict` (the checker must flag it) or `agree` (a faithful restatement
that must not be flagged). The format is documented in eval/gold/README.md.

    gold = load_gold("eval/gold")                     # one GoldStory per story folder
    scores = [score_report(check(load_articles(s.article_files), config), s) for s in gold.stories]
    results = combine_scores(scores)                  # GoldResults: overall recall, precision, per kind
    print(results.overall.recall, results_markdown(results))

This module is for measuring the checker; it does not run the pipeline (checker/cli/gold.py does) and it
does not train anything. It works on plain Report objects, so it can be tested without models.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path, PurePath
from typing import Sequence

from ..errors import DataError
from ..types import Article, Finding, Report, Sentence, Verdict

GOLD_FILE = "gold.jsonl"
# Extra labelled pairs in the same format, read beside gold.jsonl (a story may have only this file);
# a line without a label is a "review" pair.
REVIEW_FILE = "review.jsonl"
# "distinct": must not be flagged, but not a restatement either (a later stage of the same event,
# or a different event): it counts against precision when flagged and never as corroboration.
# "review": accounts that differ without a proven contradiction: found when the report lists the pair
# for review (or flags it as a conflict); never a false alarm.
GOLD_LABELS: tuple[str, ...] = ("conflict", "agree", "distinct", "review")
# What a planted conflict changes. "antonym" has no checker kind of its own (the checker reports it
# as "negation"); "role" and "status" are checker kinds too. Recall is counted per gold kind regardless.
GOLD_KINDS: tuple[str, ...] = ("number", "date", "entity", "negation", "antonym", "role", "status",
                               "time", "quantity", "refusal", "attribution")
# Files in a story folder that are articles; README.md and PLANTED.md describe the folder instead.
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm")
NOT_ARTICLES: frozenset[str] = frozenset({"readme.md", "planted.md"})
# A report sentence shorter than the gold sentence matches it only when it is at least this long
# (or is the whole gold sentence): a stray fragment such as "she said." must not match everything.
MIN_FRAGMENT_CHARS = 20

# Why a gold conflict was missed (checker/evaluation/misses.py fills a miss's `why_missed`): each cause,
# in pipeline order, with the words a reader sees in the summary.
CAUSES: dict[str, str] = {
    "not_segmented": "a gold sentence is no sentence of the report",
    "below_similarity_floor": "never paired: less alike than the pairing floor",
    "not_top_k": "never paired: not among each other's most similar sentences",
    "not_paired": "never paired (other reason)",
    "not_comparable": "paired: judged about different events or things",
    "agreement": "paired: read as agreeing",
    "below_nli_only_gate": "paired: no model-free mismatch, and less alike than an NLI-only conflict needs",
    "below_threshold": "paired: scored below the conflict threshold",
}

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Whitespace-collapsed, NFKC-normalised text with curly quotes made straight."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES)).strip()


@dataclass(frozen=True)
class GoldPair:
    """One labelled pair of sentences; `a_file`/`b_file` are paths relative to the story folder."""

    a_file: str
    a: str
    b_file: str
    b: str
    label: str  # "conflict" | "agree" | "distinct" | "review"
    kind: str | None  # one of GOLD_KINDS for conflicts; None for agree and distinct; free for review
    line: int = 0  # line number in its file, for messages
    source: str = GOLD_FILE  # the file it was read from
    # The set's own finer kind, where its writer gives one (the line's "heldout_kind" or "subkind":
    # "denial", "role_swap", "restated_time", ...): results count recall and false alarms by it too.
    subkind: str | None = None

    def as_dict(self) -> dict:
        return {"a_file": self.a_file, "a": self.a, "b_file": self.b_file, "b": self.b,
                "label": self.label, "kind": self.kind, **({"subkind": self.subkind} if self.subkind else {})}


@dataclass
class GoldStory:
    """A folder of articles about one story and its labelled pairs."""

    folder: Path
    pairs: list[GoldPair]

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def article_files(self) -> list[Path]:
        """The story's article files (sorted), i.e. what the checker should read: those in an
        `articles/` subfolder when there is one, else those in the story folder itself."""
        where = self.folder / "articles" if (self.folder / "articles").is_dir() else self.folder
        return sorted(p for p in where.iterdir()
                      if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and p.name.lower() not in NOT_ARTICLES)

    @property
    def conflicts(self) -> list[GoldPair]:
        return [p for p in self.pairs if p.label == "conflict"]

    @property
    def agreements(self) -> list[GoldPair]:
        return [p for p in self.pairs if p.label == "agree"]

    @property
    def distinct(self) -> list[GoldPair]:
        return [p for p in self.pairs if p.label == "distinct"]

    @property
    def review(self) -> list[GoldPair]:
        return [p for p in self.pairs if p.label == "review"]


@dataclass
class GoldSet:
    folder: Path
    stories: list[GoldStory] = field(default_factory=list)

    @property
    def pairs(self) -> list[GoldPair]:
        return [p for s in self.stories for p in s.pairs]

    def counts(self) -> dict:
        """{"conflict": n, "agree": n, "distinct": n, "by_kind": {kind: n}} over all stories."""
        by_kind = Counter(p.kind for p in self.pairs if p.label == "conflict")
        return {"conflict": sum(by_kind.values()), "agree": sum(p.label == "agree" for p in self.pairs),
                "distinct": sum(p.label == "distinct" for p in self.pairs),
                "review": sum(p.label == "review" for p in self.pairs),
                "by_kind": {k: by_kind.get(k, 0) for k in GOLD_KINDS}}


# ----------------------------------------------------------------------------------- loading

def load_gold(folder: str | Path) -> GoldSet:
    """Load a gold set: `folder` holds gold.jsonl (or review.jsonl) itself (one story) or story
    subfolders that do.

    Every line is checked: required fields, a known label and kind, files that exist in the story
    folder, and sentence text that occurs in its file (after whitespace normalisation). Problems
    raise DataError naming gold.jsonl, the line and the article file.
    """
    root = Path(folder)
    if not root.is_dir():
        raise DataError(f"gold folder {root} does not exist or is not a folder")
    def has_gold(d: Path) -> bool:
        return (d / GOLD_FILE).is_file() or (d / REVIEW_FILE).is_file()

    if has_gold(root):
        story_dirs = [root]
    else:
        story_dirs = sorted(d for d in root.iterdir() if d.is_dir() and has_gold(d))
    if not story_dirs:
        raise DataError(f"no {GOLD_FILE} or {REVIEW_FILE} in {root} or in its subfolders: nothing to score")
    return GoldSet(folder=root, stories=[load_story(d) for d in story_dirs])


def load_story(folder: str | Path) -> GoldStory:
    """Load and validate one story folder (articles + gold.jsonl and/or review.jsonl)."""
    folder = Path(folder)
    texts: dict[str, str] = {}  # normalised file text, by relative name
    pairs: list[GoldPair] = []
    for name in (GOLD_FILE, REVIEW_FILE):
        if (folder / name).is_file():
            pairs += _load_pairs(folder, folder / name, texts, default_label="review" if name == REVIEW_FILE else None)
    if not pairs:
        raise DataError(f"{folder / GOLD_FILE} has no labelled pairs")
    return GoldStory(folder=folder, pairs=pairs)


def _load_pairs(folder: Path, gold_path: Path, texts: dict[str, str], default_label: str | None) -> list[GoldPair]:
    """The checked pairs of one gold file; `texts` caches the story's normalised article texts."""
    pairs: list[GoldPair] = []
    for line_no, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{gold_path}:{line_no}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise DataError(f"{where}: not valid JSON ({e.msg})") from e
        if not isinstance(row, dict):
            raise DataError(f"{where}: expected a JSON object, got {type(row).__name__}")
        if default_label is not None and row.get("label") is None:
            row["label"] = default_label
        missing = [k for k in ("a_file", "a", "b_file", "b", "label") if not isinstance(row.get(k), str) or not row[k].strip()]
        if missing:
            raise DataError(f"{where}: missing or empty field(s) {', '.join(missing)}")
        label, kind = row["label"], row.get("kind")
        if label not in GOLD_LABELS:
            raise DataError(f"{where}: unknown label {label!r} (use one of {', '.join(GOLD_LABELS)})")
        if label == "conflict" and kind not in GOLD_KINDS:
            raise DataError(f"{where}: a conflict needs a kind, one of {', '.join(GOLD_KINDS)}; got {kind!r}")
        if label in ("agree", "distinct") and kind is not None:
            raise DataError(f"{where}: an {label} pair has kind null; got {kind!r}")
        if label == "review" and kind is not None and not isinstance(kind, str):
            raise DataError(f"{where}: a review pair's kind is a string or null; got {kind!r}")
        if PurePath(row["a_file"]) == PurePath(row["b_file"]):
            raise DataError(f"{where}: a_file and b_file are the same file {row['a_file']!r}; pairs are across articles")
        for side in ("a", "b"):
            rel = row[f"{side}_file"]
            if rel not in texts:
                path = folder / rel
                if PurePath(rel).is_absolute() or ".." in PurePath(rel).parts or not path.is_file():
                    raise DataError(f"{where}: {side}_file {rel!r} is not a file in {folder}")
                texts[rel] = normalize_text(path.read_text(encoding="utf-8"))
            if normalize_text(row[side]) not in texts[rel]:
                raise DataError(f"{where}: sentence {side} does not occur in {folder / rel}: {row[side]!r}")
        subkind = row.get("subkind", row.get("heldout_kind"))
        if subkind is not None and not isinstance(subkind, str):
            raise DataError(f"{where}: heldout_kind (or subkind) is a string or null; got {subkind!r}")
        pairs.append(GoldPair(a_file=row["a_file"], a=row["a"], b_file=row["b_file"], b=row["b"],
                              label=label, kind=kind, line=line_no, source=gold_path.name, subkind=subkind or None))
    return pairs


# ----------------------------------------------------------------------------------- matching

def path_ends_with(path: str | None, relative: str) -> bool:
    """True when `path` ends with the path components of `relative` ("x/b.txt" ends with "b.txt", "xb.txt" does not)."""
    if not path:
        return False
    tail = PurePath(relative.replace("\\", "/")).parts
    parts = PurePath(path.replace("\\", "/")).parts
    return len(parts) >= len(tail) and tuple(parts[-len(tail):]) == tuple(tail)


def sentence_matches(sentence: Sentence, article: Article | None, gold_text: str, gold_file: str) -> bool:
    """The report sentence is the gold sentence: same article file, and one text contains the other."""
    if article is None or not path_ends_with(article.path, gold_file):
        return False
    have, want = normalize_text(sentence.text), normalize_text(gold_text)
    if not have:
        return False
    if want in have:
        return True
    return have in want and len(have) >= min(MIN_FRAGMENT_CHARS, len(want))


def verdict_matches(verdict: Verdict, gold: GoldPair, articles: dict[str, Article]) -> bool:
    """The verdict's pair is the gold pair, in either order."""
    a, b = verdict.pair.a, verdict.pair.b
    art_a, art_b = articles.get(a.article_id), articles.get(b.article_id)
    forward = sentence_matches(a, art_a, gold.a, gold.a_file) and sentence_matches(b, art_b, gold.b, gold.b_file)
    if forward:
        return True
    return sentence_matches(a, art_a, gold.b, gold.b_file) and sentence_matches(b, art_b, gold.a, gold.a_file)


def finding_matches(finding: Finding, gold: GoldPair, articles: dict[str, Article]) -> bool:
    return any(verdict_matches(v, gold, articles) for v in finding.evidence)


# ----------------------------------------------------------------------------------- scoring

def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _relative(path: str | None, folder: Path) -> str:
    if not path:
        return "?"
    try:
        return Path(path).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return Path(path).name


def _verdict_view(verdict: Verdict, articles: dict[str, Article], folder: Path) -> dict:
    a, b = verdict.pair.a, verdict.pair.b
    return {
        "a_file": _relative(articles[a.article_id].path if a.article_id in articles else None, folder),
        "a": a.text,
        "b_file": _relative(articles[b.article_id].path if b.article_id in articles else None, folder),
        "b": b.text,
        "checker_kind": verdict.kind,
        "strength": round(float(verdict.strength), 4),
        "why": list(verdict.why),
    }


@dataclass
class KindRecall:
    """Recall of one gold kind: planted conflicts of that kind, how many were flagged."""

    gold: int = 0
    found: int = 0

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.gold)

    def to_dict(self) -> dict:
        return {"gold": self.gold, "found": self.found, "recall": self.recall}


@dataclass
class FlagCounts:
    """What the flagged conflicts (findings) matched."""

    total: int = 0
    match_gold_conflict: int = 0
    match_gold_agree: int = 0
    match_gold_distinct: int = 0
    match_gold_review: int = 0  # matches only a gold review pair: neither right nor wrong, left out of precision
    unlabelled: int = 0


@dataclass
class PairCounts:
    """Labelled pairs by gold label."""

    conflict: int = 0
    agree: int = 0
    distinct: int = 0
    review: int = 0


@dataclass
class AgreeCounts:
    """Faithful restatements: how many, how many flagged as conflicts, how many reported as agreements."""

    gold: int = 0
    flagged_as_conflict: int = 0
    corroborated: int = 0


@dataclass
class DistinctCounts:
    """Distinct pairs (a later stage or another event): how many, how many flagged as conflicts."""

    gold: int = 0
    flagged_as_conflict: int = 0


@dataclass
class ReviewCounts:
    """Gold review pairs: how many, and how many the report shows (in its review list, or as conflicts)."""

    gold: int = 0
    found: int = 0
    in_review: int = 0
    as_conflict: int = 0


@dataclass
class GoldScore:
    """Recall and precision of the checker on labelled pairs (one story, or all summed).

    Recall: a gold conflict is found when any evidence of any flagged finding matches it. Precision
    is per finding (what a reader sees): `precision_all_flagged` = correct / all flagged;
    `precision_gold_labelled` = correct / (correct + wrong), ignoring unlabelled findings. Every
    ratio is None when its denominator is 0."""

    gold: PairCounts = field(default_factory=PairCounts)
    found: int = 0
    recall_by_kind: dict[str, KindRecall] = field(default_factory=lambda: {k: KindRecall() for k in GOLD_KINDS})
    flagged: FlagCounts = field(default_factory=FlagCounts)
    agree: AgreeCounts = field(default_factory=AgreeCounts)
    distinct: DistinctCounts = field(default_factory=DistinctCounts)
    review: ReviewCounts = field(default_factory=ReviewCounts)
    kind_confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # gold kind -> checker kind -> n

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.gold.conflict)

    @property
    def precision_all_flagged(self) -> float | None:
        # a flag on a gold review pair is neither right nor wrong: out of the denominator
        return _ratio(self.flagged.match_gold_conflict, self.flagged.total - self.flagged.match_gold_review)

    @property
    def precision_gold_labelled(self) -> float | None:
        f = self.flagged
        return _ratio(f.match_gold_conflict, f.match_gold_conflict + f.match_gold_agree + f.match_gold_distinct)

    def to_dict(self) -> dict:
        return {"gold": asdict(self.gold), "found": self.found, "recall": self.recall,
                "recall_by_kind": {k: r.to_dict() for k, r in self.recall_by_kind.items()},
                "flagged": asdict(self.flagged), "precision_all_flagged": self.precision_all_flagged,
                "precision_gold_labelled": self.precision_gold_labelled, "agree": asdict(self.agree),
                "distinct": asdict(self.distinct), "review": asdict(self.review), "kind_confusion": self.kind_confusion}

    @classmethod
    def from_dict(cls, d: dict) -> "GoldScore":
        """Read a saved score back (files written before the "distinct" label lack its keys)."""
        return cls(gold=PairCounts(**d["gold"]), found=d["found"],
                   recall_by_kind={k: KindRecall(r.get("gold", 0), r.get("found", 0))
                                   for k, r in d["recall_by_kind"].items()},
                   flagged=FlagCounts(**d["flagged"]), agree=AgreeCounts(**d["agree"]),
                   distinct=DistinctCounts(**d.get("distinct", {})), review=ReviewCounts(**d.get("review", {})),
                   kind_confusion=d["kind_confusion"])

    def add(self, other: "GoldScore") -> None:
        """Sum `other` into this score (micro-averaging over stories)."""
        self.found += other.found
        for mine, theirs in ((self.gold, other.gold), (self.flagged, other.flagged), (self.agree, other.agree),
                             (self.distinct, other.distinct), (self.review, other.review)):
            for f in fields(mine):
                setattr(mine, f.name, getattr(mine, f.name) + getattr(theirs, f.name))
        for k, r in other.recall_by_kind.items():
            mine_k = self.recall_by_kind.setdefault(k, KindRecall())
            mine_k.gold += r.gold
            mine_k.found += r.found
        for gk, row in other.kind_confusion.items():
            for ck, n in row.items():
                self.kind_confusion.setdefault(gk, {})[ck] = self.kind_confusion.get(gk, {}).get(ck, 0) + n


@dataclass
class StoryScore:
    """One story's score, with the pairs behind it (rows for people: missed conflicts, false
    alarms, flags no gold pair names, gold articles and sentences the report lacked)."""

    story: str
    folder: str
    score: GoldScore
    misses: list[dict] = field(default_factory=list)  # gold conflict fields + "checker_saw"
    false_alarms: list[dict] = field(default_factory=list)  # gold pair fields + checker kind, strength, why
    unlabelled_flags: list[dict] = field(default_factory=list)  # the flagged pair + checker kind, strength, why
    missing_articles: list[str] = field(default_factory=list)
    sentences_not_in_report: list[dict] = field(default_factory=list)  # {"file", "sentence"}

    def to_dict(self) -> dict:
        return {"story": self.story, "folder": self.folder, **self.score.to_dict(), "misses": self.misses,
                "false_alarms": self.false_alarms, "unlabelled_flags": self.unlabelled_flags,
                "missing_articles": self.missing_articles, "sentences_not_in_report": self.sentences_not_in_report}

    @classmethod
    def from_dict(cls, d: dict) -> "StoryScore":
        return cls(story=d["story"], folder=d["folder"], score=GoldScore.from_dict(d), misses=d["misses"],
                   false_alarms=d["false_alarms"], unlabelled_flags=d["unlabelled_flags"],
                   missing_articles=d["missing_articles"], sentences_not_in_report=d.get("sentences_not_in_report", []))


@dataclass
class GoldResults:
    """A whole gold set: the summed score, each story's, and how the run was made (`meta`)."""

    overall: GoldScore
    stories: list[StoryScore]
    meta: dict = field(default_factory=dict)  # command, created, gold folder, models, device, config

    def to_dict(self) -> dict:
        """The gold_results.json document."""
        return {"overall": self.overall.to_dict(), "stories": [s.to_dict() for s in self.stories],
                **({"meta": self.meta} if self.meta else {})}

    @classmethod
    def from_dict(cls, d: dict) -> "GoldResults":
        return cls(overall=GoldScore.from_dict(d["overall"]), stories=[StoryScore.from_dict(s) for s in d["stories"]],
                   meta=d.get("meta") or {})


def score_report(report: Report, gold_story: GoldStory) -> StoryScore:
    """Score one story's Report against its gold pairs (see `GoldScore` for the rules).

    A flagged finding is correct when its evidence matches a gold conflict (see `verdict_matches`),
    left out of precision when it matches a gold "review" pair and no conflict, wrong when it matches
    only gold "agree" or "distinct" pairs, and unlabelled when it matches no gold pair. A gold review
    pair is found when the report's review list or a flagged finding has it."""
    articles = {a.id: a for a in report.articles}
    folder = gold_story.folder
    gold_conflicts, gold_agrees, gold_distinct = gold_story.conflicts, gold_story.agreements, gold_story.distinct
    gold_review = gold_story.review

    flags = FlagCounts(total=len(report.conflicts))
    found_by: dict[int, Finding] = {}  # index into gold_conflicts -> first (strongest) matching finding
    flagged_agree: dict[int, Finding] = {}  # index into gold_agrees -> first matching finding
    flagged_distinct: dict[int, Finding] = {}  # index into gold_distinct -> first matching finding
    unlabelled_flags: list[dict] = []
    for finding in report.conflicts:
        hits = [i for i, g in enumerate(gold_conflicts) if finding_matches(finding, g, articles)]
        agree_hits = [i for i, g in enumerate(gold_agrees) if finding_matches(finding, g, articles)]
        distinct_hits = [i for i, g in enumerate(gold_distinct) if finding_matches(finding, g, articles)]
        review_hits = [g for g in gold_review if finding_matches(finding, g, articles)]
        for i in hits:
            found_by.setdefault(i, finding)
        for i in agree_hits:
            flagged_agree.setdefault(i, finding)
        for i in distinct_hits:
            flagged_distinct.setdefault(i, finding)
        if hits:
            flags.match_gold_conflict += 1
        elif review_hits:
            flags.match_gold_review += 1
        elif agree_hits:
            flags.match_gold_agree += 1
        elif distinct_hits:
            flags.match_gold_distinct += 1
        else:
            flags.unlabelled += 1
            view = _verdict_view(finding.top, articles, folder)
            view.update(checker_kind=finding.kind, strength=round(float(finding.strength), 4))
            unlabelled_flags.append(view)

    def seen_as(gold: GoldPair) -> str | None:
        """Where else the report put a missed pair, to tell 'judged wrongly' from 'never paired'."""
        if any(finding_matches(f, gold, articles) for f in report.agreements):
            return "agreement"
        if any(verdict_matches(v, gold, articles) for v in report.not_comparable):
            return "not_comparable"
        return None

    recall_by_kind = {}
    for kind in GOLD_KINDS:
        idx = [i for i, g in enumerate(gold_conflicts) if g.kind == kind]
        recall_by_kind[kind] = KindRecall(gold=len(idx), found=sum(i in found_by for i in idx))

    kind_confusion: dict[str, dict[str, int]] = {}
    for i, finding in found_by.items():
        row = kind_confusion.setdefault(gold_conflicts[i].kind or "none", {})
        row[finding.kind or "none"] = row.get(finding.kind or "none", 0) + 1

    misses = [{**g.as_dict(), "checker_saw": seen_as(g)} for i, g in enumerate(gold_conflicts) if i not in found_by]
    false_alarms = []
    for pairs, flagged_pairs in ((gold_agrees, flagged_agree), (gold_distinct, flagged_distinct)):
        for i, finding in sorted(flagged_pairs.items()):
            false_alarms.append({**pairs[i].as_dict(), "checker_kind": finding.kind,
                                 "strength": round(float(finding.strength), 4), "why": list(finding.top.why)})
    corroborated = sum(any(finding_matches(f, g, articles) for f in report.agreements) for g in gold_agrees)

    # Gold sentences no report sentence matches (segmentation split them too finely, or the
    # sentence filter dropped them): the checker can never flag or corroborate these.
    unmatched: list[dict] = []
    for gold_file, text in sorted({(p.a_file, p.a) for p in gold_story.pairs} | {(p.b_file, p.b) for p in gold_story.pairs}):
        if not any(sentence_matches(s, articles.get(s.article_id), text, gold_file) for s in report.sentences):
            unmatched.append({"file": gold_file, "sentence": text})

    article_paths = [a.path for a in report.articles]
    gold_files = sorted({p.a_file for p in gold_story.pairs} | {p.b_file for p in gold_story.pairs})
    missing_articles = [f for f in gold_files if not any(path_ends_with(p, f) for p in article_paths)]

    in_review = [any(verdict_matches(item.verdict, g, articles) for item in report.review) for g in gold_review]
    as_conflict = [any(finding_matches(f, g, articles) for f in report.conflicts) for g in gold_review]
    review = ReviewCounts(gold=len(gold_review), found=sum(r or c for r, c in zip(in_review, as_conflict)),
                          in_review=sum(in_review), as_conflict=sum(as_conflict))

    score = GoldScore(
        gold=PairCounts(len(gold_conflicts), len(gold_agrees), len(gold_distinct), len(gold_review)),
        found=len(found_by), review=review,
        recall_by_kind=recall_by_kind, flagged=flags,
        agree=AgreeCounts(len(gold_agrees), len(flagged_agree), corroborated),
        distinct=DistinctCounts(len(gold_distinct), len(flagged_distinct)), kind_confusion=kind_confusion)
    return StoryScore(story=gold_story.name, folder=str(folder), score=score, misses=misses, false_alarms=false_alarms,
                      unlabelled_flags=unlabelled_flags, missing_articles=missing_articles,
                      sentences_not_in_report=unmatched)


def cause_counts(misses: Sequence[dict]) -> dict[str, int]:
    """How many misses each cause explains, in pipeline order (misses without `why_missed` are left out)."""
    counts = {c: 0 for c in CAUSES}
    for m in misses:
        cause = (m.get("why_missed") or {}).get("cause") or m.get("cause")  # m.cause: texts withheld
        if cause in counts:
            counts[cause] += 1
    return {c: n for c, n in counts.items() if n}


def by_subkind(gold: GoldSet, results: dict) -> dict | None:
    """Recall and false alarms by the set's own finer kinds (GoldPair.subkind), from the gold set and
    the gold_results.json document: for conflicts, planted, found and the causes of the misses; for
    pairs that must not be flagged ("agree:paraphrase", "distinct:different_event"), how many were
    flagged as conflicts. None when the set gives no finer kinds."""
    if not any(p.subkind for p in gold.pairs):
        return None
    misses = [m for st in results["stories"] for m in st["misses"]]
    alarms = [a for st in results["stories"] for a in st["false_alarms"]]
    conflicts: dict[str, dict] = {}
    for p in gold.pairs:
        if p.label == "conflict":
            row = conflicts.setdefault(p.subkind or "-", {"planted": 0, "found": 0, "missed_by_cause": {}})
            row["planted"] += 1
    for sub, row in conflicts.items():
        missed = [m for m in misses if (m.get("subkind") or "-") == sub]
        row["found"] = row["planted"] - len(missed)
        row["missed_by_cause"] = cause_counts(missed)
    others: dict[str, dict] = {}
    for p in gold.pairs:
        if p.label in ("agree", "distinct"):
            others.setdefault(f"{p.label}:{p.subkind or '-'}", {"pairs": 0, "flagged": 0})["pairs"] += 1
    for a in alarms:
        key = f"{a['label']}:{a.get('subkind') or '-'}"
        if key in others:
            others[key]["flagged"] += 1
    return {"conflicts": dict(sorted(conflicts.items())), "must_not_flag": dict(sorted(others.items()))}


# The fields of a story's results that hold sentence text, and what a counts-only document keeps of
# each item (`withhold_texts`).
_TEXT_LISTS: dict[str, tuple[str, ...]] = {
    "misses": ("label", "kind", "subkind"),
    "false_alarms": ("label", "kind", "subkind", "checker_kind"),
    "unlabelled_flags": ("checker_kind",),
    "sentences_not_in_report": ("file",),
}


def withhold_texts(results: dict) -> dict:
    """The gold_results.json document without a sentence of the set: each missed or falsely flagged
    pair keeps its labels, kinds and the cause of the miss, so a held-out set can be scored without its
    pairs being read (`checker gold --counts-only`)."""
    stories = []
    for st in results["stories"]:
        st = dict(st)
        for name, keep in _TEXT_LISTS.items():
            items = []
            for item in st.get(name, []):
                kept = {k: item[k] for k in keep if k in item}
                if name == "misses":
                    kept["cause"] = (item.get("why_missed") or {}).get("cause")
                items.append(kept)
            st[name] = items
        stories.append(st)
    return {**results, "stories": stories, "texts_withheld": True}


def combine_scores(story_scores: list[StoryScore]) -> GoldResults:
    """Overall numbers summed over stories (micro-averaged), with each story's score kept."""
    overall = GoldScore()
    for s in story_scores:
        overall.add(s.score)
    return GoldResults(overall=overall, stories=list(story_scores))


# ----------------------------------------------------------------------------------- markdown

def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _review_lines(o: dict) -> list[str]:
    """The review line of the summary, when the gold set has review pairs."""
    r = o.get("review") or {}
    if not r.get("gold"):
        return []
    return [f"- Review: found {r['found']} of {r['gold']} gold review pairs ({r['in_review']} in the review list, "
            f"{r['as_conflict']} flagged as conflicts; {o['flagged'].get('match_gold_review', 0)} flags on review pairs "
            f"are left out of precision)."]


def results_markdown(results: GoldResults | dict, title: str = "Gold-set results") -> str:
    """A readable summary of `combine_scores` output: recall by kind, precision, misses, false alarms.
    Rendered from the gold_results.json document (or the document itself), so the two never disagree;
    a document whose texts are withheld (`withhold_texts`) lists counts only."""
    results = results if isinstance(results, dict) else results.to_dict()
    withheld = bool(results.get("texts_withheld"))
    o = results["overall"]
    lines = [f"# {title}", ""]
    meta = results.get("meta") or {}
    if meta.get("command"):
        lines += [f"Produced by `{meta['command']}`" + (f" on {meta['created']}" if meta.get("created") else "") + ".", ""]
    if meta.get("models"):
        lines += ["Models: " + ", ".join(f"{k} = `{v}`" for k, v in meta["models"].items()) + ".", ""]
    f = o["flagged"]
    lines += [
        f"- Gold pairs: {o['gold']['conflict']} conflicts, {o['gold']['agree']} faithful restatements, "
        f"{o['gold'].get('distinct', 0)} distinct pairs (later stage or other event), in {len(results['stories'])} stories.",
        f"- Recall: {_pct(o['recall'])} ({o['found']}/{o['gold']['conflict']} planted conflicts flagged).",
        f"- Precision over all flagged: {_pct(o['precision_all_flagged'])} "
        f"({f['match_gold_conflict']} of {f['total']} flagged conflicts match a gold conflict; "
        f"{f['match_gold_agree']} match a faithful pair, {f.get('match_gold_distinct', 0)} a distinct pair, "
        f"{f['unlabelled']} match no gold pair).",
        f"- Precision over gold-labelled pairs only: {_pct(o['precision_gold_labelled'])}.",
        f"- Faithful pairs flagged as conflicts: {o['agree']['flagged_as_conflict']}/{o['agree']['gold']}; "
        f"reported as agreements: {o['agree']['corroborated']}/{o['agree']['gold']}.",
        f"- Distinct pairs flagged as conflicts: {o.get('distinct', {}).get('flagged_as_conflict', 0)}/"
        f"{o.get('distinct', {}).get('gold', 0)}.",
        *_review_lines(o),
        "", "## Recall by kind", "", "| Gold kind | Planted | Found | Recall |", "|---|---:|---:|---:|",
    ]
    for k, r in o["recall_by_kind"].items():
        lines.append(f"| {k} | {r['gold']} | {r['found']} | {_pct(r['recall'])} |")
    lines += ["", "## Per story", "",
              "| Story | Conflicts | Found | Recall | Flagged | Precision (all) | Precision (gold) | Faithful flagged |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for s in results["stories"]:
        lines.append(f"| {s['story']} | {s['gold']['conflict']} | {s['found']} | {_pct(s['recall'])} | {s['flagged']['total']} "
                     f"| {_pct(s['precision_all_flagged'])} | {_pct(s['precision_gold_labelled'])} "
                     f"| {s['agree']['flagged_as_conflict']}/{s['agree']['gold']} |")
    if o["kind_confusion"]:
        checker_kinds = sorted({ck for row in o["kind_confusion"].values() for ck in row})
        lines += ["", "## Kind the checker gave to found conflicts", "",
                  "| Gold kind | " + " | ".join(checker_kinds) + " |", "|---|" + "---:|" * len(checker_kinds)]
        for gk in GOLD_KINDS:
            if gk in o["kind_confusion"]:
                row = o["kind_confusion"][gk]
                lines.append(f"| {gk} | " + " | ".join(str(row.get(ck, 0)) for ck in checker_kinds) + " |")

    def pair_rows(rows: list[dict], extra: str) -> list[str]:
        out = ["| Story | Kind | A | B | " + extra + " |", "|---|---|---|---|---|"]
        for story, r in rows:
            note = r.get("checker_saw") if extra == "Checker saw" else f"{r.get('checker_kind')} {r.get('strength')}"
            if extra == "Checker saw" and r.get("why_missed"):
                note = r["why_missed"]["reason"]
            out.append(f"| {story} | {r.get('kind') or ('distinct' if r.get('label') == 'distinct' else '')} | {_cell(r['a_file'])}: {_cell(r['a'])} "
                       f"| {_cell(r['b_file'])}: {_cell(r['b'])} | {_cell(note or 'neutral, or never paired')} |")
        return out

    misses = [(s["story"], m) for s in results["stories"] for m in s["misses"]]
    causes = cause_counts([m for _, m in misses])
    if causes:
        lines += ["", "## Why conflicts were missed", "", "| Stage lost | Missed |", "|---|---:|"]
        lines += [f"| {CAUSES[c]} | {n} |" for c, n in causes.items()]
    lines += _subkind_lines(o.get("by_subkind"))
    alarms = [(s["story"], m) for s in results["stories"] for m in s["false_alarms"]]
    other = [(s["story"], m) for s in results["stories"] for m in s["unlabelled_flags"]]
    missing = [(s["story"], f) for s in results["stories"] for f in s["missing_articles"]]
    lost = [(s["story"], u) for s in results["stories"] for u in s.get("sentences_not_in_report", [])]
    if withheld:
        lines += ["", "## Pairs", "", f"Texts withheld (`--counts-only`): {len(misses)} missed conflicts, "
                  f"{len(alarms)} false alarms on faithful and distinct pairs, {len(other)} flagged pairs not in "
                  f"the gold set, {len(lost)} gold sentences no report sentence matches."]
        return "\n".join(lines) + "\n"
    lines += ["", f"## Missed conflicts ({len(misses)})", ""]
    lines += pair_rows(misses, "Checker saw") if misses else ["None."]
    lines += ["", f"## False alarms on faithful and distinct pairs ({len(alarms)})", ""]
    lines += pair_rows(alarms, "Checker kind, strength") if alarms else ["None."]
    lines += ["", f"## Flagged pairs not in the gold set ({len(other)})", ""]
    lines += pair_rows(other, "Checker kind, strength") if other else ["None."]
    if missing:
        lines += ["", "## Gold articles the report did not contain", ""]
        lines += [f"- {story}: {f}" for story, f in missing]
    if lost:
        lines += ["", "## Gold sentences no report sentence matches (never comparable)", ""]
        lines += [f"- {story}: {u['file']}: {u['sentence']}" for story, u in lost]
    return "\n".join(lines) + "\n"


def _subkind_lines(table: dict | None) -> list[str]:
    """The by_subkind tables (`by_subkind`) as markdown; [] without them."""
    if not table:
        return []
    used = [c for c in CAUSES if any(c in row["missed_by_cause"] for row in table["conflicts"].values())]
    lines = ["", "## By the set's own kinds", "",
             "| Kind | Planted | Found | Recall | " + " | ".join(f"missed: {CAUSES[c]}" for c in used) + " |",
             "|---|---:|---:|---:|" + "---:|" * len(used)]
    for sub, row in table["conflicts"].items():
        lines.append(f"| {sub} | {row['planted']} | {row['found']} | {_pct(_ratio(row['found'], row['planted']))} | "
                     + " | ".join(str(row["missed_by_cause"].get(c, 0)) for c in used) + " |")
    lines += ["", "| Must not be flagged | Pairs | Flagged as conflict |", "|---|---:|---:|"]
    lines += [f"| {k} | {v['pairs']} | {v['flagged']} |" for k, v in table["must_not_flag"].items()]
    return lines
