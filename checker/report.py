"""The report stage: turn a `Report` into report.json, report.md and report.html.

`report_to_dict` is the one place that decides what the JSON document holds (its fields are
documented in docs/report-schema.md); the Markdown and HTML writers render that same document
through the jinja2 templates in `checker/templates/`, so the three formats cannot drift apart.
This module does no checking of its own: it only presents what the earlier stages decided.

Example:
    >>> from checker.report import write_report
    >>> write_report(report, Path("out"), formats=("json", "html"))   # doctest: +SKIP
    [PosixPath('out/report.json'), PosixPath('out/report.html')]
"""
from __future__ import annotations

import dataclasses
import functools
import json
import math
import numbers
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .errors import CheckerError
from .output import REPORT_FORMATS, check_output_dir, is_report_file, replace_files, report_files
from .textsafe import printable, show_invisible, without_surrogates
from .types import Finding, NLIScores, Report, ReviewItem, Sentence, StatementSupport, Verdict, reason_parts
from .wording import counted

FORMATS: tuple[str, ...] = REPORT_FORMATS  # json, md, html: the names output.report_files knows
FLOAT_DIGITS = 4  # enough to rank and compare; more only adds noise to diffs of report.json
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_STATUSES = ("supported", "disputed", "unconfirmed")


# ---------------------------------------------------------------------------------------------
# report.json


def report_to_dict(report: Report) -> dict:
    """The report as a plain, JSON-serialisable dict (the content of report.json).

    Floats are rounded to 4 decimals, conflicts and agreements are ordered strongest first and
    statements in reading order, so the same Report always gives the same document.
    See docs/report-schema.md for every field.
    """
    order = {a.id: i for i, a in enumerate(report.articles)}
    statements = sorted(
        report.statements,
        key=lambda st: (order.get(st.sentence.article_id, len(order)), st.sentence.article_id, st.sentence.index),
    )
    statuses = _statuses(report)
    counts = _count(statuses.values())

    return {
        "schema_version": report.schema_version,
        "created": report.created,
        "summary": {
            "articles": len(report.articles),
            "sentences": len(report.sentences),
            "pairs_scored": int(report.pairs_scored),
            "conflicts": len(report.conflicts),
            "review": len(report.review),
            "agreements": len(report.agreements),
            "not_comparable": len(report.not_comparable),
            "statements": counts,
            "timings": [
                {"stage": t.name, "seconds": _round(t.seconds), "items": int(t.items)} for t in report.timings
            ],
            "total_seconds": _round(sum(t.seconds for t in report.timings)),
            # names and precisions as text; a count (pairs_judged_strong) stays a number
            "models": {str(k): (v if isinstance(v, int) else str(v)) for k, v in report.models.items()},
            "device": report.device,
            "config": _plain(report.config),
            "warnings": [str(w) for w in report.warnings],
        },
        "articles": [_article_dict(report, a.id, statuses) for a in report.articles],
        "conflicts": [_finding_dict(report, f) for f in _strongest_first(report.conflicts)],
        "review": [_review_dict(report, item) for item in report.review],
        "agreements": [_finding_dict(report, f) for f in _strongest_first(report.agreements)],
        "statements": [_statement_dict(st) for st in statements],
        "not_comparable": [_not_comparable_dict(report, v) for v in report.not_comparable],
    }


def _round(x: float | None) -> float | None:
    # NaN and infinity are not JSON; None says "no value" honestly.
    if x is None or not math.isfinite(x):
        return None
    return round(float(x), FLOAT_DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


def _plain(value: Any) -> Any:
    """Config values as JSON types: tuples become lists, paths strings, floats rounded."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, numbers.Integral):  # numpy integers too
        return int(value)
    if isinstance(value, numbers.Real):
        return _round(float(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)  # sets have no stable order
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    return str(value)


def _strongest_first(findings: Sequence[Finding]) -> list[Finding]:
    # Stable sort: equal strengths keep the order aggregate gave them.
    return sorted(findings, key=lambda f: -f.strength)


def _statuses(report: Report) -> dict[tuple[str, int], str]:
    """Status of every kept sentence; one the aggregate stage gave no statement counts as unconfirmed."""
    statuses = {s.key: "unconfirmed" for s in report.sentences}
    statuses.update({st.sentence.key: st.status for st in report.statements})
    return statuses


def _count(statuses) -> dict[str, int]:
    counts = {status: 0 for status in _STATUSES}
    for status in statuses:
        counts[status] += 1
    return counts


def _article_dict(report: Report, article_id: str, statuses: dict[tuple[str, int], str]) -> dict:
    article = report.article(article_id)
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "date": article.date,
        "path": article.path,
        "url": article.url,
        "sentence_count": sum(1 for s in report.sentences if s.article_id == article_id),
        "statements": _count(status for (aid, _), status in statuses.items() if aid == article_id),
    }


def _sentence_dict(report: Report, sentence: Sentence) -> dict:
    before, after = report.context(sentence)
    return {
        "article_id": sentence.article_id,
        "index": sentence.index,
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "context_before": " ".join(s.text for s in before) or None,
        "context_after": " ".join(s.text for s in after) or None,
    }


def _verdict_dict(report: Report, verdict: Verdict) -> dict:
    scores, signals = verdict.scores, verdict.signals
    return {
        "a": _sentence_dict(report, verdict.pair.a),
        "b": _sentence_dict(report, verdict.pair.b),
        "label": verdict.label,
        "strength": _round(verdict.strength),
        "kind": verdict.kind,
        "similarity": _round(verdict.pair.similarity),
        "channel": verdict.pair.channel,
        "nli": {
            "forward": _nli_dict(scores.forward),
            "backward": _nli_dict(scores.backward),
            "combined": _nli_dict(scores.combined),
            "judge": scores.judge,
            "read_as": [{"written": w, "read": r} for w, r in scores.read_as],
        },
        "signals": {
            "mismatches": [
                {"kind": m.kind, "a_value": m.a_value, "b_value": m.b_value, "reason": m.reason,
                 "reason_parts": _parts_list(m.reason), "weight": m.weight}
                for m in signals.mismatches
            ],
            "comparable": signals.comparable,
            "not_comparable_reason": signals.not_comparable_reason,
            "not_comparable_reason_parts": _parts_list(signals.not_comparable_reason),
            "notes": list(signals.notes),
            "doubts": list(signals.doubts),
            "same_act": signals.same_act,
            "same_kind_of_act": signals.same_kind_of_act,
            "explained": signals.explained,
        },
        "why": list(verdict.why),
        "why_parts": [_parts_list(w) for w in verdict.why],
    }


def _parts_list(reason: str | None) -> list | None:
    """A reason as JSON: text pieces, and {"sentence": "a"} / {"sentence": "b"} where it names one."""
    if reason is None:
        return None
    return [p if isinstance(p, str) else {"sentence": p.name} for p in reason_parts(reason)]


def _nli_dict(scores: NLIScores) -> dict:
    return {label: _round(p) for label, p in scores.as_dict().items()}


def _finding_dict(report: Report, finding: Finding) -> dict:
    top = finding.top.pair
    return {
        "label": finding.label,
        "kind": finding.kind,
        "strength": _round(finding.strength),
        "articles": [top.a.article_id, top.b.article_id],
        "evidence": [_verdict_dict(report, v) for v in finding.evidence],
    }


def _statement_dict(st: StatementSupport) -> dict:
    return {
        "article_id": st.sentence.article_id,
        "index": st.sentence.index,
        "text": st.sentence.text,
        "status": st.status,
        "supported_by": list(st.supported_by),
        "disputed_by": list(st.disputed_by),
        "silent": list(st.silent),
    }


def _review_dict(report: Report, item: ReviewItem) -> dict:
    d = _verdict_dict(report, item.verdict)
    d.update({
        "score": _round(item.score),
        "reason": str(item.reason),
        "reason_parts": _parts_list(item.reason),
        "shared_names": list(item.shared_names),
        "shared_words": list(item.shared_words),
        "entailment": _round(item.entailment),
        "contradiction": _round(item.contradiction),
        "contradiction_direction": item.contradiction_direction,
        "mismatch_kinds": list(item.mismatch_kinds),
        "provenance": None if item.provenance is None else {
            "about": item.about,
            **{side: {"facet": c.facet, "cue": c.cue, "source": c.source} for side, c in zip("ab", item.provenance)},
        },
    })
    return d


def _not_comparable_dict(report: Report, verdict: Verdict) -> dict:
    d = _verdict_dict(report, verdict)
    d["reason"] = verdict.signals.not_comparable_reason or (verdict.why[0] if verdict.why else None)
    return d


# ---------------------------------------------------------------------------------------------
# report.md and report.html


def render_markdown(report: Report) -> str:
    """The report as Markdown: summary, conflicts strongest first, agreements, timings, models."""
    return _render("report.md.j2", report, _encodable(report_to_dict(report)))


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts, no network needed)."""
    return _render("report.html.j2", report, _encodable(report_to_dict(report)))


def write_report(report: Report, out_dir: Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write report.json / report.md / report.html (those named in `formats`) into `out_dir`.

    Creates `out_dir` if needed and returns the written paths in the order of `formats`.
    The files are replaced as one step (see `checker.output.replace_files`): all are rendered
    and written to temporary names first, so a failure or a kill leaves the previous report
    whole, and reports of formats not written this time are removed rather than left stale
    beside the new ones. Raises CheckerError for a format it does not know or a folder
    that cannot be written (`check_output_dir` tells that before any work).
    """
    wanted = list(dict.fromkeys(f.lower().lstrip(".") for f in formats))  # dedupe, keep order
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise CheckerError(f"unknown report format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    out_dir = check_output_dir(out_dir)
    doc = _encodable(report_to_dict(report))
    render = {
        "json": lambda: json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
        "md": lambda: _render("report.md.j2", report, doc),
        "html": lambda: _render("report.html.j2", report, doc),
    }
    # Everything is rendered and encoded before the folder is touched; report.json, the file
    # programs wait for, is renamed into place last.
    contents = {f"report.{fmt}": render[fmt]().encode("utf-8") for fmt in sorted(wanted, key=lambda f: f == "json")}
    # A report.* of another format left by an earlier run would sit stale beside the new ones; a
    # file of that name the checker did not write (an article, when -o is the input folder) stays.
    stale = [p.name for p in report_files(out_dir) if p.name not in contents and is_report_file(p)]
    replace_files(out_dir, contents, remove=stale)
    return [out_dir / f"report.{fmt}" for fmt in wanted]


def _encodable(value: Any, key: str | None = None) -> Any:
    """The document with every string encodable as UTF-8. A file name with a byte that is not
    UTF-8 (which Python keeps as a lone surrogate) is written as "\\xff"; in sentence text a
    lone surrogate becomes U+FFFD, one character for one, so start/end offsets stay right."""
    if isinstance(value, str):
        return without_surrogates(value) if key == "text" else printable(value)
    if isinstance(value, dict):
        return {printable(k): _encodable(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_encodable(v, key) for v in value]
    return value


def _render(template_name: str, report: Report, doc: dict) -> str:
    env = _html_env() if template_name.endswith(".html.j2") else _md_env()
    return env.get_template(template_name).render(doc=doc, view=_View(report, doc)).rstrip() + "\n"


def _base_env(**options: Any) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails loudly, not as blank text
        **options,
    )
    env.filters.update(num=_num, pct=_pct, secs=_seconds, short_secs=_short_seconds, counted=counted)
    return env


@functools.lru_cache(maxsize=1)
def _html_env() -> jinja2.Environment:
    return _base_env(autoescape=True, finalize=_html_finalize)


def _html_finalize(value: Any) -> Any:
    # Autoescape escapes after this; Markup is built by the templates and `highlight`, which show
    # hidden characters themselves.
    if isinstance(value, str) and not isinstance(value, Markup):
        return show_invisible(value)
    return value


@functools.lru_cache(maxsize=1)
def _md_env() -> jinja2.Environment:
    # Markdown has no autoescape; finalize plays that role so every {{ }} is escaped.
    env = _base_env(autoescape=False, finalize=_md_finalize)
    env.filters["raw"] = Markup  # output of the template's own macros is Markdown already: don't escape twice
    return env


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _md_escape(text: Any) -> str:
    """Text safe inside one Markdown line: no line breaks, emphasis, links, raw HTML or cell breaks,
    and no hidden characters (bidirectional overrides, zero-width spaces) that change what it shows."""
    return _MD_SPECIAL.sub(r"\\\1", show_invisible(" ".join(str(text).split())))


def _md_finalize(value: Any) -> Any:
    # Markup marks text the template deliberately builds as Markdown; all other strings are data.
    if isinstance(value, str) and not isinstance(value, Markup):
        return _md_escape(value)
    return value


def _num(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _pct(x: float | None) -> str:
    return "0" if x is None else f"{max(0.0, min(1.0, x)) * 100:.1f}"


def _seconds(x: float | None) -> str:
    if x is None:
        return "–"
    if x < 0.001:
        return "<1 ms"
    if x < 1:
        return f"{x * 1000:.0f} ms"
    if x < 60:
        return f"{x:.2f} s"
    minutes, seconds = divmod(round(x), 60)
    return f"{minutes} min {seconds:02d} s"


def _short_seconds(x: float | None) -> str:
    """Like `_seconds`, compact enough for a summary tile: "2m 05s" from a minute on."""
    if x is not None and x >= 60:
        minutes, seconds = divmod(round(x), 60)
        return f"{minutes}m {seconds:02d}s"
    return _seconds(x)


class _View:
    """Presentation helpers the templates share: article letters, names, statements, highlighting."""

    def __init__(self, report: Report, doc: dict) -> None:
        self.report = report
        self.doc = doc
        self.articles = {a["id"]: a for a in doc["articles"]}
        # Short letters (A, B, ... Z, AA) read better than content-hash ids.
        self.letters = {a["id"]: _letter(i) for i, a in enumerate(doc["articles"])}

    def letter(self, article_id: str) -> str:
        return self.letters.get(article_id, "?")

    def title(self, article_id: str) -> str:
        article = self.articles.get(article_id)
        return article["title"] if article else article_id

    def byline(self, article_id: str) -> str:
        """Source and date of an article, e.g. "Reuters, 2024-05-01" (empty when unknown)."""
        article = self.articles.get(article_id) or {}
        return ", ".join(str(x) for x in (article.get("source"), article.get("date")) if x)

    def names(self, article_ids: Sequence[str]) -> str:
        return ", ".join(f"{self.letter(i)} ({self.title(i)})" for i in article_ids)

    def reasons(self, evidence: dict) -> list[str]:
        """The verdict's why list, then the mismatch reasons it does not already state, with the
        pair's sentences named by article letter as the report shows them."""
        why_parts = evidence.get("why_parts") or [None] * len(evidence["why"])
        out = [self._render_parts(parts, evidence) if parts else self.with_letters(w, evidence)
               for w, parts in zip(evidence["why"], why_parts)]
        for m in evidence["signals"]["mismatches"]:
            if m["reason"] and m["reason"] not in evidence["why"]:
                out.append(self.with_letters(m["reason"], evidence))
        return out

    def _render_parts(self, parts: list, evidence: dict) -> str:
        """Reason parts with the sentences named by article letter ("C's sentence")."""
        letters = {"a": self.letter(evidence["a"]["article_id"]), "b": self.letter(evidence["b"]["article_id"])}
        return "".join(p if isinstance(p, str) else f"{letters[p['sentence']]}'s sentence" for p in parts)

    def review_reason(self, item: dict) -> str:
        """A review item's reason, its sentences named by article letter."""
        parts = item.get("reason_parts")
        return self._render_parts(parts, item) if parts else item["reason"]

    def with_letters(self, text: str | None, evidence: dict) -> str | None:
        """A reason of this evidence with its sentences named by article ("C's sentence"): the
        reason's parts (report.json) say where it names sentence a or b."""
        if not text:
            return text
        parts = _parts_of(text, evidence)
        if parts is None:
            return text
        letters = {"a": self.letter(evidence["a"]["article_id"]), "b": self.letter(evidence["b"]["article_id"])}
        return "".join(p if isinstance(p, str) else f"{letters[p['sentence']]}'s sentence" for p in parts)

    def why_line(self, evidence: dict) -> str:
        """The reasons as one sentence-like line: "Different numbers; 300 troops vs 2,000 troops."."""
        parts = [r.strip().rstrip(".") for r in self.reasons(evidence) if r.strip()]
        return "; ".join(parts) + "." if parts else ""

    def statements_of(self, article_id: str) -> list[dict]:
        """Every sentence of the article in reading order, with its statement status.

        A sentence the aggregate stage gave no statement counts as unconfirmed: nothing was
        found for or against it.
        """
        by_index = {st["index"]: st for st in self.doc["statements"] if st["article_id"] == article_id}
        rows = []
        for sentence in sorted((s for s in self.report.sentences if s.article_id == article_id), key=lambda s: s.index):
            rows.append(by_index.pop(sentence.index, None) or {
                "article_id": article_id, "index": sentence.index, "text": sentence.text,
                "status": "unconfirmed", "supported_by": [], "disputed_by": [], "silent": [],
            })
        rows.extend(by_index.values())  # statements whose sentence is missing from report.sentences
        return sorted(rows, key=lambda st: st["index"])

    def values(self, evidence: dict, side: str) -> list[str]:
        """The mismatching values as written in sentence `side` ("a" or "b")."""
        key = "a_value" if side == "a" else "b_value"
        return [m[key] for m in evidence["signals"]["mismatches"]]

    def highlight(self, text: str, values: Sequence[str]) -> Markup:
        """HTML of `text` with the first occurrence of each value in <mark>, everything escaped."""
        spans: list[tuple[int, int]] = []
        for value in values:
            if not value:
                continue
            start = text.find(value)
            if start < 0 and len(text.lower()) == len(text):  # lower() can change length (e.g. "İ")
                start = text.lower().find(value.lower())
            end = start + len(value)
            if start >= 0 and all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
        # Spans are found in the text as written (offsets stay right); hidden characters are shown per piece.
        out, pos = [], 0
        for start, end in sorted(spans):
            out.append(escape(show_invisible(text[pos:start])))
            out.append(Markup("<mark>") + escape(show_invisible(text[start:end])) + Markup("</mark>"))
            pos = end
        out.append(escape(show_invisible(text[pos:])))
        return Markup("").join(out)


_NOT_COMPARABLE = "not comparable: "  # how aggregate.judge puts the not-comparable reason first in `why`


def _parts_of(text: str, evidence: dict) -> list | None:
    """The parts of the evidence's reason that reads `text`: a mismatch reason or the not-comparable
    reason (also as the first entry of `why`); None when no reason reads so."""
    signals = evidence["signals"]
    candidates = [(m["reason"], m.get("reason_parts")) for m in signals["mismatches"]]
    nc, nc_parts = signals.get("not_comparable_reason"), signals.get("not_comparable_reason_parts")
    if nc and nc_parts:
        candidates += [(nc, nc_parts), (_NOT_COMPARABLE + nc, [_NOT_COMPARABLE, *nc_parts])]
    return next((parts for reason, parts in candidates if reason == text and parts), None)


def _letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(ord("A") + r) + letters
    return letters
