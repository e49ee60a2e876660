"""link stage: index state and perceptual image hashes

Revision ID: 0003_link
Revises: 0002
Create Date: 2026-11-29 02:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import vigil.store.schema

revision = "0003_link"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_state",
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("state", sa.LargeBinary(), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=40), nullable=False),
        sa.Column("updated_at", vigil.store.schema.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("stage"),
    )
    op.create_table(
        "image_hashes",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("phash", sa.String(length=16), nullable=True),
        sa.Column("dhash", sa.String(length=16), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("sha256"),
    )


def downgrade() -> None:
    op.drop_table("image_hashes")
    op.drop_table("link_state")
