"""Resolve date expressions ("February 18th", "last year") against a publication date to ISO strings.

An ISO string's length is its precision: "2023-02-22" (day), "2023-02" (month), "2023" (year).
Common shapes go through a regex fast path (dateparser costs about a millisecond a call);
the rest go to dateparser with RELATIVE_BASE=published, and every result is cached per
(expression, published). Vague spans ("recent weeks", "the past year", "the 1980s") give nothing.
A month or day without a year is put in the year nearest the publication date, counting the
future double ("March" in a February story is this March; "December" is last December).
"""
from __future__ import annotations

import calendar
import functools
import re
from datetime import date, datetime, timedelta

import dateparser

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)\b(?!s)"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?")
_MONTH_ONLY = re.compile(rf"\b{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?")
_YEARS = re.compile(r"(?<![\d.,$])((?:1[89]|20)\d\d)(?:/(\d\d))?\b(?!s|\.\d|,\d)")
_ISO = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")
_NTH = re.compile(r"^(?:on\s+)?the\s+([0-3]?\d)(?:st|nd|rd|th)$")
_WEEKDAY = re.compile(r"^(?:on\s+)?(?:(last|next|this|past)\s+)?(" + "|".join(WEEKDAYS) + r")\b")
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_RELATIVE_PERIOD = re.compile(r"\b(last|this|next|previous|past|current|coming)\s+(year|month)\b")
_AGO = re.compile(r"^(a|one|two|three|four|five|\d+)\s+(year|month|day)s?\s+(ago|earlier)$")
_DATEPARSER_WORTHY = re.compile(r"\b(ago|before|after|yesterday|tomorrow|today|days?|fortnight)\b")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
# Shapes of spans that name no calendar date: durations, decades, seasons, fiscal periods.
_VAGUE = re.compile(r"\b(recent|weeks?|decades?|centur(?:y|ies)|\d+s|quarters?|half|season|"
                    r"annual|yearly|monthly|weekly|daily|period|times?)\b")


def _nearest_year(published: date, month: int, day: int | None) -> int:
    """Pick the year for a month (and day) without one: nearest to published, future counted double."""
    def cost(year: int) -> float:
        start = date(year, month, min(max(day or 1, 1), calendar.monthrange(year, month)[1]))
        end = start if day else date(year, month, calendar.monthrange(year, month)[1])
        if start > published:
            return 2 * (start - published).days
        return max(0, (published - end).days)
    return min((published.year - 1, published.year, published.year + 1), key=cost)


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _fast_path(text: str, published: date | None) -> list[str] | None:
    """Resolve the common shapes; None means "not recognised, ask dateparser"."""
    if match := _ISO.search(text):
        return [iso] if (iso := _day(*map(int, match.groups()))) else []
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if match := pattern.search(text):
            month, day = MONTHS[match["month"]], int(match["day"])
            year = int(match["year"]) if match["year"] else (
                _nearest_year(published, month, day) if published else None)
            return [iso] if year and 1 <= day <= 31 and (iso := _day(year, month, day)) else []
    months = list(_MONTH_ONLY.finditer(text))
    if months and not (len(months) == 1 and months[0]["month"] == "may" and "may" == text):
        found = []
        for match in months:  # "March/April", "Oct/Dec"
            month = MONTHS[match["month"]]
            year = int(match["year"]) if match["year"] else (
                _nearest_year(published, month, None) if published else None)
            if year:
                found.append(f"{year:04d}-{month:02d}")
        return found
    if published is None:
        return [match[1] for match in _YEARS.finditer(text)] if not _VAGUE.search(text) else []
    if text in _RELATIVE_DAYS:
        return [(published + timedelta(days=_RELATIVE_DAYS[text])).isoformat()]
    if match := _NTH.match(text):
        day = int(match[1])
        month_start = published.replace(day=1)
        previous = (month_start - timedelta(days=1)).replace(day=1)
        base = month_start if day <= published.day + 7 else previous
        return [iso] if (iso := _day(base.year, base.month, day)) else []
    if match := _WEEKDAY.match(text):
        back = (published.weekday() - WEEKDAYS[match[2]]) % 7
        if match[1] == "next":
            back = back - 7 if back else -7
        elif match[1] in ("last", "past") and back == 0:
            back = 7
        return [(published - timedelta(days=back)).isoformat()]
    if match := _RELATIVE_PERIOD.search(text):
        shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(match[1], 0)
        if match[1] == "past" and not text.startswith(("late", "early", "mid")):
            return []  # "the past year" is a duration, not a calendar year
        if match[2] == "year":
            return [str(published.year + shift)]
        month = date(published.year, published.month, 1)
        month = (month - timedelta(days=1)).replace(day=1) if shift < 0 else (
            (month + timedelta(days=32)).replace(day=1) if shift > 0 else month)
        return [month.isoformat()[:7]]
    if match := _AGO.match(text):
        count = _NUMBERS.get(match[1]) or int(match[1])
        if match[2] == "year":
            return [str(published.year - count)]
        if match[2] == "day":
            return [(published - timedelta(days=count)).isoformat()]
        return None
    years = [m[1] for m in _YEARS.finditer(text)] + [
        f"{m[1][:2]}{m[2]}" for m in _YEARS.finditer(text) if m[2]]
    if years:
        return sorted(set(years))
    if _VAGUE.search(text):
        return []
    return None


@functools.lru_cache(maxsize=65536)
def resolve_expression(expression: str, published: date | None) -> tuple[str, ...]:
    """Return the ISO dates one expression names, relative to the publication date."""
    text = re.sub(r"[()\[\],]|['’‘]s\b", " ", expression.lower())
    text = " ".join(re.sub(r"^the\s+(?!\d)", "", text.strip()).split())
    found = _fast_path(text, published)
    if found is None:
        found = _with_dateparser(text, published)
    return tuple(sorted(set(found)))


def _with_dateparser(text: str, published: date | None) -> list[str]:
    """Ask dateparser about a shape the fast path does not know; its period gives the precision."""
    if published is None or not _DATEPARSER_WORTHY.search(text):
        return []  # "60 kilos", "5.93 mln": dateparser would read a number as a day
    base = datetime(published.year, published.month, published.day, 12)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": [], "RETURN_TIME_AS_PERIOD": False}
    data = dateparser.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None or data.period in ("time", "week"):
        return []
    iso = data.date_obj.date().isoformat()
    return [{"year": iso[:4], "month": iso[:7]}.get(data.period, iso)]


def resolve_dates(expressions: tuple[str, ...], published: date | None) -> tuple[str, ...]:
    """Return the sorted, unique ISO dates that the expressions name."""
    found: set[str] = set()
    for expression in expressions:
        found.update(resolve_expression(expression, published))
    return tuple(sorted(found))
