"""Fault injection shared by the collect and evidence tests."""

from __future__ import annotations

import errno
from pathlib import Path


class FullDisk:
    """A file that accepts ``room`` bytes, writes part of the next chunk, then says ENOSPC."""

    def __init__(self, path: Path, room: int) -> None:
        self.f = open(path, "ab")  # noqa: SIM115
        self.room = room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            self.f.write(data[: self.room // 2])
            self.f.flush()
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.f.write(data)

    def flush(self) -> None:
        self.f.flush()

    def fileno(self) -> int:
        return self.f.fileno()

    def close(self) -> None:
        self.f.close()
