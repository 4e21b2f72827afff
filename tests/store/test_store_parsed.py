"""A data file's parsed copy (store/parsed.py; the main file's and a month's): a command
reads it instead of parsing the file, only while it was parsed from the file's bytes as
they are now, by this Python, and is whole; and gets the same document either way."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from nbstore_helpers import Make, kept_whole

from netbalance.store import light_json, parsed
from netbalance.store.store import Store


def _copy_of(store: Store) -> str:
    return store.main.path.removesuffix(".json") + parsed.SUFFIX


def _kept(copy_path: str, source: bytes) -> object:
    """The whole document a copy of the main file keeps (store/shelf.py)."""
    return kept_whole(parsed.load(copy_path, source))


def _on_disk(store: Store) -> object:
    return orjson.loads(Path(store.main.path).read_bytes())


def _filled(store: Store, make: Make) -> Store:
    store.items.add(make.item(title="Write the talk «Produce first» \u2014 draft 2"))
    store.contacts.add(make.contact("Ada Lovelace"))
    return store


def _unparsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a data file that is parsed fails the test."""

    def refuse(raw: bytes) -> object:
        raise AssertionError("parsed the data file")

    monkeypatch.setattr(light_json, "loads_data", refuse)


def test_the_main_file_once_read_is_read_from_its_copy_with_the_same_document(
    store: Store, open_store: Callable[..., Store], make: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(store, make)
    expected = open_store().main.data  # parsed, and the copy made
    assert expected == _on_disk(store)
    assert os.path.exists(_copy_of(store))

    _unparsed(monkeypatch)
    again = open_store()
    assert again.main.data == expected
    assert [item.title for item in again.items.all()] == [
        "Write the talk «Produce first» \u2014 draft 2"
    ]


def test_a_month_once_read_is_read_from_its_copy_with_the_same_document(
    store: Store, open_store: Callable[..., Store], make: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.sessions.add(make.session())
    month = store.month_file(make.session().start.strftime("%Y-%m"))
    expected = open_store().sessions.all()  # parsed, and the copy made
    assert os.path.exists(month.path.removesuffix(".json") + parsed.SUFFIX)

    _unparsed(monkeypatch)
    assert open_store().sessions.all() == expected


def test_a_copy_of_the_main_file_before_a_change_is_not_read(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    _filled(store, make)
    assert open_store().main.data  # the copy made
    open_store().items.add(make.item(title="Ship the draft"))  # another process saves

    again = open_store()
    assert "Ship the draft" in {item.title for item in again.items.all()}
    now = Path(store.main.path).read_bytes()
    assert _kept(_copy_of(store), now) == _on_disk(store)  # made anew


def test_a_copy_is_not_read_after_the_file_was_edited_in_place(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    """An edit that keeps the file's size and time (a hand edit within the same tick of
    the clock) still changes its bytes: the copy of the bytes before is not read."""
    _filled(store, make)
    assert open_store().main.data
    main = Path(store.main.path)
    before = main.stat()
    main.write_bytes(main.read_bytes().replace(b"Ada Lovelace", b"Ada Byron!!!"))
    os.utime(main, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (main.stat().st_ino, main.stat().st_size) == (before.st_ino, before.st_size)
    assert [c.name for c in open_store().contacts.all()] == ["Ada Byron!!!"]


def _as_made_by(copy: bytes, field: int, value: str) -> bytes:
    """`copy` with one field of its first line changed."""
    head, _, body = copy.partition(b"\n")
    fields = head.split(b" ")
    fields[field] = value.encode()
    return b" ".join(fields) + b"\n" + body


def test_a_broken_or_foreign_copy_is_not_read(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    import marshal

    _filled(store, make)
    expected = open_store().main.data
    copy_path = _copy_of(store)
    whole = Path(copy_path).read_bytes()
    flipped = bytearray(whole)
    flipped[-10] ^= 0x01
    source = Path(store.main.path).read_bytes()
    parsed.write(copy_path, source + b" ", expected)
    of_other_bytes = Path(copy_path).read_bytes()  # of the file with a space more
    for broken in (
        b"",
        b"netbalance-parsed-1",
        whole[: len(whole) // 2],  # cut short
        bytes(flipped),  # a bit changed: the CRC-32 differs
        of_other_bytes,
        _as_made_by(whole, 0, "netbalance-parsed-0"),
        parsed._head(source, b"\xffnot marshal") + b"\xffnot marshal",  # its CRC right
        parsed._head(source, marshal.dumps([1])) + marshal.dumps([1]),  # not a document
    ):
        Path(copy_path).write_bytes(broken)
        again = open_store()
        assert again.main.data == expected
        assert _kept(copy_path, source) == expected  # made again from the main file


@pytest.mark.parametrize("field", [0, 1])
def test_a_copy_made_by_another_python_or_marshal_format_is_not_read(
    store: Store,
    open_store: Callable[..., Store],
    make: Make,
    monkeypatch: pytest.MonkeyPatch,
    field: int,
) -> None:
    import marshal
    import sys

    made_by = parsed.MADE_BY.split(" ")
    assert made_by == [
        f"{sys.implementation.name}-{sys.version_info.major}.{sys.version_info.minor}",
        f"marshal-{marshal.version}",
    ]
    _filled(store, make)
    expected = open_store().main.data
    whole = Path(_copy_of(store)).read_bytes()
    made_by[field] += "0"
    monkeypatch.setattr(parsed, "MADE_BY", " ".join(made_by))  # another one reads it
    assert open_store().main.data == expected
    assert Path(_copy_of(store)).read_bytes() != whole  # made again by this one


def test_a_copy_that_cannot_be_written_changes_nothing(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    _filled(store, make)
    os.mkdir(_copy_of(store))  # in the way of the copy
    expected = open_store().main.data
    assert open_store().main.data == expected == _on_disk(store)
    assert os.path.isdir(_copy_of(store))


def test_a_read_only_main_file_gets_no_copy(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    """Its user keeps netbalance from writing there: nothing is made beside it either."""
    _filled(store, make)
    os.chmod(store.main.path, 0o444)
    assert open_store().main.data == _on_disk(store)
    assert not os.path.exists(_copy_of(store))


def test_a_writer_makes_no_copy_of_the_file_it_replaces(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    _filled(store, make)
    open_store().items.add(make.item(title="Ship the draft"))  # read, then saved anew
    assert not os.path.exists(_copy_of(store))


def test_a_change_saved_over_a_copy_read_keeps_every_record(
    store: Store, open_store: Callable[..., Store], make: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer may read the main file from its copy: what it saves is the file's
    document with its change, as if it had parsed the file."""
    _filled(store, make)
    before = open_store().main.data
    with monkeypatch.context() as patched:
        _unparsed(patched)
        open_store().items.add(make.item(title="Ship the draft"))
    after = _on_disk(store)
    assert isinstance(after, dict)
    assert after["contacts"] == before["contacts"]
    assert len(after["items"]) == len(before["items"]) + 1


def test_parsed_copies_stay_on_their_device(tmp_path: str) -> None:
    from fnmatch import fnmatch
    from types import SimpleNamespace

    from netbalance.store import devices, pending

    root = os.path.join(os.fspath(tmp_path), "nb.json")
    lines = devices.ignore_lines(root)
    for copy in ("nb.parsed", "nb.2026-11.parsed"):
        assert any(fnmatch(f"nb.devices/laptop/{copy}", line) for line in lines)
    assert not any(fnmatch("nb.devices/laptop/nb.json", line) for line in lines)

    folder = os.path.join(os.fspath(tmp_path), "nb.devices", "laptop")
    os.makedirs(folder)
    for name, seconds in (("nb.json", 1_000_000), ("nb.parsed", 2_000_000)):
        Path(folder, name).write_bytes(b"{}")
        os.utime(os.path.join(folder, name), (seconds, seconds))
    seen = pending.last_seen(SimpleNamespace(root=root))  # type: ignore[arg-type]
    assert seen["laptop"] is not None and seen["laptop"].timestamp() == 1_000_000
