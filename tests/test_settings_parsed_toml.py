"""The settings file and theme files read through their parsed copy: read instead of
parsing while a file holds the bytes it was parsed from, and never trusted otherwise."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path
from zlib import crc32

import pytest

from netbalance.settings import config, parsed_toml
from netbalance.settings.file import DEFAULT_TEXT
from netbalance.settings.themes import theme_files

SETTINGS = DEFAULT_TEXT.replace("produce_default = 25", "produce_default = 50")


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, and a process that has read no copy yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(parsed_toml, "_kept", None)
    return tmp_path / "cache" / "netbalance" / parsed_toml.NAME


def fresh_process() -> None:
    """As a new command starts: the copy is read from its file again."""
    parsed_toml._kept = None


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_settings_read_again_come_from_the_copy_without_tomllib(
    tmp_path: Path, cache: Path
) -> None:
    settings = write(tmp_path / "config.toml", SETTINGS)
    assert config.load(str(settings)).settings.produce_default == 50
    assert cache.is_file()
    assert oct(cache.stat().st_mode & 0o777) == "0o600"
    script = (
        "import sys; from netbalance.settings import config; "
        f"loaded = config.load({str(settings)!r}); "
        "print(loaded.settings.produce_default, loaded.problems, 'tomllib' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["50", "()", "False"]


def test_a_changed_file_of_the_same_length_is_parsed_again(tmp_path: Path) -> None:
    settings = write(tmp_path / "config.toml", SETTINGS)
    assert config.load(str(settings)).settings.produce_default == 50
    fresh_process()
    write(settings, SETTINGS.replace("produce_default = 50", "produce_default = 90"))
    assert config.load(str(settings)).settings.produce_default == 90
    fresh_process()
    assert config.load(str(settings)).settings.produce_default == 90


def test_a_bad_file_is_reported_each_time_and_never_kept(tmp_path: Path, cache: Path) -> None:
    settings = write(tmp_path / "config.toml", "[boxes\nproduce_default = 50\n")
    for _ in range(2):
        fresh_process()
        problems = config.load(str(settings)).problems
        assert len(problems) == 1 and "not valid TOML" in problems[0], problems
    assert not cache.exists()
    write(settings, f"[boxes]\nproduce_default = {'9' * 5000}\n")
    assert "a number too long to read" in config.load(str(settings)).problems[0]


@pytest.mark.parametrize(
    "damage", ["truncated", "flipped", "other-python", "not-a-dict", "bad-entry", "bad-document"]
)
def test_a_damaged_copy_is_not_read_and_is_made_again(
    tmp_path: Path, cache: Path, damage: str
) -> None:
    settings = write(tmp_path / "config.toml", SETTINGS)
    source = settings.read_bytes()
    config.load(str(settings))
    raw = cache.read_bytes()
    _, _, body = raw.partition(b"\n")
    # each a copy that would say produce_default = 5 if it were trusted
    forged = {
        path: (length, crc, marshal.dumps({"boxes": {"produce_default": 5}}))
        for path, (length, crc, _) in marshal.loads(body).items()
    }
    forged_body = marshal.dumps(forged)
    if damage == "truncated":
        cache.write_bytes(raw[: len(raw) // 2])
    elif damage == "flipped":  # the forged body under the head of the true one
        cache.write_bytes(raw.partition(b"\n")[0] + b"\n" + forged_body)
    elif damage == "other-python":
        head = parsed_toml._head(forged_body).replace(b"marshal-", b"marshal-9")
        cache.write_bytes(head + forged_body)
    else:  # whole, by this Python, but not what a copy holds
        shape = {
            "not-a-dict": [1, 2],
            "bad-entry": {str(settings): "produce_default = 5"},
            "bad-document": {str(settings): (len(source), crc32(source), b"x")},
        }[damage]
        wrong = marshal.dumps(shape)
        cache.write_bytes(parsed_toml._head(wrong) + wrong)
    fresh_process()
    assert config.load(str(settings)).settings.produce_default == 50
    fresh_process()
    assert parsed_toml._read()[str(settings)][:2] == (len(source), crc32(source))


def test_each_reader_gets_a_document_of_its_own(tmp_path: Path) -> None:
    settings = write(tmp_path / "config.toml", SETTINGS)
    raw = settings.read_bytes()
    first = parsed_toml.loads(str(settings), raw)
    first["boxes"]["produce_default"] = 1
    assert parsed_toml.loads(str(settings), raw)["boxes"]["produce_default"] == 50
    fresh_process()
    second = parsed_toml.loads(str(settings), raw)
    second["boxes"]["produce_default"] = 2
    assert parsed_toml.loads(str(settings), raw)["boxes"]["produce_default"] == 50


def test_a_file_with_a_date_is_read_each_time_and_not_kept(tmp_path: Path, cache: Path) -> None:
    """marshal keeps no dates: such a file is parsed each time (and its unknown key told)."""
    settings = write(tmp_path / "config.toml", SETTINGS + "\n[extra]\nsince = 2026-01-01\n")
    for _ in range(2):
        fresh_process()
        loaded = config.load(str(settings))
        assert loaded.settings.produce_default == 50
        assert len(loaded.problems) == 1 and "extra" in loaded.problems[0], loaded.problems
    assert not cache.exists()


def test_the_copy_keeps_the_latest_files_parsed(tmp_path: Path) -> None:
    files = [write(tmp_path / f"config-{n}.toml", SETTINGS) for n in range(parsed_toml.KEEP + 8)]
    for path in files:
        config.load(str(path))
    fresh_process()
    kept = parsed_toml._read()
    assert list(kept) == [str(path) for path in files[-parsed_toml.KEEP :]]
    # changed, the oldest file kept is parsed again: now the latest, the last to go
    oldest = files[-parsed_toml.KEEP]
    write(oldest, SETTINGS.replace("produce_default = 50", "produce_default = 90"))
    assert config.load(str(oldest)).settings.produce_default == 90
    config.load(str(files[0]))
    fresh_process()
    assert list(parsed_toml._read())[-2:] == [str(oldest), str(files[0])]
    assert len(parsed_toml._read()) == parsed_toml.KEEP


def test_a_cache_folder_that_cannot_be_written_costs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = write(tmp_path / "not-a-folder", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    settings = write(tmp_path / "config.toml", SETTINGS)
    for _ in range(2):
        fresh_process()
        loaded = config.load(str(settings))
        assert (loaded.settings.produce_default, loaded.problems) == (50, ())


def test_theme_files_are_read_through_the_copy(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    theme = write(folder / "mine.toml", 'name = "mine"\nprimary = "#112233"\n')
    assert theme_files([str(folder)])[0][0].table["primary"] == "#112233"
    fresh_process()
    assert str(theme) in parsed_toml._read()
    write(theme, 'name = "mine"\nprimary = "#445566"\n')
    assert theme_files([str(folder)])[0][0].table["primary"] == "#445566"
