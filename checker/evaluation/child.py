"""Running the installed `checker` (or any command) as a child process and timing it, for the
end-to-end benchmarks (eval/bench_startup.py, eval/bench_judge_cost.py)."""
from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def installed_checker() -> str:
    """The installed `checker` command: beside this interpreter (a virtual environment that is not
    activated), else the one on PATH."""
    beside = Path(sys.executable).parent / "checker"
    return str(beside) if beside.exists() else (shutil.which("checker") or "checker")


def timed(cmd: list[str], **kw) -> tuple[list[float], subprocess.CompletedProcess]:
    """[wall seconds, CPU seconds (user + system)] of a child process, and its result."""
    t, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return [time.perf_counter() - t, cpu], done
