"""Stored organisations, API keys, checks and reviews of findings (SQLAlchemy 2; SQLite or PostgreSQL).

An API key reads ``rck_<key id>_<secret>``: the key id is public (it names the key in
``rightscheck keys list``), the secret has 256 bits of entropy. Only the SHA-256 digest of the
whole key is stored, and a presented key is compared with it in constant time.

A check's row is written in single statements that move it from one complete state to the
next: ``queued`` (the extracted draft is stored, the report is not) → ``running`` → ``done``
(the report is stored; the draft text is dropped unless ``store_text``) or ``failed`` (a
reason is stored and the draft text is dropped). The original uploaded file is never stored.

A lawyer's decisions on a check's findings are appended to ``finding_reviews``, never
overwritten: the newest decision on a finding counts, the older ones stay as its history.
They are deleted with their check.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterator

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    create_engine,
    delete,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

if TYPE_CHECKING:
    from checker.models import FindingReview

KEY_PREFIX = "rck"
STATUSES = ("queued", "running", "done", "failed")


def utcnow() -> datetime:
    """The current time in UTC, to the microsecond, timezone-aware."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend (SQLite keeps naive text)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    """Declarative base of the service's tables."""


class Organisation(Base):
    """A partner organisation: owns API keys and checks."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ApiKey(Base):
    """An API key of an organisation; ``key_hash`` is the hex SHA-256 of the whole key."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Check(Base):
    """One submitted draft and, once done, its report.

    ``document`` is the extracted draft (a :class:`~checker.models.Document` as JSON: text,
    block positions, file name, format, digest) while the check waits or runs, and afterwards
    only when ``store_text``. ``report`` is the report JSON (without the draft's words when
    not ``store_text``). ``error_code``/``error_message`` say why a failed check failed.
    """

    __tablename__ = "checks"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    title: Mapped[str | None] = mapped_column(String(500), nullable=True)
    language: Mapped[str] = mapped_column(String(8))
    source_name: Mapped[str] = mapped_column(String(300))
    source_format: Mapped[str] = mapped_column(String(16))
    words: Mapped[int] = mapped_column(Integer)
    store_text: Mapped[bool] = mapped_column(Boolean)
    document: Mapped[str | None] = mapped_column(Text, nullable=True)
    report: Mapped[str | None] = mapped_column(Text, nullable=True)
    findings: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error_message: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ix_checks_org_seq", "organisation_id", "seq"),)


class ReviewRecord(Base):
    """One decision of a lawyer on one finding of a check (a row of the history).

    ``standard_id`` and ``detector`` are the finding's, kept so decisions can be counted per
    detector without reading reports; ``reviewer`` is ``"<name> (<key id>)"`` and ``key_id``
    the organisation key that authorised the decision.
    """

    __tablename__ = "finding_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    check_id: Mapped[str] = mapped_column(ForeignKey("checks.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(Integer)
    finding_id: Mapped[str] = mapped_column(String(500))
    standard_id: Mapped[str] = mapped_column(String(100), index=True)
    detector: Mapped[str] = mapped_column(String(300))
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    recommendation: Mapped[str | None] = mapped_column(Text, nullable=True)
    severity: Mapped[str | None] = mapped_column(String(8), nullable=True)
    reviewer: Mapped[str] = mapped_column(String(300))
    key_id: Mapped[str] = mapped_column(String(32))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())


@dataclass(frozen=True)
class Principal:
    """Who made a request: the organisation and the key it used."""

    organisation_id: int
    organisation: str
    key_id: str


@dataclass(frozen=True)
class KeyInfo:
    """An API key as listed: never the key itself."""

    id: str
    organisation: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class Claim:
    """What the worker needs to run a check it has moved to ``running``."""

    id: str
    document: str
    language: str
    store_text: bool


@dataclass(frozen=True)
class ReviewStat:
    """How lawyers decided on the findings of one detector of one standard, over all checks.

    The counts are of findings, each by its newest decision; ``reasons`` are the reasons of
    the newest rejections (newest first, at most five).
    """

    standard_id: str
    detector: str
    accepted: int
    edited: int
    rejected: int
    reasons: list[str]

    @property
    def decisions(self) -> int:
        """Findings decided on: accepted + edited + rejected."""
        return self.accepted + self.edited + self.rejected

    @property
    def rejected_share(self) -> float:
        """Rejected findings as a fraction (0–1) of the decided ones; 0 when none is decided."""
        return self.rejected / self.decisions if self.decisions else 0.0


REVIEW_REASONS_KEPT = 5


def hash_key(key: str) -> str:
    """Hex SHA-256 of ``key`` (UTF-8)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def make_engine(url: str) -> Engine:
    """A SQLAlchemy engine for ``url``; SQLite gets WAL, foreign keys and a 30 s busy wait."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # pragma: no cover - exercised by every SQLite test
            cursor = dbapi_connection.cursor()
            if ":memory:" not in url and url not in ("sqlite://", "sqlite:///"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


class Store:
    """The service's database: keys, organisations, checks.

    Every method opens its own short transaction, so a Store may be shared by threads.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        """A new session (use it as a context manager)."""
        return self._sessions()

    def upgrade(self) -> None:
        """Apply every pending Alembic migration (see :mod:`api.migrate`)."""
        from api.migrate import upgrade

        upgrade(self.engine)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def ping(self) -> None:
        """Run ``SELECT 1``; raises SQLAlchemy's error when the database cannot be reached."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    # ------------------------------------------------------------------ keys

    def create_key(self, organisation: str) -> tuple[KeyInfo, str]:
        """A new key for ``organisation`` (created when new): ``(info, key)``.

        The key is returned once and never stored. Raises ValueError for an empty or
        over-long organisation name.
        """
        name = organisation.strip()
        if not name or len(name) > 200:
            raise ValueError("the organisation name must have 1 to 200 characters")
        key_id = secrets.token_hex(6)
        key = f"{KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
        now = utcnow()
        with self.session() as session, session.begin():
            org = session.scalar(select(Organisation).where(Organisation.name == name))
            if org is None:
                org = Organisation(name=name, created_at=now)
                session.add(org)
                session.flush()
            session.add(ApiKey(id=key_id, organisation_id=org.id, key_hash=hash_key(key), created_at=now))
        return KeyInfo(id=key_id, organisation=name, created_at=now, revoked_at=None), key

    def list_keys(self) -> list[KeyInfo]:
        """Every key, oldest first, revoked ones included."""
        with self.session() as session:
            rows = session.execute(
                select(ApiKey, Organisation.name).join(Organisation).order_by(ApiKey.created_at, ApiKey.id)
            ).all()
        return [KeyInfo(id=k.id, organisation=name, created_at=k.created_at, revoked_at=k.revoked_at) for k, name in rows]

    def revoke_key(self, key_id: str) -> bool:
        """Revoke a key by its id; False when there is no such active key."""
        with self.session() as session, session.begin():
            result = session.execute(
                update(ApiKey).where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None)).values(revoked_at=utcnow())
            )
        return result.rowcount == 1

    def authenticate(self, presented: str | None) -> Principal | None:
        """The organisation of a valid, unrevoked key; None for anything else."""
        if not presented or len(presented) > 200:
            return None
        parts = presented.split("_", 2)
        if len(parts) != 3 or parts[0] != KEY_PREFIX:
            return None
        digest = hash_key(presented)
        with self.session() as session:
            row = session.execute(
                select(ApiKey, Organisation.name).join(Organisation).where(ApiKey.id == parts[1])
            ).first()
        if row is None:
            hmac.compare_digest(digest, "0" * 64)  # same work whether or not the id exists
            return None
        key, name = row
        if not hmac.compare_digest(digest, key.key_hash) or key.revoked_at is not None:
            return None
        return Principal(organisation_id=key.organisation_id, organisation=name, key_id=key.id)

    # ------------------------------------------------------------------ checks

    def add_check(
        self,
        organisation_id: int,
        *,
        document_json: str,
        language: str,
        title: str | None,
        source_name: str,
        source_format: str,
        words: int,
        store_text: bool,
    ) -> Check:
        """Insert a ``queued`` check holding the extracted draft; returns the row."""
        row = Check(
            id=uuid.uuid4().hex,
            organisation_id=organisation_id,
            status="queued",
            created_at=utcnow(),
            title=title,
            language=language,
            source_name=source_name[:300],
            source_format=source_format,
            words=words,
            store_text=store_text,
            document=document_json,
        )
        with self.session() as session, session.begin():
            session.add(row)
        return row

    def get_check(self, organisation_id: int, check_id: str) -> Check | None:
        """The organisation's check ``check_id``, or None (also when another owns it)."""
        with self.session() as session:
            return session.scalar(
                select(Check).where(Check.id == check_id, Check.organisation_id == organisation_id)
            )

    def list_checks(self, organisation_id: int, limit: int, offset: int) -> tuple[list[Check], int]:
        """``(checks, total)``: a page of the organisation's checks, newest first."""
        with self.session() as session:
            total = session.scalar(
                select(func.count()).select_from(Check).where(Check.organisation_id == organisation_id)
            )
            rows = session.scalars(
                select(Check)
                .where(Check.organisation_id == organisation_id)
                .order_by(Check.seq.desc())
                .limit(limit)
                .offset(offset)
            ).all()
        return list(rows), int(total or 0)

    def delete_check(self, organisation_id: int, check_id: str) -> bool:
        """Delete the organisation's check; False when it has no such check."""
        with self.session() as session, session.begin():
            result = session.execute(
                delete(Check).where(Check.id == check_id, Check.organisation_id == organisation_id)
            )
        return result.rowcount == 1

    def claim(self, check_id: str) -> Claim | None:
        """Move a ``queued`` check to ``running`` and return what running it needs; None
        when the check is gone or another worker has it."""
        with self.session() as session, session.begin():
            moved = session.execute(
                update(Check)
                .where(Check.id == check_id, Check.status == "queued")
                .values(status="running", started_at=utcnow())
            )
            if moved.rowcount != 1:
                return None
            row = session.execute(
                select(Check.document, Check.language, Check.store_text).where(Check.id == check_id)
            ).first()
        if row is None or row.document is None:
            return None
        return Claim(id=check_id, document=row.document, language=row.language, store_text=row.store_text)

    def finish(self, claim: Claim, report_json: str, findings: int) -> bool:
        """``running`` → ``done`` with the report, in one statement; False when the check
        was deleted meanwhile."""
        values = {"status": "done", "report": report_json, "findings": findings, "finished_at": utcnow()}
        if not claim.store_text:
            values["document"] = None
        with self.session() as session, session.begin():
            result = session.execute(
                update(Check).where(Check.id == claim.id, Check.status == "running").values(**values)
            )
        return result.rowcount == 1

    def fail(self, check_id: str, code: str, message: str) -> bool:
        """``queued``/``running`` → ``failed`` with a reason; the draft text is dropped."""
        with self.session() as session, session.begin():
            result = session.execute(
                update(Check)
                .where(Check.id == check_id, Check.status.in_(("queued", "running")))
                .values(status="failed", error_code=code[:64], error_message=message[:2000],
                        document=None, finished_at=utcnow())
            )
        return result.rowcount == 1

    def requeue_running(self) -> int:
        """Put checks left ``running`` by a stopped process back in the queue; how many."""
        with self.session() as session, session.begin():
            result = session.execute(
                update(Check).where(Check.status == "running").values(status="queued", started_at=None)
            )
        return result.rowcount

    def queued_ids(self) -> Iterator[str]:
        """Ids of the queued checks, oldest first."""
        with self.session() as session:
            ids = session.scalars(select(Check.id).where(Check.status == "queued").order_by(Check.seq)).all()
        return iter(ids)

    def count_by_status(self) -> dict[str, int]:
        """``{status: number of checks}`` over all organisations, every status present."""
        with self.session() as session:
            rows = session.execute(select(Check.status, func.count()).group_by(Check.status)).all()
        counts = dict.fromkeys(STATUSES, 0)
        counts.update({status: n for status, n in rows})
        return counts

    # ------------------------------------------------------------------ reviews

    def record_review(
        self,
        organisation_id: int,
        check_id: str,
        review: "FindingReview",
        *,
        standard_id: str,
        detector: str,
        key_id: str,
    ) -> bool:
        """Append ``review`` (a :class:`~checker.models.FindingReview`) to the history of the
        organisation's check ``check_id``; earlier decisions are kept. ``standard_id`` and
        ``detector`` are those of the finding decided on, ``key_id`` the key that authorised
        it. False (nothing stored) when the organisation has no such check, also when the
        check is deleted meanwhile. The caller validates the review (see
        :func:`checker.review.make_review`) and that the finding is in the check's report.
        """
        row = ReviewRecord(
            check_id=check_id,
            organisation_id=organisation_id,
            finding_id=review.finding_id,
            standard_id=standard_id,
            detector=detector,
            decision=review.decision.value,
            reason=review.reason,
            recommendation=review.recommendation,
            severity=review.severity.value if review.severity is not None else None,
            reviewer=review.reviewer,
            key_id=key_id,
            reviewed_at=review.reviewed_at,
        )
        try:
            with self.session() as session, session.begin():
                owned = session.scalar(
                    select(Check.seq).where(Check.id == check_id, Check.organisation_id == organisation_id)
                )
                if owned is None:
                    return False
                session.add(row)
        except IntegrityError:  # the check was deleted between the two statements
            return False
        return True

    def reviews_of(self, organisation_id: int, check_id: str) -> list["FindingReview"]:
        """Every decision on the organisation's check ``check_id``, oldest first (empty when
        there is none or the check is not the organisation's)."""
        from checker.models import FindingReview

        with self.session() as session:
            rows = session.scalars(
                select(ReviewRecord)
                .where(ReviewRecord.check_id == check_id, ReviewRecord.organisation_id == organisation_id)
                .order_by(ReviewRecord.reviewed_at, ReviewRecord.id)
            ).all()
        return [
            FindingReview(finding_id=r.finding_id, decision=r.decision, reason=r.reason,
                          recommendation=r.recommendation, severity=r.severity, reviewer=r.reviewer,
                          reviewed_at=r.reviewed_at)
            for r in rows
        ]

    def review_stats(self) -> list[ReviewStat]:
        """Per standard and detector, over every organisation's checks: how many findings were
        accepted, edited and rejected (each finding counted once, by its newest decision) and
        the reasons of the newest rejections. Highest rejected share first, then most
        rejections, then by standard and detector; empty when nothing has been reviewed.
        """
        with self.session() as session:
            rows = session.execute(
                select(ReviewRecord.id, ReviewRecord.check_id, ReviewRecord.finding_id, ReviewRecord.standard_id,
                       ReviewRecord.detector, ReviewRecord.decision, ReviewRecord.reason, ReviewRecord.reviewed_at)
                .order_by(ReviewRecord.reviewed_at, ReviewRecord.id)
            ).all()
        latest = {(r.check_id, r.finding_id): r for r in rows}  # oldest first, so the newest stays
        tallies: dict[tuple[str, str], dict] = {}
        for r in sorted(latest.values(), key=lambda r: (r.reviewed_at, r.id), reverse=True):
            tally = tallies.setdefault((r.standard_id, r.detector),
                                       {"accepted": 0, "edited": 0, "rejected": 0, "reasons": []})
            if r.decision in ("accepted", "edited", "rejected"):
                tally[r.decision] += 1
            if r.decision == "rejected" and r.reason and len(tally["reasons"]) < REVIEW_REASONS_KEPT:
                tally["reasons"].append(r.reason)
        stats = [ReviewStat(standard_id=standard_id, detector=detector, **tally)
                 for (standard_id, detector), tally in tallies.items()]
        return sorted(stats, key=lambda s: (-s.rejected_share, -s.rejected, s.standard_id, s.detector))
