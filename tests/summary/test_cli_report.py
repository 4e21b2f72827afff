"""`netbalance report` and `netbalance export` through a real subprocess, the clock
frozen at Saturday 2026-11-28 09:00 UTC (2026-W48), on the demo data."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from nbcli import Cli, cli_env

from netbalance.exports import FORMATS


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "data"
    Cli(folder).ok("demo", str(folder / "nb.json"), "--weeks", "4")
    return folder


@pytest.fixture
def run(demo_folder: Path) -> Cli:
    return Cli(demo_folder)


def test_report_piped_is_plain_text(run: Cli) -> None:
    out = run.ok("report", "--week", "last")
    assert out.startswith("# Week 2026-W47 · Mon 16 Nov – Sun 22 Nov 2026\n")
    assert "Verdict:" in out and "Per day" in out
    assert "\x1b" not in out


def test_a_past_week_is_reported_in_the_past(run: Cli) -> None:
    """Last week is over: no time is "left" in it and no next box is suggested for it;
    this week still has both."""
    past = run.ok("report", "--week", "last")
    assert " left" not in past and "Next box" not in past and "today" not in past
    assert "produce 17 h 33 m of 20 h — 2 h 27 m short; network 6 h 11 m of 5 h — met" in past
    assert "Shared in 2026-W47" in past and "Follow-ups due the week after" in past
    assert "— reach out" not in past and "nothing recorded yet" not in past
    current = run.ok("report")
    assert "Next box:" in current and "Shared this week" in current
    assert " left" in current  # the demo's week is under its produce budget on Saturday


def test_report_and_json_export_agree(run: Cli) -> None:
    doc = json.loads(run.ok("export", "--week", "2026-W47", "--format", "json"))
    out = run.ok("report", "--week", "2026-11-18")
    produce = doc["produce_minutes"]
    assert f"Produce:   {produce // 60} h {produce % 60:02d} m" in out
    assert f"Ratio:     {doc['ratio_text']} (target 3 : 1)" in out
    assert doc["week"] == "2026-W47" and doc["schema"] == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_a_file_is_private_and_never_overwritten(
    run: Cli, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"week.{fmt}"
    result = run("export", "--week", "last", "--format", fmt, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_bytes()
    printed = run("export", "--week", "last", "--format", fmt).stdout  # text mode: \r\n → \n
    assert first.replace(b"\r\n", b"\n") == printed.encode("utf-8")
    target.write_bytes(b"mine")
    refused = run("export", "--week", "last", "--format", fmt, "-o", str(target))
    assert refused.returncode == 2
    assert refused.stderr.strip().endswith("exists already; add --force to overwrite it")
    assert target.read_bytes() == b"mine"
    forced = run("export", "--week", "last", "--format", fmt, "-o", str(target), "--force")
    assert forced.returncode == 0
    assert target.read_bytes() == first


def test_a_dash_for_the_file_means_standard_output(
    run: Cli, demo_folder: Path, tmp_path: Path
) -> None:
    """`-o -` prints, as Unix tools read a dash; it never makes a file named `-`."""
    for command in (
        ["export", "--week", "last", "--format", "md"],
        ["contact", "export", "--format", "csv"],
    ):
        dashed = subprocess.run(
            [sys.executable, "-m", "netbalance", *command, "-o", "-"],
            env=cli_env(demo_folder),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
        assert (dashed.returncode, dashed.stderr) == (0, "")
        assert dashed.stdout == run.ok(*command) != ""
    assert list(tmp_path.iterdir()) == []


def test_bad_input_is_one_line_and_exit_2(run: Cli, tmp_path: Path) -> None:
    for args in (
        ("report", "--week", "2026-W60"),
        ("export", "--format", "pdf"),
        ("export", "--format", "md", "-o", str(tmp_path / "missing" / "x.md")),
        ("export", "--format", "md", "-o", str(tmp_path)),
    ):
        result = run(*args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_an_empty_data_file_reports_nothing_recorded(tmp_path: Path) -> None:
    out = Cli(tmp_path / "data").ok("report")
    assert "Week 2026-W48" in out
    assert "nothing recorded yet" in out


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("week.md", "md"), ("Week.HTML", "html"), ("week.htm", "html"), ("w.csv", "csv"),
     ("w.json", "json"), ("w.ics", "ics")],
)  # fmt: skip
def test_export_takes_the_format_from_the_files_extension(
    run: Cli, tmp_path: Path, name: str, fmt: str
) -> None:
    target = tmp_path / name
    assert run("export", "--week", "last", "-o", str(target)).returncode == 0
    printed = run.ok("export", "--week", "last", "--format", fmt)  # text mode: \r\n → \n
    assert target.read_bytes().replace(b"\r\n", b"\n") == printed.encode()


def test_an_explicit_format_wins_over_the_extension(run: Cli, tmp_path: Path) -> None:
    target = tmp_path / "week.md"
    assert run("export", "--week", "last", "--format", "json", "-o", str(target)).returncode == 0
    assert json.loads(target.read_text())["week"] == "2026-W47"


@pytest.mark.parametrize(
    "command",
    [("export", "--week", "last"), ("contact", "export")],
    ids=["export", "contact-export"],
)
def test_an_unknown_extension_without_format_is_one_line_and_exit_2(
    run: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    target = tmp_path / "week.pdf"
    result = run(*command, "-o", str(target))
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert str(target) in line and "--format" in line
    assert not target.exists()
    bare = run(*command)  # standard output: nothing to tell the format by
    assert bare.returncode == 2 and len(bare.stderr.strip().splitlines()) == 1


def test_contact_export_takes_the_format_from_the_extension(run: Cli, tmp_path: Path) -> None:
    cards, table = tmp_path / "people.vcf", tmp_path / "people.CSV"
    assert run("contact", "export", "-o", str(cards)).returncode == 0
    assert run("contact", "export", "-o", str(table)).returncode == 0
    assert cards.read_text().startswith("BEGIN:VCARD")
    printed = run.ok("contact", "export", "--format", "csv")
    assert table.read_bytes().replace(b"\r\n", b"\n") == printed.encode()
