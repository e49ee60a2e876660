"""Readers turn a file into (record number, record or error, raw bytes), streaming.

JSONL: one JSON object per line. CSV: a header row; columns are renamed to the ingest schema by
a mapping (``{"title": "headline", ...}`` = schema field -> column), unmapped columns that already
carry a schema name are taken as they are, the rest go to ``extra``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from vigil.errors import RecordError, VigilError

Item = tuple[int, dict[str, Any] | RecordError, bytes]


def read_jsonl(path: Path) -> Iterator[Item]:
    name = str(path)
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield n, RecordError(name, n, None, f"invalid UTF-8 at byte {exc.start}"), raw
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                yield n, RecordError(name, n, None, f"not valid JSON ({getattr(exc, 'msg', exc)})"), raw
                continue
            if not isinstance(rec, dict):
                yield n, RecordError(name, n, None, "a line must be a JSON object"), raw
                continue
            yield n, rec, raw


def load_mapping(path: Path | None, pairs: list[str] | None) -> dict[str, Any]:
    """A CSV mapping from a YAML file (``columns: {field: column}``, optional ``delimiter``,
    ``source``) and/or ``field=column`` pairs from the command line (these win)."""
    conf: dict[str, Any] = {"columns": {}}
    if path is not None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise VigilError(f"{path}: cannot read the CSV mapping: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("columns", {}), dict):
            raise VigilError(f"{path}: a mapping is 'columns: {{field: column}}' plus optional 'delimiter'")
        conf.update(data)
        conf["columns"] = dict(data.get("columns") or {})
    for pair in pairs or []:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise VigilError(f"--map {pair!r}: write it as FIELD=COLUMN, e.g. --map text=body")
        conf["columns"][field.strip()] = column.strip()
    return conf


def read_csv(path: Path, mapping: Mapping[str, Any] | None = None) -> Iterator[Item]:
    name = str(path)
    conf = mapping or {"columns": {}}
    columns: dict[str, str] = dict(conf.get("columns") or {})
    delimiter = conf.get("delimiter")
    with path.open("r", encoding="utf-8", errors="strict", newline="") as fh:
        try:
            head = fh.read(65536)
        except UnicodeDecodeError as exc:
            raise VigilError(f"{name}: not UTF-8 text (byte {exc.start}); convert it first") from None
        fh.seek(0)
        if delimiter is None:
            try:
                delimiter = csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
            except csv.Error:
                delimiter = ","
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise VigilError(f"{name}: not UTF-8 text (byte {exc.start})") from None
        missing = [c for c in columns.values() if c not in header]
        if missing:
            raise VigilError(f"{name}: mapped column(s) {missing} not in the header {header}")
        rename = {col: field for field, col in columns.items()}
        keys = [rename.get(col, col) for col in header]
        row_no = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                row_no += 1
                yield row_no, RecordError(name, row_no, None, f"invalid UTF-8 at byte {exc.start}"), b""
                return  # the decoder cannot resynchronise in the middle of a text stream
            except csv.Error as exc:
                row_no += 1
                yield row_no, RecordError(name, row_no, None, f"malformed CSV: {exc}"), b""
                continue
            row_no = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(keys):
                yield row_no, RecordError(name, row_no, None, f"{len(row)} cells for {len(keys)} columns"), b""
                continue
            rec = {k: v for k, v in zip(keys, row, strict=True) if v != ""}
            buf = io.StringIO()
            csv.writer(buf).writerow(row)
            yield row_no, rec, buf.getvalue().encode("utf-8")


def detect_format(path: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    raise VigilError(f"{path}: cannot tell the format from the name; give --format jsonl or csv")


__all__ = ["detect_format", "load_mapping", "read_csv", "read_jsonl"]
