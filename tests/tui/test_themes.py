"""Theme files: the shipped ones load, look distinct and readable, switch in a real app, and
install with the wheel; broken files are reported once and skipped, never fatal."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from importlib.util import find_spec
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import Footer, Static

from netbalance.settings import paths
from netbalance.settings.config import Settings
from netbalance.settings.themes import ThemeFileError, theme_folders
from netbalance.tui.themes import (
    COLOUR_FIELDS,
    NETWORK_DEFAULT,
    NETWORK_DEFAULT_LIGHT,
    PRODUCE_DEFAULT,
    PRODUCE_DEFAULT_LIGHT,
    load_theme_file,
    load_themes,
    parse_theme,
    theme_variable_defaults,
)

SHIPPED = {
    "netbalance-dark": True,
    "netbalance-dusk": True,
    "netbalance-light": False,
    "netbalance-paper": False,
    "netbalance-contrast": True,
}
REPO = Path(__file__).resolve().parents[2]

GOOD = """\
name = "good"
dark = true
primary = "#336699"
[variables]
produce = "#ffaa00"
network = "#00aaff"
"""


def shipped() -> list[Theme]:
    themes, problems = load_themes([paths.shipped_themes_dir()])
    assert problems == []
    return themes


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two opaque colours."""

    def luminance(text: str) -> float:
        colour = Color.parse(text)

        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- the shipped themes ---------------------------------------------------------------


def test_every_shipped_theme_loads_without_problems() -> None:
    themes = shipped()
    assert {theme.name: theme.dark for theme in themes} == SHIPPED
    files = sorted(os.listdir(paths.shipped_themes_dir()))
    assert files == sorted(f"{name}.toml" for name in SHIPPED)


def test_the_default_setting_names_a_shipped_theme() -> None:
    assert Settings().theme in SHIPPED


def test_shipped_themes_set_every_colour_and_differ() -> None:
    fields = [field for field in COLOUR_FIELDS if field != "boost"]  # boost is optional
    palettes = set()
    for theme in shipped():
        palette = tuple(getattr(theme, field) for field in fields)
        assert None not in palette, theme.name
        palette += (theme.variables["produce"], theme.variables["network"])
        palettes.add(palette)
    assert len(palettes) == len(SHIPPED)
    assert len({theme.background for theme in shipped()}) == len(SHIPPED)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_theme_colours_are_readable(name: str) -> None:
    """Text colours read on every ground a widget sits on; the timer bar also puts
    $background text on $produce / $network / $warning / $success / $secondary."""
    theme = next(theme for theme in shipped() if theme.name == name)
    assert theme.background and theme.surface and theme.panel and theme.foreground
    grounds = (theme.background, theme.surface, theme.panel)
    high = name == "netbalance-contrast"
    inks = {
        "foreground": theme.foreground,
        "produce": theme.variables["produce"],
        "network": theme.variables["network"],
        "primary": theme.primary,
        "accent": theme.accent,
        "success": theme.success,
        "warning": theme.warning,
        "error": theme.error,
        "secondary": theme.secondary,
    }
    for ink_name, ink in inks.items():
        assert ink is not None
        floor = 7.0 if high or ink_name == "foreground" else 4.5
        worst = min(contrast(ink, ground) for ground in grounds)
        assert worst >= floor, f"{name}: {ink_name} {ink} reaches only {worst:.1f}:1"
    if high:
        assert contrast(theme.foreground, theme.background) >= 18


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_produce_and_network_are_told_apart(name: str) -> None:
    theme = next(theme for theme in shipped() if theme.name == name)
    produce = Color.parse(theme.variables["produce"]).hsl
    network = Color.parse(theme.variables["network"]).hsl
    hue_gap = abs(produce.h - network.h) % 1.0
    assert min(hue_gap, 1 - hue_gap) >= 0.25  # at least 90° apart on the colour wheel


def test_variable_defaults_cover_both_kinds_and_are_colours() -> None:
    assert theme_variable_defaults() == {"produce": PRODUCE_DEFAULT, "network": NETWORK_DEFAULT}
    light = theme_variable_defaults(dark=False)
    assert light == {"produce": PRODUCE_DEFAULT_LIGHT, "network": NETWORK_DEFAULT_LIGHT}
    for builtin in ("textual-dark", "textual-light"):
        theme = BUILTIN_THEMES[builtin]
        defaults = theme_variable_defaults(theme.dark)
        assert theme.background is not None or theme.dark
        ground = theme.background or "#121212"
        for colour in defaults.values():
            assert contrast(colour, ground) >= 4.5, (builtin, colour)


def test_theme_folders_are_shipped_then_the_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.CONFIG_ENV, str(tmp_path / "config.toml"))
    assert theme_folders() == [paths.shipped_themes_dir(), str(tmp_path / "themes")]


# --- broken files ------------------------------------------------------------------------

BROKEN = {
    "bad-colour": ('name = "x"\nprimary = "#zzzzzz"\n', "primary = '#zzzzzz'"),
    "bad-background": ('name = "x"\nprimary = "#123456"\nbackground = 12\n', "background = 12"),
    "unknown-key": (
        'name = "x"\nprimary = "#123456"\nprimry = "#123456"\n',
        "unknown key 'primry' (did you mean 'primary'?)",
    ),
    "unknown-key-far-off": (
        'name = "x"\nprimary = "#123456"\nzzz = 1\n',
        "unknown key 'zzz' (known keys: accent, background",
    ),
    "not-toml": ('name = "x\nprimary = \n', "not valid TOML"),
    "number-too-long": (f'name = "x"\nprimary = "#123456"\ndark = {"9" * 5000}\n', "too long"),
    "missing-name": ('primary = "#123456"\n', "no name"),
    "empty-name": ('name = ""\nprimary = "#123456"\n', "name = ''"),
    "missing-primary": ('name = "x"\n', "no primary"),
    "dark-not-bool": ('name = "x"\nprimary = "#123456"\ndark = "yes"\n', "dark = 'yes'"),
    "alpha-out-of-range": ('name = "x"\nprimary = "#123456"\ntext_alpha = 2\n', "text_alpha = 2"),
    "bad-produce": (
        'name = "x"\nprimary = "#123456"\n[variables]\nproduce = "orangeish"\n',
        "variables.produce = 'orangeish'",
    ),
    "unknown-variable": (
        'name = "x"\nprimary = "#123456"\n[variables]\nproduse = "#ff0000"\n',
        "unknown variable 'produse' (did you mean 'produce'?)",
    ),
    "bad-textual-variable": (
        'name = "x"\nprimary = "#123456"\n[variables]\nfooter-key-foreground = "bright"\n',
        "variables.footer-key-foreground = 'bright'",
    ),
    "bad-text-style": (
        'name = "x"\nprimary = "#123456"\n[variables]\nblock-cursor-text-style = "loud"\n',
        "variables.block-cursor-text-style = 'loud'",
    ),
    "variables-not-a-table": ('name = "x"\nprimary = "#123456"\nvariables = 3\n', "variables = 3"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_is_reported_once_and_skipped(tmp_path: Path, case: str) -> None:
    text, detail = BROKEN[case]
    (tmp_path / "a-good.toml").write_text(GOOD)
    broken = tmp_path / f"{case}.toml"
    broken.write_text(text)
    (tmp_path / "z-good.toml").write_text(GOOD.replace('"good"', '"also-good"'))

    themes, problems = load_themes([paths.shipped_themes_dir(), str(tmp_path)])

    assert [theme.name for theme in themes] == [*sorted(SHIPPED), "good", "also-good"]
    assert len(problems) == 1
    (problem,) = problems
    assert problem.startswith(f"{broken}: ")
    assert detail in problem
    assert problem.endswith("theme skipped")
    assert "\n" not in problem
    with pytest.raises(ThemeFileError) as raised:
        load_theme_file(str(broken))
    assert str(raised.value) == problem


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "latin.toml").write_bytes(b'name = "caf\xe9"\nprimary = "#123456"\n')
    themes, problems = load_themes([str(tmp_path)])
    assert themes == []
    assert problems == [f"{tmp_path / 'latin.toml'}: not UTF-8 text; theme skipped"]


def test_a_missing_folder_is_no_problem_and_other_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a theme")
    (tmp_path / ".hidden.toml").write_text("broken = ")
    (tmp_path / "folder.toml").mkdir()
    themes, problems = load_themes([str(tmp_path / "nowhere"), str(tmp_path)])
    assert (themes, problems) == ([], [])


def test_a_users_theme_replaces_a_shipped_one_of_the_same_name(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(GOOD.replace('"good"', '"netbalance-dark"'))
    themes, problems = load_themes([paths.shipped_themes_dir(), str(tmp_path)])
    assert problems == []
    dark = [theme for theme in themes if theme.name == "netbalance-dark"]
    assert len(dark) == 1
    assert dark[0].primary == "#336699"


def test_two_files_with_one_name_in_one_folder_keep_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    (tmp_path / "b.toml").write_text(GOOD.replace("#336699", "#993366"))
    themes, problems = load_themes([str(tmp_path)])
    assert [(theme.name, theme.primary) for theme in themes] == [("good", "#336699")]
    assert problems == [
        f"{tmp_path / 'b.toml'}: the name 'good' is already used by {tmp_path / 'a.toml'}; "
        "theme skipped"
    ]


def test_missing_own_variables_get_the_defaults_for_the_themes_brightness() -> None:
    dark = parse_theme({"name": "d", "primary": "#123456"}, "d.toml")
    light = parse_theme({"name": "l", "primary": "#123456", "dark": False}, "l.toml")
    assert dark.variables == theme_variable_defaults(dark=True)
    assert light.variables == theme_variable_defaults(dark=False)
    assert dark.dark and not light.dark


def test_every_textual_builtin_theme_passes_the_checks() -> None:
    """The checks accept every value form Textual's own themes use (rgb, names, ansi
    colours, "#rrggbbaa", "#hex 35%", text styles), so they are strict, not narrow."""
    fields = COLOUR_FIELDS
    for theme in BUILTIN_THEMES.values():
        table: dict[str, object] = {"name": theme.name, "dark": theme.dark}
        table |= {f: getattr(theme, f) for f in fields if getattr(theme, f) is not None}
        table |= {"luminosity_spread": theme.luminosity_spread, "text_alpha": theme.text_alpha}
        table["variables"] = dict(theme.variables)
        parsed = parse_theme(table, f"{theme.name}.toml")
        assert {k: v for k, v in parsed.variables.items() if k in theme.variables} == (
            theme.variables
        )


# --- in a running app ----------------------------------------------------------------------


class ThemedApp(App[None]):
    """The least app that uses netbalance's variables the way the real stylesheet does."""

    CSS = """
    #produce { background: $produce; color: $background; }
    #network { color: $network; background: $panel; }
    """

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variable_defaults(self.current_theme.dark)

    def compose(self) -> ComposeResult:
        yield Static("produce", id="produce")
        yield Static("network", id="network")
        yield Footer()


TRICKY = """\
name = "tricky"
dark = false
primary = "rgb(30,144,255)"
secondary = "hsl(200,50%,40%)"
background = "ansi_default"
surface = "transparent"
panel = "#ffffff80"
foreground = "darkslategray"
boost = "#0000"
luminosity_spread = 0
text_alpha = 1

[variables]
produce = "darkorange"
footer-key-foreground = "#81a1c1 35%"
text-muted = "auto 50%"
block-cursor-text-style = "bold not underline"
"""


async def test_every_theme_switches_in_a_running_app(tmp_path: Path) -> None:
    (tmp_path / "tricky.toml").write_text(TRICKY)
    themes, problems = load_themes([paths.shipped_themes_dir(), str(tmp_path)])
    assert problems == []
    app = ThemedApp()
    for theme in themes:
        app.register_theme(theme)
    async with app.run_test() as pilot:
        for theme in themes:
            app.theme = theme.name
            await pilot.pause()
            variables = app.get_css_variables()
            assert variables["produce"] == theme.variables["produce"]
            assert variables["network"] == theme.variables["network"]
            produce = app.query_one("#produce").styles.background
            assert produce == Color.parse(theme.variables["produce"])
        # Textual's own themes know nothing of netbalance: the defaults colour them.
        for builtin in ("nord", "textual-light"):
            app.theme = builtin
            await pilot.pause()
            expected = theme_variable_defaults(app.current_theme.dark)
            assert app.get_css_variables()["produce"] == expected["produce"]
            assert app.get_css_variables()["network"] == expected["network"]


# --- installed with the package ---------------------------------------------------------


@pytest.mark.slow
def test_wheel_installs_every_shipped_theme(tmp_path: Path) -> None:
    """SLOW (15–30 s): build the wheel, install it into a fresh venv outside the checkout,
    and ask the installed package where its themes are."""
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-w", str(wheels)]
    build += ["--quiet", "--disable-pip-version-check"]
    if find_spec("hatchling") is not None:
        build.append("--no-build-isolation")  # offline and faster when hatchling is here
    subprocess.run(build, check=True, cwd=tmp_path, timeout=120)
    (wheel,) = wheels.glob("netbalance-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        packed = {Path(name).name for name in archive.namelist() if "/themes/" in name}
    assert packed == {f"{name}.toml" for name in SHIPPED}

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)]
    subprocess.run([*install, "--disable-pip-version-check"], check=True, timeout=120)

    probe = "import netbalance.settings.paths as p, os; print(p.shipped_themes_dir()); "
    probe += "print(sorted(os.listdir(p.shipped_themes_dir())))"
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    result = subprocess.run(
        [str(python), "-c", probe],
        cwd=tmp_path,
        env=clean_env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    where, listing = result.stdout.splitlines()
    assert Path(where).is_relative_to(env_dir), where
    assert listing == repr(sorted(f"{name}.toml" for name in SHIPPED))
