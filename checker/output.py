"""Putting report files into an output folder safely.

`check_output_dir` says before any model work whether a folder can take a report (one clear
`CheckerError` line if not); `replace_files` writes every file of a report to a hidden temporary
name in the folder, flushes it to disk, and only then renames the files into place and removes
report files of formats not written this time. A kill or a full disk while writing therefore
leaves the previous report whole; what can be seen mid-commit is only the few renames themselves.
`report_files` names the files a report occupies, so ingest can leave them out of its input.

Not for rendering (report.py does that): this module sees only names and bytes.

    check_output_dir("report")                      # before loading any model
    replace_files(Path("report"), {"report.json": data}, remove=["report.md", "report.html"])
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import CheckerError

REPORT_FORMATS: tuple[str, ...] = ("json", "md", "html")
_TEMP_PREFIX = ".checker-"  # hidden, so ingest and file browsers pass over leftovers
_TEMP_SUFFIX = ".tmp"


def report_files(out_dir: str | Path, formats: Iterable[str] = REPORT_FORMATS) -> list[Path]:
    """The files a report in `out_dir` occupies: report.json, report.md, report.html."""
    return [Path(out_dir) / f"report.{fmt}" for fmt in formats]


def check_output_dir(path: str | Path) -> Path:
    """Check that a report can be written to folder `path`, creating nothing; return it as a Path.

    Raises `CheckerError` with one line when `path` is a file, lies under a file, has a name
    longer than the file system allows, is in a folder that cannot be written (read-only, no
    permission), or when one of its report.* names is taken by a folder.
    """
    path = Path(path)
    try:
        if _exists(path) and not path.is_dir():
            raise CheckerError(f"output folder {path} is an existing file; give a folder with -o")
        existing, missing = _nearest_existing(path)
        if not existing.is_dir():
            raise CheckerError(f"cannot create output folder {path}: {existing} is a file, not a folder")
        name_max = _name_max(existing)
        for name in missing:
            if len(os.fsencode(name)) > name_max:
                raise CheckerError(f"cannot create output folder {str(path)[:60]}…: the name {name[:20]}… is longer "
                                   f"than the {name_max} bytes the file system allows")
        for report_file in report_files(path):
            if report_file.is_dir():
                raise CheckerError(f"cannot write {report_file}: a folder of that name is in the way")
        _probe_writable(existing)
    except OSError as error:
        raise CheckerError(f"cannot write the report to {path}: {_reason(error)}") from None
    return path


def _nearest_existing(path: Path) -> tuple[Path, list[str]]:
    """The deepest existing folder (or file) on the way to `path`, and the names still to create."""
    missing: list[str] = []
    current = path if path.is_absolute() else Path.cwd() / path
    while not _exists(current) and current != current.parent:
        missing.insert(0, current.name)
        current = current.parent
    return current, missing


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:  # cannot exist; the caller says which name is too long
            return False
        raise


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf (Windows) or no answer
        return 255


def _probe_writable(folder: Path) -> None:
    # Creating a file is the only reliable test: os.access says yes to root on a read-only mount.
    fd, name = tempfile.mkstemp(dir=folder, prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX)
    os.close(fd)
    os.unlink(name)


def _reason(error: OSError) -> str:
    reasons = {
        errno.EACCES: "permission denied", errno.EPERM: "permission denied", errno.EROFS: "read-only file system",
        errno.ENOSPC: "no space left on the device", errno.ENAMETOOLONG: "file name too long",
        errno.ENOTDIR: "a part of the path is a file, not a folder", errno.EEXIST: "a file of that name exists",
    }
    return reasons.get(error.errno, error.strerror or str(error))


def replace_files(out_dir: Path, contents: Mapping[str, bytes], remove: Iterable[str] = ()) -> list[Path]:
    """Put `contents` (file name -> bytes) into `out_dir` as one step; delete the files in `remove`.

    Every file is first written in full to a hidden temporary name in `out_dir` and flushed to
    disk; only then are the stale files removed and the new ones renamed over the old, in the
    order given (so the last name is the last to change: give the one readers wait for last).
    On any failure before the renames, nothing in the folder has changed and the temporary files
    are gone. Raises `CheckerError` with one line on a file-system error.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CheckerError(f"cannot create output folder {out_dir}: {_reason(error)}") from None
    temporary: dict[str, Path] = {}
    written: list[Path] = []
    try:
        _remove_leftovers(out_dir)
        for name, data in contents.items():
            temporary[name] = _write_temporary(out_dir, name, data)
        for name in remove:
            if name not in contents:
                with contextlib.suppress(FileNotFoundError):
                    (out_dir / name).unlink()
        for name, temp in temporary.items():
            os.replace(temp, out_dir / name)
            written.append(out_dir / name)
        _sync_folder(out_dir)
    except OSError as error:
        where = error.filename if isinstance(error.filename, str) else out_dir
        state = "the previous report is unchanged" if not written else "the report there may be incomplete"
        raise CheckerError(f"cannot write the report to {out_dir} ({Path(where).name}: {_reason(error)}); "
                           f"{state}") from None
    finally:
        for temp in temporary.values():
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
    return written


def _write_temporary(out_dir: Path, name: str, data: bytes) -> Path:
    # The process id in the name lets a later run tell leftovers of a killed run from a live one.
    while True:
        temp = out_dir / f"{_TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{name}{_TEMP_SUFFIX}"
        try:  # 0o666 less the umask: as readable as any file the user writes (mkstemp would give 0600)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # the bytes are on disk before the name points at them
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def _remove_leftovers(out_dir: Path) -> None:
    """Delete temporary files that a killed earlier run left behind (never those of a live run)."""
    if os.name != "posix":  # os.kill(pid, 0) probes only on POSIX; on Windows it would end the process
        return
    for temp in out_dir.glob(f"{_TEMP_PREFIX}*{_TEMP_SUFFIX}"):
        pid = temp.name[len(_TEMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                temp.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else, or the platform cannot tell
        return True
    return True


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (a crash after return keeps them); not possible everywhere."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
