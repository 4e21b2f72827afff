"""The app: modes, global keys, the running box, themes. It owns the store; screens ask
it for data; widgets get plain values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from netbalance.actions import boxes
from netbalance.core import timer
from netbalance.core.clock import Clock, SystemClock
from netbalance.core.instants import format_length
from netbalance.core.models import ActiveBox, Kind, Session, replace
from netbalance.core.revisions import RecordChanged, RevisionError
from netbalance.core.stats import Windows
from netbalance.core.text import printable
from netbalance.core.weeks import DayGrid, local_date, zone
from netbalance.settings.config import Settings
from netbalance.store.errors import BigDrop, LockTimeout, StoreError
from netbalance.store.store import Store
from netbalance.tui.heap import Heap
from netbalance.tui.screens.dashboard import DashboardScreen
from netbalance.tui.textual_internals import DialogShownOnce, spare_repaint, start_with_theme
from netbalance.tui.widgets.timer_bar import TimerView

if TYPE_CHECKING:
    from netbalance.actions.boxes import Recovery
    from netbalance.core.contacts import Due
    from netbalance.store.journal import Outcome
    from netbalance.store.merge import Merged
    from netbalance.tui.screens.length import BoxLength

T = TypeVar("T")

REPAINT_SECONDS = 1.0
NARROW = 100  # columns: below, the dashboard's panels stack
SHORT = 44  # rows: below, form fields are drawn on one line each
WATCH_SECONDS = 0.5  # a stat per file: another process's change shows within half a second
CANCEL_QUESTION = "cancel-question"
BOX_ACTIONS = {"extend", "finish", "cancel"}


def _board() -> Screen[Any]:
    from netbalance.tui.screens.board import BoardScreen

    return BoardScreen()  # styled as new: see screens/base.py


def _contacts() -> Screen[Any]:
    from netbalance.tui.screens.contacts import ContactsScreen

    return ContactsScreen()  # styled as new: see screens/base.py


def _history() -> Screen[Any]:
    from netbalance.tui.screens.history import HistoryScreen

    return HistoryScreen()  # styled as new: see screens/base.py


def _review() -> Screen[Any]:
    from netbalance.tui.screens.review import ReviewScreen

    return ReviewScreen()  # styled as new: see screens/base.py


class NetbalanceApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "netbalance"
    MODES = {  # the other modes (and every dialog) are imported when first shown
        "dashboard": DashboardScreen,
        "board": _board,
        "contacts": _contacts,
        "history": _history,
        "review": _review,
    }
    DEFAULT_MODE = "dashboard"
    BINDINGS = [
        Binding("1", "switch_mode('dashboard')", "Dashboard", id="mode.dashboard", show=False),
        Binding("2", "switch_mode('board')", "Board", id="mode.board", show=False),
        Binding("3", "switch_mode('contacts')", "Contacts", id="mode.contacts", show=False),
        Binding("4", "switch_mode('history')", "History", id="mode.history", show=False),
        Binding("5", "switch_mode('review')", "Review", id="mode.review", show=False),
        Binding("p", "start_box('produce')", "Produce", id="box.produce"),
        Binding("n", "start_box('network')", "Network", id="box.network"),
        Binding("space", "pause", "Pause", id="box.pause"),
        Binding("space", "resume", "Resume", id="box.resume"),
        Binding("plus", "extend", "Extend", key_display="+", id="box.extend"),
        Binding("s", "finish", "Finish", id="box.finish"),
        Binding("x", "cancel", "Cancel", id="box.cancel"),
        Binding("z", "focus_view", "Focus", id="box.focus"),
        Binding("b", "skip_break", "Skip break", id="box.skip_break"),
        Binding("u", "undo", "Undo", show=False, id="app.undo"),
        Binding("U", "redo", "Redo", show=False, id="app.redo"),
        Binding("t", "change_theme", "Theme", show=False, id="app.theme"),
        Binding("question_mark", "toggle_keys", "Keys", key_display="?", id="app.keys"),
        Binding("escape", "hide_keys", "Hide keys", show=False, priority=True, id="app.hide_keys"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    # Widgets watch these and repaint themselves; the app itself never needs a repaint.
    # No watcher runs for the initial values: screens read what they show when shown.
    timer_view: reactive[TimerView | None] = reactive(
        None, always_update=True, repaint=False, init=False
    )
    data_version: reactive[int] = reactive(0, repaint=False, init=False)

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        clock: Clock | None = None,
        problems: Sequence[str] = (),
        themes: Sequence[Any] = (),
        settings_path: str | None = None,
        sandbox: str | None = None,
    ) -> None:
        super().__init__()
        self.sandbox = sandbox  # the demo's throw-away folder: its data, settings, exports
        self.settings = settings
        self.store = store
        self.clock = clock or SystemClock()
        self.problems = list(problems)
        self.settings_path = settings_path
        self.zone_name = settings.zone_name()
        self.zone: tzinfo = zone(self.zone_name)
        self._boxes_today = 0
        self._day: date | None = None  # the local day "today" was last read for
        self._box: ActiveBox | None = None
        self._break_end: datetime | None = None
        self._box_count_for_breaks = 0
        self._started = False
        self._keys: tuple[bool, bool, bool] | None = None
        self._recovery: Recovery | None = None
        self._seen_picked_up = 0  # the store's `picked_up` when the box was last read
        self._elsewhere: tuple[tuple[str, ActiveBox], ...] = ()  # boxes on other devices
        self.heap = Heap()  # large loads kept out of the collector's way, tidied when idle
        self._waiting: str | None = None  # the over box waiting for the lock, by id
        self._left_over: str | None = None  # the over box not finished by itself again
        for theme in themes:
            self.register_theme(theme)
        if settings.theme in self.available_themes:
            # not `self.theme = …`: that parses the stylesheet twice more before a frame
            start_with_theme(self, settings.theme)
        else:
            self.problems.append(f"unknown theme {settings.theme!r}; using the default")

    # theme ----------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from netbalance.tui.themes import theme_variable_defaults

        return theme_variable_defaults(self.current_theme.dark)

    def watch_theme(self, name: str) -> None:
        if self._started and self.settings_path and name != self.settings.theme:
            from netbalance.settings.file import set_value

            path = self.settings_path

            def save() -> bool:
                set_value(path, "look", "theme", name)
                return True

            if self.guard(save):
                self.settings = replace(self.settings, theme=name)

    # start-up -------------------------------------------------------------

    def on_load(self) -> None:
        """Before anything is drawn: a box that ended while netbalance was closed is
        recorded, and the running box and today's boxes are read, so the dashboard's first
        frame shows them and the store is read once at start."""

        def recover() -> Recovery | None:
            try:
                return boxes.recover(self.store, wait=0)
            except LockTimeout:  # another process is saving: the tick records it after
                return None

        self._recovery = self.guard(recover)
        self._read_box()
        self.timer_view = TimerView(self.clock.now(), self._box, self._boxes_today, self._break_end)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Compose):
            # The size classes before the first mode's screen is made (on this event, by
            # Textual's handler): set now, they style its widgets as they mount; set once
            # those are styled, every widget is styled again (~10 ms before the first
            # frame). The terminal's size is known: the driver has started.
            size = self.size
            self._size_classes(size.width, size.height, update=False)
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        recovery = self._recovery
        if recovery is not None and recovery.recorded is not None and recovery.already:
            ended = recovery.recorded.end.astimezone(self.zone)
            self.notify(
                f"The {recovery.recorded.kind} box was recorded already, until {ended:%H:%M}; "
                "its box file came back and is cleared.",
                title="Recorded already",
                timeout=10,
            )
        elif recovery is not None and recovery.recorded is not None:
            ended = recovery.recorded.end.astimezone(self.zone)
            self.notify(
                f"The {recovery.recorded.kind} box ended at {ended:%H:%M} while netbalance "
                "was closed; it is recorded.",
                title="Box recorded",
                timeout=10,
            )
        for problem in self.problems:
            self.notify(printable(problem), severity="warning", timeout=15, markup=False)
        self._say_merged(self.store.merged)
        self._say_elsewhere()
        if self.sandbox is not None:
            self.notify(
                f"Sample data in {printable(self.sandbox)}: its settings and exports stay "
                "there, and the folder is removed when you quit.",
                title="Demo",
                timeout=6,
                markup=False,
            )
        read_only = self.store.read_only()
        if read_only:  # a banner that stays: every change would fail
            self.notify(
                f"{printable(read_only)}: your data is shown but cannot be changed.",
                title="Read-only",
                severity="warning",
                timeout=10**9,
                markup=False,
            )
        self._keys_changed()
        self._started = True
        self.data_version += 1  # the dashboard reads what it shows (in the first frame)
        self.tick()  # a box over by now ends here
        self.call_after_refresh(_collect_garbage_again)
        self.call_after_refresh(self.remind)
        self.set_interval(REPAINT_SECONDS, self.tick)
        self.set_interval(WATCH_SECONDS, self.watch_files)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """A dialog or form opens over a clear lower right: the notices on screen would
        cover its buttons on a small terminal (they were read; the dialog is what is
        asked now). It is drawn once as it opens (`spare_repaint`)."""
        if not isinstance(screen, ModalScreen):
            return super().push_screen(screen, *args, **kwargs)
        self.clear_notifications()
        # and those raised just before, still on their way (`notify` posts them)
        self.call_later(self.clear_notifications)
        beneath = self.screen_stack[-1] if self.screen_stack else None
        pushed = super().push_screen(screen, *args, **kwargs)
        if beneath is not None and isinstance(screen, DialogShownOnce):
            spare_repaint(beneath)
        return pushed

    def on_resize(self, event: events.Resize) -> None:
        self._size_classes(event.size.width, event.size.height)

    def _size_classes(self, width: int, height: int, *, update: bool = True) -> None:
        """`-narrow` (under NARROW columns: panels stack) and `-short` (under SHORT rows:
        forms draw their fields on one line each) on the app, for the stylesheets."""
        self.set_class(width < NARROW, "-narrow", update=update)
        self.set_class(height < SHORT, "-short", update=update)

    # data for the screens -------------------------------------------------

    @property
    def started(self) -> bool:
        """Mounted: screens read the store from now on (the first one when this turns
        true, so that it is laid out once, with its data)."""
        return self._started

    def today(self) -> date:
        return local_date(self.clock.now(), self.zone_name)

    def windows(self, *, this_week_only: bool = False) -> Windows:
        from netbalance.actions.figures import windows

        return windows(
            self.store,
            self.today(),
            self.zone_name,
            self.settings.week_start,
            this_week_only=this_week_only,
        )

    def running_box(self) -> ActiveBox | None:
        return self._box

    def kind_colour(self, kind: Kind) -> str:
        """The theme's colour of a kind, for text drawn outside the stylesheet."""
        return self.theme_variables.get(kind.value, "")

    def is_first_run(self) -> bool:
        """Nothing recorded yet: the first run."""
        return boxes.nothing_recorded(self.store)

    # the clock ------------------------------------------------------------

    def tick(self) -> None:
        """Repaint from the clock; no data file is read here, except once a day: past
        local midnight (or a clock set back over it) everything "today" is read again."""
        self.heap.tick()
        now = self.clock.now()
        if self._started and self._day is not None and local_date(now, self.zone_name) != self._day:
            self._reload()
            return
        box = self._box
        if box is not None and not box.is_paused and timer.is_over(box, now) and self._box_over():
            return
        if self._break_end is not None and now >= self._break_end:
            self._break_end = None
            self._keys_changed()
            self.bell()
            self.notify("Break over. p starts the next produce box.", title="Break over")
        waiting = box is not None and box.id == self._waiting
        self.timer_view = TimerView(
            now, self._box, self._boxes_today, self._break_end, waiting, self._elsewhere
        )

    def watch_files(self) -> None:
        """Pick up changes made by another process (a stat per file, no parsing): those
        this poll reads, and those read since the box was last read by anything else —
        an action that failed, say, whose own re-read left nothing for the poll to see."""
        changed = self.guard(self.store.refresh)
        if self.store.shared:  # what another device changed, merged into this one's files
            from netbalance.actions import sync

            merged = self.guard(lambda: sync.merge_others(self.store))
            if merged is not None:
                self._say_merged(merged)
                changed = True
            elsewhere = tuple(self.guard(lambda: sync.boxes_elsewhere(self.store)) or ())
            if elsewhere != self._elsewhere:
                self._elsewhere = elsewhere
                self.tick()
        if changed or self.store.picked_up != self._seen_picked_up:
            self._reload()

    def _say_merged(self, merged: Merged | None) -> None:
        """Say once what a merge of other devices' changes brought, and what it could
        not read."""
        if merged is None:
            return
        if merged.records:
            self.notify(printable(merged.text().capitalize() + "."), title="Merged", markup=False)
        for problem in merged.skipped:
            self.notify(
                printable(f"Not merged: {problem}"), severity="warning", timeout=15, markup=False
            )

    def _say_elsewhere(self) -> bool:
        """A box running on another device of a shared folder: say so; True if one runs."""
        if not self.store.shared:
            return False
        from netbalance.actions import sync

        found = self.guard(lambda: sync.boxes_elsewhere(self.store)) or []
        self._elsewhere = tuple(found)
        said = sync.elsewhere_text(found, self.clock.now())
        if said:
            self.notify(
                printable(said[0].upper() + said[1:] + "."), title="Another device", markup=False
            )
        return bool(said)

    def _read_box(self) -> None:
        """The running box and the number of boxes started today."""
        self._seen_picked_up = self.store.picked_up
        self._box = self.guard(lambda: boxes.running(self.store))
        today = self._day = self.today()
        grid = DayGrid.build(today, 1, self.zone_name)
        self._boxes_today = self.guard(lambda: boxes.started_between(self.store, grid)) or 0

    def _reload(self) -> None:
        self._read_box()
        self.data_version += 1
        self._keys_changed()
        self.tick()

    def _keys_changed(self) -> None:
        """Tell the key bar when the keys that apply have changed."""
        box = self._box
        keys = (box is None, box is not None and box.is_paused, self._break_end is None)
        if keys != self._keys:
            self._keys = keys
            # the mode's too, under a dialog: its key bar shows through, dimmed
            for screen in self.screen_stack:
                screen.refresh_bindings()  # also while the app itself is still mounting

    def changed(self) -> None:
        """Our own save changed the data."""
        self._reload()

    def guard(self, action: Callable[[], T]) -> T | None:
        """Run an action; a failure becomes a notice and the app keeps running. A big drop
        (more than half of a file's records) asks first; a yes runs it again, allowed to
        make that drop and no other. RecordChanged (a question's record changed before
        the answer) goes to the caller, which asks again."""
        try:
            return action()
        except BigDrop as drop:
            from netbalance.tui.big_drop import confirm_drop

            asked = drop  # the name `drop` ends with the except clause
            confirm_drop(self, asked, lambda: self._drop_anyway(action, asked))
            return None
        except (RecordChanged, boxes.NeedsEnd, boxes.TooShort):
            raise  # the caller's: it asks its question (again, about the record as it is)
        except RevisionError as problem:
            self.notify(printable(str(problem)), severity="warning", timeout=10, markup=False)
            return None
        except (StoreError, timer.TimerError, OSError) as problem:
            self.notify(printable(str(problem)), severity="error", timeout=10, markup=False)
            return None

    def _drop_anyway(self, action: Callable[[], object], drop: BigDrop) -> None:
        """Run an action the user confirmed was meant to make this drop."""
        from netbalance.actions.big_drops import agreed
        from netbalance.tui.big_drop import DONE

        with agreed(self.store, drop):
            done = self.guard(lambda: [action()])
        if done is not None:
            self.notify(DONE, title="Removed", markup=False)
            self.changed()

    # keys -----------------------------------------------------------------

    def keys_shown(self) -> bool:
        # by name: importing HelpPanel (Markdown and its parser) would cost the first
        # frame ~40 ms, and the key bar asks this before it is drawn; among the screen's
        # own children, where Textual mounts it: asked at every check of the keys, a
        # query of the whole screen cost the first frame a few ms more
        return bool(self.screen.query_children("HelpPanel"))

    def action_command_palette(self) -> None:
        """The palette of every command of the screen it opens over (`commands.Palette`)."""
        from netbalance.tui.commands import Palette, commands_at

        if self.use_command_palette and not isinstance(self.screen, Palette):
            self.push_screen(Palette.kept(self, commands_at(self.screen)))

    def action_toggle_keys(self) -> None:
        """`?` shows every key of the screen, drawn over it; `?` or Esc hides them."""
        if self.keys_shown():
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_hide_keys(self) -> None:
        self.action_hide_help_panel()

    def on_key(self, event: events.Key) -> None:
        """A key bound to something that cannot act now says why, instead of nothing."""
        self.heap.key()
        found = self.screen.active_bindings.get(event.key)
        if found is None or found.enabled or found.binding.id is None:
            return
        screen_why = getattr(found.node, "why_not", None) if found.node is not self else None
        why = screen_why(found.binding.action) if screen_why else self.why_not(found.binding.action)
        if why:
            self.notify(why, timeout=4)

    def why_not(self, action: str) -> str:
        """Why an app action cannot act now, in a line; "" when there is nothing to say."""
        box = self._box
        if action.startswith("start_box") and box is not None:
            return f"A {box.kind} box is running: s finishes it, x cancels it."
        if action in (*BOX_ACTIONS, "pause") and box is None:
            return "No box is running: p starts a produce box, n a network box."
        if action == "pause" and box is not None:
            return "The box is paused: space resumes it."
        if action == "resume":
            return "The box is running: space pauses it." if box else ""
        if action == "skip_break":
            return "No break is running."
        return ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_keys":  # Esc is the screen's own unless the keys are shown
            return self.keys_shown()
        # None, not False: the key stays bound, off the key bar, and says why (`on_key`)
        box = self._box
        if action in BOX_ACTIONS:
            return box is not None or None
        if action == "pause":  # space: pause or resume, whichever applies
            if box is None:
                return None
            return not box.is_paused
        if action == "resume":
            return box is not None and box.is_paused
        if action == "start_box":
            return box is None or None
        if action == "skip_break":
            return self._break_end is not None or None
        return True

    def action_start_box(self, kind_name: str) -> None:
        kind = Kind(kind_name)
        if self._box is not None:
            self.notify(f"A {self._box.kind} box is running: s finishes it, x cancels it.")
            return

        def chosen(length: BoxLength | None) -> None:
            if length is not None:
                self.start_box(kind, length.minutes)

        from netbalance.tui.screens.length import LengthScreen

        self.push_screen(
            LengthScreen(kind, self.settings.presets(kind), self.settings.default_minutes(kind)),
            chosen,
        )

    def start_box(self, kind: Kind, minutes: int | None, **links: Any) -> None:
        box = self.guard(lambda: boxes.start(self.store, kind, minutes=minutes, **links))
        if box is not None:
            self._break_end = None
            self.changed()
            self._say_elsewhere()

    def action_pause(self) -> None:
        if self.guard(lambda: boxes.pause(self.store)) is not None:
            self.changed()

    def action_resume(self) -> None:
        if self.guard(lambda: boxes.resume(self.store)) is not None:
            self.changed()

    def action_extend(self) -> None:
        if self.guard(lambda: boxes.extend(self.store, 5)) is not None:
            self.notify("Extended by 5 minutes.")
            self.changed()

    def action_finish(self) -> None:
        minimum = self.settings.minimum_minutes
        try:
            finished = self.guard(
                lambda: boxes.stop(self.store, tz=self.zone, minimum_minutes=minimum)
            )
        except boxes.NeedsEnd as asked:
            self._ask_end(asked, rang=False)
            return
        except boxes.TooShort as short:
            self._ask_to_drop(short)
            return
        if finished is not None:
            self._finished(finished, rang=False)

    def _ask_to_drop(self, short: boxes.TooShort) -> None:
        """`s` on a box that ran for less than the minimum: drop it, or keep it running."""
        box = self._box
        if box is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.guard(lambda: boxes.cancel(self.store, seen=box)) is not None:
                self.notify(f"The {box.kind} box is dropped; nothing was recorded.")
            self.changed()

        from netbalance.tui.screens.confirm import ConfirmScreen

        length = format_length(short.session.active_seconds)
        minimum = self.settings.minimum_minutes
        self.push_screen(
            ConfirmScreen(
                f"The {box.kind} box ran {length}, under the {minimum} m a box is recorded "
                "from. Drop it (nothing is recorded), or keep it running?",
                yes="Drop",
                no="Keep running",
            ),
            answered,
        )

    def action_cancel(self) -> None:
        box = self._box
        if box is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                cancelled = self.guard(lambda: boxes.cancel(self.store, seen=box))
            except boxes.BoxChanged as changed:
                self.notify(printable(str(changed)), severity="warning", markup=False)
                self.changed()
                if changed.box is not None:
                    self.action_cancel()  # ask again, about the box as it is
                return
            if cancelled is not None:
                self.notify(f"The {box.kind} box is cancelled; nothing was recorded.")
            self.changed()

        left = TimerView(self.clock.now(), box).clock
        from netbalance.tui.screens.confirm import ConfirmScreen

        self.push_screen(
            ConfirmScreen(
                f"Cancel the {box.kind} box ({left})? Nothing will be recorded.",
                id=CANCEL_QUESTION,
            ),
            answered,
        )

    async def action_switch_mode(self, mode: str) -> None:
        """A mode key from the focus view leaves it first: the focus view belongs to no
        mode, and would otherwise come back with the mode it was opened from."""
        from netbalance.tui.screens.focus import FocusScreen

        if isinstance(self.screen, FocusScreen):
            self.pop_screen()
        await super().action_switch_mode(mode)

    def action_focus_view(self) -> None:
        from netbalance.tui.screens.focus import FocusScreen

        if not isinstance(self.screen, FocusScreen):
            self.push_screen(FocusScreen())

    def action_skip_break(self) -> None:
        self._break_end = None
        self._keys_changed()
        self.tick()

    def action_undo(self) -> None:
        self._step_journal("undo")

    def action_redo(self) -> None:
        self._step_journal("redo")

    def _step_journal(
        self, verb: str, agreed: tuple[str, BigDrop] | None = None, news: str = ""
    ) -> None:
        """Undo or redo the last change of any record, made here or by another process.
        One that would remove more than half of a file's records asks first, naming the
        step; the yes undoes that step only (another one last by then: asked again, the
        question saying so first: `news`)."""
        from netbalance.actions import big_drops, undo
        from netbalance.store.errors import NothingToUndo, StepChanged
        from netbalance.tui.big_drop import confirm_drop

        step = self.guard(lambda: undo.next_step(self.store, verb))
        if step is None:
            self.notify(f"Nothing to {verb}.")
            return

        def run() -> Outcome | None:
            try:
                if agreed is None:
                    return undo.step(self.store, verb)
                with big_drops.agreed(self.store, agreed[1]):
                    return undo.step(self.store, verb, expect=agreed[0])
            except NothingToUndo:
                self.notify(f"Nothing to {verb}.")
            except StepChanged as changed:
                self.notify(printable(str(changed)), severity="warning", markup=False)
                now_last = changed.step.describe(self.zone)
                said = f"The last change is now “{now_last}”; nothing was {verb}ne. "
                self._step_journal(verb, news=printable(said))
            except BigDrop as drop:
                asked = drop  # the name `drop` ends with the except clause
                about = f"{news}{verb.capitalize()} “{step.describe(self.zone)}”: "
                confirm_drop(
                    self, asked, lambda: self._step_journal(verb, (step.id, asked)), about=about
                )
            return None

        outcome = self.guard(run)
        if outcome is None:
            return
        message = printable(outcome.message(self.zone))
        if outcome.refused is not None:
            self.notify(message, severity="warning", timeout=10, markup=False)
            return
        title = "Undone" if verb == "undo" else "Redone"
        self.notify(message, title=title, markup=False)
        self.changed()

    async def action_quit(self) -> None:
        box = self._box
        if self.sandbox is not None:
            self.exit(message=f"netbalance: the demo is closed; {self.sandbox} is removed.")
            return
        if box is None:
            self.exit()
            return
        view = TimerView(self.clock.now(), box)
        self.exit(
            message=(
                f"netbalance: the {box.kind} box keeps running ({view.clock} {view.caption}); "
                "`netbalance status` shows it, `netbalance` picks it up again."
            )
        )

    # the end of a box -------------------------------------------------------

    def _box_over(self) -> bool:
        """A countdown is over: record it (True when the clock's repaint is done here).
        While another process holds the files (a long import), it waits to be recorded,
        says so, and is recorded by a later tick once they are free. One that cannot be
        recorded as it is (over another session) asks until when, once."""
        from netbalance.tui.screens.confirm import ConfirmScreen

        box = self._box
        if box is None or box.id == self._left_over:
            return False  # asked about, or failed: `s` finishes it, `x` cancels it
        if isinstance(self.screen, ConfirmScreen) and self.screen.id == CANCEL_QUESTION:
            self.screen.dismiss(False)  # the box ended while its cancel question was open
        self.guard(self.store.refresh)
        if self.guard(lambda: boxes.running(self.store)) is None:
            self._reload()  # another process recorded or dropped it first
            return True
        busy = False

        def finish() -> boxes.Finished | None:
            nonlocal busy
            try:
                return boxes.stop(self.store, tz=self.zone, wait=0)
            except LockTimeout:
                busy = True
                return None

        try:
            finished = self.guard(finish)
        except boxes.NeedsEnd as asked:
            self._left_over = box.id
            self._ask_end(asked, rang=True)
            return True
        if busy:
            self._wait_for_files(box)
            return False
        if finished is None:  # refused (said in a notice): not tried again by itself
            self._left_over = box.id
            self._reload()
            return True
        self._finished(finished, rang=True)
        return True

    def _wait_for_files(self, box: ActiveBox) -> None:
        if self._waiting == box.id:
            return
        self._waiting = box.id
        self.notify(
            f"The {box.kind} box is over. Another netbalance process is saving (an import?): "
            "the box is recorded as soon as it is done.",
            title="Waiting to be recorded",
            timeout=10,
        )

    def _finished(self, finished: boxes.Finished, *, rang: bool) -> None:
        """A box finished by `s`, by its end, or until a time the user gave."""
        session = finished.session
        self._waiting = None
        self._box = None
        spent = format_length(session.active_seconds)
        if finished.already:
            ended = session.end.astimezone(self.zone)
            self.notify(
                f"The {session.kind} box was recorded already: {spent}, until {ended:%H:%M}. "
                "Nothing more was recorded; its box file had come back.",
                title="Recorded already",
                severity="warning",
                timeout=10,
            )
            self.changed()
            return
        if rang:
            self.bell()
            title = f"{session.kind.value.capitalize()} box done"
            body = f"{spent} recorded"
            if session.link:
                body += f" on {printable(session.link)}"
            self.notify(body, title=title, timeout=10, markup=False)
            from netbalance.tui.desktop import notify

            notify(title, body)
        self.changed()
        self._offer_break(session, rang=rang)
        self._after_box(session)
        self.remind()

    # the day's reminder of who is due -----------------------------------------

    def remind(self) -> None:
        """The day's desktop reminder of who is due (at start, at a box's end), where
        notifications exist, unless it went out today (from here or `contact due
        --notify`); counted in a worker, never before the first frame."""
        from netbalance.tui import desktop

        if self.sandbox is not None or not desktop.can_notify():
            return  # the demo's people are nobody to be reminded of
        # only where a reminder can be sent: its module (with the contacts' domain) costs
        # the start ~10 ms, and this runs at the first refresh, before the first frame
        from netbalance.actions import reminders

        today = self.today()
        if self.guard(lambda: reminders.already_today(self.store, today)) is not False:
            return
        self._count_due(today)

    @work(thread=True, exclusive=True, group="reminder")
    def _count_due(self, today: date) -> None:
        from netbalance.actions import reminders

        try:
            due = reminders.due_now(self.store.path, self.clock, self.zone, today)
        except StoreError:
            return  # the app's own reads say what is wrong with the file
        self.call_from_thread(self._send_reminder, today, due)

    def _send_reminder(self, today: date, due: list[Due]) -> None:
        from netbalance.actions import reminders
        from netbalance.tui import desktop

        self.guard(
            lambda: reminders.send_once(
                self.store, today, due, lambda title, body: desktop.notify(title, body)
            )
        )

    def _ask_end(self, asked: boxes.NeedsEnd, *, rang: bool) -> None:
        """Until when to record a box that cannot be recorded as it is; Esc leaves it."""
        from netbalance.tui.screens.box_end import BoxEndScreen

        done: list[boxes.Finished] = []

        def record(at: datetime) -> str | None:
            try:
                done.append(boxes.stop(self.store, at=at, tz=self.zone))
            except boxes.NeedsEnd as again:
                return again.problem
            except (StoreError, timer.TimerError) as problem:
                return str(problem)
            return None

        def answered(recorded: bool | None) -> None:
            if recorded and done:
                self._finished(done[0], rang=rang)
            else:
                self._reload()

        screen = BoxEndScreen(asked.problem, asked.suggested, self.zone, self.clock.now, record)
        self.push_screen(screen, answered)

    def _after_box(self, session: Session) -> None:
        """A network box with a contact: the interaction form opens, over the break
        question, pre-filled with the minutes; saving links it to the session."""
        if session.kind is Kind.NETWORK and session.contact_id:
            from netbalance.tui.screens.contacts import after_network_box

            after_network_box(self, session)

    def _offer_break(self, session: Session, *, rang: bool) -> None:
        self._box_count_for_breaks += 1
        every = self.settings.long_break_every
        long = self._box_count_for_breaks % every == 0
        minutes = self.settings.long_break if long else self.settings.short_break
        kind = "long" if long else "short"
        recorded = format_length(session.active_seconds)
        on = f" on {printable(session.link)}" if session.link else ""
        question = (
            f"{session.kind.value.capitalize()} box {'done' if rang else 'finished'}: "
            f"{recorded} recorded{on}.\nTake a {kind} break of {minutes} m?"  # on its own line
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._break_end = self.clock.now() + timedelta(minutes=minutes)
                self._keys_changed()
                self.tick()

        from netbalance.tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(question, yes="Break", no="Skip"), answered)


def _collect_garbage_again() -> None:
    """The command line turns the garbage collector off while the app starts (a full
    collection of Textual's start-up objects costs ~50 ms before the first frame); once
    it is drawn, what start-up made is frozen out of future collections and the
    collector runs again."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def make_app(
    settings: Settings,
    store: Store,
    *,
    clock: Clock | None = None,
    problems: Sequence[str] = (),
    settings_path: str | None = None,
    sandbox: str | None = None,
) -> NetbalanceApp:
    """The app, built the same way for the command line and the tests (`sandbox`: the
    demo's throw-away folder, which everything it writes stays in)."""
    from netbalance.settings.themes import theme_folders
    from netbalance.tui.themes import load_themes

    themes, theme_problems = load_themes(theme_folders())
    return NetbalanceApp(
        settings,
        store,
        clock=clock,
        problems=[*problems, *theme_problems],
        themes=themes,
        settings_path=settings_path,
        sandbox=sandbox,
    )
