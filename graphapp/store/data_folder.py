"""The embedded store over a data folder: loaded from its record files, and again whenever they change.

``graphapp serve`` on the embedded store holds the graph in its memory; another process can
change what it was loaded from: ``graphapp import`` or ``graphapp import --undo`` from the
command line, a record file added to ``projects/`` or taken out of ``imports/``. The store
notices when it is asked its :meth:`~DataFolderStore.version`, which a running app does every
few seconds (:data:`graphapp.api.cache.CHANGE_CHECK_SECONDS`): the names, sizes and times of the
record files (those :func:`~graphapp.records.loader.record_file_paths` lists) are compared with
those it last loaded, and if they differ the folder is loaded again, validated as ``graphapp
load`` validates it, and swapped in whole, so its version changes and everything derived from
it is built anew. A folder that no longer loads (a record file broken by hand) is reported in
the log and the graph stays as it was, until the folder changes again.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Collection, Mapping
from pathlib import Path

from graphapp.errors import GraphappError
from graphapp.model import GraphData
from graphapp.records.loader import load_dataset, record_file_paths
from graphapp.store.memory import MemoryStore
from graphapp.store.protocol import Counts

__all__ = ["DataFolderStore"]

log = logging.getLogger(__name__)

_Stamp = tuple[tuple[str, int, int], ...]


class DataFolderStore(MemoryStore):
    """A :class:`MemoryStore` holding ``data_dir``, following changes to its record files."""

    def __init__(self, data_dir: Path, *, seed_dir: Path | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.seed_dir = seed_dir  #: the read-only seed network the data folder adds to (see load_dataset)
        self._writing = threading.RLock()  #: a reload and a write never interleave
        self._stamp = _stamp(data_dir)
        super().load(load_dataset(data_dir, seed_dir=seed_dir))

    def version(self) -> str:
        self.follow()
        return super().version()

    def follow(self) -> bool:
        """Load the folder again if its record files changed since the last look; True if it was."""
        stamp = _stamp(self.data_dir)
        if stamp == self._stamp:
            return False
        with self._writing:
            if stamp == self._stamp:
                return False
            self._stamp = stamp  # tried once per change: a folder that does not load is not read every time
            try:
                data = load_dataset(self.data_dir, seed_dir=self.seed_dir)
            except GraphappError as exc:
                log.error(
                    "the data folder %s changed but does not load; the graph stays as it was: %s",
                    self.data_dir,
                    exc.detail,
                )
                return False
            counts = self.replace(data)
            log.info(
                "the data folder %s changed: loaded again (%d nodes, %d relationships)",
                self.data_dir,
                counts.nodes,
                counts.relationships,
            )
            return True

    def load(self, data: GraphData) -> Counts:
        with self._writing:
            return super().load(data)

    def retract(self, node_ids: Collection[str], sources: Mapping[tuple[str, str, str], Collection[str]]) -> Counts:
        with self._writing:
            return super().retract(node_ids, sources)


def _stamp(data_dir: Path) -> _Stamp:
    """What the record files of ``data_dir`` are now: each one's path, size and time of change."""
    out = []
    for path in record_file_paths(data_dir):
        try:
            info = os.stat(path)
        except OSError:
            continue  # gone between listing and looking: the next look sees it gone
        out.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(out)
