"""Options every verb shares, spelled the same everywhere, with defaults read from Config.

    add_model_options(parser)        --device, --batch-size, --nli-model
    add_pipeline_options(parser)     --top-k, --min-similarity, --threshold, --nli-only-threshold, ...
                                     (each named as the Config field it sets)
    config = config_from_args(args)  a validated Config (CheckerError naming the option otherwise)
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from ..cascade import JUDGES
from ..config import Config
from ..errors import ConfigError
from ..precision import PRECISIONS

DEFAULTS = Config()
# Config field -> the option that sets it, so a bad value is reported as the user typed it. Each option is
# named as its field, the stage left out ("pairing.min_similarity": --min-similarity).
FLAGS = {"device": "--device", "batch_size": "--batch-size", "precision": "--precision", "nli_model": "--nli-model",
         "embed_model": "--embed-model", "pairing.top_k": "--top-k", "pairing.min_similarity": "--min-similarity",
         "judge.threshold": "--threshold", "judge.nli_only_threshold": "--nli-only-threshold",
         "cascade.judge": "--judge", "cascade.strong_model": "--strong-model",
         "max_sentences": "--max-sentences", "max_pairs": "--max-pairs"}


def add_model_options(p: argparse.ArgumentParser, nli_multiple: bool = False) -> None:
    """--device, --batch-size and --precision, and --nli-model unless the verb takes several models."""
    d = DEFAULTS
    p.add_argument("--device", default=d.device,
                   help=f"auto (CUDA if present), cpu, cuda or cuda:N (default: {d.device})")
    p.add_argument("--batch-size", type=int, default=d.batch_size,
                   help=f"batch size for the models on CPU (default: {d.batch_size}; {d.gpu_batch_size} on CUDA)")
    p.add_argument("--precision", default=d.precision, choices=PRECISIONS,
                   help=f"numeric precision of the models: auto picks the fastest that keeps accuracy on the "
                        f"device (default: {d.precision})")
    if not nli_multiple:
        p.add_argument("--nli-model", default=d.nli_model,
                       help=f"NLI cross-encoder: bundled:fast, bundled:strong, a local folder or a Hugging Face id "
                            f"(default: {d.nli_model}, shipped)")


def add_pipeline_options(p: argparse.ArgumentParser) -> None:
    """The options of the checking pipeline (those of `checker report` and `checker gold`)."""
    d = DEFAULTS
    p.add_argument("--top-k", type=int, default=d.pairing.top_k,
                   help=f"partners per sentence in each other article (default: {d.pairing.top_k})")
    p.add_argument("--min-similarity", type=float, default=d.pairing.min_similarity,
                   help=f"least cosine similarity of a candidate pair (default: {d.pairing.min_similarity})")
    p.add_argument("--threshold", type=float, default=d.judge.threshold,
                   help="conflict threshold on calibrated strength, 0 to 1 (default: the NLI model's calibrated one)")
    p.add_argument("--nli-only-threshold", type=float, default=d.judge.nli_only_threshold,
                   help=f"a conflict with no number/date/name/negation mismatch needs this calibrated NLI contradiction "
                        f"probability in both directions, 0 to 1 (default: {d.judge.nli_only_threshold})")
    p.add_argument("--judge", default=d.cascade.judge, choices=JUDGES,
                   help="which NLI judge decides: fast (the --nli-model alone), strong (the --strong-model alone), "
                        "cascade (fast on every pair, strong on those that could matter) or auto (the cascade where "
                        f"the strong judge is installed, fast elsewhere, with a note) (default: {d.cascade.judge})")
    p.add_argument("--strong-model", default=d.cascade.strong_model,
                   help=f"the strong judge of --judge cascade/strong (default: {d.cascade.strong_model}, shipped; "
                        "needs the [strong] extra)")
    p.add_argument("--embed-model", default=d.embed_model,
                   help=f"sentence-transformers model: folder or Hugging Face id (default: {d.embed_model}, shipped)")
    p.add_argument("--no-signals", action="store_true", help="NLI only: no model-free number/date/name/negation checks")
    p.add_argument("--context", action="store_true",
                   help="give sentences that open with 'He', 'The transfer'... their previous sentence as NLI context")


def config_from_args(args: argparse.Namespace) -> Config:
    """The Config the options describe, validated: a value out of range raises ConfigError naming the option."""
    d = DEFAULTS
    config = Config(device=args.device, batch_size=args.batch_size, precision=args.precision, nli_model=args.nli_model,
                    embed_model=args.embed_model, use_signals=not args.no_signals, use_context=args.context,
                    pairing=replace(d.pairing, top_k=args.top_k, min_similarity=args.min_similarity),
                    judge=replace(d.judge, threshold=args.threshold, nli_only_threshold=args.nli_only_threshold),
                    cascade=replace(d.cascade, judge=args.judge, strong_model=args.strong_model))
    return validated(config)


def validated(config: Config) -> Config:
    """`config.validate()`, with the problem reported under the option's name."""
    try:
        return config.validate()
    except ConfigError as e:
        raise ConfigError(FLAGS.get(e.field, e.field), e.problem) from None


def warn(message: str) -> None:
    """One warning line on stderr."""
    print(f"warning: {message}", file=sys.stderr)
