"""SearchRequest: one search state parsed from URL args (from_args) and written back (to_args)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from searchapp import config, schema


@dataclass(frozen=True)
class Sort:
    """One order the results can be in: its `sort` value and the label its link shows."""

    name: str
    label: str
    needs_text: bool  # offered only with a query (there is nothing to rank by without one)


# The single table of sort orders, in the order the page offers them.
SORT_ORDERS: tuple[Sort, ...] = (
    Sort("relevance", "Relevance", needs_text=True),
    Sort("newest", "Newest", needs_text=False),
    Sort("oldest", "Oldest", needs_text=False),
)
SORTS = tuple(s.name for s in SORT_ORDERS)


def default_sort(q: str) -> str:
    """Return the order a search has when its URL names none: relevance with text, newest without."""
    return "relevance" if q else "newest"


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_PERIOD = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
_DIGITS = re.compile(r"^[0-9]+$")


class BadRequest(ValueError):
    """A structural search parameter is invalid; the message says which and why."""


_DEFAULTS = config.defaults()


@dataclass(frozen=True)
class Limits:
    """Bounds on what one request may ask for (the defaults are config.defaults()')."""

    max_query_length: int = _DEFAULTS["MAX_QUERY_LENGTH"]
    max_filters: int = _DEFAULTS["MAX_FILTERS"]
    max_page: int = _DEFAULTS["MAX_PAGE"]
    page_size: int = _DEFAULTS["PAGE_SIZE"]
    facet_size: int = _DEFAULTS["FACET_SIZE"]
    more_size: int = 50  # values of a facet whose "show more" is open (no setting)

    @classmethod
    def from_config(cls, cfg) -> "Limits":
        """Read the limits from the app's settings (config.defaults() keys)."""
        return cls(max_query_length=cfg["MAX_QUERY_LENGTH"], max_filters=cfg["MAX_FILTERS"],
                   max_page=cfg["MAX_PAGE"], page_size=cfg["PAGE_SIZE"],
                   facet_size=cfg["FACET_SIZE"])


def _one(args, name: str) -> str:
    values = args.getlist(name) if hasattr(args, "getlist") else [args[name]] if name in args else []
    return values[0].strip() if values else ""


def _many(args, name: str) -> tuple[str, ...]:
    values = args.getlist(name) if hasattr(args, "getlist") else list(args.get(name, ()))
    return tuple(sorted({v.strip() for v in values if v and v.strip()}))


def _parse_date(value: str, name: str) -> date | None:
    if not value:
        return None
    if not _ISO_DATE.match(value):
        raise BadRequest(f"'{name}' must be a date like 2023-02-22, not {value[:40]!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"'{name}' is not a real date: {value!r}") from None


@dataclass(frozen=True)
class SearchRequest:
    """One search state: everything a URL can say. Equal states give equal URLs."""

    q: str = ""
    include: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (facet param, values), FACETS order
    exclude: tuple[tuple[str, tuple[str, ...]], ...] = ()
    mentioned: tuple[str, ...] = ()  # mentioned-date periods: YYYY, YYYY-MM or YYYY-MM-DD
    date_from: date | None = None
    date_to: date | None = None
    sort: str = ""  # "" means default_sort(q)
    page: int = 1
    more: tuple[str, ...] = ()  # facets whose "show more" is open
    countries: tuple[str, ...] = ()  # country=: articles naming the country or a place in it

    @classmethod
    def from_args(cls, args, limits: Limits = Limits()) -> "SearchRequest":
        """Build a request from URL args (a MultiDict or a dict of lists).

        Raises:
            BadRequest: a parameter is malformed or over a limit.
        """
        q = " ".join(_one(args, "q").split())
        if len(q) > limits.max_query_length:
            raise BadRequest(f"'q' is too long: {len(q)} characters, at most "
                             f"{limits.max_query_length}")
        include = tuple((f.param, _many(args, f.param)) for f in schema.FACETS)
        exclude = tuple((f.param, _many(args, "not_" + f.param)) for f in schema.FACETS)
        mentioned = _many(args, "mentioned")
        for period in mentioned:
            if not _PERIOD.match(period):
                raise BadRequest(f"'mentioned' must be YYYY, YYYY-MM or YYYY-MM-DD, not "
                                 f"{period[:40]!r}")
        countries = _many(args, "country")
        n_filters = sum(len(v) for _, v in include + exclude) + len(mentioned) + len(countries)
        if n_filters > limits.max_filters:
            raise BadRequest(f"too many filters: {n_filters}, at most {limits.max_filters}")
        date_from = _parse_date(_one(args, "from"), "from")
        date_to = _parse_date(_one(args, "to"), "to")
        if date_from and date_to and date_from > date_to:
            raise BadRequest(f"'from' ({date_from}) is after 'to' ({date_to})")
        sort = _one(args, "sort")
        if sort and sort not in SORTS:
            raise BadRequest(f"'sort' must be one of {', '.join(SORTS)}, not {sort[:40]!r}")
        page_text = _one(args, "page") or "1"
        # ASCII digits only: str.isdigit() accepts "²", which int() refuses.
        if not _DIGITS.match(page_text) or not page_text.strip("0"):
            raise BadRequest(f"'page' must be a whole number from 1, not {page_text[:40]!r}")
        # int() refuses more than 4,300 digits: compare the length first.
        if len(page_text.lstrip("0")) > 9 or int(page_text) > limits.max_page:
            raise BadRequest(f"'page' must be at most {limits.max_page}, not {page_text[:40]}")
        page = int(page_text)
        more = tuple(p for p in _many(args, "more") if p in schema.FACET_BY_PARAM)
        return cls(q=q, include=include, exclude=exclude, mentioned=mentioned,
                   date_from=date_from, date_to=date_to,
                   sort="" if sort == default_sort(q) else sort, page=page, more=more,
                   countries=countries)

    @property
    def effective_sort(self) -> str:
        """The order the results are in: the one the URL names, else default_sort(q)."""
        return self.sort or default_sort(self.q)

    def values(self, param: str) -> tuple[str, ...]:
        return dict(self.include).get(param, ())

    def excluded(self, param: str) -> tuple[str, ...]:
        return dict(self.exclude).get(param, ())

    @property
    def has_filters(self) -> bool:
        return bool(any(v for _, v in self.include) or any(v for _, v in self.exclude)
                    or self.mentioned or self.date_from or self.date_to or self.countries)

    def to_args(self) -> dict[str, str | list[str]]:
        """Serialise to URL args: defaults left out, keys and repeated values sorted."""
        args: dict[str, str | list[str]] = {}
        if self.q:
            args["q"] = self.q
        for param, values in self.include:
            if values:
                args[param] = list(values)
        for param, values in self.exclude:
            if values:
                args["not_" + param] = list(values)
        if self.mentioned:
            args["mentioned"] = list(self.mentioned)
        if self.countries:
            args["country"] = list(self.countries)
        if self.date_from:
            args["from"] = self.date_from.isoformat()
        if self.date_to:
            args["to"] = self.date_to.isoformat()
        if self.sort:
            args["sort"] = self.sort
        if self.page != 1:
            args["page"] = str(self.page)
        if self.more:
            args["more"] = list(self.more)
        return dict(sorted(args.items()))

    # ---- derived states (each resets the page, since the results change) ----
    def with_changes(self, **changes) -> "SearchRequest":
        changes.setdefault("page", 1)
        new = replace(self, **changes)
        if "q" in changes and new.sort == default_sort(new.q):
            new = replace(new, sort="")
        return new

    def _set(self, pairs, param: str, values) -> tuple:
        return tuple((p, tuple(sorted(set(values))) if p == param else v) for p, v in pairs)

    def toggle(self, param: str, value: str) -> "SearchRequest":
        """Add the facet value as a filter, or remove it when it is already selected."""
        current = set(self.values(param))
        current ^= {value}
        excluded = set(self.excluded(param)) - {value}
        return self.with_changes(include=self._set(self.include, param, current),
                                 exclude=self._set(self.exclude, param, excluded))

    def toggle_exclude(self, param: str, value: str) -> "SearchRequest":
        """Exclude the facet value, or stop excluding it."""
        current = set(self.excluded(param)) ^ {value}
        included = set(self.values(param)) - {value}
        return self.with_changes(exclude=self._set(self.exclude, param, current),
                                 include=self._set(self.include, param, included))

    def toggle_mentioned(self, period: str) -> "SearchRequest":
        return self.with_changes(mentioned=tuple(sorted(set(self.mentioned) ^ {period})))

    def toggle_country(self, country: str) -> "SearchRequest":
        """Add the country filter, or remove it when it is already on."""
        return self.with_changes(countries=tuple(sorted(set(self.countries) ^ {country})))

    def toggle_more(self, param: str) -> "SearchRequest":
        return replace(self, more=tuple(sorted(set(self.more) ^ {param})))

    def with_dates(self, date_from: date | None, date_to: date | None) -> "SearchRequest":
        return self.with_changes(date_from=date_from, date_to=date_to)

    def with_page(self, page: int) -> "SearchRequest":
        return replace(self, page=page)

    def with_sort(self, sort: str) -> "SearchRequest":
        return self.with_changes(sort="" if sort == default_sort(self.q) else sort)

    def cleared(self) -> "SearchRequest":
        return SearchRequest(q=self.q)
