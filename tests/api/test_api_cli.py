"""``rightscheck keys``, ``rightscheck db`` and ``rightscheck serve`` on the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from api.store import Store
from checker.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_keys_create_prints_a_working_key_once_and_list_never_shows_it(db_url):
    created = run("keys", "create", "--org", "Arventa Human Rights Centre", "--database", db_url)
    assert created.exit_code == 0, created.output
    key = created.stdout.strip()
    assert key.startswith("rck_") and len(key) > 40
    store = Store(db_url)
    try:
        who = store.authenticate(key)
    finally:
        store.dispose()
    assert who is not None and who.organisation == "Arventa Human Rights Centre"
    listed = run("keys", "list", "--database", db_url)
    assert listed.exit_code == 0
    assert who.key_id in listed.stdout and "active" in listed.stdout and key not in listed.stdout
    revoked = run("keys", "revoke", who.key_id, "--database", db_url)
    assert revoked.exit_code == 0
    assert "revoked" in run("keys", "list", "--database", db_url).stdout
    store = Store(db_url)
    try:
        assert store.authenticate(key) is None
    finally:
        store.dispose()


@pytest.mark.parametrize(
    "args, message",
    [
        (["keys", "revoke", "no-such-key"], "no active key"),
        (["keys", "create", "--org", "   "], "organisation name"),
    ],
)
def test_key_commands_refuse_bad_input_in_one_line(db_url, args, message):
    assert run("db", "upgrade", "--database", db_url).exit_code == 0
    result = run(*args, "--database", db_url)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [["review-stats"], ["keys", "list"], ["keys", "revoke", "0123456789ab"]],
)
def test_commands_that_read_the_store_refuse_a_missing_sqlite_file_instead_of_creating_it(tmp_path, args):
    missing = tmp_path / "typo.db"
    result = run(*args, "--database", str(missing))
    assert result.exit_code == 2
    assert f"there is no database file {missing}" in result.stderr and "Traceback" not in result.output
    assert not missing.exists()


def test_keys_create_makes_the_database_it_is_given(tmp_path):
    fresh = tmp_path / "new.db"
    assert run("keys", "create", "--org", "Arventa Human Rights Centre", "--database", str(fresh)).exit_code == 0
    assert fresh.is_file()


def test_db_upgrade_migrates_a_new_database(db_url):
    result = run("db", "upgrade", "--database", db_url)
    assert result.exit_code == 0, result.output
    assert "revision 0002" in result.stderr


def test_an_unreachable_database_is_one_line_without_the_password():
    result = run("db", "upgrade", "--database", "postgresql://someone:s3cret@127.0.0.1:1/none")
    assert result.exit_code == 2
    assert "cannot open the database" in result.stderr and "s3cret" not in result.stderr


def test_serve_documents_its_options():
    result = run("serve", "--help")
    assert result.exit_code == 0
    assert "--host" in result.stdout and "--port" in result.stdout and "--database" in result.stdout


def test_the_check_command_does_not_load_the_web_stack():
    code = ("import sys; import checker.cli; "
            "print(sorted(m for m in ('fastapi', 'uvicorn', 'sqlalchemy', 'starlette') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
