"""What each NLI judge costs on one report, end to end, with the installed `checker` command.

    python eval/bench_judge_cost.py ARTICLES [ARTICLES ...] [--judges fast cascade strong] [--runs 3]
                                    [--out DIR]

For each folder of articles, runs `checker report FOLDER --judge J --format json` once per judge per
round, the judges in a new random order each round (so a slow spell of a shared machine does not
fall on one judge), and keeps each run's wall and CPU seconds (user + system, the child's) and what
report.json says: conflicts, "worth a look" items, and how many pairs the strong judge scored.
Prints and writes the medians and each judge's ratio to the fast judge. The first round also
builds the strong judge's merged checkpoint in the cache when it is not there yet, so it is run
once before the timed rounds (a warm-up, not counted). The CPU model is recorded beside the figures.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from checker.evaluation.child import installed_checker, timed
from checker.evaluation.markdown import table as markdown_table
from checker.evaluation.record import provenance, write_result


def run_once(folder: Path, judge: str, out: Path) -> dict:
    """One `checker report` run: wall and CPU seconds and the report's counts."""
    if out.exists():
        shutil.rmtree(out)
    cmd = [installed_checker(), "report", str(folder), "-o", str(out), "--format", "json", "--judge", judge]
    (wall, cpu), done = timed(cmd)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    report = json.loads((out / "report.json").read_text())
    summary = report["summary"]
    return {"wall_s": wall, "cpu_s": cpu,
            "conflicts": summary["conflicts"], "review": summary["review"],
            "pairs": summary.get("pairs_scored"),
            "pairs_judged_strong": summary.get("models", {}).get("pairs_judged_strong", 0)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--judges", nargs="+", default=["fast", "cascade", "strong"])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if "fast" not in args.judges:
        ap.error("--judges must include fast: the ratios are to it")
    rng = random.Random(args.seed)
    results: dict[str, dict[str, list[dict]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for folder in args.folders:
            runs = results[str(folder)] = {j: [] for j in args.judges}
            for judge in args.judges:  # warm-up: file caches, and the strong judge's merged checkpoint
                run_once(folder, judge, Path(tmp) / "warm")
            for r in range(args.runs):
                order = list(args.judges)
                rng.shuffle(order)
                for judge in order:
                    runs[judge].append(run_once(folder, judge, Path(tmp) / f"{judge}-{r}"))
                    print(folder, judge, json.dumps(runs[judge][-1]), flush=True)

    table, rows = {}, []
    for folder, runs in results.items():
        fast_wall = statistics.median(x["wall_s"] for x in runs["fast"])
        fast_cpu = statistics.median(x["cpu_s"] for x in runs["fast"])
        table[folder] = {}
        for judge, xs in runs.items():
            wall, cpu = statistics.median(x["wall_s"] for x in xs), statistics.median(x["cpu_s"] for x in xs)
            last = xs[-1]
            table[folder][judge] = {"wall_s": wall, "cpu_s": cpu, "wall_ratio": wall / fast_wall,
                                    "cpu_ratio": cpu / fast_cpu, "runs": xs}
            rows.append([folder, judge, f"{wall:.1f}", f"{cpu:.1f}", f"{wall / fast_wall:.2f}x",
                         f"{cpu / fast_cpu:.2f}x", f"{last['pairs_judged_strong']}/{last['pairs']}",
                         last["conflicts"], last["review"]])
    command = ["python", "eval/bench_judge_cost.py", *(argv if argv is not None else sys.argv[1:])]
    lines = ["# What each judge costs on one report (`checker report`, end to end)", "",
             *markdown_table(["articles", "judge", "wall s (median)", "CPU s (median)", "wall / fast",
                              "CPU / fast", "pairs judged strong", "conflicts", "worth a look"], rows)]
    print("\n".join(lines))
    if args.out:
        stamp = provenance(command, models={"nli": "bundled:fast", "strong": "bundled:strong"})
        write_result(args.out / "judge_cost.json", {"runs": args.runs, "table": table}, stamp, "\n".join(lines))


if __name__ == "__main__":
    main()
