"""Parse the publication dates written in corpus files into datetime.date, or say why not."""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

# Languages dateparser tries for month and day names. A fixed list keeps a failed parse fast
# (~1 ms instead of ~3 s when dateparser guesses among all 200 languages).
DATE_LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl"]
# Only absolute dates with day, month and year: "yesterday" or "March 2023" must not become
# a date that depends on when the indexer ran.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

# Numeric dates we read ourselves: 2023-02-22 (ISO, maybe with a time), 22.02.2023 (day first).
_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DOTTED_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])")
# What may surround numeric dates: separators, and an ISO time with an optional zone.
_NUMERIC_ONLY_RE = re.compile(
    r"^(?:\s|[,;/|]|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)+$"
)
_DAY_MONTH_YEAR_RE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})")


class DateError(ValueError):
    """A date that is written wrongly, impossible, or inconsistent."""


def parse_date(value: str) -> date:
    """Parse a publication date: ISO (with time and zone), dd.mm.yyyy, RFC 2822 or words.

    When several numeric forms are given ("2023-02-22 22.02.2023") they must agree.
    A time zone is not converted: the date is the one the source wrote.

    Raises:
        DateError: unreadable, impossible (2023-02-30) or two forms that disagree.
    """
    text = " ".join(value.split())
    if not text:
        raise DateError("empty date")
    return _parse_cached(text[:200])


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> date:
    if _NUMERIC_ONLY_RE.match(text):
        found = [_checked(int(y), int(m), int(d), text) for y, m, d in _ISO_RE.findall(text)]
        found += [_checked(int(y), int(m), int(d), text) for d, m, y in _DOTTED_RE.findall(text)]
        if len(set(found)) > 1:
            shown = " and ".join(sorted(day.isoformat() for day in set(found)))
            raise DateError(f"date {text!r} gives two different days ({shown})")
        if found:
            return found[0]
    try:
        return parsedate_to_datetime(text).date()  # "Wed, 22 Feb 2023 10:00:00 +0100"
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_words(text)


def _checked(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateError(f"impossible date {text!r} ({error})") from error


def _parse_words(text: str) -> date:
    # dateparser is imported here: it takes a noticeable time to import and most files never need it.
    import dateparser

    if not re.search(r"\d", text):
        raise DateError(f"unreadable date {text!r}")
    try:
        parsed: datetime | None = dateparser.parse(text, languages=DATE_LANGUAGES, settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError) as error:  # e.g. a year dateparser finds but datetime cannot hold
        raise DateError(f"unreadable date {text!r}") from error
    if parsed is None:
        raise DateError(f"unreadable date {text!r}")
    return parsed.date()


def parse_day_month_year(value: str) -> date:
    """Parse the day-month-year part of a wire timestamp, ignoring the rest: "31-MAR-1987 605:12:19.12".

    Raises:
        DateError: no dd-MON-yyyy in the value, or an impossible day.
    """
    match = _DAY_MONTH_YEAR_RE.search(value)
    if not match or match.group(2).lower() not in _MONTHS:
        raise DateError(f"unreadable date {value.strip()!r}")
    day, month, year = match.groups()
    return _checked(int(year), _MONTHS[month.lower()], int(day), value.strip())
