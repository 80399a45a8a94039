"""Organisations, API keys and checks.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

import api.store

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", api.store.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("name", name="uq_organisations_name"),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("organisation_id", sa.Integer(), sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("created_at", api.store.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", api.store.UTCDateTime(), nullable=True),
    )
    op.create_index("ix_api_keys_organisation_id", "api_keys", ["organisation_id"])
    op.create_table(
        "checks",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("organisation_id", sa.Integer(), sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", api.store.UTCDateTime(), nullable=False),
        sa.Column("started_at", api.store.UTCDateTime(), nullable=True),
        sa.Column("finished_at", api.store.UTCDateTime(), nullable=True),
        sa.Column("title", sa.String(500), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("source_name", sa.String(300), nullable=False),
        sa.Column("source_format", sa.String(16), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("store_text", sa.Boolean(), nullable=False),
        sa.Column("document", sa.Text(), nullable=True),
        sa.Column("report", sa.Text(), nullable=True),
        sa.Column("findings", sa.Integer(), nullable=True),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.UniqueConstraint("id", name="uq_checks_id"),
    )
    op.create_index("ix_checks_status", "checks", ["status"])
    op.create_index("ix_checks_org_seq", "checks", ["organisation_id", "seq"])


def downgrade() -> None:
    op.drop_table("checks")
    op.drop_table("api_keys")
    op.drop_table("organisations")
