"""Timelines: articles per day, month or year over the span of a set of articles, as SVG bars."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from searchapp.facets import MONTHS, IndexData
from searchapp.request import SearchRequest

MAX_DAY_SPAN = 62  # a timeline over at most this many days has a bar per day
MAX_MONTH_SPAN = 3 * 366  # ... else over at most this many days a bar per month, else per year
MAX_YEARS = 80
TIMELINE_WIDTH = 640
TIMELINE_HEIGHT = 120


@dataclass(frozen=True)
class Bar:
    """One bar of the timeline, in SVG coordinates, with the search it links to."""

    label: str
    start: str
    end: str
    count: int
    x: float
    width: float
    y: float
    height: float
    args: dict


@dataclass(frozen=True)
class Timeline:
    """Articles per day, month or year over the entity's span."""

    level: str  # "day", "month", "year", or "" when no article is dated
    bars: tuple[Bar, ...]
    undated: int
    tallest: int
    width: int = TIMELINE_WIDTH
    height: int = TIMELINE_HEIGHT


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def build_timeline(data: IndexData, mask: np.ndarray, base: SearchRequest) -> Timeline:
    """Count the articles of mask per day, month or year, whichever fits the span of their dates.

    Each bar links to base (a search for the same articles) narrowed to the bar's dates.
    """
    days = data.day[mask]
    undated = int(np.count_nonzero(days == 0))
    days = days[days > 0].astype(np.int64)
    if not len(days):
        return Timeline("", (), undated, 0)
    first, last = date.fromordinal(int(days.min())), date.fromordinal(int(days.max()))
    span = (last - first).days
    buckets: list[tuple[str, date, date, int]] = []
    if span <= MAX_DAY_SPAN:
        level = "day"
        counts = np.bincount(days - first.toordinal(), minlength=span + 1)
        for i, count in enumerate(counts):
            d = first + timedelta(days=i)
            buckets.append((d.isoformat(), d, d, int(count)))
    elif span <= MAX_MONTH_SPAN:
        level = "month"
        months = data.month[mask][data.day[mask] > 0].astype(np.int64)
        lo = first.year * 12 + first.month - 1
        counts = np.bincount(months - lo, minlength=int(months.max()) - lo + 1)
        for i, count in enumerate(counts):
            y, m = divmod(lo + i, 12)
            buckets.append((f"{MONTHS[m]} {y}", date(y, m + 1, 1), _month_end(y, m + 1), int(count)))
    else:
        level = "year"
        years = data.year[mask][data.day[mask] > 0].astype(np.int64)
        lo = max(first.year, last.year - MAX_YEARS + 1)
        years = years[years >= lo]
        counts = np.bincount(years - lo, minlength=last.year - lo + 1)
        for i, count in enumerate(counts):
            y = lo + i
            buckets.append((str(y), date(y, 1, 1), date(y, 12, 31), int(count)))
    tallest = max(b[3] for b in buckets) or 1
    step = TIMELINE_WIDTH / len(buckets)
    plot = TIMELINE_HEIGHT - 4
    bars = []
    for i, (label, start, end, count) in enumerate(buckets):
        height = round(plot * count / tallest, 1) if count else 0.0
        bars.append(Bar(label, start.isoformat(), end.isoformat(), count,
                        round(i * step, 2), round(max(step - 1, 0.5), 2),
                        round(TIMELINE_HEIGHT - height, 1), height,
                        base.with_dates(start, end).to_args()))
    return Timeline(level, tuple(bars), undated, tallest)
