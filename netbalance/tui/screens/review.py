"""The weekly review: a week walked through in five steps (`core.review`).

← → move between the steps; [ ] go to the week before or after. Each step's keys act on
what it shows: Shipped — m (or Enter) logs a card as shared with someone, the people
suggested first; People — l logs an interaction, Z snoozes, c sets a cadence, f makes a
follow-up card; Next week — e (or Enter) plans it: budgets and focus cards; Write — e
(or Enter) writes the reflection, which finishes the review and exports the week.

The review opens on the week a review is about (last week; this week from Friday on),
at the step where it was left, kept with the week outside the undo journal: it can be
left and resumed, in this run or the next. It is done once the reflection is written.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netbalance.actions import plans
from netbalance.core.instants import format_hours
from netbalance.core.plans import STEP_TITLES, STEPS
from netbalance.core.text import printable
from netbalance.core.weeks import week_start_of
from netbalance.tui.screens.base import ModeScreen
from netbalance.tui.textual_internals import SizedByLayout
from netbalance.tui.widgets.painter import Painter

if TYPE_CHECKING:
    from textual.timer import Timer

    from netbalance.core.models import Contact
    from netbalance.core.review import Person, Review, ShippedCard

# the keys each step offers (the others cannot act there, and say so)
STEP_ACTIONS = {
    "share": "shipped",
    "log": "people",
    "snooze": "people",
    "cadence": "people",
    "follow_up_card": "people",
    "plan": "next",
    "write": "write",
}
WHY = {
    "shipped": "On the Shipped step (→): m logs a card as shared with someone.",
    "people": "On the People step: l logs, Z snoozes, c sets a cadence, f makes a card.",
    "next": "On the Next week step: e plans the week.",
    "write": "On the Write step: e writes the reflection.",
}
# actions of one key on two steps: on its partner's step an action gives the key up
SAME_KEY = {"plan": "write", "write": "plan"}


# Where the review was left is saved this long after the last step, when the Review mode
# is left, or when the app closes, not at each step: a save rewrites the main file (an
# fsync; ~14 ms on years of data), more than a frame. A kill meanwhile costs only the
# step the review resumes at.
STEP_SAVE_SECONDS = 1.0


def _one_line(line: Text) -> Text:
    """A list row on one line, cut with an ellipsis: a long note never wraps under the
    row's label (the highlighted row's detail, or its form, shows it whole)."""
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line


class ReviewScreen(ModeScreen):
    MODE = "review"
    AUTO_FOCUS = "#review-list"
    # its look, parsed as the mode is first shown: not with the app's stylesheet, before
    # the first frame
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #review-body { padding: 0 2; height: 1fr; overflow-y: auto; }
    #review-steps { margin-top: 1; height: auto; }
    #review-text { height: auto; }
    #review-pane { height: auto; }
    #review-list { height: auto; max-height: 16; border: round $foreground 20%; }
    App.-short #review-list { max-height: 12; }
    #review-list:focus { border: round $primary; }
    #review-detail { height: auto; padding: 0 1; }
    """
    BINDINGS = [
        # before the list's own (it would scroll sideways): ← → move between the steps
        Binding("right", "step(1)", "Next step", priority=True, id="review.next_step"),
        Binding("left", "step(-1)", "Prev step", priority=True, id="review.previous_step"),
        Binding(
            "left_square_bracket", "week(-1)", "Week −", key_display="[", id="review.previous_week"
        ),
        Binding(
            "right_square_bracket", "week(1)", "Week +", key_display="]", id="review.next_week"
        ),
        Binding("m", "share", "Shared with", id="review.share"),
        Binding("l", "log", "Log", id="review.log"),
        Binding("Z", "snooze", "Snooze", id="review.snooze"),
        Binding("c", "cadence", "Cadence", id="review.cadence"),
        Binding("f", "follow_up_card", "Follow-up card", id="review.follow_up_card"),
        Binding("e", "plan", "Plan", id="review.plan"),
        Binding("e", "write", "Write", id="review.write"),
        Binding("enter", "act", "Do", show=False, id="review.act"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week: date | None = None  # the reviewed week's first day; None: the default
        self.step = ""  # "" until the review is read: where it was left
        self.review: Review | None = None
        self._rows: list[object] = []  # what each option of the list stands for
        self._loaded = -1
        self._step_unsaved: tuple[date, str] | None = None  # (week, step) not saved yet
        self._step_timer: Timer | None = None
        self._painter = Painter()

    def compose_body(self) -> ComposeResult:
        # not a VerticalScroll: its arrow keys would scroll instead of moving the steps
        with Vertical(id="review-body"):
            yield SizedByLayout("", id="review-steps")
            yield SizedByLayout("", id="review-text")
            with Vertical(id="review-pane"):
                yield OptionList(id="review-list")
                yield SizedByLayout("", id="review-detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    def on_screen_suspend(self) -> None:
        self.save_step()

    def on_unmount(self) -> None:
        self.save_step()

    # reading ------------------------------------------------------------------

    @property
    def shown_week(self) -> date:
        if self.week is not None:
            return self.week
        from netbalance.actions.review import default_week

        return default_week(self.nb.today(), self.nb.settings.week_start)

    def load(self) -> None:
        nb = self.nb
        if not nb.started:
            return
        from netbalance.actions.review import review

        week = self.shown_week
        found = nb.guard(lambda: review(nb.store, week, nb.settings, nb.clock.now()))
        if found is None:
            return
        self.review = found
        self._loaded = nb.data_version
        if not self.step:
            self.step = found.step if found.step in STEPS else STEPS[0]
        self.show()

    def show(self) -> None:
        found = self.review
        if found is None:
            return
        painter = self._painter
        painter.paint(self.query_one("#review-steps", Static), self._steps_line(found))
        painter.paint(self.query_one("#review-text", Static), self._step_text(found))
        listed = self.query_one("#review-list", OptionList)
        keep = listed.highlighted
        options: list[Option] = []
        rows: list[object] = []
        if self.step == "shipped":
            for card in found.shipped:
                options.append(Option(self._card_line(card)))
                rows.append(card)
        elif self.step == "people":
            for person in found.people:
                options.append(Option(self._person_line(person)))
                rows.append(person)
        if options or self._rows:  # a step without a list leaves the empty one alone
            listed.clear_options()
            listed.add_options(options)
        self._rows = rows
        self.query_one("#review-pane").display = bool(options)
        if options:
            listed.highlighted = min(keep or 0, len(options) - 1)
        self.show_detail()
        self.refresh_bindings()

    def _steps_line(self, found: Review) -> Text:
        line = Text()
        summary = found.summary
        line.append(f"Review of {found.week}", style="bold")
        line.append(f" · {summary.first_day:%a %d %b} – {summary.last_day:%a %d %b}")
        if found.done:
            line.append("  ✓ done", style="bold")
        else:
            line.append("  not done yet", style="dim")
        line.append("   [ ] weeks\n", style="dim")
        position = STEPS.index(self.step) if self.step in STEPS else 0
        for index, step in enumerate(STEPS):
            label = f" {index + 1} {STEP_TITLES[step]} "
            if step == self.step:
                line.append(label, style="reverse bold")
            else:
                seen = index < position or (step == "write" and found.done)
                line.append(label + ("✓" if seen else " "), style="" if seen else "dim")
            line.append(" ")
        line.append("  ← → steps", style="dim")
        return line

    def _step_text(self, found: Review) -> Text:
        return {
            "balance": self._balance,
            "shipped": self._shipped,
            "people": self._people,
            "next": self._next,
            "write": self._write,
        }[self.step](found)

    def _balance(self, found: Review) -> Text:
        summary = found.summary
        plan = summary.plan
        text = Text()
        whose = "the week's own plan" if plan.own else "the settings' budgets"
        text.append(f"\nAgainst {whose}\n", style="bold")
        for budget in summary.budgets:
            kind = budget.kind.value
            colour = self.nb.kind_colour(budget.kind)
            text.append(f"  {kind:<8}", style=colour)
            text.append(f"{format_hours(budget.minutes)} of {budget.budget_hours:g} h")
            if budget.met:
                text.append("  ✓ met", style="bold")
            else:
                text.append(f"  {format_hours(budget.left_minutes)} short", style="dim")
            text.append("\n")
        text.append(f"  ratio   {summary.ratio_text}, aiming for {summary.target_text}\n")
        text.append("  verdict ", style="bold")
        text.append(printable(summary.verdict.text) + "\n")
        text.append("\nAgainst the four weeks before\n", style="bold")
        for week in (*found.before, None):
            name = found.week if week is None else week.week
            produce = summary.produce if week is None else week.produce
            network = summary.network if week is None else week.network
            ratio = summary.ratio_text if week is None else week.ratio_text
            style = "bold" if week is None else ""
            text.append(
                f"  {name}  produce {format_hours(produce):>9}  network "
                f"{format_hours(network):>9}  {ratio}\n",
                style=style,
            )
        text.append(f"  trend: {found.trend.text}\n")
        return text

    def _shipped(self, found: Review) -> Text:
        text = Text()
        count = len(found.shipped)
        text.append(
            f"\nShipped in {found.week}: {count} card{'s' if count != 1 else ''}", style="bold"
        )
        if count:
            text.append("   m: shared with someone (the suggested first)", style="dim")
        else:
            text.append("\nNothing shipped this week.", style="dim")
        return text

    def _card_line(self, card: ShippedCard) -> Text:
        line = Text("✓ ", style="bold")
        line.append(printable(card.item.title), style="bold")
        heard = ", ".join(printable(c.name) for c in card.shared_with)
        line.append(f"  shared with {heard}" if heard else "  shared with nobody yet", style="dim")
        return _one_line(line)

    def _people(self, found: Review) -> Text:
        text = Text()
        text.append("\nPeople", style="bold")
        if found.people:
            text.append("   l log · Z snooze · c cadence · f follow-up card", style="dim")
        else:
            text.append("\nNobody due, no follow-ups, nobody new this week.", style="dim")
        return text

    def _person_line(self, person: Person) -> Text:
        label = {"due": "due", "follow-up": "follow-up", "new": "new"}[person.section]
        line = Text(f"{label:<10}", style="dim")
        line.append(printable(person.name), style="bold")
        line.append(f"  {printable(person.why)}")
        return _one_line(line)

    def _next(self, found: Review) -> Text:
        upcoming = found.next_week
        text = Text()
        text.append(f"\nNext week, {upcoming.week}", style="bold")
        text.append("   e: plan it\n", style="dim")
        whose = "its own plan" if upcoming.own else "the settings' budgets (no plan of its own)"
        text.append(
            f"  produce {upcoming.produce_hours:g} h · network {upcoming.network_hours:g} h — "
            f"{whose}\n"
        )
        limit = f", at most {upcoming.wip_limit}" if upcoming.wip_limit else ""
        text.append(f"  focus ({upcoming.wip_column or 'no WIP column'}{limit}):\n")
        for item in upcoming.focus:
            text.append(f"    • {printable(item.title)}\n")
        if not upcoming.focus:
            text.append("    none chosen\n", style="dim")
        return text

    def _write(self, found: Review) -> Text:
        text = Text()
        text.append(f"\nHow did {found.week} go?", style="bold")
        if found.done:
            text.append("   e: edit the reflection\n", style="dim")
        else:
            text.append("   e: write it (saving finishes the review)\n", style="dim")
        for line in found.reflection.splitlines():
            text.append(f"  {printable(line)}\n")
        if not found.reflection:
            text.append("  not written yet\n", style="dim")
        return text

    def selected(self) -> object | None:
        listed = self.query_one("#review-list", OptionList)
        index = listed.highlighted
        if index is None or not 0 <= index < len(self._rows):
            return None
        return self._rows[index]

    @on(OptionList.OptionHighlighted, "#review-list")
    def show_detail(self) -> None:
        from netbalance.core.review import ShippedCard

        detail = self.query_one("#review-detail", Static)
        chosen = self.selected()
        text = Text()
        if isinstance(chosen, ShippedCard):
            if chosen.suggestions:
                text.append("Who should hear of it\n", style="bold")
            for suggestion in chosen.suggestions:
                text.append(f"  {printable(suggestion.name)}", style="bold")
                text.append(f"  {printable(suggestion.why)}\n", style="dim")
        self._painter.paint(detail, text)

    @on(OptionList.OptionSelected, "#review-list")
    def chosen(self) -> None:
        self.action_act()

    # moving -------------------------------------------------------------------

    def action_step(self, by: int) -> None:
        index = STEPS.index(self.step) + by
        if not 0 <= index < len(STEPS):
            return
        self.step = STEPS[index]
        self._step_unsaved = (self.shown_week, self.step)
        if self._step_timer is not None:
            self._step_timer.stop()
        self._step_timer = self.set_timer(STEP_SAVE_SECONDS, self.save_step)
        self.query_one("#review-list", OptionList).highlighted = None
        self.show()

    def save_step(self) -> None:
        """Save where the review was left, if a step moved since the last save."""
        if self._step_timer is not None:
            self._step_timer.stop()
            self._step_timer = None
        unsaved, self._step_unsaved = self._step_unsaved, None
        if unsaved is None or not self.nb.started:
            return
        nb, (week, step) = self.nb, unsaved
        nb.guard(lambda: plans.left_at(nb.store, week, step, nb.clock.now()))

    def action_week(self, by: int) -> None:
        wanted = self.shown_week + timedelta(days=7 * by)
        this_week = week_start_of(self.nb.today(), self.nb.settings.week_start)
        if wanted > this_week:
            self.notify("This is the current week; there is no next one to review yet.")
            return
        self.save_step()
        self.week = wanted
        self.step = ""
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        wanted = STEP_ACTIONS.get(action)
        if wanted is not None and wanted != self.step:
            partner = SAME_KEY.get(action)
            if partner is not None and STEP_ACTIONS[partner] == self.step:
                return False  # the key is the partner's here (Textual keeps a key's first)
            return None  # bound, off the key bar; says why
        if action in ("share", "log", "snooze", "cadence", "follow_up_card"):
            return self.selected() is not None or None
        return True

    def why_not(self, action: str) -> str:
        wanted = STEP_ACTIONS.get(action)
        if wanted is not None and wanted != self.step:
            return WHY[wanted]
        if wanted is not None:
            return "Choose a line first (↑ ↓)."
        return ""

    def action_act(self) -> None:
        """Enter: the step's own action on what is chosen."""
        action = {"shipped": "share", "people": "log", "next": "plan", "write": "write"}.get(
            self.step
        )
        if action is not None and self.check_action(action, ()):
            getattr(self, f"action_{action}")()

    # shipped ------------------------------------------------------------------

    def action_share(self) -> None:
        from netbalance.actions import contacts as people
        from netbalance.core.review import ShippedCard
        from netbalance.tui.screens.review_forms import ShareScreen

        card = self.selected()
        if not isinstance(card, ShippedCard):
            return
        nb = self.nb
        everyone = nb.guard(lambda: people.all_contacts(nb.store)) or []
        if not everyone:
            self.notify("No contacts yet: add people in Contacts (3) first.")
            return

        def picked(contact_id: str | None) -> None:
            contact = next((c for c in everyone if c.id == contact_id), None)
            if contact is not None:
                self._log(contact, shared=card.item.id)

        self.app.push_screen(ShareScreen(card.item, card.suggestions, everyone), picked)

    # people -------------------------------------------------------------------

    def _person(self) -> Contact | None:
        from netbalance.actions import contacts as people
        from netbalance.core.review import Person

        person = self.selected()
        if not isinstance(person, Person):
            return None
        nb = self.nb
        found = nb.guard(lambda: people.get(nb.store, person.contact_id))
        if found is None:
            self.notify("That contact was deleted meanwhile.")
            nb.changed()
        return found

    def _log(self, contact: Contact, shared: str | None = None) -> None:
        from netbalance.tui.screens.contacts import open_interaction_form

        open_interaction_form(self.nb, contact, shared_item_id=shared)

    def action_log(self) -> None:
        contact = self._person()
        if contact is not None:
            self._log(contact)

    def action_snooze(self) -> None:
        from netbalance.actions import contacts as people
        from netbalance.tui.screens.contact_forms import SnoozeScreen

        contact = self._person()
        if contact is None:
            return
        nb = self.nb

        def answered(days: object) -> None:
            if not isinstance(days, int):
                return
            done = nb.guard(
                lambda: people.snooze(nb.store, contact, nb.today(), days, nb.clock.now())
            )
            if done is not None:
                self.notify(
                    f"Snoozed {printable(done.name)} until {done.snoozed_until}.", markup=False
                )
                nb.changed()

        self.app.push_screen(SnoozeScreen(contact), answered)

    def action_cadence(self) -> None:
        from netbalance.actions import contacts as people
        from netbalance.tui.screens.review_forms import CadenceForm

        contact = self._person()
        if contact is None:
            return
        nb = self.nb
        form = CadenceForm(contact)

        def save(days: int | None) -> str | None:
            wanted = people.with_fields(contact, nb.clock.now(), cadence_days=days)
            try:
                people.edit(nb.store, contact, wanted)
            except (ValueError, OSError) as problem:
                return str(problem)
            said = f"every {days} days" if days else "no cadence"
            self.notify(f"{printable(contact.name)}: {said}.", markup=False)
            nb.changed()
            return None

        form.saving = save
        self.app.push_screen(form)

    def action_follow_up_card(self) -> None:
        from netbalance.actions import cards
        from netbalance.actions import contacts as people
        from netbalance.tui.screens.review_forms import FollowUpCardForm, FollowUpDraft

        contact = self._person()
        if contact is None:
            return
        nb = self.nb
        form = FollowUpCardForm(contact, nb.today())

        def save(draft: FollowUpDraft) -> str | None:
            rules = cards.board_rules(nb.settings)
            try:
                card = people.add_follow_up_card(
                    nb.store, rules, contact, draft.due, draft.note, nb.clock.now()
                )
            except (ValueError, OSError) as problem:
                return str(problem)
            self.notify(f"Added to {printable(card.column)}: {printable(card.title)}", markup=False)
            nb.changed()
            return None

        form.saving = save
        self.app.push_screen(form)

    # next week and the reflection ---------------------------------------------

    def action_plan(self) -> None:
        from netbalance.actions import cards
        from netbalance.tui.screens.review_forms import PlanDraft, PlanForm

        found = self.review
        if found is None:
            return
        upcoming = found.next_week
        nb = self.nb
        form = PlanForm(
            upcoming.week,
            upcoming.produce_hours,
            upcoming.network_hours,
            upcoming.candidates,
            [item.id for item in upcoming.focus],
            upcoming.wip_limit,
            upcoming.wip_column,
        )

        def save(draft: PlanDraft) -> str | None:
            this_week = week_start_of(nb.today(), nb.settings.week_start)
            try:
                planned = plans.set_plan(
                    nb.store,
                    cards.board_rules(nb.settings),
                    upcoming.first_day,
                    nb.clock.now(),
                    produce_hours=draft.produce_hours,
                    network_hours=draft.network_hours,
                    focus=draft.focus,
                    this_week=this_week,
                )
            except (ValueError, OSError) as problem:
                return str(problem)
            moved = len(planned.moved)
            said = f"Planned {planned.record.week}"
            if moved:
                said += f"; {moved} card{'s' if moved != 1 else ''} moved to {upcoming.wip_column}"
            self.notify(said + ".")
            nb.changed()
            return None

        form.saving = save
        self.app.push_screen(form)

    def action_write(self) -> None:
        from netbalance.tui.screens.review_forms import ReflectionForm

        found = self.review
        if found is None:
            return
        nb = self.nb
        first_day, done_before = found.first_day, found.done
        form = ReflectionForm(found.week, found.reflection, found.done)

        def save(text: str) -> str | None:
            try:
                plans.write(nb.store, first_day, text, nb.clock.now())
            except (ValueError, OSError) as problem:
                return str(problem)
            nb.changed()
            if done_before:
                self.notify("Reflection saved.")
            else:
                self.notify(f"The review of {found.week} is done.", title="Review done")
                self.export_week(first_day)
            return None

        form.saving = save
        self.app.push_screen(form)

    def export_week(self, first_day: date) -> None:
        """The reviewed week's summary (with its reflection), in the settings' formats,
        to the export folder, read and written through a store of its own."""
        from netbalance.actions.summary import weekly_summary
        from netbalance.tui.exporting import export_in_background

        nb = self.nb
        settings = nb.settings
        now = nb.clock.now()
        export_in_background(
            self, lambda: weekly_summary(nb.store.twin(), first_day, settings, now), settings
        )
