"""`checker batch --engine local` against `--engine ray` on one generated feed: seconds each, and
whether the two give the same reports.

    python eval/batch_ray.py --articles 100          # writes eval/results/batch-ray.md and .json

The feed is eval/make_feed.py's (seed 1, each record with its true `story` field, as in
eval/batch_cost.py). Each engine runs `python -m checker batch feed.jsonl -o OUT --engine E` in its
own process with default settings and a fresh store; `--engine ray` starts a local Ray with one
worker per CPU and shuts it down afterwards, so its seconds include Ray's start. Reports are
compared as the test suite does (report.json without `created` and timings).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from checker.evaluation.record import provenance, write_result
from checker.evaluation.feeds import write_feed
from checker.evaluation.markdown import table
from checker.evaluation.record import machine

HERE = Path(__file__).resolve().parent

RESULTS = HERE / "results" / "batch-ray"


def stable_reports(out: Path) -> dict:
    docs = {}
    for path in sorted(out.glob("*/report.json")):
        doc = json.loads(path.read_text())
        doc.pop("created")
        for key in ("timings", "total_seconds"):
            doc["summary"].pop(key, None)
        docs[path.parent.name] = doc
    return docs


def run(feed: Path, out: Path, engine: str) -> dict:
    cmd = [sys.executable, "-m", "checker", "batch", feed.name, "-o", out.name, "--engine", engine,
           "--progress-every", "1000"]
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=feed.parent, capture_output=True, text=True)  # the installed checker
    seconds = time.perf_counter() - t
    if proc.returncode:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"run failed: {' '.join(cmd)}")
    summary = json.loads((out / "index.json").read_text())["summary"]
    return {"engine": engine, "seconds": round(seconds, 1), "steps": summary["seconds"],
            "stories_compared": summary["compared"], "nli_inputs_computed": summary["nli_inputs_computed"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feed, _ = write_feed(Path(tmp), args.articles)
        rows = [run(feed, Path(tmp) / f"out-{engine}", engine) for engine in ("local", "ray")]
        same = stable_reports(Path(tmp) / "out-local") == stable_reports(Path(tmp) / "out-ray")
        index = [json.loads((Path(tmp) / f"out-{e}" / "index.json").read_text())["stories"] for e in ("local", "ray")]
    doc = {"date": datetime.now(timezone.utc).date().isoformat(), "machine": machine(), "articles": args.articles,
           "runs": rows, "same_reports": same, "same_index_stories": index[0] == index[1]}
    write_result(RESULTS.with_suffix(".json"), doc,
                 provenance("python eval/batch_ray.py " + " ".join(sys.argv[1:]), models={"nli": "bundled:nli-minilm-l6", "embedder": "bundled:all-MiniLM-L6-v2"}))
    m = doc["machine"]
    flags = ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in m.get("cpu_flags", m.get("cpu_features", {})).items())
    lines = [f"# `checker batch`: local engine against Ray ({m['cpu']}, {m['cores']} cores; {flags}; "
             f"torch {m['torch']}, CPU)", "",
             f"`python eval/batch_ray.py --articles {args.articles}`, {doc['date']}: one fresh run each on a "
             f"generated feed of {args.articles} articles (eval/make_feed.py, seed 1, `story` field given), "
             "default settings; Ray is a local one started by the run (its start is in the seconds).", ""]
    lines += table(["engine", "seconds", "stories compared", "NLI inputs computed", "seconds per step"],
                   [[r['engine'], r['seconds'], r['stories_compared'], f"{r['nli_inputs_computed']:,}",
                     ", ".join(f"{k} {v}" for k, v in r["steps"].items())] for r in rows], align="lrrrl")
    lines += ["", f"Same reports (report.json without `created` and timings): {'yes' if same else 'NO'}; "
                  f"same index stories: {'yes' if doc['same_index_stories'] else 'NO'}."]
    RESULTS.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
