"""Telegram Desktop JSON exports (``result.json``): channels, groups and chats, or a whole account.

One post per message (service messages skipped): ``id`` the message id, ``author`` the sender,
``posted_at`` from ``date_unixtime`` (UTC; ``date`` is the exporting machine's local time, used
only when the unix time is missing, and then flagged), ``text`` with Telegram's formatted parts
flattened, photos copied into the content-addressed image store. Forwards, replies and edits are
kept in ``extra``. The export file itself is stored as a WARC resource record first.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vigil.collect import history
from vigil.collect.watch import check_posts
from vigil.errors import RecordError, VigilError
from vigil.evidence import evidence_dir
from vigil.evidence.warc import WarcStore
from vigil.ingest import IngestReport, _store_local_images
from vigil.ingest.records import to_post
from vigil.model import PlatformKind, Post, utcnow
from vigil.store import Store

MAX_EXPORT_BYTES = 2 * 1024 * 1024 * 1024


def flatten_text(text: Any) -> str:
    """Telegram's ``text`` is a string or a list of strings and ``{type, text}`` parts."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) if isinstance(p, dict) else "" for p in text)
    return ""


def _chats(data: Any, path: str) -> list[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return [data]
    if isinstance(data, dict) and isinstance(data.get("chats"), dict) and isinstance(data["chats"].get("list"), list):
        return [c for c in data["chats"]["list"] if isinstance(c, dict) and isinstance(c.get("messages"), list)]
    raise VigilError(f"{path}: not a Telegram Desktop JSON export (no 'messages' and no 'chats.list')")


def message_record(msg: dict[str, Any], chat: dict[str, Any], source: str, where: tuple[str, Any]) -> dict[str, Any]:
    """One message in the ingest schema; raises ``RecordError`` for messages that are not posts."""
    if msg.get("type") != "message":
        raise RecordError(where[0], where[1], "type", f"{msg.get('type')!r} message (not a post)")
    text = flatten_text(msg.get("text"))
    rec: dict[str, Any] = {"id": str(msg.get("id")), "source": source, "source_kind": PlatformKind.MESSENGER.value,
                           "text": text, "author": msg.get("from") or msg.get("actor") or chat.get("name")}  # fmt: skip
    unix = msg.get("date_unixtime")
    if unix is not None:
        try:
            rec["posted_at"] = datetime.fromtimestamp(int(unix), UTC).isoformat()
        except (TypeError, ValueError, OverflowError):
            raise RecordError(where[0], where[1], "date_unixtime", f"not a unix time: {unix!r}") from None
    elif msg.get("date"):
        rec["posted_at"] = msg["date"]
        rec["telegram_date_is_local_time"] = True
    photo = msg.get("photo")
    if isinstance(photo, str) and not photo.startswith("(File not included"):
        rec["images"] = [photo]
    for key, out in (("forwarded_from", "telegram_forwarded_from"), ("reply_to_message_id", "telegram_reply_to"),
                     ("from_id", "telegram_from_id"), ("edited_unixtime", "telegram_edited_unixtime"),
                     ("media_type", "telegram_media_type"), ("file", "telegram_file")):  # fmt: skip
        if msg.get(key) is not None:
            rec[out] = msg[key]
    rec["telegram_chat_id"] = chat.get("id")
    rec["telegram_chat_type"] = chat.get("type")
    if not text.strip():
        rec["title"] = f"[{msg.get('media_type') or ('photo' if photo else 'message')}]"
    return rec


def import_telegram(store: Store, path: Path, *, source: str | None = None, country: str | None = None,
                    operator: str | None = None) -> IngestReport:  # fmt: skip
    """Import one export file; bad messages are reported (file, message id, field) and skipped."""
    path = Path(path)
    if not path.is_file():
        raise VigilError(f"{path}: no such file")
    if path.stat().st_size > MAX_EXPORT_BYTES:
        raise VigilError(f"{path}: larger than {MAX_EXPORT_BYTES:,} bytes")
    raw = path.read_bytes()
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise VigilError(f"{path}: not JSON: {exc}") from None
    chats = _chats(data, str(path))
    started = utcnow()
    with WarcStore(evidence_dir(store.workspace), info={"operator": operator} if operator else None) as warc:
        w = warc.write_resource(f"file://{path.name}", raw, "application/json",
                                {"importer": "telegram", "file": str(path), "operator": operator})  # fmt: skip
        history.save_records(store.engine, w.refs, None)
    rid = w.response.record_id
    report = IngestReport()
    for chat in chats:
        name = source or str(chat.get("name") or f"telegram-{chat.get('id')}")
        src = store.ensure_source(name, kind=PlatformKind.MESSENGER.value, country=country)
        batch: list[Post] = []
        for i, msg in enumerate(chat["messages"]):
            where = (str(path), f"message {msg.get('id', i) if isinstance(msg, dict) else i}")
            if not isinstance(msg, dict) or msg.get("type") != "message":
                continue
            report.read += 1
            try:
                rec = message_record(msg, chat, name, where)
                batch.append(to_post(rec, src.id, where, captured_at=started,
                                     raw=json.dumps(msg, sort_keys=True, ensure_ascii=False).encode()))  # fmt: skip
            except RecordError as err:
                report.rejected += 1
                if len(report.errors) < report.MAX_KEPT_ERRORS:
                    report.errors.append(err)
        _store_batch(store, batch, report, path.parent, rid)
    store.record_ingest(None, [f"{path} (telegram export, WARC {rid})"], report.counts(), started)
    return report


def _store_batch(store: Store, posts: list[Post], report: IngestReport, base: Path, record_id: str) -> None:
    for i in range(0, len(posts), 1000):
        chunk = posts[i : i + 1000]
        counts = store.upsert_posts(chunk)
        report.add(counts)
        changed = set(counts.changed_ids)
        for post in chunk:
            if post.id in changed:
                history.note_version(store.engine, post, record_id, None)
                if post.images:
                    _store_local_images(store, post, base, report)
        check_posts(store.engine, [p for p in chunk if p.id in changed])
