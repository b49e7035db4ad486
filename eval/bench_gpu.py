"""GPU benchmark: both models' throughput per precision and batch size, and a report's stage timings.

    python eval/bench_gpu.py --device cuda [--corpus DIR] [--mnli FILE] [--batch-sizes 32 128 256 512]

In one run on one GPU:
1. NLI pairs/s and MultiNLI accuracy (3,000 dev-matched pairs) of the bundled NLI model, and
   sentences/s of the bundled embedder, for each precision the GPU runs natively (fp32, fp16, and
   bf16 from compute capability 8.0) at each batch size; batches are length-sorted as in the product.
2. `python -m checker report` on the real corpus and the demo with the default precision and each
   explicit one (eval/bench_precision.py's report part), stage timings from report.json.
Writes eval/results/precision-cuda.{json,md} (the report part, via bench_precision.py) and
eval/results/gpu-batches.{json,md} (the sweep). Runs on a CPU too (--device cpu), for checking the
script itself; its figures are then CPU figures.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from checker.evaluation import speed
from checker.evaluation.markdown import table
from checker.evaluation.record import machine, provenance, write_result


def sweep(args) -> dict:
    import numpy as np

    from checker.config import DEFAULT_EMBED_MODEL, DEFAULT_NLI_MODEL
    from checker.nli import NLIModel
    from checker.pairing import Embedder

    cp, ch = speed.corpus_pairs(args.corpus, args.device)
    mp, mh, my = speed.mnli(args.mnli, args.mnli_limit)
    sentences = list(dict.fromkeys(mp + mh))
    rows = []
    for precision in args.precisions or speed.precisions_for(args.device):
        nli = NLIModel.load(DEFAULT_NLI_MODEL, args.device, progress=False, precision=precision)
        emb = Embedder.load(DEFAULT_EMBED_MODEL, args.device, progress=False, precision=precision)
        for bs in args.batch_sizes:
            nli.batch_size = emb.batch_size = bs
            nli.logits(cp[:bs], ch[:bs])  # warm-up: kernel selection, allocator
            emb.encode(sentences[:bs])
            t_corpus, t_mnli, t_emb = [], [], []
            for _ in range(args.repeats):
                t = time.perf_counter()
                nli.logits(cp, ch)
                t_corpus.append(time.perf_counter() - t)
                t = time.perf_counter()
                out = nli.logits(mp, mh)
                t_mnli.append(time.perf_counter() - t)
                t = time.perf_counter()
                emb.encode(sentences)
                t_emb.append(time.perf_counter() - t)
            row = {"precision": precision, "batch_size": bs, "compute_dtype": nli.info.get("compute_dtype"),
                   "corpus_pairs_per_s": round(len(cp) / statistics.median(t_corpus), 1),
                   "mnli_pairs_per_s": round(len(mp) / statistics.median(t_mnli), 1),
                   "mnli_accuracy": round(float((out.argmax(1) == np.array(my)).mean()), 4),
                   "embed_sentences_per_s": round(len(sentences) / statistics.median(t_emb), 1)}
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
        del nli, emb
    return {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(args.device),
            "device": args.device, "corpus": args.corpus, "corpus_pairs": len(cp), "mnli_pairs": len(mp),
            "sentences": len(sentences), "repeats": args.repeats, "rows": rows,
            "command": "python eval/bench_gpu.py " + " ".join(args.argv)}


def render(doc: dict) -> str:
    m = doc["machine"]
    lines = [f"# Both models on {doc['device']} ({doc['date'][:10]})", "",
             f"Machine: {m.get('gpu', 'no GPU')} (capability {m.get('gpu_capability', 'n/a')}); CPU {m.get('cpu_summary', m.get('cpu_features'))}; "
             f"torch {m['torch']}. Corpus {doc['corpus']}: {doc['corpus_pairs']} candidate pairs (both directions); "
             f"{doc['mnli_pairs']} MultiNLI dev-matched pairs; {doc['sentences']} distinct sentences for the embedder; "
             f"medians of {doc['repeats']} runs, length-sorted batches.", ""]
    lines += table(["precision", "batch", "NLI corpus pairs/s", "NLI MultiNLI pairs/s", "MultiNLI accuracy",
                    "embedder sentences/s"],
                   [[r['precision'], r['batch_size'], r['corpus_pairs_per_s'], r['mnli_pairs_per_s'],
                     f"{r['mnli_accuracy']:.4f}", r['embed_sentences_per_s']] for r in doc["rows"]])
    lines += ["", f"Produced by: `{doc['command']}`", ""]
    return "\n".join(lines)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--precisions", nargs="+", default=None)
    ap.add_argument("--batch-sizes", nargs="+", type=int, default=[32, 128, 256, 512])
    ap.add_argument("--corpus", default=speed.DEFAULT_CORPUS)
    ap.add_argument("--demo", default="checker/demo/articles")
    ap.add_argument("--mnli", default=speed.DEFAULT_MNLI)
    ap.add_argument("--mnli-limit", type=int, default=3000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-report", action="store_true", help="skip the `checker report` stage timings")
    ap.add_argument("--out", type=Path, default=Path("eval/results"))
    args = ap.parse_args(argv)
    args.argv = argv
    doc = sweep(args)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = "gpu-batches" if args.device.startswith("cuda") else f"gpu-batches-{args.device}"
    write_result(args.out / f"{stem}.json", doc,
                 provenance("python eval/bench_gpu.py " + " ".join(sys.argv[1:]), models={"nli": "bundled:nli-minilm-l6", "embedder": "bundled:all-MiniLM-L6-v2"},
                            precision=",".join(args.precisions or speed.precisions_for(args.device)), device=args.device))
    (args.out / f"{stem}.md").write_text(render(doc))
    print(render(doc))
    if not args.no_report:
        # the product's path, measured by the precision benchmark's own command
        subprocess.run([sys.executable, str(Path(__file__).with_name("bench_precision.py")), "report", "--device",
                        args.device, "--corpus", args.corpus, "--demo", args.demo, "--repeats", str(args.repeats),
                        "--out", str(args.out)], check=True)


if __name__ == "__main__":
    main()
