"""Reviews of findings: a lawyer's accept / reject / edit decisions, kept as a history.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

import api.store

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "finding_reviews",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("check_id", sa.String(32), sa.ForeignKey("checks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.String(500), nullable=False),
        sa.Column("standard_id", sa.String(100), nullable=False),
        sa.Column("detector", sa.String(300), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("recommendation", sa.Text(), nullable=True),
        sa.Column("severity", sa.String(8), nullable=True),
        sa.Column("reviewer", sa.String(300), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("reviewed_at", api.store.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_finding_reviews_check_id", "finding_reviews", ["check_id"])
    op.create_index("ix_finding_reviews_standard_id", "finding_reviews", ["standard_id"])


def downgrade() -> None:
    op.drop_index("ix_finding_reviews_standard_id", table_name="finding_reviews")
    op.drop_index("ix_finding_reviews_check_id", table_name="finding_reviews")
    op.drop_table("finding_reviews")
