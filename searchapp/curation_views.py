"""The "curation" blueprint: the edit controls' page and POST endpoints, type-ahead values, history, review; glue only.

Every write is a POST through auth.write_view (session, CSRF token, may()), answers an htmx
request with the page's `result` block and a plain form post with a redirect back (303) and a
flashed message, and records who, what and how many articles in the history.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import (Blueprint, Flask, Response, abort, current_app, flash, redirect,
                   render_template, request, url_for)
from flask_login import current_user
from jinja2_fragments.flask import render_block

from searchapp import suggestions
from searchapp.auth import may, require, safe_next, write_view
from searchapp.curation import Change, CurationStore
from searchapp.edits import EditResult, apply_change, undo_change
from searchapp.locking import IndexBusy
from searchapp.entity_values import list_values, value_counts
from searchapp.rules import KIND_LABELS, KINDS, RuleError
from searchapp.store import get_snapshot

bp = Blueprint("curation", __name__)
TYPE_AHEAD_SIZE = 30
HTMX_TARGETS = {"div#edit-result": "result", "div#review-result": "result"}


@dataclass(frozen=True)
class EditPage:
    """What the edit page shows about one value and where its forms send the editor back to."""

    kind: str
    kind_label: str
    value: str
    count: int
    hidden: bool
    renamed_from: str
    other_kinds: tuple[tuple[str, str], ...]
    options: tuple
    next_url: str


def _index_dir() -> Path:
    return Path(current_app.config["INDEX_DIR"])


def _is_htmx() -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def _kind_arg(source) -> str:
    kind = source.get("kind", "")
    if kind not in KINDS:
        abort(400, description=f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    return kind


def _count(kind: str, value: str) -> int:
    values, counts = value_counts(get_snapshot().data, kind)
    try:
        return int(counts[values.index(value)])
    except ValueError:
        return 0


def _edit_page(kind: str, value: str, next_url: str) -> EditPage:
    with CurationStore(_index_dir()) as store:
        rules = store.rules()
        table = store.table()
    renamed_from = next((v for (k, v, s), (a, t) in table.items()
                         if s == "name" and k == kind and t == value), "")
    options = tuple(v for v in list_values(get_snapshot().data, (kind,), limit=TYPE_AHEAD_SIZE + 1)
                    if v.value != value)[:TYPE_AHEAD_SIZE]
    return EditPage(kind, KIND_LABELS[kind], value, _count(kind, value),
                    (kind, value) in rules.hidden, renamed_from,
                    tuple((k, KIND_LABELS[k]) for k in KINDS if k != kind), options, next_url)


@bp.get("/entities/edit")
@require("edit-entities")
def edit() -> Response:
    """Show the edit controls of one entity value: merge into, rename, hide, retype."""
    kind = _kind_arg(request.args)
    value = request.args.get("value", "").strip()
    if not value:
        abort(400, description="say which value to edit: ?kind=person&value=NAME")
    page = _edit_page(kind, value, safe_next(request.args.get("next")))
    return _private(render_template("entity_edit.html", page=page, result=None, error=""))


@bp.get("/entities/values")
def values() -> Response:
    """Return <option>s of a kind's values containing `like` (or `target`), for type-ahead."""
    kind = _kind_arg(request.args)
    like = (request.args.get("like") or request.args.get("target") or "").strip()[:100]
    options = list_values(get_snapshot().data, (kind,), like=like, limit=TYPE_AHEAD_SIZE)
    return Response(render_block("entity_edit.html", "options", options=options),
                    mimetype="text/html")


def _answer(result: EditResult | None, error: str, next_url: str, page: EditPage | None,
            template: str = "entity_edit.html") -> Response:
    status = 400 if error else 200
    if _is_htmx():
        back = follow_change(next_url, result.entry) if result else next_url
        body = render_block(template, "result", result=result, error=error, next_url=back)
        return _private(current_app.make_response((body, status)))
    if error:
        if page is None:
            abort(400, description=error)
        return _private(current_app.make_response(
            (render_template(template, page=page, result=None, error=error), status)))
    flash(result.message)
    for warning in result.warnings:
        flash("Warning: " + warning)
    return redirect(follow_change(next_url, result.entry), code=303)


@bp.post("/entities/<action>")
@write_view("edit-entities")
def change(action: str) -> Response:
    """Merge, rename, hide, unhide or retype one value; every article follows."""
    if action not in ("merge", "rename", "hide", "unhide", "retype"):
        abort(404, description=f"there is no entity action {action!r}")
    kind = _kind_arg(request.form)
    value = request.form.get("value", "")
    next_url = safe_next(request.form.get("next"))
    try:
        result = apply_change(_index_dir(), Change(action, kind, value, request.form.get("target", "")),
                              current_user.name, wait=False)
    except IndexBusy as exc:
        abort(503, description=f"Nothing changed: {exc}.")
    except RuleError as exc:
        page = _edit_page(kind, value.strip(), next_url) if value.strip() and len(value) <= 200 else None
        return _answer(None, f"Nothing changed: {exc}.", next_url, page)
    return _answer(result, "", next_url, None)


@bp.get("/history")
@require("read-history")
def history() -> Response:
    """List every change, newest first, with an undo button for editors."""
    with CurationStore(_index_dir()) as store:
        entries = store.history(500)
        hidden = sorted(store.rules().hidden)
    return _private(render_template("history.html", entries=entries, hidden=hidden,
                                    can_undo=may(current_user, "edit-entities"), result=None,
                                    error=""))


@bp.post("/history/<int:change_id>/undo")
@write_view("edit-entities")
def undo(change_id: int) -> Response:
    """Undo one change (its effect reversed even if later changes followed, or say why not)."""
    next_url = url_for("curation.history")
    try:
        result = undo_change(_index_dir(), change_id, current_user.name, wait=False)
    except IndexBusy as exc:
        abort(503, description=f"Nothing changed: {exc}.")
    except RuleError as exc:
        if _is_htmx():
            return _answer(None, f"Nothing changed: {exc}.", next_url, None, "history.html")
        flash(f"Nothing changed: {exc}.")
        return redirect(next_url, code=303)
    return _answer(result, "", next_url, None, "history.html")


@bp.get("/review")
@require("review-entities")
def review() -> Response:
    """List suggested merges, strongest evidence first, each with accept and dismiss."""
    with CurationStore(_index_dir()) as store:
        dismissed = store.dismissed()
    found = suggestions.suggest_merges(get_snapshot().data, dismissed)
    return _private(render_template("review.html", suggestions=found, result=None, error=""))


@bp.post("/review/accept")
@write_view("review-entities")
def accept() -> Response:
    """Accept a suggested merge."""
    kind = _kind_arg(request.form)
    try:
        result = apply_change(_index_dir(), Change("merge", kind, request.form.get("value", ""),
                                                   request.form.get("target", "")), current_user.name,
                              wait=False)
    except IndexBusy as exc:
        abort(503, description=f"Nothing changed: {exc}.")
    except RuleError as exc:
        return _answer(None, f"Nothing changed: {exc}.", url_for("curation.review"), None, "review.html")
    return _answer(result, "", url_for("curation.review"), None, "review.html")


@bp.post("/review/dismiss")
@write_view("review-entities")
def dismiss() -> Response:
    """Dismiss a suggested merge for good."""
    kind = _kind_arg(request.form)
    value, target = request.form.get("value", "").strip(), request.form.get("target", "").strip()
    if not value or not target or len(value) > 200 or len(target) > 200:
        abort(400, description="a suggestion to dismiss needs a value and a target of at most 200 characters")
    with CurationStore(_index_dir()) as store:
        store.dismiss(kind, value, target, current_user.name)
    message = f"Dismissed: {value} and {target} stay apart."
    if _is_htmx():
        return _private(current_app.make_response(
            render_block("review.html", "result", result=None, error="", message=message,
                         next_url=url_for("curation.review"))))
    flash(message)
    return redirect(url_for("curation.review"), code=303)


def _private(response) -> Response:
    response = current_app.make_response(response)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _current_page() -> str:
    """The page the user is looking at: for an htmx fragment, the browser's address."""
    current = request.headers.get("HX-Current-URL")
    if current:
        parts = urlsplit(current)
        return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))
    return safe_next(request.full_path.rstrip("?"))


def follow_change(next_url: str, entry) -> str:
    """Rewrite the page to go back to so its filters follow the change: ?person=Old -> ?person=New.

    A merge or rename swaps the value in the page's filters (also not_person=); a hide or
    retype drops it. Other parameters stay as they were, in their order.
    """
    if entry.action not in ("merge", "rename", "hide", "retype"):
        return next_url
    parts = urlsplit(next_url)
    params = {entry.kind, f"not_{entry.kind}"}
    args, changed = [], False
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in params and value == entry.value:
            changed = True
            if entry.action in ("merge", "rename"):
                args.append((key, entry.target))
            continue
        args.append((key, value))
    if not changed:
        return next_url
    return parts.path + (f"?{urlencode(args)}" if args else "")


def _edit_url_helper() -> dict:
    def entity_edit_url(kind: str, value: str) -> str | None:
        """The edit page of a value, coming back here; None for what is not an entity kind."""
        if kind not in KINDS:
            return None
        return url_for("curation.edit", kind=kind, value=value, next=_current_page())

    return {"entity_edit_url": entity_edit_url}


def init_app(app: Flask) -> None:
    """Register the blueprint and the edit-URL helper the edit controls macro uses."""
    app.register_blueprint(bp)
    app.context_processor(_edit_url_helper)
