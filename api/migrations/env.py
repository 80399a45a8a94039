"""Alembic environment: migrate the connection that :func:`api.migrate.upgrade` passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from api.store import Base

config = context.config
connection = config.attributes.get("connection")


def _run(conn) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        render_as_batch=conn.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # alembic's own command line, with sqlalchemy.url set in its configuration
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)
