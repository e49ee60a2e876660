"""Typed errors. Each names where the problem is (file, record, field) and what to do."""

from __future__ import annotations


class VigilError(Exception):
    """Base class: a problem the user can act on. The CLI prints it without a traceback."""


class RecordError(VigilError):
    """One input record is bad; the run skips it and goes on."""

    def __init__(self, file: str, record: int | str, field: str | None, message: str) -> None:
        self.file, self.record, self.field, self.message = file, record, field, message
        where = f"{file}:{record}" + (f" field '{field}'" if field else "")
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type, tuple[str, int | str, str | None, str]]:
        return (type(self), (self.file, self.record, self.field, self.message))

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "record": self.record, "field": self.field, "error": self.message}


class LangDataError(VigilError):
    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class WorkspaceError(VigilError):
    """The workspace is missing, locked or from a newer Vigil."""
