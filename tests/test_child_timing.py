"""The end-to-end benchmarks' child-process timing and the installed command they run."""
from __future__ import annotations

import sys

from checker.evaluation.child import installed_checker, timed


def test_a_timed_child_reports_wall_and_cpu_seconds_and_its_result():
    (wall, cpu), done = timed([sys.executable, "-c", "print(sum(range(10**6)))"])
    assert done.returncode == 0 and done.stdout.strip() == str(sum(range(10**6)))
    assert wall > 0 and cpu >= 0


def test_the_installed_checker_is_the_one_beside_this_interpreter(tmp_path, monkeypatch):
    (tmp_path / "checker").write_text("")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    assert installed_checker() == str(tmp_path / "checker")
