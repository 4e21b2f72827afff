"""Suite 5, backups: a save that would drop more than half of a data file's records in one
step (and at least ten of them) is refused — the store raises BigDrop, the CLI says so in
one line and exits 2, the app asks — and nothing is written. With permission (`--force`,
a yes) it goes ahead after keeping the file as `<name>.before-drop-<stamp>.json`, which no
number of later saves rotates out and `netbalance restore` lists and puts back.

Modelled on Watson #499 (months gone, the backup overwritten) and Super Productivity
#3448 (an "auto-fix" that wiped everything)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from nbrel_helpers import check_folder, run_cli

from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Interaction, Item, new_id
from netbalance.settings.config import Settings
from netbalance.store.backups import KEEP_DAYS, listing, restore
from netbalance.store.drops import BIG_DROP
from netbalance.store.errors import BigDrop
from netbalance.store.parsed import is_copy
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp, make_app
from netbalance.tui.screens.confirm import ConfirmScreen

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
STAMP = "20261126T150000"  # the before-drop backup's label at NOW
FIGURES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def summary() -> Iterator[None]:
    yield
    print(
        f"\nbig drops: {FIGURES['refused']} refused without permission (store, CLI, app), "
        f"every file byte-identical; {FIGURES['kept']} made with --force or a yes, each "
        f"kept whole as a before-drop backup; {FIGURES['later']} later saves on later days "
        f"rotated the daily backups ({KEEP_DAYS} kept) and removed none of them; "
        f"{FIGURES['everyday']} everyday removals went through unasked"
    )


# helpers ---------------------------------------------------------------------------


def people(count: int, prefix: str = "p") -> list[Contact]:
    return [
        Contact(id=f"{prefix}{n:04d}", name=f"Person {prefix}{n}", created=NOW, updated=NOW)
        for n in range(count)
    ]


def talks(contact_id: str, count: int, prefix: str) -> list[Interaction]:
    return [
        Interaction(
            id=f"{prefix}{n:04d}",
            contact_id=contact_id,
            when=NOW - timedelta(days=1, minutes=n),
            created=NOW,
            updated=NOW,
            minutes=10,
        )
        for n in range(count)
    ]


def card(title: str, when: datetime) -> Item:
    return Item(
        id=new_id(), title=title, column="Backlog", position=1.0, created=when, updated=when
    )


def imported(folder: Path, count: int = 30, clock: FakeClock | None = None) -> Store:
    """A store whose last step imported `count` contacts (the undo of it is a big drop)."""
    store = Store.open(str(folder / "nb.json"), clock or FakeClock(NOW))
    with store.transaction(f"import {count} contacts from LinkedIn"):
        store.contacts.add_many(people(count))
    return store


def talkative(folder: Path) -> Store:
    """Five contacts; Ada has 15 of the month's 18 interactions (nb.2026-11.json)."""
    store = Store.open(str(folder / "nb.json"), FakeClock(NOW))
    with store.transaction():
        store.contacts.add_many(
            [Contact(id="ada00001", name="Ada Lovelace", created=NOW, updated=NOW), *people(4)]
        )
        store.interactions.add_many([*talks("ada00001", 15, "a"), *talks("p0001", 3, "b")])
    return store


def unchanged(folder: Path, before: dict[str, bytes]) -> None:
    """A refused big drop wrote nothing."""
    assert files(folder) == before
    FIGURES["refused"] += 1


def kept_whole(backup: Path, table: str, count: int) -> None:
    """The before-drop backup holds every record the drop removed."""
    assert records(backup, table) == count
    FIGURES["kept"] += 1


def files(folder: Path) -> dict[str, bytes]:
    """Every file under the data folder (backups and the journal too) but the lock and
    the parsed copies."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock") and not is_copy(path.name)
    }


def records(path: Path, table: str) -> int:
    data: dict[str, dict[str, Any]] = orjson.loads(path.read_bytes())
    return len(data.get(table, {}))


def drop_backups(folder: Path) -> list[Path]:
    return sorted((folder / "nb.backups").glob("*.before-drop-*.json"))


def one_line_exit_2(done: Any, *names: str) -> None:
    shown = f"exit {done.returncode}, {done.stdout!r} {done.stderr!r}"
    assert done.returncode == 2, shown
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr, shown
    for name in names:
        assert name in done.stderr, shown


# the store -------------------------------------------------------------------------


def test_undo_of_an_import_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = imported(folder)
    before = files(folder)
    with pytest.raises(BigDrop) as refused:
        store.undo()
    assert refused.value.drops == [(str(folder / "nb.json"), 30, 0)]
    assert str(refused.value) == (
        f"this would remove 30 of 30 records from {folder / 'nb.json'}; nothing was changed"
    )
    unchanged(folder, before)  # byte-identical: data, journal, backups
    assert len(store.contacts.all()) == 30  # and what the store shows is the disk
    assert store.steps()[1] == 1  # the import is still done, the undo can be asked again


@pytest.mark.parametrize(
    ("had", "removed", "big"),
    [
        (1, 1, False),  # your only card: everyday
        (BIG_DROP - 1, BIG_DROP - 1, False),  # every record, but fewer than ten
        (20, 10, False),  # exactly half is left
        (19, 10, True),  # fewer than half left, ten gone
        (12, 10, True),
        (100, 51, True),
        (100, 50, False),
    ],
)
def test_the_threshold_is_more_than_half_and_at_least_ten(
    tmp_path: Path, had: int, removed: int, big: bool
) -> None:
    folder = tmp_path / "data"
    store = Store.open(str(folder / "nb.json"), FakeClock(NOW))
    with store.transaction():
        store.contacts.add_many(people(had))
    before = files(folder)
    gone = store.contacts.all()[:removed]

    def remove() -> None:
        with store.transaction():
            for contact in gone:
                store.contacts.remove(contact)

    if big:
        with pytest.raises(BigDrop):
            remove()
        unchanged(folder, before)
        assert len(store.contacts.all()) == had
    else:
        remove()
        assert len(store.contacts.all()) == had - removed
        assert drop_backups(folder) == []  # an everyday save keeps no extra backup
        FIGURES["everyday"] += 1


def test_a_contact_with_a_month_of_interactions_is_a_big_drop_of_that_month(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    store = talkative(folder)
    before = files(folder)
    ada = store.contacts.get("ada00001")
    assert ada is not None
    with pytest.raises(BigDrop) as refused, store.transaction():
        for interaction in store.interactions.of_contact(ada.id):
            store.interactions.remove(interaction)
        store.contacts.remove(ada)
    assert refused.value.drops == [(str(folder / "nb.2026-11.json"), 18, 3)]  # not nb.json
    unchanged(folder, before)
    assert len(store.interactions.of_contact("ada00001")) == 15


def test_a_permitted_drop_keeps_a_backup_that_rotation_never_removes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    clock = FakeClock(NOW)
    store = imported(folder, 30, clock)
    with store.transaction(drop_allowed=True):
        for contact in store.contacts.all()[:25]:
            store.contacts.remove(contact)
    assert len(store.contacts.all()) == 5
    kept = folder / "nb.backups" / f"nb.json.before-drop-{STAMP}.json"
    assert drop_backups(folder) == [kept]
    kept_whole(kept, "contacts", 30)  # the last state that had them

    for day in range(3 * KEEP_DAYS):  # three weeks of everyday saves, one a day
        clock.advance(days=1)
        with store.transaction():
            store.items.add(card(f"day {day}", clock.now()))
        FIGURES["later"] += 1
    dated = [p for p in (folder / "nb.backups").iterdir() if p.name.startswith("nb.json.2")]
    assert len(dated) == KEEP_DAYS  # the daily backups did rotate …
    assert records(kept, "contacts") == 30  # … and the before-drop one stayed, whole
    assert str(kept) in [path for path, _of in listing(store.backups, store.stem)]

    restored, _ = restore(store.backups, store.stem, kept.name, "before-restore-test")
    assert restored == str(folder / "nb.json")
    store.refresh()
    assert len(store.contacts.all()) == 30
    assert store.items.all() == []  # the file as it was then: restore is whole-file


def test_two_drops_in_one_second_keep_two_backups(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = imported(folder, 40)
    store.drop_allowed = True  # the store-wide permission the CLI's --force sets
    for keep in (15, 5):
        with store.transaction():
            for contact in store.contacts.all()[keep:]:
                store.contacts.remove(contact)
    kept = drop_backups(folder)
    assert [p.name for p in kept] == [
        f"nb.json.before-drop-{STAMP}-2.json",
        f"nb.json.before-drop-{STAMP}.json",
    ]
    kept_whole(kept[1], "contacts", 40)
    kept_whole(kept[0], "contacts", 15)


def test_restoring_a_nearly_empty_backup_over_a_full_file_is_a_big_drop(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = Store.open(str(folder / "nb.json"), FakeClock(NOW))
    with store.transaction():
        store.contacts.add(people(1, "x")[0])
    small = store.backups.named(store.path, "small")
    with store.transaction():
        store.contacts.add_many(people(30))
    before = files(folder)
    with pytest.raises(BigDrop) as refused:
        restore(store.backups, store.stem, small, "before-restore-test")
    assert refused.value.drops == [(store.path, 31, 1)]
    unchanged(folder, before)
    restore(store.backups, store.stem, small, "before-restore-test", drop_allowed=True)
    assert records(folder / "nb.json", "contacts") == 1
    kept = folder / "nb.backups" / "nb.json.before-restore-test.json"
    kept_whole(kept, "contacts", 31)


# the command line ------------------------------------------------------------------


def test_cli_undo_needs_force_and_restore_lists_the_backup(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    imported(folder, 30)
    db, now = str(folder / "nb.json"), NOW.isoformat()
    before = files(folder)

    refused = run_cli(["undo"], db, now)
    one_line_exit_2(refused, "30 of 30 records", db, "--force")
    unchanged(folder, before)

    done = run_cli(["undo", "--force"], db, now)
    assert done.returncode == 0, done
    assert "undid: import 30 contacts from LinkedIn" in done.stdout
    assert records(folder / "nb.json", "contacts") == 0
    kept = folder / "nb.backups" / f"nb.json.before-drop-{STAMP}.json"
    kept_whole(kept, "contacts", 30)

    for day in range(1, KEEP_DAYS + 3):  # later saves on later days rotate the daily ones
        later = (NOW + timedelta(days=day)).isoformat()
        assert run_cli(["item", "add", f"day {day}"], db, later).returncode == 0
        FIGURES["later"] += 1
    listed = run_cli(["restore"], db, now)
    assert listed.returncode == 0, listed
    assert str(kept) in listed.stdout
    assert records(kept, "contacts") == 30

    back = run_cli(["restore", kept.name], db, now)  # more records: no --force needed
    assert back.returncode == 0, back
    assert records(folder / "nb.json", "contacts") == 30


def test_cli_redo_of_a_big_undo_is_not_a_drop_but_undoing_it_again_is(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    imported(folder, 12)
    db, now = str(folder / "nb.json"), NOW.isoformat()
    assert run_cli(["undo", "--force"], db, now).returncode == 0
    assert run_cli(["redo"], db, now).returncode == 0  # adds the 12 back
    assert records(folder / "nb.json", "contacts") == 12
    before = files(folder)
    one_line_exit_2(run_cli(["undo"], db, now), "12 of 12 records", "--force")
    unchanged(folder, before)


def test_cli_contact_delete_needs_force_for_a_month_of_interactions(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    talkative(folder)
    db, now = str(folder / "nb.json"), NOW.isoformat()
    before = files(folder)
    refused = run_cli(["contact", "delete", "Ada Lovelace"], db, now)
    one_line_exit_2(refused, "15 of 18 records", str(folder / "nb.2026-11.json"), "--force")
    unchanged(folder, before)

    done = run_cli(["contact", "delete", "Ada Lovelace", "--force"], db, now)
    assert done.returncode == 0, done
    assert "and its 15 interactions" in done.stdout
    assert records(folder / "nb.2026-11.json", "interactions") == 3
    kept = folder / "nb.backups" / f"nb.2026-11.json.before-drop-{STAMP}.json"
    kept_whole(kept, "interactions", 18)
    assert str(kept) in run_cli(["restore"], db, now).stdout
    assert check_folder(str(folder)) == 5  # the data, its backups: each whole, of its role


def test_cli_restore_of_a_much_smaller_backup_needs_force(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = Store.open(str(folder / "nb.json"), FakeClock(NOW))
    with store.transaction():
        store.contacts.add(people(1, "x")[0])
    small = store.backups.named(store.path, "small")
    with store.transaction():
        store.contacts.add_many(people(20))
    db, now = str(folder / "nb.json"), NOW.isoformat()
    before = files(folder)
    one_line_exit_2(run_cli(["restore", small], db, now), "20 of 21 records", "--force")
    unchanged(folder, before)
    done = run_cli(["restore", small, "--force"], db, now)
    assert done.returncode == 0, done
    assert records(folder / "nb.json", "contacts") == 1


def test_export_force_still_means_overwrite(tmp_path: Path) -> None:
    """--force on the write commands does not take over export's --force."""
    folder = tmp_path / "data"
    imported(folder, 3)
    db, now = str(folder / "nb.json"), NOW.isoformat()
    target = tmp_path / "out.csv"
    target.write_text("old")
    export = ["contact", "export", "--format", "csv", "-o", str(target)]
    one_line_exit_2(run_cli(export, db, now), str(target))
    assert target.read_text() == "old"
    done = run_cli([*export, "--force"], db, now)
    assert done.returncode == 0, done
    assert "Person p1" in target.read_text()


# the app ---------------------------------------------------------------------------


def _app(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> NetbalanceApp:
    monkeypatch.setattr("netbalance.tui.desktop.notify", lambda title, body: True)
    monkeypatch.setenv("NETBALANCE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("NETBALANCE_NOW", raising=False)
    assert isinstance(store.clock, FakeClock)
    settings = Settings(time_zone="UTC", theme="netbalance-dark")
    return make_app(settings, store, clock=store.clock)


def _notices(app: NetbalanceApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def _question(app: NetbalanceApp) -> str:
    screen = app.screen
    assert isinstance(screen, ConfirmScreen), screen
    return screen.question


async def test_app_u_asks_before_undoing_an_import_no_keeps_yes_removes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    store = imported(folder, 30)
    before = files(folder)
    app = _app(store, tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert _question(app).startswith(
            "Undo “import 30 contacts from LinkedIn”: remove 30 of 30 records from nb.json?"
        )
        assert files(folder) == before  # asking wrote nothing

        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        unchanged(folder, before)
        assert len(store.contacts.all()) == 30
        assert "Kept: Nothing was changed." in _notices(app)

        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert store.contacts.all() == []
        assert any("undid: import 30 contacts from LinkedIn" in n for n in _notices(app))
    kept = folder / "nb.backups" / f"nb.json.before-drop-{STAMP}.json"
    kept_whole(kept, "contacts", 30)


async def test_app_a_yes_undoes_the_step_it_was_asked_about_and_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`u` asks about undoing an import of 30; meanwhile another process imports 60 more;
    `y` must not undo the 60: it says the last change is now another and asks again."""
    folder = tmp_path / "data"
    store = imported(folder, 30)
    app = _app(store, tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert "import 30 contacts" in _question(app)

        other = Store.open(str(folder / "nb.json"), FakeClock(NOW))  # another process
        with other.transaction("import 60 contacts from LinkedIn"):
            other.contacts.add_many(people(60, prefix="q"))
        await pilot.press("y")
        await pilot.pause()
        assert len(other.contacts.all()) == 90  # nothing undone
        # asked again, about that one, the question saying why (no notice over it)
        assert _question(app).startswith("The last change is now “import 60 contacts")
        assert "Undo “import 60 contacts" in _question(app)

        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    again = Store.open(str(folder / "nb.json"), FakeClock(NOW))
    assert len(again.contacts.all()) == 30  # the 60 undone, the 30 kept


async def test_app_deleting_a_contact_with_a_month_of_interactions_asks_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netbalance.tui.screens.contacts import ContactsScreen

    folder = tmp_path / "data"
    store = talkative(folder)
    before = files(folder)
    app = _app(store, tmp_path, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        screen.table.move_to("ada00001")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert "Delete Ada Lovelace and their 15 interactions?" in _question(app)
        await pilot.press("y")  # the delete dialog's yes …
        await pilot.pause()
        assert _question(app).startswith("Remove 15 of 18 records from nb.2026-11.json?")
        unchanged(folder, before)  # … was refused as a big drop, nothing written

        await pilot.press("n")
        await pilot.pause()
        assert files(folder) == before
        assert "Kept: Nothing was changed." in _notices(app)

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert store.contacts.get("ada00001") is None
        assert store.interactions.of_contact("ada00001") == []
        assert any(n.startswith("Removed: Done;") for n in _notices(app))
    kept = folder / "nb.backups" / f"nb.2026-11.json.before-drop-{STAMP}.json"
    kept_whole(kept, "interactions", 18)
