"""Configuration of the HTTP service, from arguments or ``RIGHTSCHECK_*`` environment variables."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024
DEFAULT_DATABASE_URL = "sqlite:///rightscheck.db"

_ENV = {
    "max_upload_bytes": "RIGHTSCHECK_MAX_UPLOAD_BYTES",
    "inline_max_words": "RIGHTSCHECK_INLINE_MAX_WORDS",
    "workers": "RIGHTSCHECK_WORKERS",
    "rate_limit_per_minute": "RIGHTSCHECK_RATE_LIMIT_PER_MINUTE",
    "rate_limit_burst": "RIGHTSCHECK_RATE_LIMIT_BURST",
    "session_secret": "RIGHTSCHECK_SESSION_SECRET",
}


class Settings(BaseModel):
    """Everything the service can be told.

    Attributes:
        database_url: SQLAlchemy URL; ``sqlite:///PATH`` (default ``rightscheck.db`` in the
            working folder) or ``postgresql://…`` (read with psycopg 3).
        max_upload_bytes: largest request body, file upload or JSON, in bytes (20 MB).
        inline_max_words: drafts of at most this many words are checked within the request
            (status ``done`` in the answer); longer ones are queued (5,000 words, about ten
            seconds of analysis on one core).
        workers: threads of the pool that runs queued checks (1).
        rate_limit_per_minute: requests one API key may make per minute on average (120).
        rate_limit_burst: requests one API key may make at once before the average applies (30).
        migrate_on_start: apply the database migrations when the service starts (True).
        warm_up: load the language pipelines and standards in the background at start, so
            the first check does not wait for them (True).
        session_secret: the secret that signs the web pages' session cookies and CSRF
            tokens (``RIGHTSCHECK_SESSION_SECRET``); default a random one per process, so
            sessions end when the process restarts. Give the same value to every process
            behind one address.
    """

    model_config = ConfigDict(frozen=True)

    database_url: str = DEFAULT_DATABASE_URL
    max_upload_bytes: int = Field(default=20 * MB, gt=0)
    inline_max_words: int = Field(default=5_000, ge=0)
    workers: int = Field(default=1, ge=1, le=32)
    rate_limit_per_minute: float = Field(default=120.0, gt=0)
    rate_limit_burst: int = Field(default=30, ge=1)
    migrate_on_start: bool = True
    warm_up: bool = True
    session_secret: str = Field(default_factory=lambda: secrets.token_urlsafe(32), min_length=16, repr=False)

    @classmethod
    def from_env(cls, database: str | os.PathLike | None = None, **overrides) -> "Settings":
        """Settings from the environment, with ``database`` (a URL or a SQLite file path) and
        ``overrides`` taking precedence.

        The database comes from ``database``, else ``RIGHTSCHECK_DATABASE_URL``, else
        ``DATABASE_URL``, else ``sqlite:///rightscheck.db``. Numbers come from
        ``RIGHTSCHECK_MAX_UPLOAD_BYTES``, ``RIGHTSCHECK_INLINE_MAX_WORDS``,
        ``RIGHTSCHECK_WORKERS``, ``RIGHTSCHECK_RATE_LIMIT_PER_MINUTE`` and
        ``RIGHTSCHECK_RATE_LIMIT_BURST``. Raises pydantic's ``ValidationError`` for a value
        out of range or not a number.
        """
        values: dict = {}
        for field, variable in _ENV.items():
            if os.environ.get(variable):
                values[field] = os.environ[variable]
        url = database_url(database)
        values["database_url"] = url
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)


def database_url(database: str | os.PathLike | None = None) -> str:
    """A SQLAlchemy URL for ``database`` (a URL or a SQLite file path) or the environment.

    ``postgres://`` and ``postgresql://`` URLs are given the psycopg 3 driver
    (``postgresql+psycopg://``); a bare path becomes ``sqlite:///PATH``.
    """
    raw = str(database) if database is not None else (
        os.environ.get("RIGHTSCHECK_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    )
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser()}"
    scheme, rest = raw.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return raw
