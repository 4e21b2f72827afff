"""The settings file: commented defaults on first run, one-key changes that keep the
user's comments, and bad values reported (key, value, file) with the default used."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from netbalance.settings import config
from netbalance.settings.config import SCHEMA, Settings
from netbalance.settings.file import DEFAULT_TEXT, SettingsFileError, ensure_exists, set_value

USERS_FILE = """\
# My netbalance settings — hands off my comments.

[look]
theme = "nord"  # easier on the eyes at night

[boxes]
# I like long boxes.
produce_default = 50
produce_presets = [50, 90]
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_text_parses_to_the_defaults_with_no_problems() -> None:
    loaded = config.parse(tomllib.loads(DEFAULT_TEXT), "config.toml")
    assert loaded.problems == ()
    assert loaded.settings == Settings()


def test_default_text_names_every_setting_and_an_empty_keymap() -> None:
    document = tomllib.loads(DEFAULT_TEXT)
    written = {
        (section, key)
        for section, table in document.items()
        if section != "keymap"
        for key in table
    }
    assert written == set(SCHEMA)
    assert document["keymap"] == {}
    assert '# "box.produce" = ' in DEFAULT_TEXT  # a commented example


def test_the_keymap_example_works_once_uncommented() -> None:
    text = DEFAULT_TEXT.replace('# "box.produce" = ', '"box.produce" = ')
    loaded = config.parse(tomllib.loads(text), "config.toml")
    assert loaded.problems == ()
    assert loaded.settings.keymap == {"box.produce": "p,f5"}


def test_first_run_writes_the_defaults_privately(tmp_path: Path) -> None:
    path = tmp_path / "netbalance" / "config.toml"
    assert ensure_exists(str(path)) is True
    assert path.read_text(encoding="utf-8") == DEFAULT_TEXT
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert os.listdir(path.parent) == ["config.toml"]  # no temporary file left behind


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(USERS_FILE, encoding="utf-8")
    assert ensure_exists(str(path)) is False
    assert path.read_text(encoding="utf-8") == USERS_FILE


def test_set_value_keeps_the_users_comments_and_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(USERS_FILE, encoding="utf-8")

    set_value(str(path), "look", "theme", "netbalance-paper")

    assert path.read_text(encoding="utf-8") == USERS_FILE.replace('"nord"', '"netbalance-paper"')
    loaded = config.load(str(path))
    assert loaded.problems == ()
    assert loaded.settings.theme == "netbalance-paper"
    assert loaded.settings.produce_default == 50
    assert loaded.settings.produce_presets == (50, 90)


def test_set_value_adds_a_missing_key_and_section(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(USERS_FILE, encoding="utf-8")

    set_value(str(path), "boxes", "network_default", 15)
    set_value(str(path), "breaks", "long_every", 3)
    set_value(str(path), "boxes", "network_presets", (15, 45))
    set_value(str(path), "keymap", "box.produce", "p,f5")

    text = path.read_text(encoding="utf-8")
    assert text.startswith(USERS_FILE.split("[boxes]")[0])
    assert "# I like long boxes." in text
    loaded = config.load(str(path))
    assert loaded.problems == ()
    settings = loaded.settings
    assert (settings.network_default, settings.long_break_every) == (15, 3)
    assert settings.network_presets == (15, 45)
    assert settings.keymap == {"box.produce": "p,f5"}
    assert settings.theme == "nord"


def test_set_value_without_a_file_writes_the_defaults_first(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    set_value(str(path), "look", "theme", "netbalance-contrast")
    expected = DEFAULT_TEXT.replace('theme = "netbalance-dark"', 'theme = "netbalance-contrast"')
    assert path.read_text(encoding="utf-8") == expected
    assert mode(path) == 0o600
    assert config.load(str(path)).settings == Settings(theme="netbalance-contrast")


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("look", "themes", "nord"),
        ("boxes", "produce_default", 0),
        ("boxes", "produce_default", "25"),
        ("time", "week_start", "someday"),
        ("keymap", "box.produce", 3),
    ],
)
def test_set_value_refuses_what_the_settings_would_reject(
    tmp_path: Path, section: str, key: str, value: object
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(USERS_FILE, encoding="utf-8")
    with pytest.raises(ValueError, match=f"{section}.{key}"):
        set_value(str(path), section, key, value)
    assert path.read_text(encoding="utf-8") == USERS_FILE


def test_set_value_leaves_a_broken_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    broken = '[look]\ntheme = "nord\n'
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(SettingsFileError) as raised:
        set_value(str(path), "look", "theme", "netbalance-dark")
    message = str(raised.value)
    assert message.startswith(f"{path}: not valid TOML")
    assert "look.theme" in message
    assert "\n" not in message
    assert path.read_text(encoding="utf-8") == broken


def test_set_value_refuses_a_section_that_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('look = "dark"\n', encoding="utf-8")
    with pytest.raises(SettingsFileError, match=r"look is not a \[look\] table"):
        set_value(str(path), "look", "theme", "netbalance-dark")
    assert path.read_text(encoding="utf-8") == 'look = "dark"\n'


def test_set_value_through_a_symlink_changes_the_linked_file(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "netbalance.toml"
    real.parent.mkdir()
    real.write_text(USERS_FILE, encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)

    set_value(str(link), "look", "theme", "netbalance-dusk")

    assert link.is_symlink()
    assert 'theme = "netbalance-dusk"  # easier on the eyes at night' in real.read_text("utf-8")


def test_a_bad_value_is_reported_and_falls_back_to_its_default(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(DEFAULT_TEXT.replace("produce_default = 25", "produce_default = -5"))
    set_value(str(path), "look", "theme", "netbalance-light")  # other keys still change

    loaded = config.load(str(path))

    assert len(loaded.problems) == 1
    (problem,) = loaded.problems
    assert str(path) in problem
    assert "boxes.produce_default" in problem
    assert "-5" in problem
    assert loaded.settings.produce_default == Settings().produce_default
    assert loaded.settings.theme == "netbalance-light"


def board_settings(text: str) -> config.LoadedSettings:
    return config.parse(tomllib.loads(text), "config.toml")


def test_board_columns_and_wip_limit_from_the_file() -> None:
    loaded = board_settings(
        '[board]\ncolumns = [" Ideas ", "Now", "Done"]\nwip_column = "now"\nwip_limit = 0\n'
    )
    assert loaded.problems == ()
    settings = loaded.settings
    assert settings.board_columns == ("Ideas", "Now", "Done")
    assert (settings.wip_column, settings.wip_limit) == ("Now", 0)  # the column's spelling


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('columns = ["Only"]', "board.columns = ['Only'] is not a list of at least 2"),
        ('columns = ["A", "a"]', "('a' is there twice)"),
        ('columns = ["A", " "]', "each one line of 1 to 40 characters"),
        ('columns = ["A", 3]', "each one line of 1 to 40 characters"),
        ('columns = "A, B"', "board.columns = 'A, B' is not a list"),
        ("wip_limit = -1", "board.wip_limit = -1 is not a whole number from 0 to 999 (0 = no"),
        ("wip_limit = true", "board.wip_limit = True is not a whole number from 0 to 999"),
        ("wip_column = 3", "board.wip_column = 3 is not text in quotes"),
    ],
)
def test_a_bad_board_setting_falls_back_to_its_default(line: str, problem: str) -> None:
    loaded = board_settings(f"[board]\n{line}\n")
    (reported,) = loaded.problems
    assert problem in reported
    assert loaded.settings == Settings()


def test_a_wip_column_that_is_not_a_column_turns_the_limit_off() -> None:
    loaded = board_settings('[board]\ncolumns = ["Ideas", "Done"]\n')  # no "Doing" any more
    (problem,) = loaded.problems
    assert problem == (
        "config.toml: board.wip_column = 'Doing' is not one of board.columns (Ideas, Done); "
        "no WIP limit applies"
    )
    assert loaded.settings.wip_column == ""
    assert board_settings('[board]\ncolumns = ["A", "B"]\nwip_column = ""\n').problems == ()


def test_set_value_writes_the_board_columns(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    set_value(str(path), "board", "columns", ("Todo", "Doing", "Done"))
    assert config.load(str(path)).settings.board_columns == ("Todo", "Doing", "Done")
    with pytest.raises(ValueError, match=r"board\.columns"):
        set_value(str(path), "board", "columns", ("Todo",))


# the range of each number in the settings
RANGES = {
    ("boxes", "produce_default"): (1, 1440),
    ("boxes", "network_default"): (1, 1440),
    ("boxes", "minimum_minutes"): (0, 60),
    ("breaks", "short"): (1, 1440),
    ("breaks", "long"): (1, 1440),
    ("breaks", "long_every"): (1, 100),
    ("targets", "produce_hours"): (0, 168),
    ("targets", "network_hours"): (0, 168),
    ("targets", "ratio"): (0, 100),
    ("board", "wip_limit"): (0, 999),
}
# every setting that holds a number (the week's first day is written as a day's name)
NUMBERS = [
    key
    for key, (field, _) in SCHEMA.items()
    if isinstance(getattr(Settings(), field), int | float) and key != ("time", "week_start")
]
OUT_OF_RANGE = ["inf", "-inf", "nan", "1e308", "-1e308", "99999999999999999999999", "true"]


@pytest.mark.parametrize(("section", "key"), NUMBERS, ids=[f"{s}.{k}" for s, k in NUMBERS])
def test_a_number_out_of_its_range_is_named_and_defaulted(section: str, key: str) -> None:
    """inf, nan, 1e308 and the like never reach a figure (a weekly budget of 1e308 hours
    overflowed the report, a ratio of nan read "aim nan : 1"): each is reported, naming
    the key, the value and the file, and that key takes its default."""
    field = SCHEMA[(section, key)][0]
    low, high = RANGES[(section, key)]
    for value in [*OUT_OF_RANGE, str(low - 1), str(high + 1), f"{high}.5"]:
        loaded = board_settings(f"[{section}]\n{key} = {value}\n")
        (problem,) = loaded.problems
        assert problem.startswith(f"config.toml: {section}.{key} = "), problem
        assert f"from {low} to {high}" in problem and problem.endswith("; using the default")
        assert loaded.settings == Settings(), value
    for value in (low, high):  # the ends of the range are taken
        loaded = board_settings(f"[{section}]\n{key} = {value}\n")
        assert loaded.problems == () and getattr(loaded.settings, field) == value


@pytest.mark.parametrize("key", ["produce_presets", "network_presets"])
def test_a_list_of_lengths_is_bounded_too(key: str) -> None:
    for value in ["[25, inf]", "[25, 1441]", "[0]", "[]", str(list(range(1, 14)))]:
        loaded = board_settings(f"[boxes]\n{key} = {value}\n")
        (problem,) = loaded.problems
        assert problem.startswith(f"config.toml: boxes.{key} = "), problem
        assert loaded.settings == Settings()
    assert board_settings(f"[boxes]\n{key} = {list(range(1, 13))}\n").problems == ()


def test_a_number_too_long_for_python_to_read_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[breaks]\nlong_every = " + "9" * 5000 + "\n", encoding="utf-8")
    loaded = config.load(str(path))
    assert loaded.problems == (f"{path}: a number too long to read; using defaults",)
    assert loaded.settings == Settings()
