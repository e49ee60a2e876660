"""The store's tables (SQLAlchemy Core). Migrations in ``migrations/`` create and evolve them.

Portable across SQLite (the embedded default) and PostgreSQL. SQLite-only extras (the FTS5
index over posts and its triggers) are created by the migration when the dialect is SQLite.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC, returned as aware UTC, whatever the database does with zones."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("country", String(2)),
    Column("url", Text),
    Column("language", String(8)),
    Column("created_at", UTCDateTime, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("legal_basis", Text, nullable=False),
    Column("operator", String(200)),
    Column("created_at", UTCDateTime, nullable=False),
)

posts = Table(
    "posts",
    metadata,
    # seq: an integer key in arrival order; the FTS index and the runner's paging use it.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(32), nullable=False, unique=True),
    Column("source_id", String(120), ForeignKey("sources.id"), nullable=False),
    Column("native_id", Text),
    Column("url", Text),
    Column("author", Text),
    Column("title", Text, nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
    Column("language", String(8)),
    Column("posted_at", UTCDateTime),
    Column("captured_at", UTCDateTime),
    Column("location", Text),
    Column("country", String(2)),
    Column("images", JSON, nullable=False),
    Column("raw_sha256", String(64)),
    Column("version", String(32), nullable=False),
    Column("extra", JSON, nullable=False),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index("ix_posts_source", "source_id"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("post_id", String(32), nullable=False),
    Column("stage", String(40), nullable=False),
    Column("type", String(40), nullable=False),
    Column("value", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("field", String(40), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("rule", String(120), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("attrs", JSON, nullable=False),
    Index("ix_entities_post", "post_id"),
    Index("ix_entities_value", "type", "value"),
)

signals = Table(
    "signals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("post_id", String(32), nullable=False),
    Column("stage", String(40), nullable=False),
    Column("indicator", String(120), nullable=False),
    Column("family", String(40), nullable=False),
    Column("weight", Float, nullable=False),
    Column("field", String(40), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("source", Text, nullable=False),
    Index("ix_signals_post", "post_id"),
    Index("ix_signals_indicator", "indicator"),
)

scores = Table(
    "scores",
    metadata,
    Column("post_id", String(32), primary_key=True),
    Column("stage", String(40), nullable=False),
    Column("category", String(40), nullable=False),
    Column("category_scores", JSON, nullable=False),
    Column("risk", JSON, nullable=False),
    Column("risk_max", Float, nullable=False),  # for ranking without parsing JSON
    Column("model", String(120), nullable=False),
    Index("ix_scores_risk", "risk_max"),
)

links = Table(
    "links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("a", String(32), nullable=False),
    Column("b", String(32), nullable=False),
    Column("type", String(40), nullable=False),
    Column("strength", Float, nullable=False),
    Column("evidence", JSON, nullable=False),
    Index("ix_links_a", "a"),
    Index("ix_links_b", "b"),
)

groups = Table(
    "groups",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("label", String(80), nullable=False),
    Column("score", Float, nullable=False),
    Column("summary", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

group_members = Table(
    "group_members",
    metadata,
    Column("group_id", String(40), ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("post_id", String(32), primary_key=True),
    Index("ix_group_members_post", "post_id"),
)

# Which stage has seen which version of which post. `runs` counts how often: a resumed run
# must leave it at 1 for a post that did not change.
stage_state = Table(
    "stage_state",
    metadata,
    Column("stage", String(40), primary_key=True),
    Column("post_id", String(32), primary_key=True),
    Column("version", String(32), nullable=False),
    Column("runs", Integer, nullable=False),
    Column("processed_at", UTCDateTime, nullable=False),
)

# Chain of custody for imports: who brought what in, when, and with which outcome.
ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("source_id", String(120)),
    Column("files", JSON, nullable=False),
    Column("counts", JSON, nullable=False),
    Column("tool_version", String(40), nullable=False),
)

# Content-addressed image files (SHA-256 of the bytes) under <workspace>/images/ab/abcdef….
images = Table(
    "images",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("media_type", String(80)),
    Column("size", Integer, nullable=False),
    Column("path", Text, nullable=False),  # relative to the workspace
    Column("created_at", UTCDateTime, nullable=False),
)

post_images = Table(
    "post_images",
    metadata,
    Column("post_id", String(32), primary_key=True),
    Column("ref", Text, primary_key=True),  # as the post names it (URL or path)
    Column("sha256", String(64), nullable=False),
    Index("ix_post_images_sha", "sha256"),
)

# ---- collect (issue 7): crawl frontier, fetch log, WARC records and post pointers, post history,
# watches and alerts. Owned by vigil.collect / vigil.evidence; migration 0003_collect. ----

# Every URL a site's crawl knows, with what the last fetch saw (for conditional requests and
# change detection) and when it is due again. (site, url_key) is unique: resuming never duplicates.
crawl_frontier = Table(
    "crawl_frontier",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site", String(120), nullable=False),
    Column("url", Text, nullable=False),
    Column("url_key", String(64), nullable=False),  # sha256 of the canonical URL
    Column("kind", String(20), nullable=False),  # start | listing | post | image
    Column("depth", Integer, nullable=False),
    Column("state", String(20), nullable=False),  # pending | done | failed | blocked | gone
    Column("attempts", Integer, nullable=False),
    Column("next_at", UTCDateTime, nullable=False),
    Column("last_status", Integer),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("content_sha256", String(64)),
    Column("record_id", String(80)),  # WARC record of the last full capture
    Column("post_id", String(32)),
    Column("refs", JSON, nullable=False),  # images: the posts that show it
    Column("fetched_at", UTCDateTime),
    Column("error", Text),
    Index("ux_frontier_site_url", "site", "url_key", unique=True),
    Index("ix_frontier_due", "state", "next_at"),
)

# One row per HTTP exchange (or refusal): the per-site health summary reads it.
fetch_log = Table(
    "fetch_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(40), nullable=False),
    Column("site", String(120), nullable=False),
    Column("url", Text, nullable=False),
    Column("status", Integer),
    Column("outcome", String(30), nullable=False),
    Column("bytes", Integer, nullable=False),
    Column("seconds", Float, nullable=False),
    Column("record_id", String(80)),
    Column("error", Text),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_fetch_log_run", "run_id", "site"),
)

# Where each WARC record lies (file, offset, length) and its SHA-256 digests.
warc_records = Table(
    "warc_records",
    metadata,
    Column("record_id", String(80), primary_key=True),
    Column("warc_file", String(200), nullable=False),
    Column("offset", Integer, nullable=False),
    Column("length", Integer, nullable=False),
    Column("record_type", String(20), nullable=False),
    Column("target_uri", Text),
    Column("warc_date", String(40), nullable=False),
    Column("block_digest", String(100)),
    Column("payload_digest", String(100)),
    Column("site", String(120)),
    Column("concurrent_to", String(80)),
    Index("ix_warc_records_file", "warc_file"),
)

# A post's history: each distinct version seen, edits, take-downs and restorations, each with the
# WARC record that proves it. The latest row with a record is the post's evidence pointer.
post_versions = Table(
    "post_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("post_id", String(32), nullable=False),
    Column("version", String(32), nullable=False),
    Column("change", String(20), nullable=False),  # new | edited | deleted | restored
    Column("observed_at", UTCDateTime, nullable=False),
    Column("record_id", String(80)),
    Column("url", Text),
    Column("http_status", Integer),
    Column("content", JSON, nullable=False),  # the fields as captured then
    Index("ix_post_versions_post", "post_id", "id"),
)

watches = Table(
    "watches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(20), nullable=False),  # phone | handle | wallet | image | phrase
    Column("value", Text, nullable=False),  # normalised
    Column("raw", Text, nullable=False),
    Column("note", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ux_watches_type_value", "type", "value", unique=True),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
    Column("post_id", String(32), nullable=False),
    Column("field", String(40), nullable=False),
    Column("matched", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ux_alerts_watch_post", "watch_id", "post_id", unique=True),
)

# Small named values the collect package keeps between runs (e.g. how far watches have scanned).
collect_state = Table(
    "collect_state",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("value", JSON, nullable=False),
)
# ---- end collect ----

# ---- link (issue 6): the link stage's index state and the perceptual-hash cache.
# Owned by vigil.link; migration 0003_link. ----

# The link index (MinHash signatures, LSH buckets, identifier/image edges) as one blob per stage,
# saved in the same transaction as the stage's 'seen' marks so that a killed run resumes exactly.
link_state = Table(
    "link_state",
    metadata,
    Column("stage", String(40), primary_key=True),
    Column("state", LargeBinary, nullable=False),
    Column("posts", Integer, nullable=False),
    Column("format", String(40), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

# pHash/dHash per image content (hex, 16 digits each); computed once per SHA-256.
image_hashes = Table(
    "image_hashes",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("phash", String(16)),
    Column("dhash", String(16)),
    Column("error", Text),  # why the image could not be hashed (then the hashes are NULL)
)
# ---- end link ----
