"""Tests of how reports reach the disk: one complete report per folder whatever fails, no stale
files of other formats, file names that are not UTF-8, and output folders checked before any work.

A "kill" here is real: a child process writes a report and SIGKILLs itself in the middle.
"""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from checker import output
from checker.errors import CheckerError
from checker.ingest import load_articles
from checker.output import check_output_dir, replace_files, report_files
from checker.report import report_to_dict, write_report
from tests.test_report import make_sample_report

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sample_report():
    return make_sample_report()


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the folder, hidden ones included, by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _second_report(report):
    """The same report with one visible change, so old and new files can be told apart."""
    return replace(report, created="2030-01-01T00:00:00+00:00")


# ---------------------------------------------------------------- one complete report


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("kill_at_sync", [1, 2, 3, 4])
def test_a_kill_while_writing_leaves_the_previous_report_whole_and_no_empty_file(tmp_path, sample_report, kill_at_sync):
    out = tmp_path / "out"
    write_report(sample_report, out)
    before = _snapshot(out)
    # The child writes a newer report and is killed at its n-th fsync: after writing one, two or
    # three temporary files (1-3), or after the renames (4, the folder sync).
    child = textwrap.dedent(f"""
        import os, signal
        from dataclasses import replace
        from checker import output
        from checker.report import write_report
        from tests.test_report import make_sample_report
        calls = 0
        real_fsync = os.fsync
        def fsync(fd):
            global calls
            calls += 1
            real_fsync(fd)
            if calls == {kill_at_sync}:
                os.kill(os.getpid(), signal.SIGKILL)
        output.os.fsync = fsync
        write_report(replace(make_sample_report(), created="2030-01-01T00:00:00+00:00"), {str(out)!r})
    """)
    result = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    after = {name: data for name, data in _snapshot(out).items() if not name.startswith(".")}
    assert all(after.values()), "no report file is ever empty"
    if kill_at_sync <= 3:  # killed before the first rename: the previous report, untouched
        assert after == before
    else:  # killed after the renames: the new report, complete
        assert after.keys() == before.keys()
        assert all(b"2030-01-01" in data for data in after.values())
    # Leftover temporary files are hidden from ingest, and the next run clears them away.
    write_report(sample_report, out)
    assert _snapshot(out) == before


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_kill_between_rendering_two_formats_leaves_the_previous_report_whole(tmp_path, sample_report):
    out = tmp_path / "out"
    write_report(sample_report, out)
    before = _snapshot(out)
    # Killed while rendering the second format: writing in place one file after another would
    # leave a new report.json beside the previous run's report.md and report.html.
    child = textwrap.dedent(f"""
        import os, signal
        from dataclasses import replace
        from checker import report
        from tests.test_report import make_sample_report
        real_render = report._render
        calls = 0
        def render(*args):
            global calls
            calls += 1
            if calls == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            return real_render(*args)
        report._render = render
        report.write_report(replace(make_sample_report(), created="2030-01-01T00:00:00+00:00"), {str(out)!r})
    """)
    result = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    assert _snapshot(out) == before


def test_a_failure_while_writing_any_file_leaves_the_previous_report_unchanged(tmp_path, sample_report, monkeypatch):
    write_report(sample_report, tmp_path)
    before = _snapshot(tmp_path)
    real_write = output._write_temporary
    written = []

    def disk_full_on_the_third_file(out_dir, name, data):
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(name)
        return real_write(out_dir, name, data)

    monkeypatch.setattr(output, "_write_temporary", disk_full_on_the_third_file)
    with pytest.raises(CheckerError, match="no space left.*previous report is unchanged"):
        write_report(_second_report(sample_report), tmp_path)
    assert _snapshot(tmp_path) == before  # no temporary file left behind either


def test_a_failure_while_rendering_touches_nothing(tmp_path, sample_report, monkeypatch):
    from checker import report as report_module

    write_report(sample_report, tmp_path)
    before = _snapshot(tmp_path)

    def broken(template_name, *args):
        raise RuntimeError("template bug")

    monkeypatch.setattr(report_module, "_render", broken)
    with pytest.raises(RuntimeError):
        write_report(_second_report(sample_report), tmp_path)
    assert _snapshot(tmp_path) == before


def test_report_json_is_renamed_into_place_last(tmp_path, sample_report, monkeypatch):
    renamed = []
    real_replace = os.replace
    monkeypatch.setattr(output.os, "replace", lambda src, dst: (renamed.append(Path(dst).name), real_replace(src, dst)))
    write_report(sample_report, tmp_path, formats=["json", "html", "md"])
    assert renamed[-1] == "report.json" and sorted(renamed) == ["report.html", "report.json", "report.md"]


def test_formats_not_written_this_time_are_removed_not_left_stale(tmp_path, sample_report):
    write_report(sample_report, tmp_path)
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    paths = write_report(_second_report(sample_report), tmp_path, formats=["md"])
    assert paths == [tmp_path / "report.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "report.md"]  # other files are kept


def test_written_reports_are_readable_like_any_other_file(tmp_path, sample_report):
    mask = os.umask(0o022)
    try:
        write_report(sample_report, tmp_path, formats=["json"])
    finally:
        os.umask(mask)
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o644


def test_temporary_files_of_a_live_run_are_left_alone(tmp_path):
    live = tmp_path / f".checker-{os.getppid()}-abcd-report.json.tmp"  # the parent process is alive
    dead = tmp_path / ".checker-999999999-abcd-report.json.tmp"  # no such process
    live.write_bytes(b"x")
    dead.write_bytes(b"x")
    replace_files(tmp_path, {"report.json": b"{}\n"})
    assert live.exists() and not dead.exists()


# ---------------------------------------------------------------- file names that are not UTF-8


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="needs a file system that stores raw bytes")
def test_a_file_name_with_a_byte_that_is_not_utf8_is_written_in_escaped_form(tmp_path, sample_report):
    folder = tmp_path / "in"
    folder.mkdir()
    name = b"caf\xff report.txt"
    with open(os.path.join(os.fsencode(folder), name), "wb") as f:
        f.write(b"Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Tuesday after repairs.\n")
    warnings: list[str] = []
    [article] = load_articles([folder], warn=warnings.append)
    assert "\udcff" in article.path  # Python keeps the byte as a lone surrogate
    report = replace(
        sample_report,
        articles=[replace(sample_report.articles[0], path=article.path), *sample_report.articles[1:]],
        warnings=[f"{article.path}: a warning that names the file"],
    )
    out = tmp_path / "out"
    write_report(sample_report, out)
    write_report(report, out)
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert doc["articles"][0]["path"].endswith("caf\\xff report.txt")
    assert doc["summary"]["warnings"] == [f"{folder}/caf\\xff report.txt: a warning that names the file"]
    assert "caf\\\\xff report.txt" in (out / "report.md").read_text(encoding="utf-8")  # Markdown-escaped
    assert "caf\\xff report.txt" in (out / "report.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the output folder, checked first


def test_an_output_path_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "report"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(CheckerError, match="is an existing file"):
        check_output_dir(target)


def test_an_output_path_through_a_file_is_refused(tmp_path):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CheckerError, match=r"file\.txt is a file, not a folder"):
        check_output_dir(tmp_path / "file.txt" / "out" / "deeper")


def test_an_output_folder_name_too_long_is_refused(tmp_path):
    with pytest.raises(CheckerError, match="longer than the .* bytes the file system allows"):
        check_output_dir(tmp_path / ("x" * 300) / "out")


def test_an_output_folder_that_cannot_be_written_is_refused(tmp_path, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(output.tempfile, "mkstemp", read_only)
    with pytest.raises(CheckerError, match="read-only file system"):
        check_output_dir(tmp_path / "out")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_an_output_folder_without_write_permission_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(CheckerError, match="permission denied"):
            check_output_dir(locked / "out")
    finally:
        locked.chmod(0o700)


def test_a_folder_in_the_way_of_a_report_file_is_refused(tmp_path):
    (tmp_path / "report.html").mkdir()
    with pytest.raises(CheckerError, match="folder of that name is in the way"):
        check_output_dir(tmp_path)


def test_checking_an_output_folder_creates_nothing(tmp_path):
    assert check_output_dir(tmp_path / "a" / "b") == tmp_path / "a" / "b"
    assert list(tmp_path.iterdir()) == []


def test_write_report_refuses_a_bad_folder_with_one_line_and_writes_nothing(tmp_path, sample_report):
    target = tmp_path / "report"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(CheckerError) as error:
        write_report(sample_report, target)
    assert "\n" not in str(error.value)
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_report_files_names_the_three_report_files(tmp_path):
    assert [p.name for p in report_files(tmp_path)] == ["report.json", "report.md", "report.html"]


def test_the_report_json_written_is_the_report_document(tmp_path, sample_report):
    write_report(sample_report, tmp_path, formats=["json"])
    assert json.loads((tmp_path / "report.json").read_bytes()) == report_to_dict(sample_report)


def test_a_file_with_a_report_name_that_the_checker_did_not_write_is_not_removed(tmp_path, sample_report):
    article = tmp_path / "report.html"  # -o is the input folder, which holds an article of that name
    article.write_text("<html><body><p>An article someone saved as report.html.</p></body></html>", encoding="utf-8")
    write_report(sample_report, tmp_path, formats=["md"])
    assert article.read_text(encoding="utf-8").startswith("<html><body><p>An article")
