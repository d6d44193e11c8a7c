"""The "auth" blueprint: sign-in, sign-out, the current user, and may(): the one permission question.

Reads are anonymous. Writes go through write_view(action): a session (else 401), then a valid
CSRF token (else 400), then may(user, action) (else 403). Sessions are Flask-Login's, keyed on
a token the accounts store issues at each sign-in (accounts.py); the cookie is HttpOnly,
SameSite=Lax, and Secure when the request came over HTTPS. Without SEARCHAPP_SECRET_KEY there
is no sign-in at all (never a built-in key): /login says how to set one.
"""
from __future__ import annotations

import os
from functools import wraps
from pathlib import Path

from flask import (Blueprint, Flask, Response, abort, current_app, flash, g, redirect,
                   render_template, request, session, url_for)
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect, generate_csrf

from searchapp.accounts import Account, Accounts

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()
login_manager = LoginManager()
MIN_SECRET_KEY = 16
# Who may do what: the only table of permissions (Datasette's permission_allowed, in one place).
PERMISSIONS = {
    "edit-entities": ("editor",),
    "review-entities": ("editor",),
    "read-history": ("editor", "reader"),
}
# Failed sign-ins allowed per address and per account name (Flask-Limiter's notation).
LOGIN_LIMIT_PER_ADDRESS = "20 per 10 minutes"
LOGIN_LIMIT_PER_ACCOUNT = "5 per 10 minutes"
SECRET_HELP = ("Sign-in is disabled: this server has no secret key. Set SEARCHAPP_SECRET_KEY to a "
               "long random string (for example: export SEARCHAPP_SECRET_KEY=\"$(python3 -c "
               "'import secrets; print(secrets.token_hex(32))')\") and restart it.")


class User(UserMixin):
    """The signed-in account, as Flask-Login sees it: its id is the session token."""

    def __init__(self, account: Account, token: str) -> None:
        self.account = account
        self.token = token

    @property
    def name(self) -> str:
        return self.account.name

    @property
    def role(self) -> str:
        return self.account.role

    def get_id(self) -> str:
        return self.token


def may(user, action: str) -> bool:
    """Tell whether user (Flask-Login's current_user) may do action."""
    if action not in PERMISSIONS:
        raise KeyError(f"unknown action {action!r}")
    return bool(getattr(user, "is_authenticated", False)) and user.role in PERMISSIONS[action]


def sign_in_enabled() -> bool:
    """Whether the app has a secret key, so sessions can be signed."""
    return bool(current_app.extensions.get("searchapp_auth", {}).get("enabled"))


def get_accounts() -> Accounts:
    """Return this request's accounts store (opened on first use, closed at teardown)."""
    if "accounts" not in g:
        g.accounts = Accounts(Path(current_app.config["INDEX_DIR"]))
    return g.accounts


def _close_accounts(_exc: BaseException | None = None) -> None:
    accounts = g.pop("accounts", None)
    if accounts is not None:
        accounts.close()


@login_manager.user_loader
def _load_user(token: str) -> User | None:
    account = get_accounts().session_account(token)
    return User(account, token) if account else None


@login_manager.unauthorized_handler
def _unauthorized():
    if request.method == "GET" and not request.headers.get("HX-Request"):
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    abort(401, description="Sign in first: this needs an account.")


def safe_next(target: str | None, default: str = "/") -> str:
    """Return target if it is a path on this site, else default (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def require(action: str):
    """Decorate a view that needs a signed-in account allowed to do action (401/redirect, 403)."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not may(current_user, action):
                abort(403, description=f"Your account ({current_user.role}) may not do this "
                                       f"({action}); ask an administrator for the editor role.")
            return view(*args, **kwargs)
        return wrapper
    return decorate


def write_view(action: str):
    """Decorate a POST view that changes something: a session, a CSRF token, the permission."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                abort(401, description="Sign in first: only editors may change entities.")
            csrf.protect()
            if not may(current_user, action):
                abort(403, description=f"Your account ({current_user.role}) may not change "
                                       "entities; ask an administrator for the editor role.")
            return view(*args, **kwargs)
        return wrapper
    return decorate


def _failed_login(response: Response) -> bool:
    return response.status_code == 401


def _account_key() -> str:
    return "account:" + request.form.get("name", "").strip().lower()[:64]


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form; on POST check the password and start a new session."""
    next_url = safe_next(request.values.get("next"))
    if not sign_in_enabled():
        return render_template("login.html", disabled=SECRET_HELP, next=next_url, error=""), 503
    if request.method == "GET":
        return render_template("login.html", next=next_url, error="", disabled="")
    csrf.protect()
    name = request.form.get("name", "").strip()
    account = get_accounts().authenticate(name, request.form.get("password", ""))
    if account is None:
        return render_template("login.html", next=next_url, error="Wrong name or password.",
                               disabled="", name=name), 401
    # A new session: nothing from before the sign-in survives (no fixation), a new CSRF token.
    old = session.get("_user_id")
    if old:
        get_accounts().end_session(old)
    session.clear()
    login_user(User(account, get_accounts().start_session(account.name)))
    generate_csrf()
    flash(f"Signed in as {account.name} ({account.role}).")
    return redirect(next_url, code=303)


@bp.post("/logout")
def logout():
    """End the session (POST with a CSRF token, so no other site can sign you out)."""
    if current_user.is_authenticated:
        csrf.protect()
        get_accounts().end_session(current_user.token)
    if sign_in_enabled():
        logout_user()
        session.clear()
    return redirect(safe_next(request.form.get("next")), code=303)


class _SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the Secure flag whenever the request is HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or (request and request.is_secure))


def _private_when_signed_in(response: Response) -> Response:
    # A signed-in page differs from the public one (its edit controls): no shared cache keeps it.
    if "_user_id" in session and "private" not in response.headers.get("Cache-Control", ""):
        response.headers["Cache-Control"] = "private"
        response.vary.add("Cookie")
    return response


def _template_context() -> dict:
    user = current_user if "_user_id" in session else None
    signed_in = bool(user and user.is_authenticated)
    return {
        "signed_in_user": user if signed_in else None,
        "can_edit_entities": signed_in and may(user, "edit-entities"),
        "sign_in_enabled": sign_in_enabled(),
    }


def _secret_key(app: Flask) -> str:
    key = app.config.get("SECRET_KEY")
    raw = os.environ.get("SEARCHAPP_SECRET_KEY")
    if raw and not isinstance(key, str):
        key = raw  # from_prefixed_env parses "1234" as a number; the key is the text
    return key if isinstance(key, str) else ""


def init_app(app: Flask) -> None:
    """Set up sessions, CSRF, sign-in throttling and the auth blueprint on app."""
    key = _secret_key(app)
    enabled = len(key) >= MIN_SECRET_KEY
    app.config["SECRET_KEY"] = key if enabled else None
    if not app.config.get("SESSION_COOKIE_SAMESITE"):  # Flask's default is None
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # write_view checks, after the session
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid as long as the session
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    app.extensions["searchapp_auth"] = {"enabled": enabled}
    app.session_interface = _SessionInterface()
    csrf.init_app(app)
    login_manager.init_app(app)
    app.register_blueprint(bp)
    # One limiter per app (its counters are the app's): failed sign-ins per address and per name.
    limiter = Limiter(key_func=get_remote_address, default_limits=[], app=app)
    view = limiter.limit(LOGIN_LIMIT_PER_ADDRESS, methods=["POST"], deduct_when=_failed_login)(
        limiter.limit(LOGIN_LIMIT_PER_ACCOUNT, methods=["POST"], key_func=_account_key,
                      deduct_when=_failed_login)(app.view_functions["auth.login"]))
    app.view_functions["auth.login"] = view
    app.teardown_appcontext(_close_accounts)
    app.after_request(_private_when_signed_in)
    app.context_processor(_template_context)
