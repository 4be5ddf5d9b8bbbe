"""Files written so that a crash leaves them whole, or not there at all.

A file is written beside its place under a hidden name (``.<name>-…``), flushed to the
disk (``fsync``), then renamed into place, and the rename itself is flushed (the folder's
entry): killed at any instant, the file is the old one or the new one. A folder of files
(:func:`publish_folder`) is written the same way as a hidden sibling folder renamed in one
step. Readers of these folders skip hidden names, so what a killed writer leaves behind is
never read (and :func:`hidden_leftovers` finds it to remove).

The ``OSError`` of a failed write (a full disk, the file-size limit, a folder that cannot be
written) is translated once, here, into :class:`~graphapp.errors.NotWritten`, which names
what was being written and why; what was half-written is removed first.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from graphapp.errors import NotWritten

__all__ = ["hidden_leftovers", "hide_folder", "publish_folder", "replace_file", "sync_folder", "writing"]


@contextlib.contextmanager
def writing(what: str) -> Iterator[None]:
    """Turn an ``OSError`` inside the block into :class:`NotWritten` about ``what``."""
    try:
        yield
    except OSError as exc:
        raise NotWritten(f"{what} could not be written ({exc.strerror or exc}); nothing was changed") from None


def sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries (a rename or a new file in it) to the disk."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def replace_file(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` in one step (raises ``OSError``; see :func:`writing`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def publish_folder(folder: Path, texts: Mapping[str, str]) -> None:
    """Create ``folder`` holding the files ``texts`` (name: text), all of them or none.

    They are written and flushed into a hidden sibling folder, which is then renamed to
    ``folder``: the one step that makes them visible. Raises ``OSError`` (see
    :func:`writing`) with nothing left behind."""
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for name, text in texts.items():
            with (staging / name).open("x", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
        sync_folder(staging)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    sync_folder(folder.parent)


def hide_folder(folder: Path) -> Path:
    """Take ``folder`` out of sight in one step: moved into a new hidden sibling folder, which is
    returned (delete it, or move ``folder`` back out of it). Raises ``OSError``."""
    hidden = Path(tempfile.mkdtemp(prefix=f".{folder.name}-removed-", dir=folder.parent))
    try:
        folder.rename(hidden / folder.name)
    except BaseException:
        hidden.rmdir()
        raise
    sync_folder(folder.parent)
    return hidden


def hidden_leftovers(folder: Path, stem: str | None = None) -> list[Path]:
    """What interrupted writes left in ``folder``: the hidden folders of :func:`publish_folder` and
    :func:`remove_folder`, or with ``stem`` the hidden files :func:`replace_file` left beside ``stem``."""
    if not folder.is_dir():
        return []
    if stem is not None:
        return sorted(p for p in folder.glob(f".{stem}-*") if p.is_file())
    return sorted(p for p in folder.glob(".*-*") if p.is_dir() and not p.is_symlink())
