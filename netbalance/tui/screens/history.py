"""History: a week of sessions and interactions in time order, grouped by local day with
the day's totals; add, edit, delete and split sessions after the fact.

`←` / `→` move by week, `f` filters by kind, the selected row's details show below.
Every change is one transaction (one undo step). An overlap is never silent: the user is
told which session it overlaps and chooses between changing the time and trimming it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from netbalance.actions import cards, figures, past_time
from netbalance.actions import contacts as people
from netbalance.core import history
from netbalance.core import tags as tagging
from netbalance.core.board import BoardError
from netbalance.core.contacts import ContactError
from netbalance.core.history import Changes, HistoryError, OverlapError
from netbalance.core.instants import format_hours, format_length
from netbalance.core.models import (
    Interaction,
    Kind,
    Session,
    new_id,
    replace,
    short_id,
)
from netbalance.core.named import NamedTuple
from netbalance.core.revisions import RecordChanged, RevisionError
from netbalance.core.stats import Minutes, total
from netbalance.core.text import printable
from netbalance.core.weeks import DayGrid, week_label, week_start_of
from netbalance.core.when import WhenError, parse_when
from netbalance.store.errors import StoreError, UnknownId
from netbalance.tui.literal import literal
from netbalance.tui.screens.base import ModeScreen
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.record_edit import Asked, RecordEdit
from netbalance.tui.screens.session_form import SessionDraft, SessionForm, SplitForm
from netbalance.tui.widgets.history_table import HistoryRow, HistoryTable
from netbalance.tui.widgets.painter import Painter

FILTERS: tuple[Kind | None, ...] = (None, Kind.PRODUCE, Kind.NETWORK)
NETWORK = Kind.NETWORK.value


class Row(NamedTuple):
    """What a table row stands for."""

    day: date
    session: Session | None = None
    interaction: Interaction | None = None
    contact_name: str = ""


class HistoryScreen(ModeScreen):
    MODE = "history"
    BINDINGS = [
        Binding("left", "week(-1)", "◀ Week", id="history.previous_week", priority=True),
        Binding("right", "week(1)", "Week ▶", id="history.next_week", priority=True),
        Binding("f", "filter", "Kind", id="history.filter"),
        Binding("a", "add", "Add", id="history.add"),
        Binding("e", "edit", "Edit", id="history.edit"),
        Binding("delete", "delete", "Delete", id="history.delete"),
        Binding("slash", "split", "Split", key_display="/", id="history.split"),
    ]
    # its look, parsed as the mode is first shown (not with the app's stylesheet, before
    # the first frame)
    SCOPED_CSS = False
    DEFAULT_CSS = """
    HistoryScreen #history-week { height: auto; padding: 0 1; text-style: bold; }
    HistoryScreen #history-details { height: auto; max-height: 6; padding: 0 1;
        border-top: solid $panel; }
    #history { height: 1fr; }
    /* the look of Textual's DataTable it replaced (row cursor, zebra stripes) */
    HistoryTable { height: 1fr; background: $surface; color: $foreground; }
    HistoryTable:focus { background-tint: $foreground 5%; }
    HistoryTable > .history-table--header {
        text-style: bold; background: $panel; color: $foreground;
    }
    HistoryTable > .history-table--stripe { background: $surface-lighten-1 50%; }
    HistoryTable:dark > .history-table--stripe { background: $surface-darken-1 40%; }
    HistoryTable > .history-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    HistoryTable:focus > .history-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    HistoryTable > .history-table--day { text-style: bold; }
    HistoryTable > .history-table--muted { text-style: dim; }
    HistoryTable > .history-table--produce { color: $produce; }
    HistoryTable > .history-table--network { color: $network; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.first_day: date | None = None
        self.kind_filter: Kind | None = None
        self.rows: dict[str, Row] = {}
        self._painter = Painter()  # the week line and the details, laid out on a new height

    def compose_body(self) -> ComposeResult:
        yield Static("", id="history-week", markup=False)
        yield HistoryTable(id="history")
        yield Static("", id="history-details", markup=False)

    @property
    def table(self) -> HistoryTable:
        return self.query_one("#history", HistoryTable)

    # reading ----------------------------------------------------------------------

    def week_first_day(self) -> date:
        if self.first_day is None:
            self.first_day = week_start_of(self.nb.today(), self.nb.settings.week_start)
        return self.first_day

    def load(self) -> None:
        store = self.nb.store
        first = self.week_first_day()
        grid = DayGrid.build(first, 7, self.nb.zone_name)
        read = self.nb.guard(lambda: figures.counted(store, grid))
        sessions, interactions, totals = read or ([], [], {})
        names = self._contact_names(interactions)
        selected = self.table.selected_id()
        self.rows = {}
        by_day: dict[date, list[Row]] = {day: [] for day in grid.days}
        for session in sessions:
            shown_on = grid.day_of(max(session.start, grid.start))
            if shown_on is not None and self.kind_filter in (None, session.kind):
                by_day[shown_on].append(Row(shown_on, session=session))
        for interaction in interactions:
            held_on = grid.day_of(interaction.when)
            if held_on is not None and self.kind_filter in (None, Kind.NETWORK):
                name = names.get(interaction.contact_id, "")
                by_day[held_on].append(Row(held_on, interaction=interaction, contact_name=name))
        week = total(totals, first, grid.days[-1]) if totals else Minutes()
        shown = "all kinds" if self.kind_filter is None else f"{self.kind_filter} only"
        last = grid.days[-1]
        self._painter.paint(
            self.query_one("#history-week", Static),
            f"{week_label(first)}  {first:%d %b} – {last:%d %b}  ·  produce "
            f"{format_hours(week.produce)} · network {format_hours(week.network)}  ·  "
            f"ratio {week.ratio_text}  ·  {shown}",
        )
        table_rows: list[HistoryRow] = []
        zone = self.nb.zone
        for day in grid.days:
            rows = sorted(by_day[day], key=_row_time)
            if not rows:
                continue
            day_total = totals.get(day, Minutes())
            table_rows.append(
                HistoryRow(
                    f"day:{day.isoformat()}",
                    day=f"{day:%a %d %b}",
                    totals=f"produce {format_hours(day_total.produce)} · "
                    f"network {format_hours(day_total.network)}",
                )
            )
            table_rows.extend(self._table_row(row, zone) for row in rows)
        self.table.set_rows(table_rows, keep=selected)
        self._show_details()

    def _contact_names(self, interactions: list[Interaction]) -> dict[str, str]:
        wanted = {interaction.contact_id for interaction in interactions}
        if not wanted:
            return {}
        return self.nb.guard(lambda: people.names_of(self.nb.store, wanted)) or {}

    def _table_row(self, row: Row, zone: tzinfo) -> HistoryRow:
        """The row's cells as the table shows them: user text made printable."""
        session = row.session
        if session is not None:
            key = session.id
            shown = HistoryRow(
                key,
                time=history.clock_span(session.start, session.end, zone),
                kind=session.kind.value,
                tone=session.kind.value,
                length=format_length(session.active_seconds),
                on=printable(session.link or ""),
                tags=printable(" ".join(f"#{tag}" for tag in session.tags)),
                note=printable(session.note),
            )
        else:
            assert row.interaction is not None
            interaction = row.interaction
            key = f"interaction:{interaction.id}"
            shown = HistoryRow(
                key,
                time=f"{interaction.when.astimezone(zone):%H:%M}",
                kind=printable(interaction.channel),
                tone=NETWORK,
                length=format_hours(interaction.minutes) if interaction.minutes else "",
                on=printable(row.contact_name),
                note=printable(interaction.note),
            )
        self.rows[key] = row
        return shown

    def selected_session(self) -> Session | None:
        key = self.table.selected_id()
        row = self.rows.get(key) if key else None
        return row.session if row else None

    @on(HistoryTable.Highlighted, "#history")
    def _highlighted(self) -> None:
        self._show_details()
        self.refresh_bindings()  # edit, delete and split apply to a session row only

    @on(HistoryTable.Chosen, "#history")
    def _chosen(self) -> None:
        if self.selected_session() is not None:
            self.action_edit()

    def _show_details(self) -> None:
        key = self.table.selected_id()
        row = self.rows.get(key) if key else None
        details = self.query_one("#history-details", Static)
        if row is None:
            self._painter.paint(
                details, "a adds a session you forgot to time; ← → move by week; f filters by kind"
            )
            return
        zone = self.nb.zone
        if row.session is not None:
            s = row.session
            lines = [
                f"{s.kind} session {short_id(s.id)}: "
                f"{history.span_text(s.start, s.end, zone)}, {format_length(s.active_seconds)}"
                + (f" ({format_length(s.paused_seconds)} paused)" if s.paused_seconds else ""),
            ]
            if s.item_title:
                lines.append(f"card: {s.item_title}")
            if s.contact_name:
                lines.append(f"contact: {s.contact_name}")
            if s.tags:
                lines.append(f"tags: {', '.join(s.tags)}")
            if s.note:
                lines.append(f"note: {s.note}")
            self._painter.paint(details, Text("\n").join(literal(line) for line in lines))
            return
        assert row.interaction is not None
        i = row.interaction
        text = (
            f"interaction with {row.contact_name or 'a contact'} by {i.channel}, "
            f"{i.when.astimezone(zone):%a %d %b %H:%M}"
            + (f", {format_hours(i.minutes)}" if i.minutes else "")
        )
        said = [text, f"note: {i.note}"] if i.note else [text]
        self._painter.paint(details, Text("\n").join(literal(line) for line in said))

    # keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "split"):
            return self.selected_session() is not None or None
        return True

    def why_not(self, action: str) -> str:
        if action in ("edit", "delete", "split"):
            key = self.table.selected_id()
            row = self.rows.get(key) if key else None
            if row is not None and row.interaction is not None:
                return (
                    f"This line is an interaction (logged in Contacts): {action} acts on a session."
                )
            return f"Select a session first (↑ ↓) to {action} it; a adds one."
        return ""

    def action_week(self, step: int) -> None:
        wanted = self.week_first_day() + timedelta(days=7 * step)
        if wanted > week_start_of(self.nb.today(), self.nb.settings.week_start):
            self.notify("This is the current week; there is no next one yet.")
            return
        self.first_day = wanted
        self.load()

    def action_filter(self) -> None:
        index = FILTERS.index(self.kind_filter)
        self.kind_filter = FILTERS[(index + 1) % len(FILTERS)]
        self.load()

    def action_add(self) -> None:
        form = SessionForm(self._checker(None), cards=self._titles(), people=self._names())

        def save(session: Session) -> str | None:
            try:
                self._saved(session, self._place(form, None, session))
            except Asked:
                return ""
            except (ValueError, StoreError, OSError) as problem:
                return str(problem)
            return None

        form.saving = save
        self.app.push_screen(form)

    def _titles(self) -> list[str]:
        """The titles a session's card completes from: cards on the board first."""
        items = self.nb.guard(lambda: cards.all_cards(self.nb.store)) or []
        return [item.title for item in sorted(items, key=lambda item: item.archived)]

    def _names(self) -> list[str]:
        return [c.name for c in self.nb.guard(lambda: people.all_contacts(self.nb.store)) or []]

    def _draft_of(self, session: Session) -> SessionDraft:
        """A session's fields as the form shows them: times in the user's zone, the card
        by title and the contact by name (as typed back, they find the same ones)."""
        return SessionDraft(
            kind=session.kind,
            when=_when_of(session, self.nb.zone),
            card=session.item_title or (session.item_id or "")[:8],
            contact=session.contact_name or "",
            note=session.note,
            tags=", ".join(session.tags),
        )

    def action_edit(self) -> None:
        session = self.selected_session()
        if session is None:
            self.notify("Select a session first.")
            return
        form = SessionForm(
            self._checker(session),
            self._draft_of(session),
            title=f"Edit {short_id(session.id)}",
            shown=self._draft_of,
            cards=self._titles(),
            people=self._names(),
        )

        def saved(changes: Changes) -> None:
            self._saved(session, changes)

        RecordEdit(
            form,
            session,
            noun="session",
            wanted=lambda seen, wanted: wanted,
            save=lambda seen, wanted: self._place(form, seen, wanted),
            add_again=lambda wanted: self._place(form, None, replace(wanted, id=new_id())),
            saved=saved,
        )
        self.app.push_screen(form)

    def action_delete(self) -> None:
        session = self.selected_session()
        if session is None:
            self.notify("Select a session first.")
            return
        self._ask_to_delete(session)

    def _ask_to_delete(self, session: Session, again: str = "") -> None:
        """Ask about this session as it is; changed before the answer, ask again."""
        described = history.describe(session, self.nb.zone)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                done = self._write(lambda: past_time.delete(self.nb.store, session))
            except RecordChanged as changed:
                self._ask_to_delete(changed.stored, f"{changed}. ")
                return
            if done:
                self.notify(f"Deleted {described}.")

        self.app.push_screen(
            ConfirmScreen(f"{printable(again)}Delete {described}?", yes="Delete", no="Keep"),
            answered,
        )

    def action_split(self) -> None:
        session = self.selected_session()
        if session is None:
            self.notify("Select a session first.")
            return
        zone = self.nb.zone

        def at(text: str) -> datetime:
            # a bare time is the one inside the session, across midnight too
            instant = history.split_point(text, session, self.nb.clock.now(), zone)
            history.split(session, instant, self.nb.clock.now(), zone, new_id)  # checks
            return instant

        def chosen(text: str | None) -> None:
            if text is None:
                return
            instant = at(text)
            if self._write(lambda: past_time.split(self.nb.store, session, instant, zone)):
                self.notify(f"Split at {instant.astimezone(zone):%H:%M}.")

        self.app.push_screen(SplitForm(history.describe(session, zone), at), chosen)

    # changes ----------------------------------------------------------------------

    def _checker(self, old: Session | None) -> Callable[[SessionDraft], Session]:
        """Fields → the session they describe, or a one-line ValueError."""
        store, zone = self.nb.store, self.nb.zone

        def check(draft: SessionDraft) -> Session:
            now = self.nb.clock.now()
            if old is not None and draft.when == _when_of(old, zone):
                start, end = old.start, old.end  # untouched: keep the seconds
            else:
                start, end = parse_when(draft.when, now, zone)
            history.check_span(start, end, now, zone)
            card = contact = None
            try:
                if draft.card.strip():
                    if draft.kind is not Kind.PRODUCE:
                        raise HistoryError("a network session has no card; clear the card")
                    card = cards.find(store, draft.card)
                if draft.contact.strip():
                    if draft.kind is not Kind.NETWORK:
                        raise HistoryError("a produce session has no contact; clear it")
                    contact = people.find(store, draft.contact)
            except (StoreError, UnknownId, BoardError, ContactError) as problem:
                raise HistoryError(str(problem)) from None
            try:
                tags = tagging.clean([draft.tags])
            except tagging.TagError as problem:
                raise HistoryError(str(problem)) from None
            base = old or Session(
                id=new_id(), kind=draft.kind, start=start, end=end, created=now, updated=now
            )
            paused = min(base.paused_seconds, int((end - start).total_seconds()))
            return replace(
                base,
                kind=draft.kind,
                start=start,
                end=end,
                updated=now,
                paused_seconds=paused,
                item_id=card.id if card else None,
                item_title=card.title if card else None,
                contact_id=contact.id if contact else None,
                contact_name=contact.name if contact else None,
                note=draft.note,
                tags=tags,
            )

        return check

    def _place(self, form: SessionForm, seen: Session | None, wanted: Session) -> Changes:
        """Record a new session (`seen` None) or an edit of `seen`. An overlap asks
        whether to trim the other session (Asked: the form waits for the answer)."""
        store, zone = self.nb.store, self.nb.zone
        try:
            if seen is None:
                return past_time.add(store, wanted, zone, trim=False)
            return past_time.edit(store, seen, wanted, zone, trim=False)
        except OverlapError as overlap:
            self._ask_to_trim(form, seen, wanted, overlap)
            raise Asked from None

    def _ask_to_trim(
        self, form: SessionForm, seen: Session | None, wanted: Session, overlap: OverlapError
    ) -> None:
        store, zone = self.nb.store, self.nb.zone
        question = (
            f"The new time {history.span_text(wanted.start, wanted.end, zone)} "
            f"{str(overlap).removeprefix('it ')}. Trim the other session so they no longer "
            "overlap?"
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                form.refuse(
                    "Nothing saved: the time overlaps another session. Change the time, "
                    "or save again and trim the other."
                )
                return
            try:
                if seen is None:
                    changes = past_time.add(store, wanted, zone, trim=True)
                else:
                    changes = past_time.edit(store, seen, wanted, zone, trim=True)
            except (ValueError, StoreError, OSError) as problem:
                form.refuse(str(problem))
                return
            form.dismiss(None)
            self._saved(wanted, changes)

        self.app.push_screen(ConfirmScreen(question, yes="Trim", no="Back"), answered)

    def _saved(self, session: Session, changes: Changes) -> None:
        """Say what was saved: the session as stored (found by its id among the changes,
        which hold the other sessions a trim shortened too), and what the trim did."""
        self.nb.changed()
        self.load()
        stored = [*changes.updated, *changes.added]
        session = next((s for s in stored if s.id == session.id), session)
        said = "; ".join(changes.trimmed)
        self.notify(
            f"Saved {history.describe(session, self.nb.zone)}" + (f"; {said}" if said else ""),
            markup=False,
        )

    def _write(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except RecordChanged:
            raise
        except (HistoryError, WhenError, StoreError, UnknownId, RevisionError) as problem:
            self.notify(str(problem), severity="error", markup=False)
            self.nb.changed()
            return False
        self.nb.changed()
        self.load()
        return True


def _row_time(row: Row) -> datetime:
    if row.session is not None:
        return row.session.start
    assert row.interaction is not None
    return row.interaction.when


def _ambiguous(local: datetime) -> bool:
    """A wall time that happens twice (the hour the clocks go back)."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _when_of(session: Session, zone: tzinfo) -> str:
    """The text the edit form shows for a session's time, in the user's zone as `add`
    reads it: `2026-11-30 09:20-10:05`, or a start and a length across midnight
    (`2026-11-30 23:30 1h15m`). A field left as shown keeps the session's exact instants
    (seconds too); only a wall time the clocks show twice (the hour they go back) is
    written as ISO instants with offsets, so it reads back as the same instants."""
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    if _ambiguous(start) or _ambiguous(end):
        return f"{start.isoformat(timespec='seconds')} {end.isoformat(timespec='seconds')}"
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"
    minutes = max(1, round((session.end - session.start).total_seconds() / 60))
    hours, rest = divmod(minutes, 60)
    return f"{start:%Y-%m-%d %H:%M} {hours}h{rest:02d}m"
