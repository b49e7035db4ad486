"""Cost curve of `checker batch`: generated feeds of 10, 100 and 1,000 articles, a rerun with 1% new
articles and with one new article, and the huge-file case.

    python eval/batch_cost.py --sizes 10 100             # each size: a fresh run in its own process
    python eval/batch_cost.py --sizes 1000 --reruns       # + reruns with 1% and with one new article
    python eval/batch_cost.py --huge                      # one 4.5 MB article beside two short ones
    python eval/batch_cost.py --grouping 1000             # story grouping on a generated feed, no labels

Feeds come from eval/make_feed.py (seed 1). The cost runs give each record its true `story` field,
so they measure the cost of comparing stories; `--grouping` measures the automatic grouping on the
same kind of feed separately. Each run is a separate process (peak memory is that process's maxrss)
with the default settings (`Config(device="cpu")`, `BatchSettings()`), a fresh store unless it is
a rerun. Recall: a planted conflict counts as found when a conflict of its story's report has the two
planted sentences (from the two planted articles) as evidence.
Results merge into eval/results/batch-cost.json and are rendered to eval/results/batch-cost.md.
Wall-clock figures on a shared machine: compare within one results file.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from checker.evaluation import feeds as make_feed
from checker.evaluation.feeds import write_feed
from checker.evaluation.markdown import table
from checker.evaluation.record import machine, provenance, write_result

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "batch-cost.json"


# ------------------------------------------------------------------ one measured run (own process)


def one_run(feed: str, out: str, planted: str | None) -> dict:
    from checker.batch import BatchSettings, run_batch
    from checker.config import Config

    started = time.perf_counter()
    result = run_batch([feed], Path(out), Config(device="cpu"), BatchSettings(progress_every=30.0),
                       warn=lambda m: None)
    wall = time.perf_counter() - started
    stages: dict[str, float] = {}
    for path in result.written:
        if path.name == "report.json":
            for t in json.loads(path.read_text())["summary"]["timings"]:
                stages[t["stage"]] = stages.get(t["stage"], 0.0) + t["seconds"]
    s = result.index["summary"]
    row = {
        "articles": s["articles"], "stories": s["stories"], "compared": s["compared"],
        "pairs_scored": s["pairs_scored"], "nli_inputs_computed": result.nli_computed,
        "nli_inputs_from_store": result.nli_reused, "nli_inputs_repeated": result.nli_repeats,
        "stories_scored": result.stories_scored, "stories_reused": result.stories_reused,
        "conflicts": s["conflicts"], "seconds_total": round(wall, 2),
        "seconds_by_step": result.timings,
        "seconds_inside_stories": {k: round(v, 2) for k, v in stages.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "warnings": len(s["warnings"]),
    }
    if planted:
        row["planted_recall"] = recall(Path(out), result.index, Path(planted))
    return row


def recall(out: Path, index: dict, planted: Path) -> dict:
    story_of = {a["id"]: st for st in index["stories"] for a in st["articles"]}
    found = total = 0
    by_kind: dict[str, list[int]] = {}
    cache: dict[str, dict] = {}
    for line in planted.read_text().splitlines():
        p = json.loads(line)
        total += 1
        hit = 0
        st = story_of.get(p["a_id"])
        if st and st.get("report") and story_of.get(p["b_id"]) is st:
            doc = cache.setdefault(st["id"], json.loads((out / st["report"]).read_text()))
            want = {(p["a_id"], p["a_text"]), (p["b_id"], p["b_text"])}
            for c in doc["conflicts"]:
                for ev in c["evidence"]:
                    if {(ev["a"]["article_id"], ev["a"]["text"]), (ev["b"]["article_id"], ev["b"]["text"])} == want:
                        hit = 1
        found += hit
        by_kind.setdefault(p["kind"], [0, 0])
        by_kind[p["kind"]][0] += hit
        by_kind[p["kind"]][1] += 1
    return {"found": found, "planted": total, "recall": round(found / total, 3) if total else None,
            "by_kind": {k: {"found": f, "planted": n} for k, (f, n) in sorted(by_kind.items())}}


def measured(feed: Path, out: Path, planted: Path | None = None) -> dict:
    """Run `one_run` in a fresh process (so its peak memory is its own) and return its row.
    It runs in the work folder with relative paths, so warnings name files as `feed-100.jsonl`."""
    work = feed.parent
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", feed.name, str(out.relative_to(work))]
    if planted:
        cmd.append(str(planted.relative_to(work)))
    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    if proc.returncode:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"run failed: {' '.join(cmd)}")
    sys.stderr.write("".join(l + "\n" for l in proc.stderr.splitlines() if l.startswith("batch:")))
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ scenarios




def sizes(ns: list[int], reruns: bool, work: Path) -> dict:
    rows = {}
    for n in ns:
        feed, truth = write_feed(work / f"full-{n}", n)
        print(f"== {n} articles", file=sys.stderr, flush=True)
        rows[f"full-{n}"] = measured(feed, feed.parent / "out", truth)
        if reruns:
            for label, extra in (("1%", max(1, n // 100)), ("one", 1)):
                # the first run's output and store, copied, and the grown feed under the same name
                folder = work / f"rerun-{n}-{label}"
                shutil.copytree(feed.parent / "out", folder / "out")
                grown, grown_truth = write_feed(folder, n + extra)
                print(f"== rerun of {n} with {extra} new article(s)", file=sys.stderr, flush=True)
                rows[f"rerun-{n}-plus-{label}"] = {**measured(grown, folder / "out", grown_truth), "new_articles": extra,
                                                    "first_run": f"full-{n}"}
    return rows


def huge(work: Path) -> dict:
    folder = work / "huge"
    folder.mkdir()
    (folder / "huge.txt").write_text(make_feed.huge_article(4_500_000, 1), encoding="utf-8")
    recs, _ = make_feed.make_story(__import__("random").Random(1), 0, 2, 0.0, kind="bridge", slots=make_feed.HUGE_SLOTS)
    for r in recs:
        (folder / f"{r['id']}.txt").write_text(f"{r['title']}\n\n{r['text']}\n", encoding="utf-8")
    print("== huge file", file=sys.stderr, flush=True)
    row = measured(folder, work / "out-huge")  # relative to work: the folder is named "huge"
    index = json.loads((work / "out-huge" / "index.json").read_text())
    row["warnings_naming_the_file"] = [w for w in index["summary"]["warnings"] if "huge.txt" in w]
    row["file_bytes"] = (folder / "huge.txt").stat().st_size
    return {"huge-file": row}


def grouping(n: int, work: Path) -> dict:
    """Automatic grouping on a generated feed without `story` fields: stories whole and alone."""
    import numpy as np

    from checker.batch.feed import read_feed
    from checker.batch.run import find_stories
    from checker.batch.stories import GroupSettings
    from checker.config import Config
    from checker.pairing import Embedder
    from checker.segment import segment

    records, _ = make_feed.make_feed(n, seed=1)
    truth = {r["id"]: r["_story"] for r in records}
    feed_path, _ = write_feed(work / f"grouping-{n}", n, story_field=False)
    feed = read_feed([str(feed_path)], warn=lambda m: None)
    config = Config()
    articles = [f.article for f in feed]
    sentences = {a.id: segment(a, config) for a in articles}
    embedder = Embedder.load(config.embed_model, "cpu", progress=False)
    embedder = _Stored(embedder)
    started = time.perf_counter()
    stories = find_stories(feed, articles, sentences, embedder, GroupSettings())
    total_seconds = time.perf_counter() - started
    # The two-stage grouping without the embedding (names read, links confirmed, clustering):
    # the leads' vectors are stored by then, so a second call costs the grouping alone.
    started = time.perf_counter()
    find_stories(feed, articles, sentences, embedder, GroupSettings())
    grouping_seconds = time.perf_counter() - started
    groups: dict[str, set] = {}
    for a in articles:
        groups.setdefault(truth[a.id], set()).add(a.id)
    found = [set(s.article_ids) for s in stories]
    sizes_found = [len(f) for f in found]
    return {f"grouping-{n}": {"articles": len(articles), "true_stories": len(groups), "found_stories": len(stories),
                              "whole_and_alone": sum(1 for g in groups.values() if g in found),
                              "largest_found": max(sizes_found), "mean_found_size": round(float(np.mean(sizes_found)), 2),
                              "seconds_with_embedding": round(total_seconds, 2),
                              "seconds_grouping_only": round(grouping_seconds, 2)}}


class _Stored:
    """An embedder that answers from what its inner one computed before (by text)."""

    def __init__(self, inner):
        self.inner, self.seen = inner, {}

    def encode(self, texts):
        import numpy as np

        missing = [t for t in texts if t not in self.seen]
        if missing:
            self.seen.update(zip(missing, self.inner.encode(missing)))
        return np.asarray([self.seen[t] for t in texts])


# ------------------------------------------------------------------ results


def render(doc: dict) -> str:
    m = doc["machine"]
    flags = ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in m.get("cpu_flags", m.get("cpu_features", {})).items())
    lines = [f"# `checker batch` cost curve ({m['cpu']}, {m['cores']} cores; {flags}; torch {m['torch']}, CPU)", ""]
    if doc.get("note"):
        lines += [doc["note"], ""]
    runs = doc["runs"]
    full = [k for k in runs if k.startswith("full-")]
    if full:
        lines += ["Fresh runs on generated feeds (eval/make_feed.py, seed 1, `story` field given), default settings.", ""]
        rows = []
        for k in sorted(full, key=lambda k: runs[k]["articles"]):
            r = runs[k]
            rec = r.get("planted_recall") or {}
            rows.append([r['articles'], r['compared'], f"{r['pairs_scored']:,}", f"{r['nli_inputs_computed']:,}",
                         f"{r['nli_inputs_repeated']:,}", r['seconds_total'], f"{r['seconds_total'] / r['articles']:.2f}",
                         f"{r['peak_rss_mb']:,}", f"{rec.get('found')}/{rec.get('planted')} ({rec.get('recall')})"])
        lines += table(["articles", "stories compared", "pairs scored", "NLI inputs computed", "repeats scored once",
                        "seconds", "s per article", "peak memory (MB)", "planted conflicts found"], rows, align="rrrrrrrrl")
        lines += ["", "Seconds per step (batch steps; then, summed over the story reports, the pipeline stages inside them):", ""]
        for k in sorted(full, key=lambda k: runs[k]["articles"]):
            r = runs[k]
            steps = ", ".join(f"{s} {v:.1f}" for s, v in r["seconds_by_step"].items())
            inner = ", ".join(f"{s} {v:.1f}" for s, v in r["seconds_inside_stories"].items())
            lines.append(f"- {r['articles']} articles: {steps}; inside stories: {inner}")
        for k in sorted(full, key=lambda k: runs[k]["articles"]):
            kinds = (runs[k].get("planted_recall") or {}).get("by_kind")
            if kinds:
                lines.append(f"- recall by kind, {runs[k]['articles']} articles: " +
                             ", ".join(f"{kind} {v['found']}/{v['planted']}" for kind, v in kinds.items()))
    reruns = [k for k in runs if k.startswith("rerun-")]
    if reruns:
        lines += ["", "Reruns against the store and output of a full run:", ""]
        lines += table(["rerun", "new articles", "stories scored", "stories unchanged", "NLI inputs computed",
                        "from the store", "seconds", "vs the full run"],
                       [[k, r['new_articles'], r['stories_scored'], r['stories_reused'], f"{r['nli_inputs_computed']:,}",
                         f"{r['nli_inputs_from_store']:,}", r['seconds_total'],
                         f"{r['seconds_total'] / runs[r['first_run']]['seconds_total']:.1%}"]
                        for k, r in ((k, runs[k]) for k in reruns)], align="lrrrrrrr")
    if "huge-file" in runs:
        r = runs["huge-file"]
        lines += ["", f"Huge file: one generated {r['file_bytes']:,}-byte article beside two short articles of the same "
                      f"story: {r['seconds_total']} s in all, {r['pairs_scored']:,} pairs scored, peak memory "
                      f"{r['peak_rss_mb']:,} MB. Warnings naming the file:", ""]
        lines += [f"- {w}" for w in r["warnings_naming_the_file"]]
    groups = [k for k in runs if k.startswith("grouping-")]
    for k in groups:
        g = runs[k]
        lines += ["", f"Automatic grouping on a generated feed without `story` fields ({g['articles']} articles, "
                      f"{g['true_stories']} stories): {g['whole_and_alone']} stories whole and alone, "
                      f"{g['found_stories']} groups found (largest {g['largest_found']} articles)"
                      + (f"; {g['seconds_with_embedding']} s with the leads' embedding, {g['seconds_grouping_only']} s "
                         "for the grouping alone (names, links, clustering)" if "seconds_grouping_only" in g else "")
                      + ". The generator builds every story of a type from the same sentence templates with other "
                      "names, so same-type stories are far closer than real ones; see docs/batch.md."]
    lines += ["", "Produced by: " + "; ".join(f"`{c}`" for c in doc.get("commands", []))]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[])
    ap.add_argument("--reruns", action="store_true")
    ap.add_argument("--huge", action="store_true")
    ap.add_argument("--grouping", type=int, default=0)
    ap.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--render", action="store_true", help="only re-render the .md from the .json")
    ap.add_argument("--note", help="a line about the conditions of the measurement, shown under the title")
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one_run(*a.one, *([None] * (3 - len(a.one))))))
        return
    doc = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"runs": {}, "commands": []}
    if not a.render:
        with tempfile.TemporaryDirectory(prefix="batch-cost-") as tmp:
            work = Path(tmp)
            runs = sizes(a.sizes, a.reruns, work)
            if a.huge:
                runs.update(huge(work))
            if a.grouping:
                runs.update(grouping(a.grouping, work))
        doc["runs"].update(runs)
        doc["machine"] = machine()
        doc["date"] = datetime.now(timezone.utc).date().isoformat()
        cmd = "python eval/batch_cost.py " + " ".join(sys.argv[1:])
        doc["commands"] = [c for c in doc.get("commands", []) if c != cmd] + [cmd]
    if a.note:
        doc["note"] = a.note
    if not a.render:
        doc.pop("provenance", None)
        write_result(RESULTS, doc, provenance("python eval/batch_cost.py " + " ".join(sys.argv[1:]),
                                              models={"nli": "bundled:nli-minilm-l6",
                                                      "embedder": "bundled:all-MiniLM-L6-v2"}))
    elif a.note:  # a new note only: the runs, and the stamp they carry, stay as they were
        RESULTS.write_text(json.dumps(doc, indent=2) + "\n")
    RESULTS.with_suffix(".md").write_text(render(doc))
    print(RESULTS.with_suffix(".md"))


if __name__ == "__main__":
    main()
