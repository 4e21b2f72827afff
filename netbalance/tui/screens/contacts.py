"""The contact log: the people you know, when you last spoke, who is due.

A table of contacts (sortable: `o` or a click on a heading) with the selected contact's
detail and history beside it. Keys: a add; e edit; l log an interaction; n a network box
with the contact (the interaction form follows when it ends); delete; D the due list;
Z snooze; / filter by name, organisation or #tag. Imports are in the command palette.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import compress
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Static

from netbalance.actions import cards
from netbalance.actions import contacts as people
from netbalance.core import contacts as rules
from netbalance.core.contacts import (
    CHANNEL_NOUNS,
    SORTS,
    Derived,
    FilterKey,
    filter_key,
    narrows,
    normal_filter,
)
from netbalance.core.instants import format_hours
from netbalance.core.models import Contact, Item, Kind, Session, new_id, replace
from netbalance.core.revisions import RecordChanged
from netbalance.core.text import printable
from netbalance.store.errors import StoreError
from netbalance.tui.screens.base import ModeScreen
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.contact_forms import (
    ContactDraft,
    ContactForm,
    InteractionDraft,
    InteractionForm,
    SnoozeScreen,
)
from netbalance.tui.screens.record_edit import RecordEdit
from netbalance.tui.widgets.contact_table import ContactRow, ContactTable, Rows

if TYPE_CHECKING:
    from netbalance.actions.contact_values import Counted

HEADER_SORTS = {0: "name", 1: "organisation", 3: "last contact", 4: "next due", 5: "interactions"}
SORT_COLUMNS = {sort: column for column, sort in HEADER_SORTS.items()}
BY_VALUES = {"last contact", "next due", "interactions"}  # the sorts by derived values
SORTS_BY_KEYS = BY_VALUES | {"organisation"}  # the sorts that look at `FilterKey`s
PENDING = "…"


class ContactsScreen(ModeScreen):
    """The Contacts mode."""

    MODE = "contacts"

    AUTO_FOCUS = "#contacts"
    # its look, parsed as the mode is first shown: not with the app's stylesheet, before
    # the first frame
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ContactsScreen #contacts-body { height: 1fr; }
    ContactsScreen #contacts-filter { margin: 0 1; display: none; }
    ContactsScreen #contacts-split { height: 1fr; }
    ContactsScreen #contacts { width: 2fr; height: 1fr; }
    ContactsScreen #contact-pane {
        width: 1fr;
        height: 1fr;
        border-left: solid $foreground 20%;
        padding: 0 1;
    }
    ContactTable { height: 1fr; }
    /* a narrow terminal: the contact's details under the table */
    App.-narrow ContactsScreen #contacts-split { layout: vertical; }
    App.-narrow ContactsScreen #contacts { width: 1fr; height: 3fr; }
    App.-narrow ContactsScreen #contact-pane {
        width: 1fr;
        height: 2fr;
        border-left: none;
        border-top: solid $foreground 20%;
    }
    ContactTable > .contact-table--header { text-style: bold; color: $primary; }
    ContactTable > .contact-table--cursor { background: $surface; }
    ContactTable:focus > .contact-table--cursor { background: $primary 35%; }
    ContactTable > .contact-table--overdue { color: $error; text-style: bold; }
    ContactTable > .contact-table--muted { color: $text-muted; }
    """
    BINDINGS = [
        Binding("a", "add", "Add", id="contacts.add"),
        Binding("e", "edit", "Edit", id="contacts.edit"),
        Binding("l", "log", "Log", id="contacts.log"),
        Binding("n", "network_box", "Network box", id="contacts.network"),
        Binding("delete", "delete", "Delete", id="contacts.delete"),
        Binding("D", "due", "Due", id="contacts.due"),
        Binding("Z", "snooze", "Snooze", id="contacts.snooze"),
        Binding("slash", "filter", "Filter", key_display="/", id="contacts.filter"),
        Binding("o", "sort", "Sort", id="contacts.sort"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="contacts.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.contacts: list[Contact] = []
        self.by_id: dict[str, Contact] = {}
        self.derived: Mapping[str, Derived] = {}
        self.values: Counted | None = None  # what the worker read (histories too)
        self.counted = False  # the derived values match the contacts shown
        self.filter_text = ""
        self.sort = "name"
        self.shown: list[Contact] = []
        self._keys: dict[str, FilterKey] = {}  # by contact id: see `_filter_keys`
        self._keys_for: dict[str, Contact] = {}  # the contacts (`by_id`) they were made for
        self._ordered: Listed | None = None  # every contact in the chosen order
        self._filtered: tuple[Listed, str] | None = None  # `shown` is that, filtered
        self._rows: dict[str, ContactRow] = {}
        self._rows_day: date | None = None  # the day the rows' overdue marks are for
        self._keep: str | None = None
        self._loaded = -1  # the app's data version last read
        self._detail_of: tuple[object, ...] | None = None  # what the detail pane shows

    def compose_body(self) -> ComposeResult:
        # the filter field joins the body at the first `/`
        with Vertical(id="contacts-body"), Horizontal(id="contacts-split"):
            yield ContactTable(id="contacts")
            with VerticalScroll(id="contact-pane"):
                yield Static("", id="contact-detail")

    def on_mount(self) -> None:
        super().on_mount()
        # the table is filled before the screen's first layout, so the first frame shows
        # the rows (filled when the screen resumes, a second layout and frame followed)
        self.load()

    @property
    def table(self) -> ContactTable:
        return self.query_one("#contacts", ContactTable)

    # data -----------------------------------------------------------------

    def load(self) -> None:
        """The contacts now; what the interactions say about them follows from a worker
        (reading all history takes longer than a frame)."""
        version = self.nb.data_version
        if version == self._loaded and self.contacts:
            if self._rows_day != self.nb.today():
                self.show()  # a new day: overdue marks change
            return
        contacts = self.nb.guard(lambda: people.all_contacts(self.nb.store))
        if contacts is None:
            return
        self._loaded = version
        self.contacts = contacts
        self.by_id = {contact.id: contact for contact in contacts}
        self.counted = False
        self._ordered = None
        self._rows = {}
        keep, self._keep = self._keep, None
        self.show(keep)
        # counting reads all history in a thread, which holds the interpreter while it
        # parses: start it once the table is on screen
        self.call_after_refresh(self.count, contacts)

    @work(thread=True, exclusive=True, group="contact-values", description="count")
    def count(self, contacts: list[Contact]) -> None:
        """Derived values for every contact from all interactions and network sessions,
        through a store of its own (netbalance.actions.contact_values)."""
        from netbalance.actions.contact_values import count
        from netbalance.store.errors import StoreError

        try:
            values = count(self.nb.store.path, self.nb.clock, contacts, self.nb.zone)
        except StoreError:
            return  # the app's own reads report a bad file
        self.app.call_from_thread(self._counted, contacts, values)

    def _counted(self, contacts: list[Contact], values: Counted) -> None:
        if contacts is not self.contacts:
            return  # a newer load is on its way
        self.nb.heap.kept()  # the counts and histories, kept until the data changes
        self.values = values
        self.derived = values.derived
        self.counted = True
        self._rows = {}
        if self.sort in BY_VALUES:
            self._ordered = None
        self.show()

    def _filter_keys(self) -> dict[str, FilterKey]:
        """What the filter and the sorts look at, for every contact: made when first
        wanted (at `/`, or a sort other than by name), not when the mode opens; made
        again only for the contacts that changed (the store hands back the same record
        for a contact that did not)."""
        if self._keys_for is not self.by_id:
            made, keys = self._keys_for, self._keys
            self._keys = {
                c.id: keys[c.id] if made.get(c.id) is c else filter_key(c) for c in self.contacts
            }
            self._keys_for = self.by_id
        return self._keys

    def _searchable(self, listed: Listed) -> Listed:
        """`listed` with what the filter searches; the unfiltered order is the only
        list made without it, and keeps it once made."""
        if listed.texts is not None:
            return listed
        listed = listed.searchable(self._filter_keys())
        if self._ordered is not None and self._ordered.ids is listed.ids:
            self._ordered = listed
        return listed

    def _sort_key(self) -> Callable[[Contact], tuple[object, ...]]:
        if self.sort not in SORTS_BY_KEYS:  # by name: `FilterKey`'s first part, alone
            return lambda c: (c.name.casefold(), c.id)
        derived = self.derived
        keys = self._filter_keys()
        empty = Derived()
        if self.sort == "organisation":
            return lambda c: (keys[c.id][1] or "\uffff", keys[c.id][0])
        if self.sort == "last contact":  # newest first, never-contacted last

            def last(c: Contact) -> tuple[object, ...]:
                when = derived.get(c.id, empty).last_contact
                return (0, -when.timestamp(), keys[c.id][0]) if when else (1, 0.0, "")

            return last
        if self.sort == "next due":
            return lambda c: (derived.get(c.id, empty).next_due or date.max, keys[c.id][0])
        return lambda c: (-derived.get(c.id, empty).interactions, keys[c.id][0])

    def _row(self, contact: Contact) -> ContactRow:
        row = self._rows.get(contact.id)
        if row is None:
            derived = self.derived.get(contact.id) if self.counted else None
            last = next_due = count = PENDING
            overdue = False
            if derived is not None:
                when = derived.last_contact
                last = when.astimezone(self.nb.zone).date().isoformat() if when else "never"
                next_due = derived.next_due.isoformat() if derived.next_due else ""
                overdue = self._rows_day is not None and (
                    derived.overdue_days(self._rows_day) is not None
                )
                count = str(derived.interactions)
            row = ContactRow(
                id=contact.id,
                name=printable(contact.name),
                organisation=printable(contact.organisation),
                tags=printable(" ".join(f"#{tag}" for tag in contact.tags)),
                last_contact=last,
                next_due=next_due,
                interactions=count,
                overdue=overdue,
            )
            self._rows[contact.id] = row
        return row

    def show(self, keep: str | None = None) -> None:
        """Fill the table with the contacts that pass the filter, in the chosen order.
        Sorting happens when the order or the data change; a keystroke that narrows the
        filter looks only at the contacts shown; rows are made when drawn."""
        keep = keep or self.selected_id()
        today = self.nb.today()
        if today != self._rows_day:
            self._rows_day, self._rows = today, {}
        ordered = self._ordered
        if ordered is None:
            contacts = sorted(self.contacts, key=self._sort_key())
            ordered = self._ordered = Listed(contacts, [c.id for c in contacts])
            self._filtered = None
        wanted = normal_filter(self.filter_text)
        if not wanted:
            listed = ordered
        else:
            filtered = self._filtered
            pool = filtered[0] if filtered and narrows(filtered[1], wanted) else ordered
            listed = self._searchable(pool).matching(wanted)
        self._filtered = (listed, wanted)
        shown = self.shown = listed.contacts
        self.table.set_rows(Rows(listed.ids, lambda i: self._row(shown[i])), keep)
        self.table.sort_shown(SORT_COLUMNS.get(self.sort))
        self.show_detail()

    # selection ------------------------------------------------------------

    def selected(self) -> Contact | None:
        chosen = self.table.selected_id()
        return None if chosen is None else self.by_id.get(chosen)

    def selected_id(self) -> str | None:
        return self.table.selected_id()

    @on(ContactTable.Highlighted, "#contacts")
    def highlighted(self) -> None:
        self.show_detail()

    @on(ContactTable.Chosen, "#contacts")
    def chosen(self) -> None:
        self.action_edit()

    @on(ContactTable.SortClicked, "#contacts")
    def header_clicked(self, event: ContactTable.SortClicked) -> None:
        sort = HEADER_SORTS.get(event.column)
        if sort is not None:
            self.sort = sort
            self._ordered = None
            self.show()

    def show_detail(self) -> None:
        contact = self.selected()
        before = self._detail_of
        if (
            before is not None
            and before[0] is contact
            and before[1] is self.values
            and before[2:] == (self.counted, self._loaded, self._rows_day)
        ):
            return  # the same contact, the same values: the pane is right already
        self._detail_of = (contact, self.values, self.counted, self._loaded, self._rows_day)
        pane = self.query_one("#contact-detail", Static)
        if contact is None:
            empty = (
                "No contacts yet: a adds one; the command palette (ctrl+p) imports "
                "LinkedIn connections or a vCard file."
            )
            pane.update(Text("" if self.contacts else empty))
            return
        pane.update(self.detail(contact))

    def detail(self, contact: Contact) -> Text:
        zone = self.nb.zone
        today = self.nb.today()
        derived = self.derived.get(contact.id, Derived()) if self.counted else None
        text = Text()
        text.append(printable(contact.name), style="bold")
        text.append("\n")
        for label, value in rules.contact_fields(contact):
            if value:
                text.append(f"{label}: ", style="dim")
                text.append(printable(value) + "\n")
        if derived is None:
            text.append("counting interactions …\n", style="dim")
            derived = Derived()
        else:
            last = derived.last_contact
            text.append("last contact: ", style="dim")
            text.append((last.astimezone(zone).date().isoformat() if last else "never") + "\n")
            text.append("interactions: ", style="dim")
            minutes = format_hours(derived.minutes)
            text.append(f"{derived.interactions} · {minutes} network time\n")
        if derived.next_due is not None:
            overdue = derived.overdue_days(today)
            text.append("next due: ", style="dim")
            text.append(derived.next_due.isoformat(), style="bold red" if overdue else "")
            if overdue is not None:
                text.append(" (today)" if overdue == 0 else f" ({overdue} d overdue)")
            text.append("\n")
        if contact.notes:
            text.append("\n")
            for line in contact.notes.splitlines():
                text.append(printable(line) + "\n")
        history = self.values.history(contact.id) if self.values is not None else []
        titles = self._titles() if any(i.shared_item_id for i in history) else {}
        shared = {i.shared_item_id: i for i in history if i.shared_item_id}  # newest first
        if shared:
            text.append("\nShared with them\n", style="bold")
            for item_id in shared:
                title = titles.get(item_id or "", "a deleted card")
                text.append(f"  {printable(title)}\n")
        if history:
            text.append("\nHistory\n", style="bold")
        for interaction in history[:200]:
            day = interaction.when.astimezone(zone).date().isoformat()
            text.append(f"{day}  {interaction.channel}", style="dim")
            if interaction.minutes:
                text.append(f" · {format_hours(interaction.minutes)}", style="dim")
            if interaction.exchange:
                text.append(f" · {printable(interaction.exchange)}", style="dim")
            text.append("\n")
            if interaction.shared_item_id:
                title = titles.get(interaction.shared_item_id, "a deleted card")
                text.append("  shared: " + printable(title) + "\n")
            if interaction.note:
                text.append("  " + printable(interaction.note) + "\n")
            if interaction.follow_up:
                text.append(f"  follow up {interaction.follow_up.isoformat()}\n")
        return text

    def _titles(self) -> dict[str, str]:
        items = self.nb.guard(lambda: cards.all_cards(self.nb.store)) or []
        return {item.id: item.title for item in items}

    # changes --------------------------------------------------------------

    def _saved(self, contact: Contact) -> None:
        self._keep = contact.id
        self.nb.changed()

    def action_add(self) -> None:
        form = ContactForm()

        def save(draft: ContactDraft) -> str | None:
            now = self.nb.clock.now()
            contact = _with(
                Contact(id=new_id(), name=draft.name, created=now, updated=now), draft, now
            )
            try:
                added = people.add(self.nb.store, contact)
            except (StoreError, OSError) as problem:
                return str(problem)
            self._saved(added)
            self.notify(f"Added {printable(added.name)}.", markup=False)
            return None

        form.saving = save
        self.app.push_screen(form)

    def action_edit(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        form = ContactForm(contact)
        store = self.nb.store

        def again(wanted: Contact) -> Contact:
            now = self.nb.clock.now()
            return people.add(store, replace(wanted, id=new_id(), created=now, updated=now))

        RecordEdit(
            form,
            contact,
            noun="contact",
            wanted=lambda seen, draft: _with(seen, draft, self.nb.clock.now()),
            save=lambda seen, wanted: people.edit(store, seen, wanted),
            add_again=again,
            saved=self._saved,
        )
        self.app.push_screen(form)

    def action_log(self) -> None:
        contact = self.selected()
        if contact is not None:
            log_interaction(self, contact)

    def action_network_box(self) -> None:
        contact = self.selected()
        if contact is None:
            self.notify("Select a contact first.")
            return
        if self.nb.running_box() is not None:
            self.notify("A box is running: s finishes it, x cancels it.")
            return
        from netbalance.tui.screens.length import BoxLength, LengthScreen

        def chosen(length: BoxLength | None) -> None:
            if length is not None:
                self.nb.start_box(
                    Kind.NETWORK,
                    length.minutes,
                    contact_id=contact.id,
                    contact_name=contact.name,
                )

        settings = self.nb.settings
        self.app.push_screen(
            LengthScreen(
                Kind.NETWORK,
                settings.presets(Kind.NETWORK),
                settings.default_minutes(Kind.NETWORK),
                link=f"with {printable(contact.name)}",
            ),
            chosen,
        )

    def action_delete(self) -> None:
        contact = self.selected()
        if contact is not None:
            self._ask_to_delete(contact)

    def _ask_to_delete(self, contact: Contact, again: str = "") -> None:
        """Ask about this contact and their interactions as they are now; changed before
        the answer, ask again."""
        store = self.nb.store
        count = self.nb.guard(lambda: people.interaction_count(store, contact))
        if count is None:
            return
        said = "interaction" if count == 1 else "interactions"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                done = self.nb.guard(lambda: people.delete(store, contact, count))
            except RecordChanged as changed:
                self._ask_to_delete(changed.stored, f"{changed}. ")
                return
            if done is not None:
                self.nb.changed()
                self.notify(f"Deleted, with {count} {said}.")
            else:
                self.nb.changed()

        self.app.push_screen(
            ConfirmScreen(
                f"{printable(again)}Delete {printable(contact.name)} and their {count} {said}?",
                yes="Delete",
                no="Keep",
            ),
            answered,
        )

    def action_due(self) -> None:
        from netbalance.tui.screens.contact_dialogs import DueScreen

        derived = self.derived
        if not self.counted:  # the worker is still counting: count here, once
            from netbalance.actions.contact_values import count

            nb, contacts = self.nb, self.contacts
            values = nb.guard(lambda: count(nb.store.path, nb.clock, contacts, nb.zone))
            derived = values.derived if values is not None else {}
        due = rules.due_list(self.contacts, derived, self.nb.today())

        def closed(answer: str | None) -> None:
            if answer is None:
                return
            if answer.startswith("snooze:"):
                contact = next((c for c in self.contacts if c.id == answer[7:]), None)
                if contact is not None:
                    self._select(contact.id)
                    self.snooze(contact)
                return
            self._select(answer)

        self.app.push_screen(DueScreen(due), closed)

    def _select(self, contact_id: str) -> None:
        if self.filter_text and not any(c.id == contact_id for c in self.shown):
            self.action_clear_filter()
        self.table.move_to(contact_id)

    def action_snooze(self) -> None:
        contact = self.selected()
        if contact is not None:
            self.snooze(contact)

    def snooze(self, contact: Contact) -> None:
        def answered(days: object) -> None:
            if not isinstance(days, int):
                return
            nb = self.nb
            snoozed = nb.guard(
                lambda: people.snooze(nb.store, contact, nb.today(), days, nb.clock.now())
            )
            if snoozed is not None:
                self._saved(snoozed)
                self.notify(f"Snoozed until {snoozed.snoozed_until}.")

        self.app.push_screen(SnoozeScreen(contact), answered)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._ordered = None
        self.notify(f"Sorted by {self.sort}.", timeout=2)
        self.show()

    def action_import_file(self, kind: str) -> None:
        from netbalance.tui.screens.contact_dialogs import ImportScreen

        self.app.push_screen(ImportScreen(kind))

    # filter ---------------------------------------------------------------

    def _filter_field(self) -> Input | None:
        return next(iter(self.query("#contacts-filter").results(Input)), None)

    async def action_filter(self) -> None:
        field = self._filter_field()
        if field is None:  # made at the first `/`: the mode shows sooner without it
            field = Input(
                placeholder="filter: name, organisation or #tag — Esc clears",
                id="contacts-filter",
                # nothing to validate: checked on each keystroke, the first would
                # restyle the field (a class `-valid`) for nothing
                validate_on=("submitted",),
            )
            await self.query_one("#contacts-body").mount(field, before=0)
        field.display = True
        field.focus()
        if self._ordered is not None:  # ready for the first keystroke
            self._searchable(self._ordered)

    @on(Input.Changed, "#contacts-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.show()

    @on(Input.Submitted, "#contacts-filter")
    def filter_done(self) -> None:
        self.table.focus()

    def action_clear_filter(self) -> None:
        field = self._filter_field()
        if field is not None:
            field.value = ""
            field.display = False
        self.filter_text = ""
        self.show()
        self.table.focus()


@dataclass(frozen=True, slots=True)
class Listed:
    """Contacts in the table's order with their ids, and what the filter searches in
    each side by side (`FilterKey`'s name and organisation, and tags; None until the
    filter is first used): a keystroke reads plain lists of strings, not a dictionary a
    contact (5,000 contacts a keystroke)."""

    contacts: list[Contact]
    ids: list[str]
    texts: list[str] | None = None
    tags: list[str] | None = None

    def searchable(self, keys: Mapping[str, FilterKey]) -> Listed:
        found = [keys[contact_id] for contact_id in self.ids]
        texts, tags = [key[2] for key in found], [key[3] for key in found]
        return Listed(self.contacts, self.ids, texts, tags)

    def matching(self, text: str) -> Listed:
        """Those that pass the filter `text` (as `normal_filter` makes it):
        `key_matches`, with the test written out over the whole list (`searchable`)."""
        texts, tags = self.texts, self.tags
        assert texts is not None and tags is not None, "searchable() first"
        if text == "#":
            return self
        if text[0] == "#":
            needle = f"\n{text}"
            passed = [needle in tagged for tagged in tags]
        elif "\n" in text:
            passed = [False] * len(self.ids)
        else:
            passed = [text in searched for searched in texts]
        return Listed(
            list(compress(self.contacts, passed)),
            list(compress(self.ids, passed)),
            list(compress(texts, passed)),
            list(compress(tags, passed)),
        )


def _with(contact: Contact, draft: ContactDraft, now: datetime) -> Contact:
    return replace(
        contact,
        name=draft.name,
        organisation=draft.organisation,
        role=draft.role,
        email=draft.email,
        phone=draft.phone,
        links=draft.links,
        tags=draft.tags,
        cadence_days=draft.cadence_days,
        how_met=draft.how_met,
        notes=draft.notes,
        updated=now,
    )


def log_interaction(screen: ModeScreen, contact: Contact) -> None:
    open_interaction_form(screen.nb, contact)


def open_interaction_form(
    nb: object,
    contact: Contact,
    session: Session | None = None,
    *,
    shared_item_id: str | None = None,
) -> None:
    """The interaction form; saved, it logs through `actions.contacts.log` (linked to
    `session`, or to a network box with the person that just ended: counted once).
    `shared_item_id`: a shipped card it comes with, marked shared (the review)."""
    from netbalance.tui.app import NetbalanceApp

    assert isinstance(nb, NetbalanceApp)
    store = nb.store

    def shipped() -> list[Item]:  # read when its list is first opened
        return nb.guard(lambda: cards.track_record(store)) or []

    box = session or nb.guard(lambda: people.box_to_log(store, contact, nb.clock.now()))
    minutes = round(box.minutes) if box is not None else 0
    heading = "Network box done: what happened with " if session is not None else ""
    if shared_item_id is not None:
        heading = "Shared it with "
    form = InteractionForm.kept(
        nb,
        contact,
        nb.today(),
        shipped,
        minutes=minutes,
        heading=heading,
        shared=shared_item_id,
        channel="message" if shared_item_id else "call",
        # about a box that just ended (its minutes filled in): it happened then
        clock=None if box is not None else (nb.clock.now, nb.zone),
    )

    def save(draft: InteractionDraft) -> str | None:
        try:
            logged = people.log(
                store,
                contact,
                channel=draft.channel,
                minutes=draft.minutes,
                note=draft.note,
                exchange=draft.exchange,
                shared_item_id=draft.shared_item_id,
                follow_up=draft.follow_up,
                session=session,
                card=cards.board_rules(nb.settings) if draft.card else None,
                at=draft.at,
            )
        except (ValueError, StoreError, OSError) as problem:
            return str(problem)
        said = f"Logged {CHANNEL_NOUNS[draft.channel]} with {printable(contact.name)}"
        if logged.box is not None:
            said += ", linked to the network box (counted once)"
        if logged.card is not None:
            said += f"; a follow-up card is in {printable(logged.card.column)}"
        nb.notify(f"{said}.", markup=False)
        nb.changed()
        return None

    form.saving = save
    nb.push_screen(form)


def after_network_box(nb: object, session: Session) -> None:
    """The app's hook: a network box with a contact ended; ask what happened."""
    from netbalance.tui.app import NetbalanceApp

    assert isinstance(nb, NetbalanceApp)
    if session.kind is not Kind.NETWORK or not session.contact_id:
        return
    contact = nb.guard(lambda: people.get(nb.store, session.contact_id or ""))
    if contact is not None:
        open_interaction_form(nb, contact, session)
