"""What the field's extraction libraries find in news sentences, against the checker's own extractors.

Two signals, each on every sentence of the given sets (default: the tuning set eval/gold and the demo):

- numbers: the checker's quantities (checker/signals/numbers.py) against text2num (alpha2digit),
  number-parser (parse), quantulum3 (parse) and recognizers-text (recognize_number). Every extractor
  sees the sentence with the checker's dates and times blanked out, so that years are left to the date
  comparison; each gives the set of values it reads; amounts in words of the checker ("dozens", "a
  few") have no single value and are counted apart.
- dates and relative times: the checker's dates and times (dates.py, times.py), each resolved against
  the article's date to the days it covers, against dateparser (search_dates, RELATIVE_BASE) and
  recognizers-text (recognize_datetime, reference). A mention one extractor finds and the other does
  not is listed, and so is one both find that they resolve to different days.

    python eval/extraction_compare.py --out eval/results/extraction

Writes compare.json (every sentence's extractions and the disagreements) and compare.md (counts, then
the disagreements). A library that is not installed or fails on a sentence is counted, not fatal.

Not for: end-to-end figures (`checker gold` gives those); judging who is right (the lists are there to
be read; the .md says what reading them showed).
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import warnings
from pathlib import Path
from typing import Callable

from checker.config import Config
from checker.evaluation.record import provenance, write_result
from checker.evaluation.gold import load_gold
from checker.ingest import load_articles
from checker.segment import segment_all
from checker.signals.dates import extract_dates, parse_iso
from checker.signals.numbers import extract_quantities
from checker.signals.times import date_interval, interval, times_and_dates

DEFAULT_SETS = ("eval/gold", "checker/demo")
# Relative times in an undated article are resolved against this day (the sets' articles are dated).
FALLBACK_BASE = dt.date(2025, 3, 5)
_NUMBER_RE = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])")


# ----------------------------------------------------------------------------- numbers

def ours_numbers(text: str) -> tuple[set[float], list[str]]:
    times, dates = times_and_dates(text, extract_dates(text))
    masked = [(d.start, d.end) for d in dates] + [(t.start, t.end) for t in times]
    values, vague = set(), []
    for q in extract_quantities(text, masked=masked):
        if q.vague:
            vague.append(q.text)
        else:
            values.add(round(q.value, 6))
    return values, vague


def blank_dates(text: str) -> str:
    """The sentence with the checker's dates and times replaced by spaces (same length)."""
    times, dates = times_and_dates(text, extract_dates(text))
    chars = list(text)
    for s, e in [(d.start, d.end) for d in dates] + [(t.start, t.end) for t in times]:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def _digits(converted: str) -> set[float]:
    return {round(float(m.group().replace(",", "")), 6) for m in _NUMBER_RE.finditer(converted)}


def number_libraries() -> dict[str, Callable[[str], set[float]] | str]:
    """name -> function giving the values it reads in a text, or the reason it cannot run."""
    libs: dict[str, Callable[[str], set[float]] | str] = {}
    try:
        from text_to_num import alpha2digit

        libs["text2num"] = lambda t: _digits(alpha2digit(t, "en", threshold=0))
    except ImportError as e:
        libs["text2num"] = f"not installed ({e})"
    try:
        from number_parser import parse

        libs["number-parser"] = lambda t: _digits(parse(t))
    except ImportError as e:
        libs["number-parser"] = f"not installed ({e})"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as qparser

        libs["quantulum3"] = lambda t: {round(float(q.value), 6) for q in qparser.parse(t)}
    except ImportError as e:
        libs["quantulum3"] = f"not installed ({e})"
    try:
        from recognizers_suite import Culture, recognize_number

        libs["recognizers-text"] = lambda t: {round(float(r.resolution["value"]), 6)
                                              for r in recognize_number(t, Culture.English)
                                              if r.resolution and r.resolution.get("value") not in (None, "")}
    except ImportError as e:
        libs["recognizers-text"] = f"not installed ({e})"
    return libs


# ----------------------------------------------------------------------------- dates and times

def ours_dates(text: str, base: dt.date) -> list[dict]:
    times, dates = times_and_dates(text, extract_dates(text))
    out = []
    for d in dates:
        iv = date_interval(d, base)
        out.append({"text": d.text, "start": d.start, "end": d.end,
                    "days": [iv[0].isoformat(), iv[1].isoformat()] if iv else None})
    for t in times:
        iv = interval(t, base)
        out.append({"text": t.text, "start": t.start, "end": t.end,
                    "days": [iv[0].isoformat(), iv[1].isoformat()] if iv else None})
    return sorted(out, key=lambda m: m["start"])


def _locate(text: str, found: str, after: int = 0) -> tuple[int, int]:
    i = text.lower().find(found.lower(), after)
    if i < 0:
        i = text.lower().find(found.lower())
    return (i, i + len(found)) if i >= 0 else (-1, -1)


def date_libraries() -> dict[str, Callable[[str, dt.date], list[dict]] | str]:
    libs: dict[str, Callable[[str, dt.date], list[dict]] | str] = {}
    try:
        from dateparser.search import search_dates

        def dateparser_dates(text: str, base: dt.date) -> list[dict]:
            found = search_dates(text, languages=["en"],
                                 settings={"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day)}) or []
            out, cursor = [], 0
            for surface, when in found:
                s, e = _locate(text, surface, cursor)
                cursor = max(cursor, e)
                out.append({"text": surface, "start": s, "end": e, "days": [[when.date().isoformat()] * 2]})
            return out

        libs["dateparser"] = dateparser_dates
    except ImportError as e:
        libs["dateparser"] = f"not installed ({e})"
    try:
        from recognizers_suite import Culture, recognize_datetime

        def recognizers_dates(text: str, base: dt.date) -> list[dict]:
            out = []
            for r in recognize_datetime(text, Culture.English, reference=dt.datetime(base.year, base.month, base.day)):
                values = (r.resolution or {}).get("values") or []
                days = _recognizers_days(values)
                out.append({"text": text[r.start:r.end + 1], "start": r.start, "end": r.end + 1, "days": days,
                            "type": r.type_name, "timex": [v.get("timex") for v in values]})
            return out

        libs["recognizers-text"] = recognizers_dates
    except ImportError as e:
        libs["recognizers-text"] = f"not installed ({e})"
    return libs


def _recognizers_days(values: list[dict]) -> list[list[str]] | None:
    """Every reading recognizers-text resolves (a month without a year gives the one before and the one
    after the reference) as [first day, last day], a range's end exclusive; None when it resolves nothing."""
    out = []
    for v in values:
        try:
            if v.get("start") and v.get("end"):
                lo = dt.date.fromisoformat(v["start"][:10])
                hi = dt.date.fromisoformat(v["end"][:10]) - dt.timedelta(days=1)
                out.append([lo.isoformat(), max(lo, hi).isoformat()])
            elif v.get("value") and re.match(r"\d{4}-\d\d-\d\d", v["value"]):
                out.append([v["value"][:10]] * 2)
        except ValueError:
            continue
    return out or None


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _days_agree(a: list[str] | None, b: list[list[str]] | None) -> bool | None:
    """Whether some reading of the library's lies inside the checker's days (None when either is unresolved)."""
    if not a or not b:
        return None
    return any(a[0] <= lo and hi <= a[1] for lo, hi in b)


# ----------------------------------------------------------------------------- the run

def run(sets: list[str]) -> dict:
    articles = [a for folder in sets for story in load_gold(folder).stories
                for a in load_articles([str(f) for f in story.article_files], warn=lambda _m: None)]
    by_id = {a.id: a for a in articles}
    sentences = segment_all(articles, Config())
    nlibs, dlibs = number_libraries(), date_libraries()
    numbers = {name: {"status": lib if isinstance(lib, str) else "ok", "values": 0, "same_as_ours": 0,
                      "only_ours": [], "only_lib": [], "errors": 0} for name, lib in nlibs.items()}
    dates = {name: {"status": lib if isinstance(lib, str) else "ok", "mentions": 0, "both_found": 0,
                    "same_days": 0, "different_days": [], "only_ours_resolved": [], "only_ours": [], "only_lib": [], "unresolved": 0,
                    "errors": 0} for name, lib in dlibs.items()}
    ours_counts = {"numbers": 0, "vague_amounts": 0, "dates": 0, "dates_unresolved": 0}
    for s in sentences:
        text = s.text
        base = parse_iso(by_id[s.article_id].date) or FALLBACK_BASE
        ours, vague = ours_numbers(text)
        ours_counts["numbers"] += len(ours)
        ours_counts["vague_amounts"] += len(vague)
        blanked = blank_dates(text)
        for name, lib in nlibs.items():
            if isinstance(lib, str):
                continue
            row = numbers[name]
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    theirs = lib(blanked)
            except Exception as e:  # a library's failure on one sentence is a finding, not a crash
                row["errors"] += 1
                row.setdefault("error_examples", []).append(f"{type(e).__name__}: {text[:100]}")
                continue
            row["values"] += len(theirs)
            row["same_as_ours"] += len(ours & theirs)
            if ours - theirs:
                row["only_ours"].append({"sentence": text, "values": sorted(ours - theirs), "vague": vague})
            if theirs - ours:
                row["only_lib"].append({"sentence": text, "values": sorted(theirs - ours)})
        mine = ours_dates(text, base)
        ours_counts["dates"] += len(mine)
        ours_counts["dates_unresolved"] += sum(1 for m in mine if m["days"] is None)
        for name, lib in dlibs.items():
            if isinstance(lib, str):
                continue
            row = dates[name]
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    theirs = lib(text, base)
            except Exception as e:
                row["errors"] += 1
                row.setdefault("error_examples", []).append(f"{type(e).__name__}: {text[:100]}")
                continue
            row["mentions"] += len(theirs)
            row["unresolved"] += sum(1 for m in theirs if m["days"] is None)
            for m in mine:
                match = [t for t in theirs if _overlap(m, t)]
                if not match:
                    row["only_ours"].append({"sentence": text, "ours": m})
                    continue
                row["both_found"] += 1
                agree = [_days_agree(m["days"], t["days"]) for t in match]
                if m["days"] and all(t["days"] is None for t in match):
                    row["only_ours_resolved"].append({"sentence": text, "ours": m, "lib": match})
                elif any(a is True for a in agree) or all(a is None for a in agree):
                    row["same_days"] += any(a is True for a in agree)
                else:
                    row["different_days"].append({"sentence": text, "ours": m, "lib": match})
            for t in theirs:
                if not any(_overlap(m, t) for m in mine):
                    row["only_lib"].append({"sentence": text, "lib": t})
    return {"sets": sets, "sentences": len(sentences), "ours": ours_counts, "numbers": numbers, "dates": dates,
            "library_versions": _versions()}


def _versions() -> dict[str, str | None]:
    from importlib import metadata

    out = {}
    for name in ("text2num", "number-parser", "quantulum3", "recognizers-text-suite", "dateparser", "emoji"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def markdown(doc: dict, stamp: dict, limit: int) -> str:
    lines = [f"# Extraction by the field's libraries against the checker's own ({', '.join(doc['sets'])})", "",
             f"{doc['sentences']} sentences. Library versions: "
             + ", ".join(f"{k} {v}" for k, v in doc["library_versions"].items()) + ".", "",
             "## Numbers (dates and times blanked out for every extractor)", "",
             f"The checker reads {doc['ours']['numbers']} values and {doc['ours']['vague_amounts']} amounts in words "
             "(\"dozens\", \"a few\") that have no single value.", "",
             "| library | status | values read | same as the checker's | sentences with values only the checker reads "
             "| sentences with values only the library reads | sentences it failed on |",
             "|---|---|---|---|---|---|---|"]
    for name, row in doc["numbers"].items():
        lines.append(f"| {name} | {row['status']} | {row['values']} | {row['same_as_ours']} | {len(row['only_ours'])} "
                     f"| {len(row['only_lib'])} | {row['errors']} |")
    lines += ["", "## Dates and relative times (resolved against the article's date)", "",
              f"The checker finds {doc['ours']['dates']} mentions; {doc['ours']['dates_unresolved']} of them fix no "
              "days on their own (a clock time, an edge such as \"since May\", a year-less weekday).", "",
              "| library | status | mentions | found by both | same days | different days | both find, only the "
              "checker resolves | only the checker finds | only the library finds | library unresolved | failed |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, row in doc["dates"].items():
        lines.append(f"| {name} | {row['status']} | {row['mentions']} | {row['both_found']} | {row['same_days']} "
                     f"| {len(row['different_days'])} | {len(row['only_ours_resolved'])} | {len(row['only_ours'])} "
                     f"| {len(row['only_lib'])} "
                     f"| {row['unresolved']} | {row['errors']} |")
    lines += ["", f"## Disagreements (first {limit} of each list; all in compare.json)", ""]
    for name, row in doc["numbers"].items():
        if row["status"] != "ok":
            continue
        lines += [f"### numbers, {name}", "", "Only the checker reads:", ""]
        lines += [f"- {d['values']} in \"{d['sentence']}\"" for d in row["only_ours"][:limit]]
        lines += ["", "Only the library reads:", ""]
        lines += [f"- {d['values']} in \"{d['sentence']}\"" for d in row["only_lib"][:limit]]
        lines += [""]
    for name, row in doc["dates"].items():
        if row["status"] != "ok":
            continue
        lines += [f"### dates and times, {name}", "", "Both find it, different days (the checker's, then the library's):", ""]
        lines += [f"- \"{d['ours']['text']}\" {d['ours']['days']} vs "
                  + "; ".join(f"\"{t['text']}\" {t['days']}" for t in d["lib"]) + f" in \"{d['sentence']}\""
                  for d in row["different_days"][:limit]]
        lines += ["", "Both find it, only the checker resolves it:", ""]
        lines += [f"- \"{d['ours']['text']}\" {d['ours']['days']} vs " + "; ".join(f"\"{t['text']}\" {t.get('timex')}"
                                                                             for t in d["lib"])
                  + f" in \"{d['sentence']}\"" for d in row["only_ours_resolved"][:limit]]
        lines += ["", "Only the checker finds:", ""]
        lines += [f"- \"{d['ours']['text']}\" {d['ours']['days']} in \"{d['sentence']}\"" for d in row["only_ours"][:limit]]
        lines += ["", "Only the library finds:", ""]
        lines += [f"- \"{d['lib']['text']}\" {d['lib']['days']} in \"{d['sentence']}\"" for d in row["only_lib"][:limit]]
        lines += [""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="*", default=list(DEFAULT_SETS), help="article folders (default: eval/gold and the demo)")
    ap.add_argument("--out", type=Path, default=Path("eval/results/extraction"))
    ap.add_argument("--limit", type=int, default=40, help="disagreements listed per list in the .md")
    args = ap.parse_args(argv)
    doc = run(args.sets)
    stamp = provenance(command=sys.argv)
    args.out.mkdir(parents=True, exist_ok=True)
    write_result(args.out / "compare.json", doc, stamp, markdown(doc, stamp, args.limit))
    print(f"wrote {args.out / 'compare.json'} and compare.md")


if __name__ == "__main__":
    main()
