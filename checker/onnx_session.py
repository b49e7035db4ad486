"""Run an ONNX build of a model (checker/onnx_export.py) with ONNX Runtime on the CPU.

    model = OnnxModel.load(path, threads=2)
    logits = model.run({"input_ids": ids, "attention_mask": mask, "token_type_ids": types})  # numpy in, out

The inputs are the padded int64 arrays nli.py and sentence_encoder.py already make; inputs a graph
does not take (a model without token types) are left out. Not for: building the file (onnx_export.py).
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .precision import physical_cores


def _torch_threads() -> int | None:
    torch = sys.modules.get("torch")
    return torch.get_num_threads() if torch is not None else None


@dataclass
class OnnxModel:
    """An ONNX Runtime session on the CPU and the names of its inputs."""

    path: Path
    session: object
    inputs: tuple[str, ...]
    threads: int
    info: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path, threads: int | None = None) -> "OnnxModel":
        """A session over `path` using `threads` intra-op threads (default: torch's, which `--threads`
        sets when the models load, so both runtimes use the same cores; the physical cores when torch
        is not loaded)."""
        import onnxruntime as ort

        n = threads or _torch_threads() or physical_cores()
        options = ort.SessionOptions()
        options.intra_op_num_threads = n
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # errors only: ORT's load-time notes are not for users
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        inputs = tuple(i.name for i in session.get_inputs())
        build = Path(path).parent / "build.json"  # what onnx_export wrote beside it: params, fusions, recipe
        info = json.loads(build.read_text()) if build.exists() else {}
        return cls(path=Path(path), session=session, inputs=inputs, threads=n,
                   info={**info, "onnxruntime": ort.__version__, "build": Path(path).parent.name})

    def run(self, batch: dict[str, np.ndarray]) -> np.ndarray:
        """The graph's one output for a batch of int64 arrays, as float32."""
        feed = {name: np.ascontiguousarray(batch[name], dtype=np.int64) for name in self.inputs}
        return self.session.run(None, feed)[0].astype(np.float32, copy=False)
