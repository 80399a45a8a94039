"""``rightscheck serve``, ``keys``, ``db`` and ``review-stats``: the HTTP service's commands.

This module imports only click; FastAPI, uvicorn and SQLAlchemy are imported when one of
these commands runs, so ``rightscheck check`` does not load them.

Every command takes ``--database URL|PATH``; without it the database is
``RIGHTSCHECK_DATABASE_URL``, else ``DATABASE_URL``, else the SQLite file ``rightscheck.db``
in the working folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

_DATABASE_HELP = ("Database URL (sqlite:///PATH, postgresql://USER:PASSWORD@HOST/DB) or SQLite file path; "
                  "default $RIGHTSCHECK_DATABASE_URL, $DATABASE_URL or ./rightscheck.db.")
database_option = click.option("--database", "database", metavar="URL|PATH", default=None, help=_DATABASE_HELP)


def _fail(message: str) -> "NoReturn":  # type: ignore[name-defined]
    click.echo(f"rightscheck: error: {message}", err=True)
    sys.exit(2)


def _store(database: str | None, *, existing: bool = False):
    """The migrated database named by ``database`` or the environment; exits 2 when it
    cannot be opened. ``existing`` (for commands that only read or change what is stored)
    also exits 2 when a SQLite file does not exist, instead of creating an empty one that
    would answer as if nothing had been stored (a mistyped path)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from api.settings import database_url
    from api.store import Store

    url = database_url(database)
    if existing:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
                and not Path(parsed.database).is_file():
            _fail(f"there is no database file {parsed.database}; give the file the service uses "
                  "(--database PATH, or $RIGHTSCHECK_DATABASE_URL)")
    try:
        store = Store(url)
        store.upgrade()
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        _fail(f"cannot open the database {_safe(url)}: {str(exc).splitlines()[0]}")
    return store


def _safe(url: str) -> str:
    """``url`` with any password replaced by ``***``."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(the given URL)"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@database_option
@click.option("--workers", type=click.IntRange(1, 32), default=None,
              help="Threads for queued checks (default $RIGHTSCHECK_WORKERS or 1).")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True)
def serve(host: str, port: int, database: str | None, workers: int | None, log_level: str) -> None:
    """Run the HTTP API (uvicorn, one process). See docs/api.md.

    Limits come from RIGHTSCHECK_MAX_UPLOAD_BYTES, RIGHTSCHECK_INLINE_MAX_WORDS,
    RIGHTSCHECK_RATE_LIMIT_PER_MINUTE and RIGHTSCHECK_RATE_LIMIT_BURST.
    """
    import uvicorn
    from pydantic import ValidationError

    from api.app import create_app
    from api.settings import Settings

    try:
        settings = Settings.from_env(database, workers=workers)
    except ValidationError as exc:
        _fail(f"bad setting: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}")
    _store(settings.database_url).dispose()  # migrate now, so a bad database fails here in one line
    click.echo(f"rightscheck: serving on http://{host}:{port} (database {_safe(settings.database_url)})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, proxy_headers=False)


@click.group()
def keys() -> None:
    """Create, list and revoke the API keys of partner organisations."""


@keys.command("create")
@click.option("--org", "organisation", required=True, help="Organisation name (created when new).")
@database_option
def keys_create(organisation: str, database: str | None) -> None:
    """Create a key for ORG and print it once: it cannot be shown again."""
    store = _store(database)
    try:
        info, key = store.create_key(organisation)
    except ValueError as exc:
        _fail(str(exc))
    finally:
        store.dispose()
    click.echo(key)
    click.echo(f"rightscheck: key {info.id} created for {info.organisation}; store it now, it is not kept",
               err=True)


@keys.command("list")
@database_option
def keys_list(database: str | None) -> None:
    """One line per key: id, status, created, organisation (never the key itself)."""
    store = _store(database, existing=True)
    try:
        rows = store.list_keys()
    finally:
        store.dispose()
    for info in rows:
        status = f"revoked {info.revoked_at:%Y-%m-%d}" if info.revoked_at else "active"
        click.echo(f"{info.id:14} {status:18} {info.created_at:%Y-%m-%d %H:%M}  {info.organisation}")


@keys.command("revoke")
@click.argument("key_id")
@database_option
def keys_revoke(key_id: str, database: str | None) -> None:
    """Revoke the key KEY_ID (as shown by 'keys list'); it stops working at once."""
    store = _store(database, existing=True)
    try:
        revoked = store.revoke_key(key_id)
    finally:
        store.dispose()
    if not revoked:
        _fail(f"no active key {key_id!r}; see 'rightscheck keys list'")
    click.echo(f"rightscheck: key {key_id} revoked", err=True)


@click.group()
def db() -> None:
    """The service's database."""


@db.command("upgrade")
@database_option
def db_upgrade(database: str | None) -> None:
    """Apply the pending migrations (the service also does so when it starts)."""
    from api.migrate import current

    store = _store(database)
    try:
        click.echo(f"rightscheck: database {_safe(store.url)} is at revision {current(store.engine)}", err=True)
    finally:
        store.dispose()


@click.command("review-stats")
@database_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table for people, or JSON.")
@click.option("--min-decisions", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Show only detectors with at least N reviewed findings.")
def review_stats(database: str | None, fmt: str, min_decisions: int) -> None:
    """How lawyers decided on each detector's findings, over every organisation's checks.

    One row per standard and detector: findings decided on (each by its newest decision),
    how many were rejected and what share, and the newest rejection reasons. The detectors
    rejected most often come first: they are the ones whose standards need work.
    """
    import json

    store = _store(database, existing=True)
    try:
        stats = store.review_stats()
    finally:
        store.dispose()
    shown = [s for s in stats if s.decisions >= min_decisions]
    if fmt == "json":
        click.echo(json.dumps([
            {"standard_id": s.standard_id, "detector": s.detector, "decisions": s.decisions,
             "accepted": s.accepted, "edited": s.edited, "rejected": s.rejected,
             "rejected_share": round(s.rejected_share, 4), "reasons": s.reasons}
            for s in shown
        ], ensure_ascii=False, indent=2))
        return
    if not stats:
        click.echo("No finding has been reviewed yet.")
        return
    if not shown:
        click.echo(f"No detector has {min_decisions} or more reviewed findings yet "
                   f"({len(stats)} detector(s) have fewer).")
        return
    header = ("standard", "detector", "decisions", "rejected", "rejected share", "latest reasons")
    rows = [(s.standard_id, s.detector, str(s.decisions), str(s.rejected), f"{s.rejected_share:.0%}",
             " | ".join(_one_line(r, 60) for r in s.reasons) or "-") for s in shown]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [row[i].rjust(widths[i]) if i in (2, 3, 4) else row[i].ljust(widths[i]) for i in range(len(widths))]
        click.echo("  ".join([*cells, row[-1]]).rstrip())


def _one_line(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
