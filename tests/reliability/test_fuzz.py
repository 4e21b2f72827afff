"""Suite 7, input fuzzing: every parser a user feeds text to, fed random and near-valid text.

The promise checked for each parser: it returns a value or raises its own error class (a
`ValueError` subclass it documents); anything else is a defect. The error's message is one
line and names the input (its repr, a piece of it, or the line and file it came from).

Near-valid inputs (a real date with one digit off, `09:00-25:00`, `+99999d`) reach deeper
than random text, so most strategies build those. The number of examples run for each
parser is printed at the end (`pytest -s`). File formats (imports, config.toml, themes) and
the command line are fuzzed in test_fuzz_imports.py.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netbalance.core import board, clock, contacts, dates, weeks, when
from netbalance.imports import linkedin

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
BERLIN = ZoneInfo("Europe/Berlin")

# NETBALANCE_FUZZ_SCALE=10 runs ten times the examples (a longer hunt than CI's)
SCALE = max(1, int(os.environ.get("NETBALANCE_FUZZ_SCALE", "1")))
EXAMPLES: Counter[str] = Counter()
FUZZ = settings(
    max_examples=300 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
    print_blob=True,  # a failure prints the @reproduce_failure line that replays it
)


# strategies ------------------------------------------------------------------------

# every code point class, control characters and bidi overrides included, no surrogates
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
EMAILS = st.builds(
    "{}@{}.{}".format, st.text(max_size=8), st.text(max_size=8), st.sampled_from(["com", "", "x y"])
)
ODD = st.sampled_from(
    ["", " ", "\t", "\n", "\r", "\x00", "\x1b[31m", "\u202e", "\u2028", "\x85", "٣", "０", "-", "+"]
)


def twisted(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A valid-looking input with a twist: an odd character put in, a character dropped,
    a digit changed, the case changed, or padding."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = draw(pieces)
        twist = draw(st.integers(0, 6))
        at = draw(st.integers(0, len(text)))
        if twist == 1:
            text = text[:at] + draw(ODD) + text[at:]
        elif twist == 2 and text:
            text = text[:at] + text[at + 1 :]
        elif twist == 3:
            text = re.sub(r"\d", lambda _: str(draw(st.integers(0, 9))), text, count=1)
        elif twist == 4:
            text = text.upper() if draw(st.booleans()) else text.swapcase()
        elif twist == 5:
            text = draw(ODD) + text + draw(ODD)
        elif twist == 6:
            text = text + draw(st.sampled_from([" ", "-", " now", " 50m", "x", "9" * 30]))
        return text

    return build()


def near_valid(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(pieces, twisted(pieces), ANY_TEXT)


DAYS = st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat)
IMPOSSIBLE_DAYS = st.builds(
    "{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 19), st.integers(0, 39)
)
TIMES = st.builds("{}:{:02d}".format, st.integers(0, 29), st.integers(0, 69))
LENGTHS = st.builds(
    lambda h, m: (f"{h}h" if h is not None else "") + (f"{m}m" if m is not None else ""),
    st.none() | st.integers(0, 999),
    st.none() | st.integers(0, 9999),
)
WEEKDAY_WORDS = st.sampled_from([*weeks.WEEKDAYS, *(day[:3] for day in weeks.WEEKDAYS)])
DAY_WORDS = st.one_of(
    st.sampled_from(["today", "yesterday", "now"]), WEEKDAY_WORDS, DAYS, IMPOSSIBLE_DAYS
)
ISO_INSTANTS = st.datetimes(
    datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.none() | st.timezones()
).map(lambda moment: moment.isoformat(timespec="seconds"))
WHENS = st.one_of(
    st.builds("{}-{}".format, TIMES, TIMES),
    st.builds("{} - {}".format, TIMES, TIMES),
    st.builds("{} {} {}".format, DAY_WORDS, TIMES, LENGTHS),
    st.builds("{} {}-{}".format, DAY_WORDS, TIMES, TIMES),
    st.builds("{} {}".format, DAY_WORDS, TIMES),
    st.builds("{} {}".format, ISO_INSTANTS, ISO_INSTANTS | LENGTHS),
    st.builds("{}/{}".format, ISO_INSTANTS, ISO_INSTANTS),
    st.builds("{} to {}".format, TIMES | ISO_INSTANTS, TIMES | ISO_INSTANTS | st.just("now")),
    TIMES,
)
DUES = st.one_of(
    DAYS,
    IMPOSSIBLE_DAYS,
    st.sampled_from(["today", "tomorrow"]),
    WEEKDAY_WORDS,
    st.builds("+{}{}".format, st.integers(0, 10**7), st.sampled_from("dwmy")),
)
WEEK_TEXTS = st.one_of(
    st.sampled_from(["this", "last", "next"]),
    st.builds("{:04d}-W{:02d}".format, st.integers(0, 9999), st.integers(0, 99)),
    st.builds("{:04d}W{}".format, st.integers(0, 9999), st.integers(0, 9)),
    DAYS,
    IMPOSSIBLE_DAYS,
)
NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.builds("{}d".format, st.integers(-10, 10**5)),
    st.sampled_from(["none", "off", "no", "0", "1e3", "3.5", "½", "٣", "0x10", "1_000", "+7"]),
)
TAG_TEXTS = st.lists(
    st.one_of(st.text(max_size=45), st.builds("#{}".format, st.text(max_size=8))), max_size=5
).map(", ".join)
CONNECTED_ON = st.one_of(
    st.builds(
        "{} {} {}".format,
        st.integers(-1, 40),
        st.sampled_from(["Jan", "Feb", "Mar", "Sept", "May", "Xyz", "mär", "DECEMBER"]),
        st.integers(0, 10000),
    ),
    DAYS,
    IMPOSSIBLE_DAYS,
)


# the checks ------------------------------------------------------------------------


def _pieces(text: str) -> Iterator[str]:
    """What a message may quote of the input: all of it, a word, a comma-separated part."""
    yield text
    yield text.strip()
    for separator in (None, ",", "-", "/"):
        for part in text.split(separator):
            yield part.strip()
            yield part.strip().lstrip("#").strip()
    # the words a time is read in, `-` and `/` too
    yield from (word for word in re.split(r"\s+|(-|/)", text) if word)


def names(message: str, text: str) -> bool:
    """The message quotes the input (or the part of it at fault), or a number in it."""
    if not text.strip():
        return True  # nothing to name: "a time is missing" is the right message
    for piece in _pieces(text):
        if piece and repr(piece)[:12] in message:
            return True
        shortened = piece if len(piece) <= 39 else piece[:39] + "…"
        if piece and repr(shortened)[:12] in message:
            return True
    gap = re.search(r"(\d\d):(\d\d) does not exist in your time zone", message)
    if gap and f"{int(gap[1])}:{gap[2]}" in text:
        return True  # a wall time the clocks skip, as the clock shows it
    for piece in _pieces(text.lower()):
        try:  # "not 4000" names `4_000` and `+4000d`: what Python read as the number
            if f"not {int(piece.removesuffix('d'))}" in message:
                return True
        except ValueError:
            pass
    for digits in re.findall(r"\d+", text):
        number = digits.lstrip("0") or "0"
        if len(number) <= 100 and re.search(rf"(?<!\d){int(number)}(?!\d)", message):
            return True
    return False


def check_error(problem: Exception, text: str, parser: str) -> None:
    message = str(problem)
    assert message, f"{parser}: an empty message for {text!r}"
    assert len(message.splitlines()) == 1 and "\n" not in message and "\r" not in message, (
        f"{parser}: a message of several lines for {text!r}: {message!r}"
    )
    assert names(message, text), f"{parser}: the message does not name {text!r}: {message!r}"


def fuzz(
    parser: str, function: Callable[[str], object], allowed: type[Exception], text: str
) -> object | None:
    """Run one parser on one input: a value or its own error, checked."""
    EXAMPLES[parser] += 1
    try:
        return function(text)
    except allowed as problem:
        check_error(problem, text, parser)
        return None


@pytest.fixture(scope="module", autouse=True)
def summary() -> Iterator[None]:
    yield
    print("\nfuzzed parsers (examples run):")
    for parser, count in sorted(EXAMPLES.items()):
        print(f"  {parser:<28} {count:>6}")
    print(f"  {'total':<28} {sum(EXAMPLES.values()):>6}")


# dates and durations ---------------------------------------------------------------


@FUZZ
@given(near_valid(WHENS), st.sampled_from([UTC, BERLIN]))
@example("2026-03-29 02:30 50m", BERLIN)  # a wall time the spring-forward skips
@example("9999-12-31 23:00 999h", UTC)
@example("0001-01-01 00:00-00:30", BERLIN)
@example("0001-01-01T00:00:00+14:00 50m", UTC)
def test_when(text: str, tz: ZoneInfo) -> None:
    """`09:00-10:30`, `yesterday 14:00 50m`, ISO instants: a span or WhenError."""
    span = fuzz("when.parse_when", lambda t: when.parse_when(t, NOW, tz), when.WhenError, text)
    if span is not None:
        start, end = span  # type: ignore[misc]
        assert start.tzinfo is not None and end.tzinfo is not None


@FUZZ
@given(near_valid(st.one_of(TIMES, st.builds("{} {}".format, DAY_WORDS, TIMES), ISO_INSTANTS)))
@example("9999-12-31T23:59:59-23:59")
def test_instant(text: str) -> None:
    """`--start`, `--end`, a split time: an instant or WhenError."""
    day = date(2026, 11, 20)
    fuzz(
        "when.parse_instant",
        lambda t: when.parse_instant(t, NOW, BERLIN, day),
        when.WhenError,
        text,
    )


@FUZZ
@given(near_valid(LENGTHS))
def test_length(text: str) -> None:
    """`50m`, `1h30m`: a positive length or WhenError."""
    length = fuzz("when.parse_length", when.parse_length, when.WhenError, text)
    if length is not None:
        assert length > timedelta(0)


@FUZZ
@given(near_valid(DUES))
@example("+99999w")
@example("+99999d")
def test_due(text: str) -> None:
    """`2026-12-01`, `fri`, `+3d`: a day or DueDateError."""
    fuzz("dates.parse_due", lambda t: dates.parse_due(t, TODAY), dates.DueDateError, text)


@FUZZ
@given(near_valid(WEEK_TEXTS), st.integers(1, 7))
@example("0001-01-01", 7)  # the week starts before the first day a date can hold
@example("9999-W52", 1)
@example("9999-12-31", 1)
def test_week(text: str, week_start: int) -> None:
    """`2026-W48`, `last`, a date: the week's first day or WeekError."""
    fuzz(
        "weeks.parse_week",
        lambda t: weeks.parse_week(t, TODAY, week_start),
        weeks.WeekError,
        text,
    )


ZONE_NAMES = st.sampled_from(["Europe/Berlin", "UTC", "America/New_York", "Etc/GMT+5"])
TZ_NAMES = st.one_of(
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=5),
    st.builds("<{}>".format, st.text("+-0123456789ABC", min_size=2, max_size=6)),
)
TZ_OFFSETS = st.builds(
    "{}{}{}".format,
    st.sampled_from(["", "+", "-"]),
    st.integers(0, 30),
    st.sampled_from(["", ":30", ":05:09", ":99", ":"]),
)
TZ_CHANGES = st.builds(
    "{}{}".format,
    st.one_of(
        st.builds("M{}.{}.{}".format, st.integers(0, 13), st.integers(0, 6), st.integers(0, 7)),
        st.builds("J{}".format, st.integers(0, 366)),
        st.integers(0, 366).map(str),
    ),
    st.sampled_from(["", "/0", "/2", "/-1", "/25", "/167", "/-167", "/168", "/2:30:15"]),
)
TZ_RULES = st.builds(
    "{}{}{}".format,
    st.builds("{}{}".format, TZ_NAMES, TZ_OFFSETS),
    st.just("") | st.builds("{}{}".format, TZ_NAMES, st.just("") | TZ_OFFSETS),
    st.just("") | st.builds(",{},{}".format, TZ_CHANGES, TZ_CHANGES),
)


@FUZZ
@given(near_valid(ZONE_NAMES | TZ_RULES))
@example("../../etc/passwd")
@example("/etc/localtime")
@example("Europe/Berlin\x00")
@example("EST5EDT,M3.2.0,M11.1.0")
@example("AAA-23BBB23,J1/0,J2/0")  # DST 46 hours behind its standard time
@example("AAA23:59BBB,M3.2.0,M11.1.0")  # DST an hour ahead: a day or more past UTC
@example("AAA5BBB,365/167,0/-167")
@example("AAA0AAA,0/-1,0")  # a change across the new year
@example("AAA0AAA,1/22,M1.1.0/22")  # changes whose order differs from year to year
@example("AAA0AAA,59/0,J59")  # J59 is 28 February, day 59 (from 0) 29 February in 2028
def test_zone(text: str) -> None:
    """A time zone name (config, settings) or a POSIX TZ rule ($TZ): a zone or WeekError.
    A zone counts days: each local day of a year begins after the one before it, at the
    first instant of that day, and lasts less than two days."""
    found = fuzz("weeks.zone", weeks.zone, weeks.WeekError, text)
    if found is None:
        return
    for first in (date(2, 1, 1), date(2026, 1, 1), date(9997, 1, 1)):
        grid = weeks.DayGrid.build(first, 366, text)
        for day, start, end in zip(grid.days, grid.bounds, grid.bounds[1:], strict=False):
            assert timedelta(0) < end - start < timedelta(days=2), (text, day, start, end)
            assert weeks.local_date(start, text) == day, (text, day, start)


@FUZZ
@given(near_valid(ISO_INSTANTS))
@example("garbage")
@example("0001-01-01T00:00:00+14:00")  # before the year 1 in UTC
@example("9999-12-31T23:59:59-23:59")  # after the year 9999 in UTC
@example("0001-12-31T23:00:00")
@example("2026-11-28T09:00:00\n")
def test_frozen_now(text: str) -> None:
    """NETBALANCE_NOW: an instant in UTC, in a year whose weeks can be counted, or
    ClockError naming the variable and its value."""
    instant = fuzz("clock.frozen_instant", clock.frozen_instant, clock.ClockError, text)
    if instant is None:
        with pytest.raises(clock.ClockError, match=f"^{clock.NOW_ENV}="):
            clock.frozen_instant(text)
        return
    assert isinstance(instant, datetime) and instant.utcoffset() == timedelta(0)
    assert 2 <= instant.year <= 9998
    weeks.DayGrid.build(weeks.week_start_of(instant.date()), 8, "Pacific/Kiritimati")


# contacts and the board --------------------------------------------------------------


@FUZZ
@given(near_valid(NUMBERS))
@example("9" * 5000)  # longer than Python turns into a number by default
def test_cadence(text: str) -> None:
    days = fuzz("contacts.parse_cadence", contacts.parse_cadence, contacts.ContactError, text)
    assert days is None or 1 <= days <= contacts.MAX_CADENCE  # type: ignore[operator]


@FUZZ
@given(near_valid(NUMBERS))
@example("9" * 5000)
def test_minutes(text: str) -> None:
    minutes = fuzz("contacts.parse_minutes", contacts.parse_minutes, contacts.ContactError, text)
    assert minutes is None or 0 <= minutes <= contacts.MAX_MINUTES  # type: ignore[operator]


@FUZZ
@given(near_valid(st.sampled_from([*contacts.CHANNELS, "in-person", "Phone", "meeting"])))
def test_channel(text: str) -> None:
    channel = fuzz("contacts.parse_channel", contacts.parse_channel, contacts.ContactError, text)
    assert channel is None or channel in contacts.CHANNELS


@FUZZ
@given(near_valid(st.sampled_from(contacts.EXCHANGES)))
def test_exchange(text: str) -> None:
    exchange = fuzz("contacts.parse_exchange", contacts.parse_exchange, contacts.ContactError, text)
    assert exchange is None or exchange in ("", *contacts.EXCHANGES)


@FUZZ
@given(near_valid(TAG_TEXTS))
def test_tags(text: str) -> None:
    """Card and contact tags: each tag one line of at most 40 characters."""
    for parser, function, allowed in (
        ("board.parse_tags", board.parse_tags, board.BoardError),
        ("contacts.parse_tags", contacts.parse_tags, contacts.ContactError),
    ):
        tags = fuzz(parser, function, allowed, text)
        for tag in tags or ():  # type: ignore[attr-defined]
            assert tag and len(tag) <= board.MAX_TAG and len(tag.splitlines()) == 1


@FUZZ
@given(st.sampled_from(["name", "field", "email", "title"]), near_valid(EMAILS | ANY_TEXT))
def test_fields(which: str, text: str) -> None:
    """Names, one-line fields, emails and card titles: cleaned text or the module's error."""
    checks: dict[str, tuple[Callable[[str], object], type[Exception]]] = {
        "name": (contacts.check_name, contacts.ContactError),
        "field": (lambda t: contacts.check_field("the role", t), contacts.ContactError),
        "email": (contacts.check_email, contacts.ContactError),
        "title": (board.check_title, board.BoardError),
    }
    function, allowed = checks[which]
    EXAMPLES[f"check_{which}"] += 1
    try:
        value = function(text)
    except allowed as problem:
        message = str(problem)
        assert len(message.splitlines()) == 1 and "\n" not in message, message
        return
    assert isinstance(value, str) and len(value.splitlines()) <= 1


@FUZZ
@given(near_valid(CONNECTED_ON))
def test_connected_on(text: str) -> None:
    """LinkedIn's `12 Mar 2024`: a day, nothing, or ContactError."""
    fuzz("linkedin.parse_connected_on", linkedin.parse_connected_on, contacts.ContactError, text)
