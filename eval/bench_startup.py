"""Start-up benchmark: where the seconds before the first sentence is compared go.

    python eval/bench_startup.py [--runs 3] [--big] [--precision onnx-int8] [--out DIR]

Each run is a fresh Python process that times, in the order `checker report` meets them:
the interpreter itself, `import checker.cli`, `import torch`, `import transformers`, loading the
bundled embedder (`Embedder.load`) and the bundled NLI model (`NLIModel.load`); and, in another fresh
process, `import sentence_transformers` after torch and transformers (what the embedder cost before
it was loaded with transformers alone), and spaCy's import and pipeline alone (the model-free checks
load it). With `--precision onnx-fp32` or `onnx-int8`: loading both models from their cached ONNX
builds (made once first), with neither torch nor transformers imported, then spaCy (which imports torch). Then end to end, with the installed `checker` command:
`checker report` on a folder holding one article of the demo corpus, and the demo corpus itself.
With --big also a 4.5 MB generated article beside two short ones (written to a temporary folder and
deleted), which takes minutes.

Prints medians over --runs of wall and CPU seconds (user + system), and each step's share of the CPU
time; writes startup.json to --out if given. On a shared machine wall time depends on the other jobs
(two torch threads on two busy cores wait for each other), CPU time much less: compare CPU time,
shares and ratios within one run, not wall times across runs.
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

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "checker" / "demo" / "articles"

# One fresh process: each step's wall and CPU seconds, printed as JSON.
STEPS = r"""
import json, sys, time
wall, cpu, steps = time.perf_counter(), time.process_time(), {}
def step(name):
    global wall, cpu
    w, c = time.perf_counter(), time.process_time()
    steps[name] = [w - wall, c - cpu]; wall, cpu = w, c
import checker.cli; step("import checker.cli")
import torch; step("import torch")
import transformers; step("import transformers")
import transformers.modeling_utils, transformers.models.bert.modeling_bert; step("import transformers' model code (BERT)")
from checker.pairing import Embedder
Embedder.load("bundled:all-MiniLM-L6-v2", "cpu"); step("load embedder (tokenizer, weights)")
from checker.nli import NLIModel
NLIModel.load("bundled:nli-minilm-l6", "cpu"); step("load NLI model (tokenizer, weights)")
print(json.dumps(steps))
"""
# The same for an ONNX precision (the bundled models from cached builds, made first if missing), and
# spaCy's pipeline for the model-free checks: neither model needs torch or transformers there.
STEPS_ONNX = r"""
import sys
if "--build-only" in sys.argv:
    from checker.pairing import Embedder
    from checker.nli import NLIModel
    Embedder.load("bundled:all-MiniLM-L6-v2", "cpu", precision=PRECISION)
    NLIModel.load("bundled:nli-minilm-l6", "cpu", precision=PRECISION)
    raise SystemExit(0)
""" + STEPS.split("import checker.cli")[0] + r"""
import checker.cli; step("import checker.cli")
from checker.pairing import Embedder
Embedder.load("bundled:all-MiniLM-L6-v2", "cpu", precision=PRECISION); step("load embedder (ONNX build, tokenizer)")
from checker.nli import NLIModel
NLIModel.load("bundled:nli-minilm-l6", "cpu", precision=PRECISION); step("load NLI model (ONNX build, tokenizer)")
assert "torch" not in sys.modules and "transformers" not in sys.modules
from checker.signals.names import load_spacy
load_spacy(); step("import spaCy (imports torch) and load its pipeline")
print(json.dumps(steps))
"""
SPACY = r"""
import json, time
wall, cpu = time.perf_counter(), time.process_time()
from checker.signals.names import load_spacy
load_spacy()
print(json.dumps({"import spaCy and load its pipeline, alone": [time.perf_counter() - wall, time.process_time() - cpu]}))
"""
SENTENCE_TRANSFORMERS = r"""
import json, time
import torch, transformers
wall, cpu = time.perf_counter(), time.process_time()
import sentence_transformers
print(json.dumps({"import sentence_transformers (not used for the bundled embedder)":
                  [time.perf_counter() - wall, time.process_time() - cpu]}))
"""


def steps(code: str) -> dict[str, float]:
    _, done = timed([sys.executable, "-c", code])
    if done.returncode:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_big(folder: Path, size: int = 4_500_000) -> None:
    """A long article of varied generated sentences, and two short articles about the same event."""
    rng = random.Random(7)
    who = ["Mayor Ana Ruiz", "the harbour master", "Engineer Tomas Berg", "a council spokesman", "Inspector Lina Holt"]
    verbs = ["said", "told reporters", "confirmed", "denied", "estimated"]
    what = ["the repairs would cost {n} million euros", "{n} people were injured", "the bridge reopened after {n} days",
            "traffic fell by {n} percent", "the inspection found {n} cracks", "{n} boats were damaged"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    lines, n = [], 0
    while n < size:
        line = f"{rng.choice(who)} {rng.choice(verbs)} on {rng.choice(days)} that {rng.choice(what).format(n=rng.randint(2, 99))}."
        lines.append(line + ("\n" if rng.random() < 0.1 else ""))
        n += len(line) + 1
    (folder / "huge.txt").write_text("Harbour bridge: the long account\n\n" + "\n".join(lines) + "\n")
    (folder / "short1.txt").write_text("Bridge collapse in Brennmouth\n\nA section of the bridge collapsed on Tuesday "
                                       "evening. Repairs are expected to cost 12 million euros. Mayor Ana Ruiz said 14 "
                                       "people were injured.\n")
    (folder / "short2.txt").write_text("Brennmouth bridge gives way\n\nA section of the bridge collapsed on Thursday "
                                       "evening. Repairs are expected to cost 21 million euros. Mayor Ana Ruiz said 40 "
                                       "people were injured.\n")


def end_to_end(checker: str, inputs: Path, out: Path, tmp: Path, precision: str = "auto") -> dict:
    (seconds, cpu), done = timed([checker, "report", str(inputs), "-o", str(out), "--device", "cpu",
                                  "--precision", precision])
    doc = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else {}
    s = doc.get("summary", {})
    return {"seconds": seconds, "cpu_seconds": cpu, "exit": done.returncode, "articles": s.get("articles"), "sentences": s.get("sentences"),
            "pairs_scored": s.get("pairs_scored"), "stages": {t["stage"]: t["seconds"] for t in s.get("timings", [])},
            "warnings": [line.replace(str(tmp), "TMP") for line in done.stderr.splitlines() if line.startswith("warning:")]}


def cpu_name() -> str:
    try:
        return next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        return "unknown"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big", action="store_true", help="also the 4.5 MB article beside two short ones (minutes)")
    ap.add_argument("--out", type=Path, default=None, help="folder for startup.json (default: print only)")
    ap.add_argument("--precision", default="auto", help="onnx-fp32 or onnx-int8: time the ONNX paths' loading "
                    "(cached builds, made first if missing) and run end to end with it (default: auto, torch)")
    args = ap.parse_args(argv)
    checker = installed_checker()
    onnx = args.precision.startswith("onnx")
    if onnx:
        code = STEPS_ONNX.replace("PRECISION", repr(args.precision))
        _, done = timed([sys.executable, "-c", code, "--build-only"])  # a build is a first run's cost, not a load's
        if done.returncode:
            raise SystemExit(done.stderr)

    runs = []
    for _ in range(args.runs):
        interpreter, _ = timed([sys.executable, "-c", "pass"])
        extra = steps(SPACY) if not onnx else {}
        runs.append({"python start": interpreter, **(steps(code) if onnx else steps(STEPS)),
                     **extra, **({} if onnx else steps(SENTENCE_TRANSFORMERS))})
    median = {k: [statistics.median(r[k][i] for r in runs) for i in (0, 1)] for k in runs[0]}
    counted = [k for k in median if not k.startswith(("import sentence_transformers", "import spaCy and load"))]
    load = [sum(median[k][i] for k in counted) for i in (0, 1)]
    print(f"CPU: {cpu_name()}; medians of {args.runs} fresh processes")
    print("| step | wall s | CPU s | share of the CPU time |\n|---|---:|---:|---:|")
    for k, (w, c) in median.items():
        share = f"{100 * c / load[1]:.0f}%" if k in counted else "-"
        print(f"| {k} | {w:.2f} | {c:.2f} | {share} |")
    print(f"| **total** | **{load[0]:.2f}** | **{load[1]:.2f}** | 100% |")

    results = {"cpu": cpu_name(), "precision": args.precision, "runs": runs, "median": median, "end_to_end": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one = tmp / "one"
        one.mkdir()
        shutil.copy(sorted(DEMO.iterdir())[0], one)
        cases = {"one article": one, "demo corpus (4 articles)": DEMO}
        if args.big:
            (tmp / "big").mkdir()
            make_big(tmp / "big")
            cases["4.5 MB article + 2 short ones"] = tmp / "big"
        for name, folder in cases.items():
            times = [end_to_end(checker, folder, tmp / "out", tmp, args.precision) for _ in range(1 if name.startswith("4.5") else args.runs)]
            r = min(times, key=lambda x: x["seconds"]) if len(times) == 1 else sorted(times, key=lambda x: x["seconds"])[len(times) // 2]
            results["end_to_end"][name] = {**r, "all_seconds": [round(x["seconds"], 2) for x in times]}
            runs_text = ", ".join(f"{x['seconds']:.2f}" for x in times)
            print(f"{name}: {r['seconds']:.2f} s wall, {r['cpu_seconds']:.2f} s CPU (wall of each run: {runs_text}), "
                  f"exit {r['exit']}, "
                  f"{r['articles']} articles, {r['sentences']} sentences, {r['pairs_scored']} pairs; "
                  f"stages {json.dumps({k: round(v, 2) for k, v in r['stages'].items()})}")
            for w in r["warnings"]:
                print(f"    {w}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        name = "startup.json" if not onnx else f"startup-{args.precision}.json"
        (args.out / name).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
