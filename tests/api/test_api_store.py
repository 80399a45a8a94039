"""The database layer: migrations, key verification, check states and recovery after a stop —
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from api.migrate import current, head
from api.runner import Runner, analyse
from api.store import Base, Check, Store, hash_key
from checker.ingest import load_text
from tests.api.api_helpers import SHORT_EN


@pytest.fixture
def store(db_url):
    store = Store(db_url)
    store.upgrade()
    yield store
    store.dispose()


def add(store: Store, organisation_id: int, text: str = SHORT_EN, store_text: bool = True) -> Check:
    document = load_text(text)
    return store.add_check(organisation_id, document_json=document.model_dump_json(), language="en", title=None,
                           source_name=document.source_name, source_format=document.source_format,
                           words=len(text.split()), store_text=store_text)


def org_of(store: Store, name: str = "Arventa Human Rights Centre") -> int:
    _, key = store.create_key(name)
    return store.authenticate(key).organisation_id


def test_migrations_reach_head_and_match_the_models(store):
    assert current(store.engine) == head() == "0002"
    store.upgrade()  # a second run changes nothing
    assert set(inspect(store.engine).get_table_names()) >= {"organisations", "api_keys", "checks", "finding_reviews", "alembic_version"}
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert compare_metadata(context, Base.metadata) == []


@pytest.mark.parametrize(
    "transform, accepted",
    [
        (lambda key: key, True),
        (lambda key: key[:-1] + ("A" if key[-1] != "A" else "B"), False),
        (lambda key: key.upper(), False),
        (lambda key: key + " ", False),
        (lambda key: "", False),
        (lambda key: None, False),
        (lambda key: "rck_" + "0" * 12 + "_" + key.split("_", 2)[2], False),
        (lambda key: "x" * 500, False),
    ],
)
def test_authenticate_accepts_only_the_exact_key(store, transform, accepted):
    info, key = store.create_key("Arventa Human Rights Centre")
    who = store.authenticate(transform(key))
    assert (who is not None) is accepted
    if accepted:
        assert (who.key_id, who.organisation) == (info.id, "Arventa Human Rights Centre")


def test_keys_are_listed_without_secrets_and_revoked_once(store):
    info, key = store.create_key("Brenna Legal Aid")
    listed = store.list_keys()
    assert [(k.id, k.organisation, k.revoked_at) for k in listed] == [(info.id, "Brenna Legal Aid", None)]
    assert store.revoke_key(info.id) is True
    assert store.revoke_key(info.id) is False
    assert store.revoke_key("no-such-key") is False
    assert store.list_keys()[0].revoked_at is not None
    assert hash_key(key) != key and len(hash_key(key)) == 64


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_an_organisation_needs_a_name(store, name):
    with pytest.raises(ValueError):
        store.create_key(name)


def test_a_check_moves_queued_running_done_once(store):
    org = org_of(store)
    row = add(store, org)
    assert (row.status, row.report) == ("queued", None)
    claim = store.claim(row.id)
    assert claim is not None and json.loads(claim.document)["text"].startswith("Law of the Republic")
    assert store.claim(row.id) is None  # no second worker gets it
    assert store.finish(claim, '{"findings": []}', 0) is True
    done = store.get_check(org, row.id)
    assert (done.status, done.findings, done.report) == ("done", 0, '{"findings": []}')
    assert done.document is not None and done.finished_at >= done.started_at >= done.created_at
    assert store.fail(row.id, "internal-error", "late") is False  # a finished check stays finished


def test_a_failed_check_keeps_its_reason_and_drops_the_text(store):
    org = org_of(store)
    row = add(store, org)
    store.claim(row.id)
    assert store.fail(row.id, "empty", "the draft is empty") is True
    failed = store.get_check(org, row.id)
    assert (failed.status, failed.error_code, failed.error_message) == ("failed", "empty", "the draft is empty")
    assert failed.document is None and failed.report is None


def test_checks_of_another_organisation_are_invisible(store):
    own, other = org_of(store, "A"), org_of(store, "B")
    row = add(store, own)
    assert store.get_check(other, row.id) is None
    assert store.delete_check(other, row.id) is False
    assert store.list_checks(other, 10, 0) == ([], 0)
    assert store.delete_check(own, row.id) is True


def test_checks_left_running_by_a_stopped_service_are_run_when_it_starts(store):
    org = org_of(store)
    interrupted, waiting = add(store, org), add(store, org, store_text=False)
    assert store.claim(interrupted.id) is not None  # the process stopped while running it
    runner = Runner(store, workers=1, analyse_fn=analyse)
    assert runner.start() == 2
    deadline = time.monotonic() + 120
    while runner.pending and time.monotonic() < deadline:
        time.sleep(0.05)
    runner.stop()
    for check_id, text_kept in [(interrupted.id, True), (waiting.id, False)]:
        row = store.get_check(org, check_id)
        assert row.status == "done", row.error_message
        assert (row.document is not None) is text_kept
        assert "ASM-NOTIFY-NOT-AUTH" in row.report
    assert store.count_by_status() == {"queued": 0, "running": 0, "done": 2, "failed": 0}


def test_stopping_leaves_checks_not_yet_started_queued_for_the_next_start(store):
    org = org_of(store)
    rows = [add(store, org) for _ in range(3)]
    runner = Runner(store, workers=1, analyse_fn=analyse)
    runner.start()
    runner.stop()  # at most the one running check finishes; the others stay queued, none is lost
    statuses = [store.get_check(org, r.id).status for r in rows]
    assert set(statuses) <= {"queued", "done"} and "running" not in statuses
    again = Runner(store, workers=1, analyse_fn=analyse)
    again.start()
    deadline = time.monotonic() + 120
    while again.pending and time.monotonic() < deadline:
        time.sleep(0.05)
    again.stop()
    assert [store.get_check(org, r.id).status for r in rows] == ["done"] * 3


def test_a_database_error_while_claiming_leaves_the_check_queued(store, monkeypatch):
    org = org_of(store)
    row = add(store, org)
    runner = Runner(store, workers=1)

    def broken(_check_id):
        raise ConnectionError("database went away")

    monkeypatch.setattr(store, "claim", broken)
    runner.run(row.id)  # does not raise
    monkeypatch.undo()
    assert store.get_check(org, row.id).status == "queued"
    with store.session() as session:
        assert session.scalar(select(Check.status).where(Check.id == row.id)) == "queued"
