"""Every CPU path of the models against fp32: the verdicts first, then the speed.

    python eval/bench_paths.py accuracy [--paths fp32 onnx-int8 ...] [--gold eval/gold] [--demo checker/demo/articles]
                                        [--nli FILE ...] [--nli-limit 500]
    python eval/bench_paths.py speed    [--paths ...] [--repeats 5]
    python eval/bench_paths.py all      # accuracy, then speed, in one process
    python eval/bench_paths.py render   # eval/results/precision-paths-<cpu type>.md from the .json

A path is a `--precision` value: fp32, bf16 and fp16 where the CPU computes them natively, int8 (torch),
onnx-fp32 and onnx-int8 (ONNX Runtime, the `onnx` extra). By default every path this machine runs.

  accuracy  per path, once: the tuning gold set (`checker gold`'s evaluator) and the demo (`checker
            report`'s pipeline), compared with fp32 pair by pair: conflicts found, every flagged pair,
            every miss; and held-out NLI pairs from ../shared/data/nli/test/ (a seeded sample of each
            file): accuracy, its difference from fp32, agreement, the largest probability difference
            and the pairs whose contradiction side of the model's calibrated threshold changed.
  speed     the models of every path loaded once, then `repeats` rounds; in each round every path
            runs the demo and every gold story back to back (the order rotating from round to round),
            so that each path's NLI seconds can be paired with fp32's of the same round. Reported:
            median of the paired ratios fp32 / path for the NLI stage and for the whole run (loading
            excluded), the rounds' spread, passes per second, and the load time of each path.

The results go to eval/results/precision-paths-<cpu type>.json and .md (checker.evaluation.record:
commit, model hashes, CPU and its flags), one file per CPU type (native-fp16, native-bf16, no-half, as
checker/precision.py's AUTO_CPU names them), and the .md ends with the AUTO_CPU row this machine's
figures support: the fastest path whose gold-set and demo conflicts equal fp32's.
Timings are wall-clock: run on a quiet machine, and compare ratios within one run.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.evaluation.markdown import table  # noqa: E402
from checker.evaluation.record import machine, provenance, write_result  # noqa: E402

DEFAULT_NLI = ("../shared/data/nli/test/mnli_matched.jsonl", "../shared/data/nli/test/semiauto_news.jsonl")


def default_paths() -> list[str]:
    """Every explicit --precision this CPU and installation runs, fp32 first."""
    from checker.errors import CheckerError
    from checker.precision import PRECISIONS, resolve_precision

    out = []
    for p in PRECISIONS:
        if p == "auto":
            continue
        try:
            resolve_precision(p, "cpu", "nli")
        except CheckerError:
            continue
        out.append(p)
    return out


def config_for(path: str):
    """The pipeline on one path, judged by the fast model alone: the paths are the bundled model's, and
    the default judge (`auto`) would add the strong judge where it is installed."""
    from checker.cascade import CascadeSettings
    from checker.config import Config

    return Config(device="cpu", precision=path, progress=False, cascade=CascadeSettings(judge="fast"))


def pair_key(v) -> tuple:
    """A scored pair by its two sentences (article, index), order-free."""
    return tuple(sorted((v.pair.a.key, v.pair.b.key)))


# ------------------------------------------------------------------------------------- accuracy

def demo_run(models, config, articles) -> dict:
    from checker.api import check

    report = check(articles, config, models=models)
    return {"conflicts": len(report.conflicts), "pairs_scored": report.pairs_scored,
            "conflict_pairs": sorted({pair_key(v) for f in report.conflicts for v in f.evidence}),
            "top_pairs": sorted(pair_key(f.top) for f in report.conflicts)}


def gold_run(models, config, gold) -> dict:
    from checker.evaluation.evaluators import GoldEvaluator

    results = GoldEvaluator(gold)(config, models).to_dict()
    o = results["overall"]

    def keys(story, field):
        return {(story["story"], p["a"], p["b"]) for p in story.get(field, [])}

    misses = set().union(*(keys(s, "misses") for s in results["stories"]))
    flagged_not_gold = set().union(*(keys(s, "false_alarms") | keys(s, "unlabelled_flags") for s in results["stories"]))
    return {"gold_conflicts": o["gold"]["conflict"], "found": o["found"], "recall": o["recall"],
            "flagged": o["flagged"]["total"], "precision_all_flagged": o["precision_all_flagged"],
            "misses": sorted(misses), "flagged_not_gold_conflicts": sorted(flagged_not_gold)}


def nli_sample(files: list[str], limit: int, seed: int = 0):
    """A seeded sample of `limit` labelled pairs from each file: premises, hypotheses, label indices, sources."""
    from checker.types import LABELS

    rows = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            got = [r for r in map(json.loads, fh) if r.get("label") in LABELS]
        random.Random(seed).shuffle(got)
        rows += [{**r, "file": Path(f).name} for r in got[:limit]]
    return ([r["premise"] for r in rows], [r["hypothesis"] for r in rows],
            [LABELS.index(r["label"]) for r in rows], [r["file"] for r in rows])


def run_accuracy(args) -> dict:
    import numpy as np

    from checker.api import Models
    from checker.evaluation.gold import load_gold
    from checker.ingest import load_articles

    gold = load_gold(args.gold)
    if args.gold_stories is not None:
        gold.stories = gold.stories[:args.gold_stories]
    demo = load_articles([args.demo], warn=lambda m: None)
    premises, hypotheses, labels, files = nli_sample(args.nli, args.nli_limit)
    labels = np.array(labels)
    per_path, probs = {}, {}
    for path in args.paths:  # one path's models in memory at a time
        config = config_for(path)
        t = time.perf_counter()
        models = Models.load(config)
        load_s = time.perf_counter() - t
        print(f"{path}: loaded in {load_s:.1f} s (nli {models.nli.precision}, embedder {models.embedder.precision})",
              file=sys.stderr, flush=True)
        row = {"nli_precision": models.nli.precision, "embedder_precision": models.embedder.precision,
               "first_load_s": round(load_s, 2), "threshold": models.nli.default_threshold}
        row["gold"] = gold_run(models, config, gold)
        row["demo"] = demo_run(models, config, demo)
        probs[path] = models.nli.predict(premises, hypotheses)
        row["nli"] = {"pairs": len(labels), "accuracy": round(float((probs[path].argmax(1) == labels).mean()), 4),
                      "by_file": {f: round(float((probs[path].argmax(1) == labels)[np.array(files) == f].mean()), 4)
                                  for f in dict.fromkeys(files)}}
        per_path[path] = row
        print(f"{path}: gold {row['gold']['found']}/{row['gold']['gold_conflicts']} found, {row['gold']['flagged']} flagged; "
              f"demo {row['demo']['conflicts']} conflicts; NLI accuracy {row['nli']['accuracy']}", file=sys.stderr, flush=True)
        del models
    ref = args.paths[0]
    for path, row in per_path.items():  # everything against the first path (fp32)
        r = per_path[ref]
        g, d = row["gold"], row["demo"]
        contra = probs[path][:, 2] >= row["threshold"]
        row["vs_fp32"] = {
            "reference": ref,
            "gold_found_diff": g["found"] - r["gold"]["found"],
            "gold_same_misses": g["misses"] == r["gold"]["misses"],
            "gold_same_flags": g["flagged_not_gold_conflicts"] == r["gold"]["flagged_not_gold_conflicts"],
            "gold_missed_only_here": sorted(set(map(tuple, g["misses"])) - set(map(tuple, r["gold"]["misses"]))),
            "gold_found_only_here": sorted(set(map(tuple, r["gold"]["misses"])) - set(map(tuple, g["misses"]))),
            "demo_conflicts_diff": d["conflicts"] - r["demo"]["conflicts"],
            "demo_same_pairs": d["conflict_pairs"] == r["demo"]["conflict_pairs"],
            "nli_accuracy_delta": round(row["nli"]["accuracy"] - r["nli"]["accuracy"], 4),
            "nli_agreement": round(float((probs[path].argmax(1) == probs[ref].argmax(1)).mean()), 4),
            "nli_max_prob_diff": round(float(np.abs(probs[path] - probs[ref]).max()), 4),
            "nli_mean_prob_diff": round(float(np.abs(probs[path] - probs[ref]).mean()), 5),
            "nli_contradiction_flips": int((contra != (probs[ref][:, 2] >= row["threshold"])).sum()),
        }
        v = row["vs_fp32"]
        v["keeps_verdicts"] = (v["gold_found_diff"] == 0 and v["gold_same_misses"] and v["gold_same_flags"]
                               and v["demo_same_pairs"])
    return {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "paths": args.paths,
            "gold": args.gold, "gold_stories": len(gold.stories), "demo": args.demo,
            "nli_files": list(args.nli), "nli_limit_per_file": args.nli_limit, "results": per_path,
            "command": "python eval/bench_paths.py " + " ".join(args.argv)}


# ---------------------------------------------------------------------------------------- speed

def run_speed(args) -> dict:
    from checker.api import Models, check
    from checker.evaluation.gold import load_gold
    from checker.ingest import load_articles

    gold = load_gold(args.gold)
    if args.gold_stories is not None:
        gold.stories = gold.stories[:args.gold_stories]
    quiet = lambda m: None  # noqa: E731
    inputs = {"demo": [load_articles([args.demo], warn=quiet)],
              "gold": [load_articles([str(p) for p in s.article_files], warn=quiet) for s in gold.stories]}
    inputs = {name: stories for name, stories in inputs.items() if stories}
    loaded, load_s = {}, {}
    for path in args.paths:
        t = time.perf_counter()
        loaded[path] = Models.load(config_for(path))
        load_s[path] = round(time.perf_counter() - t, 3)
    for path in args.paths:  # warm-up: first calls allocate and pick kernels
        check(inputs["demo"][0], config_for(path), models=loaded[path])
    runs = []
    for rep in range(args.repeats):
        order = args.paths[rep % len(args.paths):] + args.paths[:rep % len(args.paths)]
        for path in order:
            config = config_for(path)
            for name, stories in inputs.items():
                nli = embed = total = 0.0
                passes = 0
                for articles in stories:
                    report = check(articles, config, models=loaded[path])
                    stages = {t.name: t for t in report.timings}
                    nli += stages["nli"].seconds if "nli" in stages else 0.0
                    passes += stages["nli"].items if "nli" in stages else 0
                    embed += stages["embed"].seconds if "embed" in stages else 0.0
                    total += sum(t.seconds for t in report.timings if t.name != "load models")
                runs.append({"rep": rep, "path": path, "set": name, "nli_s": round(nli, 4), "embed_s": round(embed, 4),
                             "total_s": round(total, 4), "nli_passes": passes})
                print(f"rep {rep} {path:9s} {name:4s} nli {nli:7.2f}s ({passes / max(nli, 1e-9):6.1f} passes/s) "
                      f"total {total:7.2f}s", file=sys.stderr, flush=True)
    ref = args.paths[0]
    summary = {}
    for name in inputs:
        for path in args.paths:
            mine = {r["rep"]: r for r in runs if r["path"] == path and r["set"] == name}
            base = {r["rep"]: r for r in runs if r["path"] == ref and r["set"] == name}
            nli_ratios = [base[k]["nli_s"] / max(mine[k]["nli_s"], 1e-9) for k in mine]
            total_ratios = [base[k]["total_s"] / max(mine[k]["total_s"], 1e-9) for k in mine]
            med_nli = statistics.median(r["nli_s"] for r in mine.values())
            summary.setdefault(name, {})[path] = {
                "nli_s_median": round(med_nli, 3), "total_s_median": round(statistics.median(r["total_s"] for r in mine.values()), 3),
                "embed_s_median": round(statistics.median(r["embed_s"] for r in mine.values()), 3),
                "nli_passes": next(iter(mine.values()))["nli_passes"],
                "nli_passes_per_s": round(next(iter(mine.values()))["nli_passes"] / max(med_nli, 1e-9), 1),
                "nli_speedup_vs_fp32": round(statistics.median(nli_ratios), 3),
                "nli_speedup_range": [round(min(nli_ratios), 3), round(max(nli_ratios), 3)],
                "total_speedup_vs_fp32": round(statistics.median(total_ratios), 3)}
    return {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "paths": args.paths,
            "repeats": args.repeats, "gold": args.gold, "gold_stories": len(gold.stories), "demo": args.demo,
            "load_s": load_s, "summary": summary, "runs": runs,
            "command": "python eval/bench_paths.py " + " ".join(args.argv)}


# --------------------------------------------------------------------------------------- output

def suggestion(doc: dict) -> tuple[str | None, str]:
    """The fastest measured path whose gold-set and demo verdicts equal fp32's, and why."""
    acc, speed = doc.get("accuracy"), doc.get("speed")
    if not acc or not speed:
        return None, "needs both the accuracy and the speed part"
    keeps = [p for p, r in acc["results"].items() if r["vs_fp32"]["keeps_verdicts"]]
    timed = {p: statistics.mean(speed["summary"][s][p]["nli_speedup_vs_fp32"] for s in speed["summary"])
             for p in keeps if all(p in speed["summary"][s] for s in speed["summary"])}
    if not timed:
        return None, "no path kept fp32's verdicts"
    best = max(timed, key=timed.get)
    return best, (f"{best}: {timed[best]:.2f}x fp32's NLI speed (mean over demo and gold set) with the same conflicts; "
                  f"paths that kept them: {', '.join(f'{p} {timed[p]:.2f}x' for p in sorted(timed, key=timed.get, reverse=True))}")


def render(doc: dict) -> str:
    m = doc.get("machine", {})
    lines = [f"# CPU paths of the models against fp32: {doc.get('cpu_type')}", "",
             f"Machine: {m.get('cpu_summary', m.get('cpu', 'unknown CPU'))}; {m.get('cores_physical')} physical cores; "
             f"torch {m.get('torch')}. Wall-clock: compare ratios within one run.", ""]
    acc = doc.get("accuracy")
    if acc:
        lines += [f"## Verdicts against fp32 ({acc['date'][:10]})", "",
                  f"Tuning gold set `{acc['gold']}` ({acc['gold_stories']} stories), the demo `{acc['demo']}`, and "
                  f"{acc['nli_limit_per_file']} held-out NLI pairs from each of {', '.join(Path(f).name for f in acc['nli_files'])} "
                  "(test/, never tuned on). 'Same' compares every miss and every flagged pair (gold) and every "
                  "conflict's evidence pairs (demo) with fp32's.", ""]
        rows = []
        for p, r in acc["results"].items():
            v = r["vs_fp32"]
            rows.append([p, f"{r['nli_precision']} / {r['embedder_precision']}",
                         f"{r['gold']['found']}/{r['gold']['gold_conflicts']} ({v['gold_found_diff']:+d})",
                         "yes" if v["gold_same_misses"] and v["gold_same_flags"] else "no",
                         f"{r['demo']['conflicts']} ({v['demo_conflicts_diff']:+d})", "yes" if v["demo_same_pairs"] else "no",
                         f"{r['nli']['accuracy']:.4f} ({v['nli_accuracy_delta']:+.4f})", f"{v['nli_agreement']:.4f}",
                         v["nli_max_prob_diff"], v["nli_contradiction_flips"]])
        lines += table(["path", "NLI / embedder ran in", "gold conflicts found (vs fp32)", "gold verdicts same",
                        "demo conflicts (vs fp32)", "demo conflicts same", "NLI accuracy (delta)", "agrees with fp32",
                        "max prob. diff", "contradiction flips at threshold"], rows)
        for p, r in acc["results"].items():
            v = r["vs_fp32"]
            for label, items in (("missed only here", v["gold_missed_only_here"]), ("found only here", v["gold_found_only_here"])):
                for story, a, b in items:
                    lines.append(f"- {p}, {label}: {story}: \"{a}\" / \"{b}\"")
        lines += ["", f"Produced by: `{acc['command']}`", ""]
    sp = doc.get("speed")
    if sp:
        lines += [f"## Speed against fp32 ({sp['date'][:10]})", "",
                  f"All paths loaded once; {sp['repeats']} rounds, each running every path on the demo and on the "
                  f"{sp['gold_stories']} gold stories back to back (order rotating). Speed-up = median over rounds of "
                  "fp32's seconds / the path's seconds in the same round (range in brackets); loading excluded.", ""]
        rows = []
        for name, per in sp["summary"].items():
            for p, s in per.items():
                rows.append([name, p, s["nli_s_median"], s["nli_passes_per_s"],
                             f"{s['nli_speedup_vs_fp32']:.2f}x ({s['nli_speedup_range'][0]:.2f}-{s['nli_speedup_range'][1]:.2f})",
                             s["total_s_median"], f"{s['total_speedup_vs_fp32']:.2f}x", sp["load_s"].get(p)])
        lines += table(["set", "path", "NLI s (median)", "NLI passes/s", "NLI speed-up vs fp32", "run s (median)",
                        "run speed-up vs fp32", "load s (cached build)"], rows)
        lines += ["", f"Produced by: `{sp['command']}`", ""]
    best, why = suggestion(doc)
    lines += ["## What `--precision auto` should pick on this CPU type", "",
              (f"NLI: **{best}**. {why}. To use it, put it first in `AUTO_CPU[\"{doc.get('cpu_type')}\"][\"nli\"]` "
               "(checker/precision.py), with the current entries after it as fall-backs." if best else f"Not decided: {why}."), ""]
    return "\n".join(lines)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("part", choices=("accuracy", "speed", "all", "render"))
    ap.add_argument("--paths", nargs="+", default=None, help="--precision values, fp32 first (default: all this CPU runs)")
    ap.add_argument("--gold", default="eval/gold")
    ap.add_argument("--gold-stories", type=int, default=None, help="only the first N gold stories (a quick check)")
    ap.add_argument("--demo", default="checker/demo/articles")
    ap.add_argument("--nli", nargs="+", default=list(DEFAULT_NLI), help="held-out NLI JSON Lines files")
    ap.add_argument("--nli-limit", type=int, default=500, help="pairs sampled from each NLI file")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("eval/results"))
    args = ap.parse_args(argv)
    args.argv = argv

    from checker.precision import cpu_features, cpu_type

    kind = cpu_type(cpu_features())
    path = args.out / f"precision-paths-{kind}.json"
    doc = json.loads(path.read_text()) if path.exists() else {}
    doc.pop("provenance", None)
    if args.part != "render":
        args.paths = args.paths or default_paths()
        if args.paths[0] != "fp32":
            args.paths = ["fp32"] + [p for p in args.paths if p != "fp32"]
        if args.part in ("accuracy", "all"):
            doc["accuracy"] = run_accuracy(args)
        if args.part in ("speed", "all"):
            doc["speed"] = run_speed(args)
        doc["machine"] = machine("cpu")
    doc["cpu_type"] = kind
    stamp = provenance("python eval/bench_paths.py " + " ".join(argv),
                       models={"nli": "bundled:nli-minilm-l6", "embedder": "bundled:all-MiniLM-L6-v2"},
                       precision=",".join((doc.get("speed") or doc.get("accuracy") or {}).get("paths", [])) or None)
    write_result(path, doc, stamp, render(doc))
    print(render(doc))


if __name__ == "__main__":
    main()
