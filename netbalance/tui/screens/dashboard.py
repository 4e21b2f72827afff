"""The dashboard: the balance today, this week and over 30 days against the target, the
shown week day by day, the last 12 weeks, budgets, streak, who is due, what shipped, and
the next box to start.

Everything read from the store is read on a data change or a week step and cached, in two
steps: `load()` reads the balance (30 days of records) and paints it, and the weekly
summaries, the trend and the follow-ups are read right after that frame is drawn
(`_load_details`), so the first frame with this week's numbers costs little. `tick()` adds
the running box to the cached totals and repaints only what changed, so a refresh never
scans history.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netbalance.core.instants import format_hours
from netbalance.core.models import Kind
from netbalance.core.named import NamedTuple
from netbalance.core.stats import Minutes, Windows, running_by_day, window_totals
from netbalance.core.text import printable
from netbalance.core.weeks import week_label, week_start_of
from netbalance.tui.screens.base import ModeScreen
from netbalance.tui.widgets.painter import Painter
from netbalance.tui.widgets.timer_bar import TimerView

if TYPE_CHECKING:  # imported with the details, after the first frame
    from collections.abc import Sequence

    from netbalance.core.summary import WeeklySummary
    from netbalance.tui.widgets.ratio_trend import WeekRatio

WINDOWS = (("today", "Today"), ("this_week", "This week"), ("last_30_days", "Last 30 days"))
# The balance: a head and a row a window, in columns one space apart. One widget: as a
# grid of sixteen labels, styling, laying out and drawing each was over a quarter of
# the app's work between its start and its first frame.
BALANCE_HEAD = ("", "Produce", "Network", "Ratio")
BALANCE_WIDTHS = (16, 18, 18, 14)
BALANCE_STYLES = ("bold", "$produce", "$network", "bold")
BALANCE_HEAD_STYLE = "bold $text 60%"  # as the stylesheet draws $text-muted
TREND_WEEKS = 12
KEPT_WEEKS = 60  # past weeks' summaries kept for week steps back and forth (and trend weeks)
TOP_DUE = 5
SHIPPED_LINES = 5  # the Shipped panel's height inside its border (#shipped in the CSS)
STATUS_STYLE = {
    "telescope": "bold $error",
    "below": "bold $warning",
    "on": "bold $success",
    "reach_out": "bold $accent",
    "empty": "dim",
    "early": "dim",
}
HEADLINES = {
    "telescope": "turn the telescope around",
    "below": "below target",
    "on": "on target",
    "reach_out": "reach out to someone due",
    "empty": "nothing yet",
    "early": "too little to judge",
}

WELCOME = """\
Welcome to netbalance.

Produce first, then network deliberately — and keep the two in a healthy ratio.

  p   start a produce box (deep work on your own output)
  n   start a network box (with the people who should know your work)
  ?   all keys

Your boxes, the week's balance and the ratio appear here as soon as you record one."""


def balance_content(rows: Sequence[tuple[str, str, str, str]]) -> Content:
    """The balance's lines: the head, then each window's title and figures (our own
    words and numbers: nothing a user typed)."""
    parts: list[str | tuple[str, str]] = []
    lines = [(BALANCE_HEAD, (BALANCE_HEAD_STYLE,) * 4), *((row, BALANCE_STYLES) for row in rows)]
    for number, (cells, styles) in enumerate(lines):
        if number:
            parts.append("\n")
        columns = zip(cells, BALANCE_WIDTHS, styles, strict=True)
        for index, (cell, width, style) in enumerate(columns):
            if index:
                parts.append(" ")
            parts.append((cell, style))
            parts.append(" " * (width - len(cell)))
    return Content.assemble(*parts)


class Loaded(NamedTuple):
    """What `_load_details()` read: the current week, the shown one, and the trend."""

    current: WeeklySummary
    shown: WeeklySummary
    trend: tuple[WeekRatio, ...]
    review: tuple[str, bool] = ("", False)  # the week a review is about now, and done


class DashboardScreen(ModeScreen):
    """Cached totals (read on data changes) plus the running box (on each tick)."""

    MODE = "dashboard"

    # as written: Textual scopes a screen's rules under it, and prefixed the last of each
    # list (`DashboardScreen App.-narrow DashboardScreen #dash-bottom`), which then matched
    # nothing: the bottom panels stayed side by side at 80 columns
    SCOPED_CSS = False
    DEFAULT_CSS = """
    DashboardScreen #dash-top, DashboardScreen #dash-details { height: auto; }
    DashboardScreen #statuses { width: 1fr; padding: 2 0 0 2; height: 6; }
    DashboardScreen #verdict { margin: 1 0 0 0; height: 1; }
    DashboardScreen #next-box { height: 1; }
    DashboardScreen #dash-right { width: 1fr; height: auto; }
    DashboardScreen #dash-middle, DashboardScreen #dash-bottom { height: auto; }
    DashboardScreen .dash-panel {
        border: round $primary;
        border-title-color: $primary;
        padding: 0 1;
        height: auto;
    }
    DashboardScreen #week-panel { width: 64; }
    DashboardScreen #trend { width: 1fr; }
    DashboardScreen #progress { width: 64; }
    DashboardScreen #due { width: 1fr; }
    /* as tall whatever the week shipped: paging weeks moves no panel */
    DashboardScreen #shipped {
        width: 1fr; height: 7; text-wrap: nowrap; text-overflow: ellipsis;
    }
    DashboardScreen #week-total { color: $text-muted; }
    /* a narrow terminal (80 columns, a tmux half): the panels stack, the screen scrolls */
    App.-narrow DashboardScreen #dash-top,
    App.-narrow DashboardScreen #dash-middle,
    App.-narrow DashboardScreen #dash-bottom { layout: vertical; }
    App.-narrow DashboardScreen #statuses { padding: 1 0 0 2; height: 4; }
    App.-narrow DashboardScreen #week-panel,
    App.-narrow DashboardScreen #progress,
    App.-narrow DashboardScreen #balance { width: 1fr; max-width: 74; }
    """

    BINDINGS = [
        Binding("left", "step_week(-1)", "Prev week", id="dashboard.previous_week"),
        Binding("right", "step_week(1)", "Next week", id="dashboard.next_week"),
        Binding("full_stop", "this_week", "This week", key_display=".", id="dashboard.this_week"),
        Binding("g", "start_next", "Start next", id="dashboard.start_next"),
        Binding("e", "export", "Export", id="dashboard.export"),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False, id="dashboard.scroll_up"),
        Binding("down,j", "scroll(1)", "Scroll down", show=False, id="dashboard.scroll_down"),
        Binding("pageup", "scroll(-10)", "Page up", show=False, id="dashboard.page_up"),
        Binding("pagedown", "scroll(10)", "Page down", show=False, id="dashboard.page_down"),
    ]

    def __init__(self) -> None:
        super().__init__()  # marked as styled by the current stylesheet (ShownAsMounted)
        self._windows: Windows | None = None
        self._windows_whole = False  # all of them read, not only this week's days
        self._loaded: Loaded | None = None
        self._week: date | None = None  # the shown week's first day; None: this week
        self._painter = Painter()  # what each widget shows now
        self._widgets: dict[str, Static] = {}
        self._painted: tuple[object, ...] = ()  # what the week panels were painted from
        self._statuses_from: tuple[object, ...] = ()  # … and the headlines, the target line
        self._target_from: tuple[object, ...] = ()
        self._generation = 0  # counts reads: what was painted from older ones is stale
        self._welcome: bool | None = None  # whether the welcome is shown instead
        self._details_due = False  # `_loaded` is older than the last load or week step
        self._details: Vertical | None = None  # the panels below the balance, once built
        self._week_panel: Vertical | None = None
        self._details_asked = False  # `_load_details` will run after the next refresh
        # What a week step reads again unchanged, as of `_read_as_of` (the data version and
        # the day): the current week's summary and review state, each trend week's minutes,
        # the past weeks shown.
        self._read_as_of: tuple[int, date] | None = None
        self._trend_weeks: dict[date, Minutes] = {}
        self._past_weeks: dict[date, WeeklySummary] = {}

    def compose_body(self) -> ComposeResult:
        # not focusable: ← → step weeks; ↑ ↓ PgUp PgDn scroll it (a short terminal)
        with VerticalScroll(id="dashboard", can_focus=False) as body:
            body.display = False  # until the first load: no layout of empty panels at start
            yield Static(WELCOME, id="welcome")
            with Horizontal(id="dash-top"):
                self._balance = self._widgets["balance"] = Static("", id="balance")
                yield self._balance

    def _build_details(self) -> Vertical:
        """Everything below the balance, built with the details (after the first frame):
        half the widgets are not styled, laid out or drawn before the numbers show. They
        are painted as soon as they are built (mounting them finishes later)."""

        def part(name: str, classes: str = "") -> Static:
            widget = self._widgets[name] = Static("", id=name, classes=classes)
            return widget

        self._week_panel = Vertical(
            part("week-bars"), part("week-total"), id="week-panel", classes="dash-panel"
        )
        part("trend", "dash-panel").border_title = f"Last {TREND_WEEKS} weeks"
        part("due", "dash-panel").border_title = "Follow-ups due"
        return Vertical(
            part("verdict"),
            part("next-box"),
            part("review-state"),
            Horizontal(
                self._week_panel,
                Vertical(self._widgets["trend"], part("shipped", "dash-panel"), id="dash-right"),
                id="dash-middle",
            ),
            Horizontal(part("progress", "dash-panel"), self._widgets["due"], id="dash-bottom"),
            part("target"),
            id="dash-details",
        )

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#dashboard", VerticalScroll)
        body.scroll_relative(y=lines, animate=False)

    def on_mount(self) -> None:
        super().on_mount()
        self._balance.border_title = "Balance"
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self, _theme: str) -> None:
        self._painter.forget()
        self._painted = self._statuses_from = self._target_from = ()
        self.show(self.nb.timer_view)

    # reading -------------------------------------------------------------------

    @property
    def this_week(self) -> date:
        return week_start_of(self.nb.today(), self.nb.settings.week_start)

    @property
    def shown_week(self) -> date:
        return self._week or self.this_week

    def load(self) -> None:
        """The balance now; the rest once the frame that shows it is drawn."""
        nb = self.nb
        if not nb.started:
            return  # the app loads its first screen once it is mounted itself
        # the first frame reads this week's days; the last 30 days come with the details
        this_week_only = self._windows is None
        windows = nb.guard(lambda: nb.windows(this_week_only=this_week_only))
        if windows is not None:
            self._windows, self._windows_whole = windows, not this_week_only
            self._generation += 1
        view = nb.timer_view
        first_run = nb.is_first_run() and (view is None or view.box is None)
        self._show_welcome(first_run)
        self.query_one("#dashboard").display = True
        self._painter.forget()
        self._details_due = True
        self.show(view)
        if not self._details_asked:
            # Through the app: while it starts, its queue waits until the first frame is
            # drawn (the screen's own would run this before that frame).
            self._details_asked = True
            self.app.call_after_refresh(self._load_details)

    def _load_details(self, week_step: bool = False) -> None:
        """The weekly summaries, the 12-week trend, the follow-ups: read and painted. A
        week step (`week_step`) reads only what the shown week changes, while the data
        and the day are as they were read: the shown week's summary and one trend week."""
        self._details_asked = False
        if not self.is_attached:
            return  # the app closed before the first frame
        if self._details is None:
            self._details = self._build_details()
            self._details.display = self.query_one("#dash-top").display
            self.query_one("#dashboard").mount(self._details)
            statuses = self._widgets["statuses"] = Static("", id="statuses")
            self.query_one("#dash-top").mount(statuses)
        if not self._windows_whole:
            windows = self.nb.guard(self.nb.windows)
            if windows is not None:
                self._windows, self._windows_whole = windows, True
        loaded = self.nb.guard(lambda: self._read(week_step))
        if loaded is not None:
            self._loaded = loaded
            self._generation += 1
        self._details_due = False
        self._painted = ()
        self.show(self.nb.timer_view)

    def _read(self, week_step: bool = False) -> Loaded:
        from netbalance.actions.summary import weekly_summary
        from netbalance.tui.widgets.ratio_trend import WeekRatio

        nb = self.nb
        now = nb.clock.now()
        as_of = (nb.data_version, nb.today())
        kept = self._loaded if week_step and as_of == self._read_as_of else None
        if as_of != self._read_as_of:
            self._trend_weeks = {}
            self._past_weeks = {}
        self._read_as_of = as_of
        if kept is not None:
            current, review = kept.current, kept.review
        else:
            current = weekly_summary(nb.store, self.this_week, nb.settings, now)
            review = self._review_state()
        shown = current
        if self.shown_week != self.this_week:
            # a past week's summary does not move with the clock: kept while the data is
            if week_step and self.shown_week in self._past_weeks:
                shown = self._past_weeks[self.shown_week]
            else:
                shown = weekly_summary(nb.store, self.shown_week, nb.settings, now)
                if len(self._past_weeks) >= KEPT_WEEKS:
                    self._past_weeks.clear()
                self._past_weeks[self.shown_week] = shown
        trend = tuple(
            WeekRatio(week_label(first), minutes.produce, minutes.network)
            for first, minutes in self._trend(self.shown_week)
        )
        return Loaded(current, shown, trend, review)

    def _trend(self, last_week: date) -> list[tuple[date, Minutes]]:
        """The TREND_WEEKS weeks up to `last_week`, oldest first: the weeks not read since
        the data last changed are read (in one span), the others kept from before."""
        from netbalance.actions.figures import weekly

        weeks = [last_week - timedelta(days=7 * back) for back in range(TREND_WEEKS - 1, -1, -1)]
        known = self._trend_weeks
        missing = [first for first in weeks if first not in known]
        if missing:
            if len(known) >= KEPT_WEEKS:
                known.clear()
                missing = weeks
            span = (missing[-1] - missing[0]).days // 7 + 1
            known.update(weekly(self.nb.store, missing[-1], span, self.nb.zone_name))
        return [(first, known[first]) for first in weeks]

    def _review_state(self) -> tuple[str, bool]:
        """The week a review is about now, and whether it is done."""
        from netbalance.actions import plans
        from netbalance.actions.review import default_week

        nb = self.nb
        reviewed = default_week(nb.today(), nb.settings.week_start)
        record = plans.of_week(nb.store, reviewed)
        return week_label(reviewed), record is not None and record.reviewed is not None

    def _show_welcome(self, first_run: bool) -> None:
        if first_run == self._welcome:
            return
        self._welcome = first_run
        self.query_one("#welcome").display = first_run
        self.query_one("#dash-top").display = not first_run
        self._balance.display = not first_run
        if self._details is not None:
            self._details.display = not first_run

    # painting ------------------------------------------------------------------

    def tick(self, view: TimerView) -> None:
        if self._windows is not None:
            self.show(view)

    def balance_cell(self, window: str, column: str) -> str:
        """What the balance shows in a window's row (`this_week`) and a column
        (`produce`, `network`, `ratio`)."""
        row = 1 + [key for key, _title in WINDOWS].index(window)
        line = str(self._balance.content).split("\n")[row]
        at = BALANCE_HEAD.index(column.capitalize())
        start = sum(width + 1 for width in BALANCE_WIDTHS[:at])
        return line[start : start + BALANCE_WIDTHS[at]].strip()

    def _set(self, name: str, content: str | Text | Content) -> None:
        """Update a widget only when what it shows changed (most ticks change nothing)."""
        widget = self._widgets.get(name)
        if widget is None:
            widget = self._widgets[name] = self.query_one(f"#{name}", Static)
        self._painter.paint(widget, content)

    def show(self, view: TimerView | None) -> None:
        windows = self._windows
        if windows is None:
            return
        today = self.nb.today()
        running: dict[date, Minutes] = {}  # the running box's time so far, per local day
        if view is not None and view.box is not None:
            # split at local midnight as it will be recorded; in steps of 6 s
            so_far = running_by_day(view.box, view.now, today, self.nb.zone_name)
            running = {
                d: Minutes(round(m.produce, 1), round(m.network, 1)) for d, m in so_far.items()
            }
            self._show_welcome(False)
        live = window_totals(running, today, self.nb.settings.week_start)
        rows = []
        for key, title in WINDOWS:
            if key == "last_30_days" and not self._windows_whole:
                rows.append((title, "…", "…", ""))  # read once the first frame is drawn
                continue
            now_minutes: Minutes = getattr(windows, key) + getattr(live, key)
            produce, network = format_hours(now_minutes.produce), format_hours(now_minutes.network)
            rows.append((title, produce, network, now_minutes.ratio_text))
        self._set("balance", balance_content(rows))
        loaded = None if self._details_due else self._loaded
        statuses_from = (self._generation, live, today)
        if loaded is not None and statuses_from != self._statuses_from:  # every 6 s at most
            self._statuses_from = statuses_from
            self._paint_statuses(windows, live, loaded)
        whole = sum(running.values(), Minutes())
        painted = (self._generation, round(whole.produce), round(whole.network), today)
        if loaded is not None and painted != self._painted:  # a running box: once a minute
            if self._painted[:1] != painted[:1]:  # loaded anew, or the theme changed
                self._paint_lists(loaded)
            self._painted = painted
            self._paint_week(loaded, running, view)
        if self._details is not None:
            self._paint_target(windows.this_week + live.this_week, view)

    def _paint_statuses(self, windows: Windows, running: Windows, loaded: Loaded) -> None:
        """Each window's headline; this week's is the summary's verdict."""
        from netbalance.core.summary import produce_only_workdays, status, verdict

        current = loaded.current
        target = current.plan.target_ratio  # this week's own plan, else the settings'
        statuses = Text()
        for index, (key, title) in enumerate(WINDOWS):
            now_minutes: Minutes = getattr(windows, key) + getattr(running, key)
            state = status(now_minutes, target)
            if key == "this_week":
                state = verdict(
                    now_minutes,
                    target,
                    produce_only_workdays(current.days, self.nb.today()),
                    current.due_now,
                )
            if index:
                statuses.append("\n")
            statuses.append(f"{title:<13}", style="dim")
            statuses.append(HEADLINES.get(state.status, ""), style=self._style(state.status))
        self._set("statuses", statuses)

    def _style(self, state: str) -> str:
        variables = self.app.theme_variables
        parts = STATUS_STYLE.get(state, "").split()
        return " ".join(
            variables.get(part[1:], "") if part.startswith("$") else part for part in parts
        ).strip()

    def _colours(self) -> tuple[str, str]:
        return self.nb.kind_colour(Kind.PRODUCE), self.nb.kind_colour(Kind.NETWORK)

    def _paint_week(
        self, loaded: Loaded, running: dict[date, Minutes], view: TimerView | None
    ) -> None:
        from netbalance.tui.widgets.week_bars import DayBar, render_bars

        shown = loaded.shown
        live = shown.first_day == self.this_week
        today = self.nb.today()
        nothing = Minutes()
        days = [
            DayBar(
                line.day,
                line.produce + running.get(line.day, nothing).produce,
                line.network + running.get(line.day, nothing).network,
                today=line.day == today,
            )
            for line in shown.days
        ]
        produce = sum(d.produce for d in days)
        network = sum(d.network for d in days)
        produce_colour, network_colour = self._colours()
        panel = self._week_panel
        assert panel is not None  # built with the details
        title = f"Week {shown.week} · {shown.first_day:%d %b} – {shown.last_day:%d %b}"
        if shown.first_day == self.this_week:
            title += " (this week)"
        self._painter.border(panel, title, "← → weeks · . this week")
        # the balance and its headlines stay on today: said so while another week shows
        balance = "Balance" if live else f"Balance now · {loaded.current.week}"
        self._painter.border(self._balance, balance)
        self._set("week-bars", render_bars(days, 40, produce_colour, network_colour))
        total = Text()
        total.append(f"produce {format_hours(produce)}", style=produce_colour)
        total.append("  ·  ")
        total.append(f"network {format_hours(network)}", style=network_colour)
        total.append(f"  ·  ratio {Minutes(produce, network).ratio_text}")
        self._set("week-total", total)
        in_week = sum((running.get(line.day, nothing) for line in shown.days), nothing)
        self._paint_trend(loaded, in_week)
        self._paint_progress(shown, Minutes(produce, network), live)

    def _paint_trend(self, loaded: Loaded, running: Minutes) -> None:
        from netbalance.tui.widgets.ratio_trend import WeekRatio, render_trend

        weeks = list(loaded.trend)
        if weeks and (running.produce or running.network):
            last = weeks[-1]
            weeks[-1] = WeekRatio(
                last.label, last.produce + running.produce, last.network + running.network
            )
        variables = self.app.theme_variables
        good, bad = variables.get("success", "green"), variables.get("warning", "yellow")
        self._set("trend", render_trend(weeks, self.nb.settings.target_ratio, good, bad))

    def _paint_progress(self, shown: WeeklySummary, week: Minutes, live: bool) -> None:
        plan = shown.plan  # the week's own plan, else the settings'
        produce_colour, network_colour = self._colours()
        text = Text()
        rows = (
            ("produce", week.produce, plan.produce_budget_hours, produce_colour),
            ("network", week.network, plan.network_budget_hours, network_colour),
        )
        for kind, minutes, hours, colour in rows:
            budget = hours * 60
            share = 1.0 if budget <= 0 else min(1.0, minutes / budget)
            filled = round(share * 20)
            text.append(f"{kind:<8}", style=colour)
            text.append("█" * filled, style=colour)
            text.append("░" * (20 - filled), style="dim")
            met = budget > 0 and minutes >= budget
            text.append(f" {format_hours(minutes)} of {hours:g} h")
            text.append(" ✓ met\n" if met else "\n", style="bold")
        today_boxes = sum(line.boxes for line in shown.days if line.day == self.nb.today())
        when = "this week" if live else f"in {shown.week}"  # a past week is not this one
        text.append(f"Boxes    {shown.boxes_finished} finished {when}")
        if live:
            text.append(f", {today_boxes} today")
        text.append(f" ({shown.boxes_finished_early} early)\n")
        text.append("         cancelled boxes are not recorded\n", style="dim")
        text.append(f"Streak   {shown.streak} day{'s' if shown.streak != 1 else ''} in a row")
        text.append(" with a produce box")
        own = " (the week's plan)" if plan.own else ""
        self._painter.border(self._widgets["progress"], f"Budgets · boxes · streak{own}")
        self._set("progress", text)

    def _paint_lists(self, loaded: Loaded) -> None:
        """What does not move with the running box: verdict, next box, due, shipped."""
        shown_verdict = Text()
        shown_verdict.append(f"Verdict {loaded.shown.week}: ", style="bold")
        shown_verdict.append(
            printable(loaded.shown.verdict.text), style=self._style(loaded.shown.verdict.status)
        )
        self._set("verdict", shown_verdict)
        next_line = Text()
        next_line.append("Next box: ", style="bold")
        next_line.append(printable(loaded.current.next_box.text))
        next_line.append("   g starts it", style="dim")
        self._set("next-box", next_line)
        week, done = loaded.review
        review = Text()
        review.append(f"Review of {week}: ", style="bold")
        if done:
            review.append("✓ done", style=self._style("on"))
        else:
            review.append("not done yet", style=self._style("below"))
            review.append("   5 walks through it", style="dim")
        self._set("review-state", review)
        due = Text()
        current = loaded.current
        for index, contact in enumerate(current.due_now[:TOP_DUE]):
            if index:
                due.append("\n")
            due.append(printable(contact.name), style="bold")
            days = contact.days_overdue
            late = "due today" if days == 0 else f"{days}{'+' if contact.at_least else ''} days"
            due.append(f"  {late} overdue" if days else f"  {late}", style="dim")
            due.append(f" · {contact.reason}", style="dim")
        if not current.due_now:
            due.append("nobody is due", style="dim")
        elif len(current.due_now) > TOP_DUE:
            due.append(f"\n… and {len(current.due_now) - TOP_DUE} more", style="dim")
        self._set("due", due)
        shipped = Text()
        items = loaded.shown.items_shipped
        listed = items if len(items) <= SHIPPED_LINES else items[: SHIPPED_LINES - 1]
        for index, item in enumerate(listed):
            if index:
                shipped.append("\n")
            shipped.append("✓ ", style="bold")
            shipped.append(printable(item.title))
        extra = len(items) - len(listed)
        if extra > 0:
            shipped.append(f"\n… and {extra} more", style="dim")
        if not loaded.shown.items_shipped:
            shipped.append("nothing shipped", style="dim")
        self._painter.border(self._widgets["shipped"], f"Shipped in {loaded.shown.week}")
        self._set("shipped", shipped)

    def _paint_target(self, week: Minutes, view: TimerView | None) -> None:
        produce, network = format_hours(week.produce), format_hours(week.network)
        boxes_today = view.today if view is not None else None
        target_from = (self._generation, produce, network, boxes_today)
        if target_from == self._target_from:
            return
        self._target_from = target_from
        loaded = self._loaded
        plan = loaded.current.plan if loaded is not None else None
        settings = self.nb.settings
        ratio = plan.target_ratio if plan else settings.target_ratio
        produce_budget = plan.produce_budget_hours if plan else settings.produce_budget_hours
        network_budget = plan.network_budget_hours if plan else settings.network_budget_hours
        target = Text()
        target.append(f"Target {ratio:g} : 1", style="bold")
        target.append(
            f"  ·  this week {produce} of {produce_budget:g} h"
            f" produce, {network} of {network_budget:g} h network"
        )
        if plan is not None and plan.own:
            target.append(" (the week's plan)")
        if boxes_today is not None:
            target.append(f"  ·  {boxes_today}")
        self._set("target", target)

    # keys ----------------------------------------------------------------------

    def action_step_week(self, step: int) -> None:
        wanted = self.shown_week + timedelta(days=7 * step)
        if wanted > self.this_week:
            self.notify("This is the current week; there is no next one yet.")
            return
        self._week = None if wanted == self.this_week else wanted
        self._load_details(week_step=True)  # the balance does not depend on the shown week

    def action_this_week(self) -> None:
        self._week = None
        self._load_details(week_step=True)

    def action_start_next(self) -> None:
        loaded = self._loaded
        if loaded is None:
            return
        box = self.nb.running_box()
        if box is not None:
            self.notify(f"A {box.kind} box is running: s finishes it, x cancels it.")
            return
        suggestion = loaded.current.next_box
        self.nb.start_box(
            suggestion.kind,
            suggestion.minutes,
            item_id=suggestion.item_id,
            item_title=suggestion.item_title,
            contact_id=suggestion.contact_id,
            contact_name=suggestion.contact_name,
        )

    def action_export(self) -> None:
        loaded = self._loaded
        if loaded is None:
            return
        self.export_week(loaded.shown)

    def export_week(self, summary: WeeklySummary) -> None:
        """Write the shown week in the settings' formats to the export folder."""
        from netbalance.tui.exporting import export_in_background

        export_in_background(self, lambda: summary, self.nb.settings)
