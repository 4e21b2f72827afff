"""The History table's drawing, without an app: the columns fit the width, text is cut
with an ellipsis, a day's totals run across On and Note (across all but Day when narrow)."""

from __future__ import annotations

from rich.style import Style

from netbalance.tui.widgets.history_table import HistoryRow, _draw, _Look, _natural

DAY = HistoryRow("day:2026-11-24", day="Tue 24 Nov", totals="produce 2 h 10 m · network 1 h")
SESSION = HistoryRow(
    "s1",
    time="09:00–10:30",
    kind="produce",
    tone="produce",
    length="1 h 30 m",
    on="Send invoice to Blue Yonder Airlines",
    tags="#writing",
    note="[b]not markup[/b]",
)
CALL = HistoryRow("interaction:i1", time="11:08", kind="in person", tone="network", on="Ada")


def look(width: int) -> _Look:
    plain = Style()
    return _Look(
        width=width,
        base=plain,
        natural=_natural([DAY, SESSION, CALL]),
        totals=len(DAY.totals),
        header=Style(bold=True),
        cursor=Style(reverse=True),
        stripe=Style(italic=True),
        day=Style(bold=True),
        muted=Style(dim=True),
        produce=Style(color="yellow"),
        network=Style(color="cyan"),
    )


def text(row: HistoryRow | None, width: int, selected: bool = False) -> str:
    strip = _draw(row, selected, False, look(width))
    assert strip.cell_length == width
    return strip.text


def test_the_columns_are_as_wide_as_their_widest_cell_when_there_is_room() -> None:
    heading = text(None, 120)
    assert heading.split() == ["Day", "Time", "Kind", "Length", "On", "Note"]
    row = text(SESSION, 120)
    assert "Send invoice to Blue Yonder Airlines" in row
    assert "#writing [b]not markup[/b]" in row
    assert row.index("09:00") == heading.index("Time")
    assert row.index("Send") == heading.index("On")
    assert text(CALL, 120).index("in person") == heading.index("Kind")


def test_on_and_note_share_a_narrow_table_cut_with_an_ellipsis() -> None:
    row = text(SESSION, 78)
    assert "…" in row and "09:00–10:30" in row and "1 h 30 m" in row
    assert row.index("#writing") > row.index("Send")


def test_a_days_totals_run_across_on_and_note_or_from_time_when_narrow() -> None:
    wide, narrow = text(DAY, 120), text(DAY, 60)
    assert wide.index("produce") == text(None, 120).index("On")
    assert narrow.index("produce") == text(None, 60).index("Time")
    assert "network 1 h" in narrow


def test_the_cursor_and_stripe_styles_colour_the_whole_row() -> None:
    strip = _draw(SESSION, True, False, look(100))
    assert all(segment.style and segment.style.reverse for segment in strip)
    striped = _draw(SESSION, False, True, look(100))
    assert all(segment.style and segment.style.italic for segment in striped)
