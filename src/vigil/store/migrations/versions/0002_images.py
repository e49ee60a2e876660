"""content-addressed images and their posts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 01:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import vigil.store.schema

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "images",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=80), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("created_at", vigil.store.schema.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "post_images",
        sa.Column("post_id", sa.String(length=32), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("post_id", "ref"),
    )
    with op.batch_alter_table("post_images", schema=None) as batch_op:
        batch_op.create_index("ix_post_images_sha", ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("post_images", schema=None) as batch_op:
        batch_op.drop_index("ix_post_images_sha")
    op.drop_table("post_images")
    op.drop_table("images")
