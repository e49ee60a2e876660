"""collect: crawl frontier, fetch log, WARC records, post versions, watches, alerts

Revision ID: 0003_collect
Revises: 0002
Create Date: 2026-11-29 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import vigil.store.schema

revision = "0003_collect"
down_revision = "0002"
branch_labels = None
depends_on = None

_UTC = vigil.store.schema.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "crawl_frontier",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("site", sa.String(length=120), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("url_key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", _UTC(), nullable=False),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.Column("record_id", sa.String(length=80), nullable=True),
        sa.Column("post_id", sa.String(length=32), nullable=True),
        sa.Column("refs", sa.JSON(), nullable=False),
        sa.Column("fetched_at", _UTC(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ux_frontier_site_url", "crawl_frontier", ["site", "url_key"], unique=True)
    op.create_index("ix_frontier_due", "crawl_frontier", ["state", "next_at"])
    op.create_table(
        "fetch_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(length=40), nullable=False),
        sa.Column("site", sa.String(length=120), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("record_id", sa.String(length=80), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("at", _UTC(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_fetch_log_run", "fetch_log", ["run_id", "site"])
    op.create_table(
        "warc_records",
        sa.Column("record_id", sa.String(length=80), nullable=False),
        sa.Column("warc_file", sa.String(length=200), nullable=False),
        sa.Column("offset", sa.Integer(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=20), nullable=False),
        sa.Column("target_uri", sa.Text(), nullable=True),
        sa.Column("warc_date", sa.String(length=40), nullable=False),
        sa.Column("block_digest", sa.String(length=100), nullable=True),
        sa.Column("payload_digest", sa.String(length=100), nullable=True),
        sa.Column("site", sa.String(length=120), nullable=True),
        sa.Column("concurrent_to", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("record_id"),
    )
    op.create_index("ix_warc_records_file", "warc_records", ["warc_file"])
    op.create_table(
        "post_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("post_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("change", sa.String(length=20), nullable=False),
        sa.Column("observed_at", _UTC(), nullable=False),
        sa.Column("record_id", sa.String(length=80), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_post_versions_post", "post_versions", ["post_id", "id"])
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", _UTC(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ux_watches_type_value", "watches", ["type", "value"], unique=True)
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("matched", sa.Text(), nullable=False),
        sa.Column("created_at", _UTC(), nullable=False),
        sa.ForeignKeyConstraint(["watch_id"], ["watches.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ux_alerts_watch_post", "alerts", ["watch_id", "post_id"], unique=True)
    op.create_table(
        "collect_state",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    for name in ("collect_state", "alerts", "watches", "post_versions", "warc_records", "fetch_log", "crawl_frontier"):
        op.drop_table(name)
