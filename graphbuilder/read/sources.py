"""Which files to read: the paths a user gives, with directories walked in a fixed order."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphbuilder.errors import ReadError

STDIN = "-"
# A directory walk never descends into the embedded store's default directory, nor into
# any ArcadeDB database (it holds both of these files), so ingesting "." skips the store.
STORE_DIR_NAME = "graphbuilder-data"
_ARCADEDB_FILES = ("schema.json", "configuration.json")


def expand_paths(
    paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()
) -> Iterator[Path | str | ReadError]:
    """Yield each file to read (a Path), ``"-"`` for stdin, or a ReadError for a bad path.

    Directories are walked recursively in sorted order, following symbolic links once;
    hidden files and directories, the store directory and anything in ``exclude`` are
    skipped. A file named explicitly is read even if it is hidden.
    Symbolic links to directories are followed; a loop is walked once.
    """
    excluded = {_real(p) for p in exclude}
    for given in paths:
        if str(given) == STDIN:
            yield STDIN
            continue
        path = Path(given)
        try:
            info = path.stat()
        except OSError as exc:
            yield ReadError(str(given), _missing_reason(path, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, excluded)
        else:
            yield path


def os_error_reason(exc: OSError) -> str:
    """A short reason for an error met while opening or reading a listed file."""
    if isinstance(exc, FileNotFoundError):
        return "file vanished during the run"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read ({exc.strerror or exc})"


def _walk(top: Path, excluded: set[str]) -> Iterator[Path | ReadError]:
    seen_dirs: set[str] = set()
    problems: list[ReadError] = []

    def on_error(exc: OSError) -> None:
        problems.append(ReadError(str(exc.filename or top), os_error_reason(exc)))

    for dirpath, dirnames, filenames in os.walk(top, onerror=on_error, followlinks=True):
        yield from problems
        problems.clear()
        here = _real(dirpath)
        if here in seen_dirs:  # a symbolic link back up the tree: walked already
            dirnames[:] = []
            continue
        seen_dirs.add(here)
        dirnames[:] = sorted(
            name for name in dirnames if _wanted_dir(Path(dirpath, name), name, excluded)
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath, name)
            if _real(path) in excluded:
                continue
            problem = _not_regular(path)
            yield problem if problem else path
    yield from problems


def _wanted_dir(path: Path, name: str, excluded: set[str]) -> bool:
    if name.startswith(".") or name == STORE_DIR_NAME or name == "__pycache__":
        return False
    if _real(path) in excluded:
        return False
    return not all((path / name).is_file() for name in _ARCADEDB_FILES)


def _not_regular(path: Path) -> ReadError | None:
    # A FIFO or socket found in a directory would block the run; a named one is read as given.
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink():
            return ReadError(str(path), "broken symbolic link")
        return ReadError(str(path), os_error_reason(exc))
    if stat.S_ISREG(mode):
        return None
    return ReadError(str(path), "not a regular file")


def _missing_reason(path: Path, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link" if path.is_symlink() else "no such file or directory"
    return os_error_reason(exc)


def _real(path: str | Path) -> str:
    return os.path.realpath(path)
