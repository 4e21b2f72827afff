"""The app's export notice: the folder once, `~` for the home folder, a file a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from netbalance.tui.exporting import written_notice


def test_the_notice_names_the_folder_once_and_each_file_on_its_own_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / "Documents" / "netbalance"
    written = [str(folder / "netbalance-2026-W48.md"), str(folder / "netbalance-2026-W48.html")]
    assert written_notice("2026-W48", written) == (
        "2026-W48 written to ~/Documents/netbalance:\n"
        "netbalance-2026-W48.md\nnetbalance-2026-W48.html"
    )


def test_a_folder_outside_home_is_shown_whole_and_inert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    folder = tmp_path / "home-other\x1b[31m"  # shares the prefix, not the folder
    notice = written_notice("2026-W48", [str(folder / "netbalance-2026-W48.md")])
    assert notice.splitlines()[0] == f"2026-W48 written to {tmp_path}/home-other\\x1b[31m:"
    assert "\x1b" not in notice


def test_no_format_set_says_so() -> None:
    assert written_notice("2026-W48", []) == "2026-W48: no format is set in [export] formats"
