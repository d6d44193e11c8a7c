"""Accounts and sign-in sessions in index/accounts.sqlite3: names, roles, argon2 password hashes.

A session is a random token stored here at sign-in (the cookie carries only the token), so a
sign-in always starts a new session, sign-out ends it for good, and changing or removing an
account's password ends all of its sessions.
"""
from __future__ import annotations

import re
import secrets
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ACCOUNTS_FILE = "accounts.sqlite3"
SCHEMA_VERSION = 1
ROLES = ("editor", "reader")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
_HASHER = PasswordHasher()
# Verified against when the account does not exist, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  token TEXT PRIMARY KEY, name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  created TEXT NOT NULL);
"""


class AccountError(ValueError):
    """A bad account name, role or password, or an account that does (not) exist."""


@dataclass(frozen=True)
class Account:
    """A signed-up person: a name and a role ("editor" may change entities, "reader" may not)."""

    name: str
    role: str
    created: str = ""


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def check_password(password: str) -> str:
    """Return password if it is long enough and not absurdly long.

    Raises:
        AccountError: otherwise.
    """
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"the password may have at most {MAX_PASSWORD} characters")
    return password


class Accounts:
    """The accounts of one index folder."""

    def __init__(self, index_dir: Path) -> None:
        path = Path(index_dir) / ACCOUNTS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        with self._db:
            self._db.executescript(_SCHEMA)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        self._db.close()

    def add(self, name: str, password: str, role: str = "editor") -> Account:
        """Create an account.

        Raises:
            AccountError: bad name, role or password, or the name is taken.
        """
        if not NAME_RE.match(name):
            raise AccountError("a name has 1-64 letters, digits, '.', '_', '@' or '-', "
                               "and starts with a letter or digit")
        if role not in ROLES:
            raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
        digest = _HASHER.hash(check_password(password))
        try:
            with self._db:
                self._db.execute("INSERT INTO users VALUES (?, ?, ?, ?)", (name, role, digest, _now()))
        except sqlite3.IntegrityError:
            raise AccountError(f"there is already an account called {name!r}") from None
        return Account(name, role)

    def set_password(self, name: str, password: str) -> None:
        """Change a password and end the account's sessions.

        Raises:
            AccountError: no such account, or a bad password.
        """
        digest = _HASHER.hash(check_password(password))
        with self._db:
            if not self._db.execute("UPDATE users SET hash = ? WHERE name = ?", (digest, name)).rowcount:
                raise AccountError(f"there is no account called {name!r}")
            self._db.execute("DELETE FROM sessions WHERE name = ?", (name,))

    def remove(self, name: str) -> None:
        """Delete an account and its sessions.

        Raises:
            AccountError: no such account.
        """
        with self._db:
            self._db.execute("DELETE FROM sessions WHERE name = ?", (name,))
            if not self._db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount:
                raise AccountError(f"there is no account called {name!r}")

    def list(self) -> list[Account]:
        return [Account(*row) for row in self._db.execute("SELECT name, role, created FROM users ORDER BY name")]

    def get(self, name: str) -> Account | None:
        row = self._db.execute("SELECT name, role, created FROM users WHERE name = ?", (name,)).fetchone()
        return Account(*row) if row else None

    def authenticate(self, name: str, password: str) -> Account | None:
        """Return the account if the password is right, else None (in about the same time)."""
        row = self._db.execute("SELECT hash FROM users WHERE name = ?", (name,)).fetchone()
        try:
            _HASHER.verify(row[0] if row else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if _HASHER.check_needs_rehash(row[0]):
            with self._db:
                self._db.execute("UPDATE users SET hash = ? WHERE name = ?", (_HASHER.hash(password), name))
        return self.get(name)

    def start_session(self, name: str) -> str:
        """Return a new session token for the account."""
        token = secrets.token_urlsafe(32)
        with self._db:
            self._db.execute("INSERT INTO sessions VALUES (?, ?, ?)", (token, name, _now()))
        return token

    def end_session(self, token: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM sessions WHERE token = ?", (token,))

    def session_account(self, token: str) -> Account | None:
        """Return the account a session token belongs to, or None."""
        row = self._db.execute(
            "SELECT u.name, u.role, u.created FROM sessions s JOIN users u ON u.name = s.name "
            "WHERE s.token = ?", (token,)).fetchone()
        return Account(*row) if row else None


def open_accounts(index_dir: Path):
    """Open the accounts of index_dir for a with-block."""
    return closing(Accounts(index_dir))
