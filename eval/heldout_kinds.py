"""Recall and false alarms by the held-out set's own kinds (`heldout_kind`), from a `checker gold` run.

    checker gold eval/gold-heldout -o OUT
    python eval/heldout_kinds.py eval/gold-heldout OUT/gold_results.json [-o OUT/heldout_kinds.md]

`checker gold` counts recall per scorer kind (number, date, entity, ...). The held-out stories
(eval/gold-heldout/README.md) also tag each pair with a finer `heldout_kind` (time, quantity,
negation_verb, attribution, nli for conflicts; alias, restated_* for faithful pairs; different_event
for distinct ones). This script reads the scorer's results (its misses and false alarms name the
gold pairs) and tabulates them by `heldout_kind`, without running any model. It also reports which
`review.jsonl` pairs ("worth a look", which the scorer does not read) were flagged as conflicts:
only the top evidence pair of each unlabelled flag is visible in gold_results.json, so a review
pair that is a finding's second piece of evidence is not seen here.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checker.evaluation.gold import CAUSES, normalize_text

Key = tuple[str, str, str, str]


def pair_key(row: dict) -> Key:
    """An order-free key for a pair of sentences, normalised as the scorer normalises them."""
    a = (row["a_file"], normalize_text(row["a"]))
    b = (row["b_file"], normalize_text(row["b"]))
    return (*min(a, b), *max(a, b))  # type: ignore[return-value]


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same_sentence(have: str, want: str) -> bool:
    """The scorer's text rule, simplified: one normalised text contains the other (fragment >= 20 chars)."""
    have, want = normalize_text(have), normalize_text(want)
    return want in have or (have in want and len(have) >= min(20, len(want)))


def flag_is_pair(flag: dict, pair: dict) -> bool:
    """An unlabelled flag's top evidence pair is this gold pair, in either order."""
    def side(f_file: str, f_text: str, g_file: str, g_text: str) -> bool:
        return Path(f_file).name == Path(g_file).name and same_sentence(f_text, g_text)
    return ((side(flag["a_file"], flag["a"], pair["a_file"], pair["a"]) and side(flag["b_file"], flag["b"], pair["b_file"], pair["b"]))
            or (side(flag["a_file"], flag["a"], pair["b_file"], pair["b"]) and side(flag["b_file"], flag["b"], pair["a_file"], pair["a"])))


def tabulate(gold_dir: Path, results: dict) -> dict:
    """Counts by heldout_kind: conflicts planted/found, faithful and distinct pairs flagged, review pairs flagged."""
    by_story = {s["story"]: s for s in results["stories"]}
    conflicts: dict[str, dict[str, int]] = {}
    not_conflicts: dict[str, dict[str, int]] = {}
    review = {"pairs": 0, "flagged_as_conflict": 0}
    for story_dir in sorted(d for d in gold_dir.iterdir() if (d / "gold.jsonl").is_file()):
        score = by_story.get(story_dir.name)
        if score is None:
            raise SystemExit(f"story {story_dir.name} is not in the results; run checker gold on {gold_dir} first")
        missed = {pair_key(m): m for m in score["misses"]}
        alarmed = {pair_key(f) for f in score["false_alarms"]}
        for row in read_jsonl(story_dir / "gold.jsonl"):
            kind = row.get("heldout_kind") or row.get("kind") or row["label"]
            if row["label"] == "conflict":
                c = conflicts.setdefault(kind, {"planted": 0, "found": 0})
                c["planted"] += 1
                c["found"] += pair_key(row) not in missed
                # where the miss was lost (`checker gold` writes `why_missed`; older results lack it)
                cause = (missed.get(pair_key(row), {}).get("why_missed") or {}).get("cause")
                if cause:
                    lost = c.setdefault("lost", {})
                    lost[cause] = lost.get(cause, 0) + 1
            else:
                c = not_conflicts.setdefault(f"{row['label']}:{kind}", {"pairs": 0, "flagged": 0})
                c["pairs"] += 1
                c["flagged"] += pair_key(row) in alarmed
        for row in read_jsonl(story_dir / "review.jsonl"):
            review["pairs"] += 1
            review["flagged_as_conflict"] += any(flag_is_pair(f, row) for f in score["unlabelled_flags"])
    return {"conflicts": conflicts, "not_conflicts": not_conflicts, "review": review}


def markdown(table: dict, results: dict) -> str:
    o = results["overall"]
    f = o["flagged"]
    lines = ["| Held-out kind | Planted | Found | Recall |", "|---|---:|---:|---:|"]
    total_p = total_f = 0
    for kind, c in sorted(table["conflicts"].items()):
        total_p += c["planted"]
        total_f += c["found"]
        lines.append(f"| {kind} | {c['planted']} | {c['found']} | {100 * c['found'] / c['planted']:.0f}% |")
    lines.append(f"| **all** | **{total_p}** | **{total_f}** | **{100 * total_f / total_p:.1f}%** |")
    causes = [c for c in CAUSES if any(c in k.get("lost", {}) for k in table["conflicts"].values())]
    if causes:
        lines += ["", "Where the misses were lost (`why_missed` of `checker gold`):", "",
                  "| Held-out kind | " + " | ".join(CAUSES[c] for c in causes) + " |", "|---|" + "---:|" * len(causes)]
        for kind, c in sorted(table["conflicts"].items()):
            lines.append(f"| {kind} | " + " | ".join(str(c.get("lost", {}).get(x, 0)) for x in causes) + " |")
    lines += ["", "| Must not be flagged | Pairs | Flagged as conflict |", "|---|---:|---:|"]
    for kind, c in sorted(table["not_conflicts"].items()):
        lines.append(f"| {kind} | {c['pairs']} | {c['flagged']} |")
    r = table["review"]
    lines.append(f"| review (review.jsonl, top evidence only) | {r['pairs']} | {r['flagged_as_conflict']} |")
    pa, pl = o["precision_all_flagged"], o["precision_gold_labelled"]
    lines += ["", f"Flags: {f['total']} ({f['match_gold_conflict']} planted conflicts, {f['match_gold_agree']} faithful, "
              f"{f['match_gold_distinct']} distinct, {f['unlabelled']} unlabelled). "
              f"Precision over all flagged: {'n/a' if pa is None else f'{100 * pa:.1f}%'}; "
              f"over gold-labelled pairs: {'n/a' if pl is None else f'{100 * pl:.1f}%'}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path, help="eval/gold-heldout (story folders with gold.jsonl, review.jsonl)")
    parser.add_argument("results", type=Path, help="gold_results.json written by `checker gold` on gold_dir")
    parser.add_argument("-o", "--output", type=Path, help="write the Markdown table here (default: stdout)")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text(encoding="utf-8"))
    text = markdown(tabulate(args.gold_dir, results), results)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
