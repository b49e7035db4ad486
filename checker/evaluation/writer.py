"""Write evaluation results: results.json, results.md (rendered from the JSON document, so the two
never disagree) and PNG plots, and the shared file writing of every evaluation (`write_text_files`).

    write_results(results, pairs, "eval-out")   # results.json, results.md, PNG plots
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ..errors import DataError
from . import metrics as M
from .nli import ModelResult
from .pairs import LabelledPairs

FORMATS: tuple[str, ...] = ("json", "md", "png")


def write_text_files(out_dir: str | Path, files: dict[str, str]) -> list[Path]:
    """Write each name -> text into `out_dir` (made if needed) as UTF-8; returns the paths in order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def json_text(doc: dict) -> str:
    """A results document as the JSON files hold it."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._]+", "-", name.replace("bundled:", "")).strip("-.") or "model"


def display_name(result: ModelResult) -> str:
    """Short name for tables: a local model folder by its folder name, everything else as given."""
    spec = result.info.get("model", result.name)
    if result.kind == "nli_model" and result.name.startswith(spec) and ("/" in spec or "\\" in spec) \
            and Path(spec).exists():
        path = Path(spec)
        # "runs/stage2/best" reads better as "stage2/best" than as "best"
        name = f"{path.parent.name}/{path.name}" if path.name in _GENERIC_FOLDERS and path.parent.name else path.name
        return name + result.name[len(spec):]
    return result.name


_GENERIC_FOLDERS = frozenset({"best", "final", "model", "last", "latest", "checkpoint"})


def _display_names(results: Sequence[ModelResult]) -> list[str]:
    """display_name of each result, falling back to the full name where short names would collide."""
    short = [display_name(r) for r in results]
    return [s if short.count(s) == 1 else r.name for s, r in zip(short, results)]


def results_to_dict(results: Sequence[ModelResult], pairs: LabelledPairs, meta: dict | None = None) -> dict:
    """The results.json document."""
    meta = dict(meta or {})
    devices = sorted({r.info["device"] for r in results if r.kind == "nli_model"})
    return {
        "schema_version": "1.0",
        "created": meta.pop("created", datetime.now(timezone.utc).isoformat(timespec="seconds")),
        "device": ", ".join(devices) if devices else None,
        "data": {
            "inputs": meta.pop("inputs", None), "files": list(pairs.files), "n_pairs": len(pairs),
            "skipped_rows": pairs.skipped, "limit_per_file": meta.pop("limit", None),
            "binary": pairs.binary, "labels": list(pairs.label_names), "positive_label": pairs.positive_label,
            "label_counts": {lab: int(pairs.labels.count(lab)) for lab in pairs.label_names},
            "sources": list(dict.fromkeys(pairs.sources)),
        },
        "warnings": list(dict.fromkeys(pairs.warnings)),
        **meta,
        "models": [{"name": r.name, "display_name": d, "kind": r.kind, **r.info,
                    "n": r.metrics["overall"]["n"], **r.metrics} for r, d in zip(results, _display_names(results))],
    }


def _fmt(x, digits: int = 3) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return f"{x:.{digits}f}"


def _cell(block: dict, positive: str) -> str:
    return (f"{_fmt(block['accuracy'])} / {_fmt(block['macro_f1'])} / "
            f"{_fmt(block['per_class'][positive]['f1'])}")


def _md_escape(s: str) -> str:
    return str(s).replace("|", "\\|")


def render_markdown(doc: dict) -> str:
    """results.md from the results.json document, so the two never disagree."""
    data, models = doc["data"], doc["models"]
    pos = data["positive_label"]
    lines = ["# NLI pair evaluation", ""]
    if doc.get("command"):
        lines += [f"Command: `{doc['command']}`", ""]
    files = ", ".join(f"`{Path(f).name}`" if Path(f).exists() else f"`{f}`" for f in data["files"])
    limit = f", first {data['limit_per_file']} rows of each" if data.get("limit_per_file") else ""
    mode = "binary: consistent (entailment + neutral) vs inconsistent (contradiction)" if data["binary"] \
        else "entailment / neutral / contradiction"
    lines += [f"{data['n_pairs']} pairs from {files}{limit}; labels {mode}. "
              f"Created {doc['created']} on {doc.get('device') or 'n/a'}.", ""]
    for w in doc.get("warnings", []):
        lines.append(f"> warning: {w}")
    if doc.get("warnings"):
        lines.append("")
    lines += [f"Each cell: accuracy / macro-F1 / {pos}-F1. "
              "Peers are labels stored with the data (no probabilities), scored on the same pairs.", ""]
    names = [_md_escape(m["display_name"]) + (" (peer)" if m["kind"] == "peer" else "") for m in models]

    def comparison(title: str, kind: str | None, keys: Sequence[str]) -> list[str]:
        out = ["| " + " | ".join([title, "n"] + names) + " |",
               "| " + " | ".join(["---", "---:"] + ["---"] * len(models)) + " |"]
        for key in keys:
            blocks = [m["overall"] if kind is None else (m.get(kind) or {}).get(key) for m in models]
            ns = [b["n"] for m, b in zip(models, blocks) if b and m["kind"] == "nli_model"]
            n_gold = ns[0] if ns else max((b["n"] for b in blocks if b), default=0)
            cells = ["n/a" if not b or b["n"] == 0 else
                     _cell(b, pos) + (f" (n={b['n']})" if b["n"] != n_gold else "") for b in blocks]
            label = "**overall**" if kind is None else _md_escape(key)
            out.append("| " + " | ".join([label, str(n_gold)] + cells) + " |")
        return out + [""]

    lines += comparison("source", None, ["overall"])[:-1]
    lines += comparison("source", "by_source", data["sources"])[2:]
    for kind, title in (("by_tag", "tag"), ("by_round", "round")):
        keys = list(dict.fromkeys(k for m in models for k in (m.get(kind) or {})))
        if keys:
            lines += [f"### By {title}", ""] + comparison(title, kind, keys)

    for m in models:
        o = m["overall"]
        lines += [f"## {_md_escape(m['display_name'])}", ""]
        if m["kind"] == "nli_model":
            cal = f"temperature {m['temperature']:g}" if m["calibrated"] else "uncalibrated (--no-calibration)"
            lines += [f"Model `{m['path']}` on {m['device']}, {cal}; decision: {m['decision']}.", ""]
        else:
            lines += [f"Peer: labels stored in the data, {m.get('covered_pairs', o['n'])} pairs.", ""]
        pc = o["per_class"][pos]
        lines += ["| metric | value |", "| --- | ---: |",
                  f"| pairs | {o['n']} |", f"| accuracy | {_fmt(o['accuracy'])} |",
                  f"| macro-F1 | {_fmt(o['macro_f1'])} |",
                  f"| {pos} precision / recall / F1 | {_fmt(pc['precision'])} / {_fmt(pc['recall'])} / {_fmt(pc['f1'])} |"]
        if m["kind"] == "nli_model":
            lines += [f"| {pos} ROC-AUC | {_fmt(o['roc_auc'])} |",
                      f"| {pos} PR-AUC (average precision) | {_fmt(o['pr_auc'])} |",
                      f"| ECE (max probability, {M.N_BINS} bins) | {_fmt(o['ece'])} |",
                      f"| ECE of p({pos}) | {_fmt(o['ece_positive'])} |"]
        labels = o["confusion_matrix"]["labels"]
        lines += ["", "| class | precision | recall | F1 | support |", "| --- | ---: | ---: | ---: | ---: |"]
        for lab in labels:
            c = o["per_class"][lab]
            lines.append(f"| {lab} | {_fmt(c['precision'])} | {_fmt(c['recall'])} | {_fmt(c['f1'])} | {c['support']} |")
        lines += ["", "Confusion matrix (rows gold, columns predicted):", "",
                  "| gold \\ predicted | " + " | ".join(labels) + " |",
                  "| --- | " + " | ".join(["---:"] * len(labels)) + " |"]
        for lab, counts in zip(labels, o["confusion_matrix"]["matrix"]):
            lines.append(f"| {lab} | " + " | ".join(str(c) for c in counts) + " |")
        lines.append("")
        groups = m.get("by_source") or {}
        if m["kind"] == "nli_model" and len(groups) > 1:
            lines += [f"| source | n | accuracy | macro-F1 | {pos}-F1 | ROC-AUC | PR-AUC | ECE |",
                      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
            for g, b in groups.items():
                lines.append(f"| {_md_escape(g)} | {b['n']} | {_fmt(b['accuracy'])} | {_fmt(b['macro_f1'])} | "
                             f"{_fmt(b['per_class'][pos]['f1'])} | {_fmt(b['roc_auc'])} | {_fmt(b['pr_auc'])} | "
                             f"{_fmt(b['ece'])} |")
            lines.append("")
        for kind, path in (m.get("plots") or {}).items():
            lines.append(f"![{kind}]({path})")
        if m.get("plots"):
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _figure(width: float = 5.0, height: float = 4.0):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)  # the Agg backend, without touching pyplot's global state
    return fig


def plot_confusion(result: ModelResult, labels: Sequence[str], path: Path) -> Path:
    """Confusion matrix: colour is the share of each gold row, numbers are counts."""
    cm = np.array(result.metrics["overall"]["confusion_matrix"]["matrix"], dtype=float)
    share = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)
    fig = _figure(4.6, 4.0)
    ax = fig.add_subplot()
    ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, f"{int(cm[i, j])}\n{share[i, j]:.0%}", ha="center", va="center", fontsize=9,
                    color="white" if share[i, j] > 0.6 else "black")
    ax.set_xticks(range(len(labels)), labels, rotation=20)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(f"{display_name(result)[:50]}\naccuracy {_fmt(result.metrics['overall']['accuracy'])}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    return path


def _reliability_panel(ax, bins: list[dict], title: str, xlabel: str, ylabel: str) -> None:
    width = bins[0]["upper"] - bins[0]["lower"]
    centers = [(b["lower"] + b["upper"]) / 2 for b in bins]
    observed = [b["mean_observed"] or 0.0 for b in bins]
    ax.bar(centers, observed, width=width * 0.95, color="tab:blue", alpha=0.8, label="observed")
    gap_x = [b["mean_predicted"] for b in bins if b["count"]]
    gap_y = [b["mean_observed"] for b in bins if b["count"]]
    ax.plot(gap_x, gap_y, "o", color="tab:red", markersize=3, label="mean predicted")
    ax.plot([0, 1], [0, 1], "--", color="gray", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax2 = ax.twinx()
    ax2.plot(centers, [b["count"] for b in bins], color="gray", alpha=0.5, linewidth=1)
    ax2.set_ylabel("pairs per bin", color="gray", fontsize=8)
    ax2.tick_params(labelsize=7, colors="gray")


def plot_reliability(result: ModelResult, pairs: LabelledPairs, path: Path) -> Path:
    """Two reliability diagrams: top-label confidence vs accuracy, and p(positive) vs its frequency."""
    probs, y = result.probs, pairs.y_true
    pos = pairs.label_names.index(pairs.positive_label)
    o = result.metrics["overall"]
    fig = _figure(9.5, 4.0)
    ax1, ax2 = fig.subplots(1, 2)
    _reliability_panel(ax1, M.reliability_bins(probs.max(axis=1), probs.argmax(axis=1) == y),
                       f"max probability, ECE {_fmt(o['ece'])}", "confidence", "accuracy")
    _reliability_panel(ax2, M.reliability_bins(probs[:, pos], y == pos),
                       f"p({pairs.positive_label}), ECE {_fmt(o['ece_positive'])}",
                       f"p({pairs.positive_label})", f"share {pairs.positive_label}")
    fig.suptitle(display_name(result)[:80], fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    return path


def plot_precision_recall(result: ModelResult, pairs: LabelledPairs, path: Path) -> Path | None:
    """Precision-recall curve of the positive class (contradiction / inconsistent); None without positives."""
    pos = pairs.label_names.index(pairs.positive_label)
    y = (pairs.y_true == pos).astype(int)
    curve = M.precision_recall_points(y, result.probs[:, pos])
    if curve is None:
        return None
    precision, recall = curve
    o = result.metrics["overall"]
    fig = _figure(4.8, 4.0)
    ax = fig.add_subplot()
    ax.step(recall, precision, where="post", color="tab:blue", label=f"AP {_fmt(o['pr_auc'])}")
    ax.axhline(y.mean(), linestyle="--", color="gray", linewidth=1, label=f"base rate {y.mean():.2f}")
    pc = o["per_class"][pairs.positive_label]
    if pc["precision"] is not None and pc["recall"] is not None:
        ax.plot([pc["recall"]], [pc["precision"]], "o", color="tab:red", label="decision rule")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_title(f"{pairs.positive_label} vs rest: {display_name(result)[:50]}", fontsize=9)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    return path


def write_results(results: Sequence[ModelResult], pairs: LabelledPairs, out_dir: str | Path,
                  formats: Iterable[str] = FORMATS, meta: dict | None = None) -> list[Path]:
    """Write results.json, results.md and per-model PNG plots (as `formats` asks) into `out_dir`."""
    formats = set(formats)
    unknown = formats - set(FORMATS)
    if unknown:
        raise DataError(f"unknown --format {', '.join(sorted(unknown))}; use any of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    plots: dict[str, dict[str, str]] = {}
    if "png" in formats:
        slugs: set[str] = set()
        for r, shown in zip(results, _display_names(results)):
            base = _slug(shown)
            slug, k = base, 2
            while slug in slugs:
                slug, k = f"{base}-{k}", k + 1
            slugs.add(slug)
            files = {"confusion": plot_confusion(r, pairs.label_names, out / f"{slug}_confusion.png")}
            if r.probs is not None:
                files["reliability"] = plot_reliability(r, pairs, out / f"{slug}_reliability.png")
                pr = plot_precision_recall(r, pairs, out / f"{slug}_pr_{pairs.positive_label}.png")
                if pr is not None:
                    files[f"precision-recall ({pairs.positive_label})"] = pr
            plots[r.name] = {k: p.name for k, p in files.items()}
            written.extend(files.values())
    doc = results_to_dict(results, pairs, meta)
    for m in doc["models"]:
        if m["name"] in plots:
            m["plots"] = plots[m["name"]]
    texts = {name: render() for fmt, name, render in (("json", "results.json", lambda: json_text(doc)),
                                                      ("md", "results.md", lambda: render_markdown(doc)))
             if fmt in formats}
    return write_text_files(out, texts) + written
