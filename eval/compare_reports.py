"""Compare two runs of the checker: report.json files or gold_results.json files, before and after a change.

    python eval/compare_reports.py BEFORE AFTER [--as-v1]

BEFORE and AFTER are report.json or gold_results.json files, or folders holding one. What differs
from run to run anyway is left out: `created`, stage timings and `total_seconds` (report.json),
`meta.created`, `meta.command` and `meta.provenance` (gold results). Everything else is compared value by value and
every difference is printed as `path: before -> after`; the exit code is 0 when none is left, 1 otherwise.

--config-as-v2 reads an echoed config of schema 3.0 (each stage's settings nested: pairing.top_k,
judge.threshold, review.max_items, ...) under the flat 2.x names (top_k, threshold, review_max, ...)
and drops the resolved signal settings 3.0 echoes (2.x echoed only overrides, and only empty ones
are comparable), and does not compare `schema_version`: a 2.x run against a 3.0 run then shows what
the change did to verdicts, scores, texts and setting values.

--as-v1 reads an AFTER written with report schema 2.0 as schema 1.0 would have said it: the kinds
"status" and "nli" become "other", "role" becomes "entity", the `*_parts` fields and the Config
fields added with 2.0 are dropped, and `schema_version` is not compared. What remains is what the
change did to verdicts, scores and texts.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

V1_KINDS = {"status": "other", "nli": "other", "role": "entity"}
# Config fields report schema 2.0 added (settings that used to live outside Config).
V2_CONFIG_FIELDS = ("nli_only_direction", "nli_only_min_similarity", "agree_threshold", "signals")
NAMES = ("report.json", "gold_results.json")


def load(path: Path) -> dict:
    if path.is_dir():
        found = [path / n for n in NAMES if (path / n).is_file()]
        if not found:
            sys.exit(f"compare_reports: no {' or '.join(NAMES)} in {path}")
        path = found[0]
    return json.loads(path.read_text(encoding="utf-8"))


# Schema 3.0 config (stage, field) -> the flat name 2.x used.
V2_NAMES = {("pairing", "top_k"): "top_k", ("pairing", "min_similarity"): "similarity_floor",
            ("provenance", "pairs_per_sentence"): "provenance_pairs",
            ("provenance", "min_similarity"): "provenance_min_similarity",
            ("provenance", "review_weight"): "review_provenance_weight", ("review", "max_items"): "review_max",
            **{("judge", f): f for f in ("threshold", "agree_threshold", "nli_only_threshold", "nli_only_direction",
                                         "nli_only_min_similarity", "one_way_threshold", "one_way_max_entailment")},
            **{("review", f): f"review_{f}" for f in ("min_similarity", "max_entailment", "min_contradiction",
                                                     "min_shared_words", "topic_share")}}


def config_as_v2(doc: dict) -> dict:
    """The document with a schema-3.0 config flattened to the 2.x names (see the module docstring)."""
    doc = json.loads(json.dumps(doc))
    doc.pop("schema_version", None)
    for holder in (doc.get("summary"), doc.get("meta")):
        config = holder.get("config") if isinstance(holder, dict) else None
        if not isinstance(config, dict) or not isinstance(config.get("pairing"), dict):
            if isinstance(config, dict) and config.get("signals") == {}:
                config.pop("signals")
            continue
        flat = {}
        for key, value in config.items():
            if isinstance(value, dict) and key in {stage for stage, _ in V2_NAMES}:
                flat.update({V2_NAMES[(key, f)]: v for f, v in value.items()})
            elif key != "signals":
                flat[key] = value
        holder["config"] = {k: flat[k] for k in sorted(flat)}
    return doc


def without_run_details(doc: dict) -> dict:
    """The document without what changes from run to run (times, dates, the command line)."""
    doc = json.loads(json.dumps(doc))
    doc.pop("created", None)
    summary = doc.get("summary")
    if isinstance(summary, dict):
        summary.pop("timings", None)
        summary.pop("total_seconds", None)
    meta = doc.get("meta")
    if isinstance(meta, dict):
        meta.pop("created", None)
        meta.pop("command", None)
        meta.pop("provenance", None)
    return doc


def as_v1(value, key: str | None = None):
    """A schema-2.0 value as schema 1.0 wrote it (see the module docstring)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k.endswith("_parts") or k == "schema_version":
                continue
            if k in ("kind", "checker_kind") and isinstance(v, str):
                out[k] = V1_KINDS.get(v, v)
            elif k == "kind_confusion" and isinstance(v, dict):
                out[k] = {gold: _merge_counts(row) for gold, row in v.items()}
            elif k == "config" and isinstance(v, dict):
                out[k] = {ck: cv for ck, cv in v.items() if ck not in V2_CONFIG_FIELDS}
            else:
                out[k] = as_v1(v, k)
        return out
    if isinstance(value, list):
        return [as_v1(v, key) for v in value]
    return value


def _merge_counts(row: dict) -> dict:
    merged: dict[str, int] = {}
    for kind, n in row.items():
        old = V1_KINDS.get(kind, kind)
        merged[old] = merged.get(old, 0) + n
    return merged


def differences(before, after, path: str = "") -> list[str]:
    """Every place the two values differ, as 'path: before -> after' lines."""
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for k in list(before) + [k for k in after if k not in before]:
            where = f"{path}.{k}" if path else str(k)
            if k not in after:
                out.append(f"{where}: {_short(before[k])} -> (absent)")
            elif k not in before:
                out.append(f"{where}: (absent) -> {_short(after[k])}")
            else:
                out += differences(before[k], after[k], where)
        return out
    if isinstance(before, list) and isinstance(after, list):
        out = [f"{path}: {len(before)} items -> {len(after)} items"] if len(before) != len(after) else []
        for i, (b, a) in enumerate(zip(before, after)):
            out += differences(b, a, f"{path}[{i}]")
        return out
    return [] if before == after else [f"{path}: {_short(before)} -> {_short(after)}"]


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--as-v1", action="store_true", help="read AFTER (schema 2.0) as schema 1.0 would have said it")
    ap.add_argument("--config-as-v2", action="store_true",
                    help="read a schema-3.0 config (nested) under the 2.x flat names, to compare with a 2.x run")
    args = ap.parse_args(argv)
    before, after = without_run_details(load(args.before)), without_run_details(load(args.after))
    if args.config_as_v2:
        before, after = config_as_v2(before), config_as_v2(after)
    if args.as_v1:
        before, after = as_v1(before), as_v1(after)
    diffs = differences(before, after)
    for line in diffs:
        print(line)
    print(f"{args.before} vs {args.after}: " + ("identical" if not diffs else f"{len(diffs)} differences")
          + (" (read as schema 1.0)" if args.as_v1 else ""), file=sys.stderr)
    return 0 if not diffs else 1


if __name__ == "__main__":
    sys.exit(main())
