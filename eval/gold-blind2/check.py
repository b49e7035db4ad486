#!/usr/bin/env python3
"""Stdlib-only sanity check for the blind held-out set.

For every gold.jsonl line: both sentences occur verbatim in the named article
body, labels/kinds are valid, no pair is duplicated; then prints counts.
Exits non-zero if any problem is found.
"""
import json, os, sys
from collections import Counter

# The set to check: this folder, or another set of the same format given as the argument.
ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
LABELS = {"conflict", "agree", "distinct", "review"}
SCORER_KINDS = {"number", "date", "entity", "negation", "antonym", "role", "status",
                "time", "quantity", "refusal", "attribution"}
CONFLICT_MAP = {"denial": "negation", "retraction": "negation", "hedge_vs_certain": "antonym",
                "number": "number", "ordinal_duration": "number", "relative_time": "time",
                "same_event_date": "date", "role_swap": "role", "attribution": "attribution",
                "entity": "entity", "antonym": "antonym", "negation": "negation"}
AGREE_KINDS = {"restated_number", "alias", "region_town", "name_form", "restated_time",
               "restated_attribution", "paraphrase"}

problems = []
def bad(msg):
    problems.append(msg)

def load_article(path):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("---\n"):
        bad(f"{path}: missing front matter")
        return {}, text
    head, body = text[4:].split("\n---\n", 1)
    meta = {}
    for line in head.splitlines():
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip()
    for k in ("title", "source", "date"):
        if not meta.get(k):
            bad(f"{path}: front matter lacks {k}")
    return meta, body

by_label, by_hk, by_kind = Counter(), Counter(), Counter()
per_story = {}
stories = sorted(d for d in os.listdir(ROOT) if os.path.isdir(os.path.join(ROOT, d)))
for story in stories:
    sdir = os.path.join(ROOT, story)
    gold = os.path.join(sdir, "gold.jsonl")
    if not os.path.exists(gold):
        continue
    arts = {}
    for f in sorted(os.listdir(sdir)):
        if f.endswith(".txt"):
            arts[f] = load_article(os.path.join(sdir, f))
    sources = [m.get("source") for m, _ in arts.values()]
    if len(set(sources)) != len(sources):
        bad(f"{story}: outlets not distinct: {sources}")
    seen = set()
    cnt = Counter()
    for n, line in enumerate(open(gold, encoding="utf-8"), 1):
        where = f"{story}/gold.jsonl:{n}"
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except Exception as e:
            bad(f"{where}: bad JSON ({e})"); continue
        for key in ("a_file", "a", "b_file", "b", "label", "kind", "heldout_kind"):
            if key not in r:
                bad(f"{where}: missing {key}")
        if r.get("a_file") == r.get("b_file"):
            bad(f"{where}: both sentences from the same file")
        for side in ("a", "b"):
            f, s = r.get(side + "_file"), r.get(side, "")
            if f not in arts:
                bad(f"{where}: unknown file {f}"); continue
            if "\n" in s or not s.strip():
                bad(f"{where}: sentence {side} empty or multi-line")
            if s not in arts[f][1]:
                bad(f"{where}: sentence {side} not verbatim in {f}: {s[:70]!r}")
            if not s.rstrip('"').endswith((".", "!", "?")):
                bad(f"{where}: sentence {side} does not end like a sentence")
        label, kind, hk = r.get("label"), r.get("kind"), r.get("heldout_kind")
        if label not in LABELS:
            bad(f"{where}: bad label {label}")
        if label == "conflict":
            if hk not in CONFLICT_MAP:
                bad(f"{where}: bad conflict heldout_kind {hk}")
            elif kind != CONFLICT_MAP[hk]:
                bad(f"{where}: kind {kind} does not match heldout_kind {hk}")
            if kind not in SCORER_KINDS:
                bad(f"{where}: kind {kind} not a scorer kind")
        else:
            if kind is not None:
                bad(f"{where}: kind must be null for {label}")
            ok = {"agree": AGREE_KINDS, "distinct": {"different_event"}, "review": {"review"}}.get(label, set())
            if hk not in ok:
                bad(f"{where}: bad heldout_kind {hk} for {label}")
        key = frozenset([(r.get("a_file"), r.get("a")), (r.get("b_file"), r.get("b"))])
        if key in seen:
            bad(f"{where}: duplicate pair")
        seen.add(key)
        by_label[label] += 1
        by_hk[(label, hk)] += 1
        if label == "conflict":
            by_kind[kind] += 1
        cnt[label] += 1
    per_story[story] = (arts, cnt)

print("Stories:")
for story, (arts, cnt) in per_story.items():
    print(f"  {story}: " + ", ".join(f"{f} ({m.get('date')})" for f, (m, _) in arts.items())
          + " | " + ", ".join(f"{k}={v}" for k, v in sorted(cnt.items())))
print("\nBy label:", dict(sorted(by_label.items())), "total", sum(by_label.values()))
print("\nBy label / heldout_kind:")
for (label, hk), v in sorted(by_hk.items()):
    print(f"  {label:9s} {hk:22s} {v}")
print("\nConflicts by scorer kind:", dict(sorted(by_kind.items())))
if problems:
    print(f"\n{len(problems)} PROBLEM(S):")
    for p in problems:
        print("  " + p)
    sys.exit(1)
print("\nOK: no problems found.")
