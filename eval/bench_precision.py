"""Precision benchmark: each numeric precision of the models against fp32, for speed and accuracy.

    python eval/bench_precision.py nli    [--corpus DIR] [--mnli FILE] [--mnli-limit 3000] [--repeats 3]
    python eval/bench_precision.py report [--corpus DIR] [--demo DIR] [--repeats 3]
    python eval/bench_precision.py gold   [--gold eval/gold] [--heldout checker/demo]
    python eval/bench_precision.py render                   # eval/results/precision-<device>.md from the .json

Each part adds its section to eval/results/precision-<device>.json and re-renders the .md:
  nli     in one process, the bundled NLI model loaded once per precision (fp32, bf16, int8, and fp16
          where the device computes it natively), interleaved over several repeats: pairs/s on the real
          corpus's candidate pairs (both directions, as `checker report` scores them) and on MultiNLI
          dev-matched pairs, MultiNLI accuracy, agreement with fp32, and the arithmetic limit of the CPU.
  report  the product's own path: `python -m checker report` as a subprocess on the real corpus and on
          the demo, with the default precision and each explicit one, interleaved, several repeats;
          stage timings from report.json and the command's wall-clock time.
  gold    `python -m checker gold` on the gold set and the held-out demo with each precision.
Timings are wall-clock on a possibly shared machine: compare ratios within one run.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from checker.evaluation.markdown import table
from checker.evaluation.record import machine, provenance
from checker.evaluation.speed import DEFAULT_CORPUS, DEFAULT_MNLI, corpus_pairs, mnli, precisions_for

ROOT = Path(__file__).resolve().parent.parent


# ----------------------------------------------------------------------------------------- machine





# -------------------------------------------------------------------------------- arithmetic limit

def flops_per_pair(tokens: float, layers: int = 6, hidden: int = 384, ffn: int = 1536) -> float:
    """Multiply-adds x2 of one forward pass of a BERT encoder over `tokens` tokens: the Q, K, V and
    output projections and the two feed-forward matrices per token, plus attention scores and
    weighted sums (quadratic in tokens). Embedding lookups, softmax and LayerNorm are left out."""
    dense = 2 * tokens * (4 * hidden * hidden + 2 * hidden * ffn)
    attention = 2 * 2 * tokens * tokens * hidden
    return layers * (dense + attention)


def cpu_peak(cores: int, ghz: float) -> dict:
    """Nominal peak of `cores` cores with two 512-bit FMA pipes each (AVX-512 at full width, as on
    AMD Zen 5 and Intel server cores), at `ghz`: fp32 16 lanes x 2 FMA x 2 flops per cycle; bf16
    dot products (vdpbf16ps) twice that; int8 dot products (vpdpbusd) four times that."""
    fp32 = cores * ghz * 1e9 * 16 * 2 * 2
    return {"fp32": fp32, "bf16": 2 * fp32, "int8": 4 * fp32, "fp16": fp32, "ghz": ghz, "cores": cores}


def base_ghz() -> float | None:
    """The CPU's nominal clock from /proc/cpuinfo ('cpu MHz'), None if unknown."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz"):
                return round(float(line.split(":")[1]) / 1000, 3)
    except (OSError, ValueError):
        pass
    return None


# ------------------------------------------------------------------------------------------ part nli





def run_nli(args) -> dict:
    import numpy as np

    from checker.nli import NLIModel
    from checker.precision import set_cpu_threads

    if not args.device.startswith("cuda"):
        set_cpu_threads()
    precisions = args.precisions or precisions_for(args.device)
    batch = args.batch_size or (256 if args.device.startswith("cuda") else 32)
    cp, ch = corpus_pairs(args.corpus, args.device)
    mp, mh, my = mnli(args.mnli, args.mnli_limit)
    models = {p: NLIModel.load("bundled:nli-minilm-l6", args.device, batch, progress=False, precision=p)
              for p in precisions}
    tok = next(iter(models.values())).tokenizer
    lengths, tokenise_s = {}, {}
    for name, (a, b) in {"corpus": (cp, ch), "mnli": (mp, mh)}.items():
        t = time.perf_counter()  # the one up-front tokenisation NLIModel.logits does before its model loop
        lengths[name] = np.array([len(x) for x in tok(a, b, truncation=True, max_length=256)["input_ids"]])
        tokenise_s[name] = round(time.perf_counter() - t, 3)
    for m in models.values():  # warm-up: first calls allocate and pick kernels
        m.logits(cp[:batch], ch[:batch])
    times = {p: {"corpus": [], "mnli": []} for p in precisions}
    outputs: dict[str, dict] = {p: {} for p in precisions}
    for rep in range(args.repeats):
        for p in precisions:  # interleaved, so drift in machine load hits every precision alike
            for name, (a, b) in {"corpus": (cp, ch), "mnli": (mp, mh)}.items():
                if name == "mnli" and rep >= args.mnli_repeats:
                    continue
                t = time.perf_counter()
                out = models[p].logits(a, b)
                times[p][name].append(time.perf_counter() - t)
                outputs[p][name] = out
                print(f"rep {rep} {p:5s} {name:6s} {len(a) / times[p][name][-1]:7.1f} pairs/s", file=sys.stderr, flush=True)
    embed = embed_rates(args, mp + mh, precisions)
    ref = outputs[precisions[0]]
    ghz = args.ghz or base_ghz() or 2.0
    cores = args.cores or __import__("checker.precision", fromlist=["physical_cores"]).physical_cores()
    peak = cpu_peak(cores, ghz)
    rows = {}
    for p in precisions:
        row = {"precision": p, "compute_dtype": models[p].info.get("compute_dtype")}
        for name, n in (("corpus", len(cp)), ("mnli", len(mp))):
            med = statistics.median(times[p][name])
            fl = float(np.mean([flops_per_pair(int(x)) for x in lengths[name]]))
            row[name] = {"pairs": n, "seconds": [round(s, 3) for s in times[p][name]], "median_s": round(med, 3),
                         "pairs_per_s": round(n / med, 1), "gflops_per_s": round(n * fl / med / 1e9, 1),
                         "share_of_peak": round(n * fl / med / peak.get(p, peak["fp32"]), 3),
                         "agree_with_fp32": round(float((outputs[p][name].argmax(1) == ref[name].argmax(1)).mean()), 4)}
        row["mnli"]["accuracy"] = round(float((outputs[p]["mnli"].argmax(1) == np.array(my)).mean()), 4)
        rows[p] = row
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(args.device),
        "device": args.device, "batch_size": batch, "repeats": args.repeats, "mnli_repeats": args.mnli_repeats,
        "corpus": args.corpus, "mnli_file": args.mnli, "mnli_limit": args.mnli_limit,
        "mean_tokens": {k: round(float(v.mean()), 1) for k, v in lengths.items()}, "tokenise_s": tokenise_s,
        "gflop_per_pair": {k: round(float(np.mean([flops_per_pair(int(x)) for x in v])) / 1e9, 3)
                           for k, v in lengths.items()},
        "peak_gflops": {k: round(v / 1e9, 1) for k, v in peak.items() if k in ("fp32", "bf16", "int8")},
        "peak_assumption": f"{cores} cores x {ghz} GHz x two 512-bit FMA pipes (fp32 32 flops/cycle/pipe; "
                           "bf16 dot products x2, int8 dot products x4)",
        "rows": rows, "embedder": embed,
        "command": "python eval/bench_precision.py nli " + " ".join(args.argv),
    }


def embed_rates(args, texts: list[str], precisions: list[str]) -> dict:
    """Sentences/s of the bundled embedder per precision (interleaved repeats, medians), and how far
    its cosine similarities move from fp32's (they decide which pairs get scored)."""
    import numpy as np

    from checker.config import DEFAULT_EMBED_MODEL
    from checker.pairing import Embedder

    texts = list(dict.fromkeys(texts))[:args.embed_limit]
    batch = args.batch_size or (256 if args.device.startswith("cuda") else 32)
    models = {p: Embedder.load(DEFAULT_EMBED_MODEL, args.device, batch, progress=False, precision=p) for p in precisions}
    for m in models.values():
        m.encode(texts[:batch])
    times = {p: [] for p in precisions}
    out = {}
    for rep in range(args.repeats):
        for p in precisions:
            t = time.perf_counter()
            out[p] = models[p].encode(texts)
            times[p].append(time.perf_counter() - t)
            print(f"rep {rep} {p:5s} embed  {len(texts) / times[p][-1]:7.1f} sentences/s", file=sys.stderr, flush=True)
    ref = out[precisions[0]]
    sims_ref = ref[:200] @ ref[200:400].T
    return {"sentences": len(texts), "batch_size": batch, "rows": {
        p: {"sentences_per_s": round(len(texts) / statistics.median(times[p]), 1),
            "seconds": [round(s, 3) for s in times[p]],
            "max_cosine_change_vs_fp32": round(float(np.abs(out[p][:200] @ out[p][200:400].T - sims_ref).max()), 4)}
        for p in precisions}}


# --------------------------------------------------------------------------------------- part report

def run_report(args) -> dict:
    variants = [("default", [])] + [(p, ["--precision", p]) for p in (args.precisions or precisions_for(args.device))]
    corpora = {"real": args.corpus, "demo": args.demo}
    runs = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-precision-"))
    try:
        for rep in range(args.repeats):
            for cname, cpath in corpora.items():
                for vname, extra in variants:  # interleaved: every variant sees the same drift
                    out = tmp / f"{cname}-{vname}-{rep}"
                    cmd = [sys.executable, "-m", "checker", "report", cpath, "-o", str(out), "--format", "json",
                           "--device", args.device, *extra]
                    t = time.perf_counter()
                    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
                    wall = time.perf_counter() - t
                    if proc.returncode not in (0, 1):
                        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-6000:]}")
                    rep_json = json.loads((out / "report.json").read_text())
                    s = rep_json["summary"]
                    stages = {t["stage"]: t["seconds"] for t in s["timings"]}
                    runs.append({"rep": rep, "corpus": cname, "variant": vname, "wall_s": round(wall, 3),
                                 "total_s": s["total_seconds"], "stages": stages,
                                 "nli_precision": s["models"].get("nli_precision"),
                                 "embedder_precision": s["models"].get("embedder_precision"),
                                 "pairs_scored": s["pairs_scored"], "conflicts": s["conflicts"],
                                 "agreements": s["agreements"]})
                    print(f"rep {rep} {cname} {vname:7s} wall {wall:6.2f}s total {s['total_seconds']:6.2f}s "
                          f"nli {stages.get('nli', 0):6.2f}s ({runs[-1]['nli_precision']})", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    summary = {}
    for cname in corpora:
        for vname, _ in variants:
            rs = [r for r in runs if r["corpus"] == cname and r["variant"] == vname]
            med = lambda key: round(statistics.median(key(r) for r in rs), 3)  # noqa: E731
            summary.setdefault(cname, {})[vname] = {
                "nli_precision": rs[0]["nli_precision"], "embedder_precision": rs[0]["embedder_precision"],
                "wall_s": med(lambda r: r["wall_s"]), "total_s": med(lambda r: r["total_s"]),
                "load_s": med(lambda r: r["stages"].get("load models", 0.0)),
                "embed_s": med(lambda r: r["stages"].get("embed", 0.0)), "nli_s": med(lambda r: r["stages"].get("nli", 0.0)),
                "pairs_scored": rs[0]["pairs_scored"], "conflicts": sorted({r["conflicts"] for r in rs}),
                "agreements": sorted({r["agreements"] for r in rs})}
        fp32, default = summary[cname].get("fp32"), summary[cname]["default"]
        if fp32:
            summary[cname]["nli_ratio_fp32_over_default"] = round(fp32["nli_s"] / max(default["nli_s"], 1e-9), 2)
            summary[cname]["total_ratio_fp32_over_default"] = round(fp32["total_s"] / max(default["total_s"], 1e-9), 2)
    return {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(args.device),
            "device": args.device, "repeats": args.repeats, "corpora": corpora, "summary": summary, "runs": runs,
            "command": "python eval/bench_precision.py report " + " ".join(args.argv)}


# ----------------------------------------------------------------------------------------- part gold

def run_gold(args) -> dict:
    results = {}
    tmp = Path(tempfile.mkdtemp(prefix="bench-precision-gold-"))
    try:
        for sname, spath in (("gold", args.gold), ("heldout", args.heldout)):
            for p in args.precisions or precisions_for(args.device):
                out = tmp / f"{sname}-{p}"
                cmd = [sys.executable, "-m", "checker", "gold", spath, "-o", str(out), "--device", args.device,
                       "--precision", p]
                proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
                if proc.returncode != 0:
                    raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-6000:]}")
                o = json.loads((out / "gold_results.json").read_text())["overall"]
                results.setdefault(sname, {})[p] = {
                    "recall": o["recall"], "found": o["found"], "gold_conflicts": o["gold"]["conflict"],
                    "precision_all_flagged": o["precision_all_flagged"],
                    "faithful_flagged": o["agree"]["flagged_as_conflict"]}
                print(f"{sname} {p}: recall {o['recall']} precision {o['precision_all_flagged']}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "device": args.device,
            "sets": {"gold": args.gold, "heldout": args.heldout}, "results": results,
            "command": "python eval/bench_precision.py gold " + " ".join(args.argv)}


# -------------------------------------------------------------------------------------------- output

def render(doc: dict) -> str:
    """The results file for people, from the JSON (every figure comes from there)."""
    m = (doc.get("nli") or doc.get("report") or {}).get("machine", {})
    lines = [f"# Model precision on {doc['device']}", "",
             f"Machine: {m.get('cpu_summary', m.get('cpu_features', 'n/a'))}; {m.get('cores_physical')} physical cores, "
             f"torch {m.get('torch')}" + (f"; GPU {m['gpu']} (capability {m['gpu_capability']})" if m.get("gpu") else "")
             + ". Wall-clock on a shared machine: compare ratios within one run.", ""]
    nli = doc.get("nli")
    if nli:
        lines += [f"## NLI model alone, one process ({nli['date'][:10]})", "",
                  f"The bundled NLI model loaded once per precision; {nli['repeats']} interleaved repeats on the real "
                  f"corpus's {nli['rows'][next(iter(nli['rows']))]['corpus']['pairs']} candidate pairs (both directions, "
                  f"mean {nli['mean_tokens']['corpus']} tokens) and {nli['mnli_repeats']} on "
                  f"{nli['rows'][next(iter(nli['rows']))]['mnli']['pairs']} MultiNLI dev-matched pairs (mean "
                  f"{nli['mean_tokens']['mnli']} tokens); batch {nli['batch_size']}, medians. Tokenising all pairs "
                  f"up front takes {nli['tokenise_s']['corpus']} s (corpus) and {nli['tokenise_s']['mnli']} s (MultiNLI), "
                  "included in the rates.", ""]
        fp32 = nli["rows"].get("fp32")
        rows = []
        for p, r in nli["rows"].items():
            speed = f" ({r['corpus']['pairs_per_s'] / fp32['corpus']['pairs_per_s']:.2f}x)" if fp32 else ""
            best = {k: round(r[k]["pairs"] / min(r[k]["seconds"]), 1) for k in ("corpus", "mnli")}
            rows.append([p, r['compute_dtype'], f"{r['corpus']['pairs_per_s']}{speed} ({best['corpus']})",
                         f"{r['mnli']['pairs_per_s']} ({best['mnli']})", f"{r['mnli']['accuracy']:.4f}",
                         f"{r['corpus']['agree_with_fp32']:.3f} / {r['mnli']['agree_with_fp32']:.3f}",
                         r['corpus']['gflops_per_s'], f"{100 * r['corpus']['share_of_peak']:.1f}%"])
        lines += table(["precision", "runs as", "corpus pairs/s, median (best)", "MultiNLI pairs/s, median (best)",
                        "MultiNLI accuracy", "agrees with fp32 (corpus / MultiNLI)", "corpus GFLOP/s, median",
                        "share of peak"], rows)
        pk = nli["peak_gflops"]
        emb = nli.get("embedder")
        if emb:
            lines += ["", f"Sentence embedder ({emb['sentences']} distinct MultiNLI sentences, batch {emb['batch_size']}): "
                      + "; ".join(f"{p} {r['sentences_per_s']} sentences/s median, "
                                  f"{emb['sentences'] / min(r['seconds']):.1f} best (largest cosine change against fp32 "
                                  f"{r['max_cosine_change_vs_fp32']})" for p, r in emb["rows"].items()) + "."]
        lines += ["", f"**Arithmetic limit.** One pair costs about {nli['gflop_per_pair']['corpus']} GFLOP on the corpus "
                  f"({nli['gflop_per_pair']['mnli']} on MultiNLI): 6 layers of a 384-wide, 1536-feed-forward encoder, "
                  "2 x tokens x (4 x 384^2 + 2 x 384 x 1536) per layer plus attention, padding not counted. Nominal peak: "
                  f"{pk['fp32']} GFLOP/s fp32, {pk['bf16']} bf16, {pk['int8']} int8 ({nli['peak_assumption']}), so at "
                  f"most {pk['fp32'] / 1e0 / nli['gflop_per_pair']['corpus']:.0f} corpus pairs/s in fp32, "
                  f"{pk['bf16'] / nli['gflop_per_pair']['corpus']:.0f} in bf16 and {pk['int8'] / nli['gflop_per_pair']['corpus']:.0f} "
                  "in int8. 'Share of peak' is each path's achieved rate against its own precision's peak.", "",
                  f"Produced by: `{nli['command']}`", ""]
    rep = doc.get("report")
    if rep:
        lines += [f"## `checker report`, the product's path ({rep['date'][:10]})", "",
                  f"`python -m checker report` run as a subprocess, {rep['repeats']} interleaved repeats; stage seconds from "
                  "report.json (medians); wall-clock is the whole command, Python start-up and imports included.", ""]
        lines += table(["corpus", "--precision", "NLI / embedder ran in", "load models s", "embed s", "NLI s",
                        "total s (report.json)", "wall-clock s", "conflicts"],
                       [[f"{cname} ({rep['corpora'][cname]})", vname, f"{v['nli_precision']} / {v['embedder_precision']}",
                         v['load_s'], v['embed_s'], v['nli_s'], v['total_s'], v['wall_s'], ", ".join(map(str, v['conflicts']))]
                        for cname, variants in rep["summary"].items()
                        for vname, v in variants.items() if isinstance(v, dict)])
        lines.append("")
        for cname, variants in rep["summary"].items():
            spread = "; ".join(f"{v}: " + ", ".join(str(r["stages"].get("nli")) for r in rep["runs"]
                                                    if r["corpus"] == cname and r["variant"] == v)
                               for v in variants if isinstance(variants[v], dict))
            lines.append(f"- {cname}: NLI stage seconds run by run (in run order): {spread}.")
            if "nli_ratio_fp32_over_default" in variants:
                lines.append(f"- {cname}: NLI stage fp32 / default = **{variants['nli_ratio_fp32_over_default']}x**, "
                             f"total fp32 / default = {variants['total_ratio_fp32_over_default']}x.")
        lines += ["", f"Produced by: `{rep['command']}`", ""]
    gold = doc.get("gold")
    if gold:
        lines += [f"## Gold set per precision ({gold['date'][:10]})", ""]
        lines += table(["set", "precision", "recall", "found / planted", "precision over all flagged",
                        "faithful pairs flagged"],
                       [[f"{sname} ({gold['sets'][sname]})", p, f"{r['recall']:.3f}", f"{r['found']} / {r['gold_conflicts']}",
                         "n/a" if r["precision_all_flagged"] is None else f"{r['precision_all_flagged']:.3f}",
                         r['faithful_flagged']]
                        for sname, per in gold["results"].items() for p, r in per.items()])
        lines += ["", f"Produced by: `{gold['command']}`", ""]
    return "\n".join(lines)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("part", choices=("nli", "report", "gold", "render"))
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--precisions", nargs="+", default=None, help="explicit precisions to compare (default: all native)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--demo", default="checker/demo/articles")
    ap.add_argument("--mnli", default=DEFAULT_MNLI)
    ap.add_argument("--mnli-limit", type=int, default=3000)
    ap.add_argument("--mnli-repeats", type=int, default=1, help="timed passes over MultiNLI (accuracy from the last)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--embed-limit", type=int, default=1000, help="distinct MultiNLI sentences for the embedder timing")
    ap.add_argument("--batch-size", type=int, default=None, help="NLI batch (default: 32 on CPU, 256 on CUDA)")
    ap.add_argument("--gold", default="eval/gold")
    ap.add_argument("--heldout", default="checker/demo")
    ap.add_argument("--ghz", type=float, default=None, help="clock for the peak estimate (default: cpu MHz of /proc/cpuinfo)")
    ap.add_argument("--cores", type=int, default=None, help="cores for the peak estimate (default: physical cores)")
    ap.add_argument("--out", type=Path, default=Path("eval/results"))
    args = ap.parse_args(argv)
    args.argv = argv[1:]
    stem = f"precision-{args.device.split(':')[0]}"
    path = args.out / f"{stem}.json"
    doc = json.loads(path.read_text()) if path.exists() else {}
    doc["device"] = args.device.split(":")[0]
    if args.part != "render":
        doc[args.part] = {"nli": run_nli, "report": run_report, "gold": run_gold}[args.part](args)
        # each part carries the stamp of its own run (the parts are run at different times)
        doc[args.part]["provenance"] = provenance("python eval/bench_precision.py " + " ".join(args.argv),
                                                  models={"nli": "bundled:nli-minilm-l6", "embedder": "bundled:all-MiniLM-L6-v2"}, precision="fp32,bf16,fp16,int8 as native",
                                                  device=args.device)
    args.out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n")
    (args.out / f"{stem}.md").write_text(render(doc))
    print(render(doc))


if __name__ == "__main__":
    main()
