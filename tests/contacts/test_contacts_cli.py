"""The contact commands and imports through the real program, clock frozen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.nbcli import Cli

FILES = Path(__file__).resolve().parent / "files"


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data")


@pytest.fixture
def imported(run: Cli, tmp_path: Path) -> Cli:
    source = tmp_path / "Connections.csv"
    shutil.copy(FILES / "Connections.csv", source)
    run.ok("import", "linkedin", str(source))
    return run


def contacts(run: Cli) -> list[dict[str, object]]:
    listed: list[dict[str, object]] = json.loads(run.ok("contact", "list", "--json"))["contacts"]
    return listed


def test_a_new_user_imports_meets_someone_and_sees_them_due(imported: Cli) -> None:
    run = imported
    added = run.ok("item", "add", "Essay on compilers")  # "added 1a2b3c to …"
    run.ok("item", "ship", added.split()[1])
    shipped = json.loads(run.ok("item", "shipped", "--json"))["items"][0]["id"]
    started = run.ok("start", "network", "--contact", "hamilton", "--minutes", "30")
    assert "Margaret Hamilton" in started
    run.ok("stop", now=30)
    logged = run.ok(
        "contact", "log", "margaret", "--channel", "video",
        "--note", "talked Apollo", "--shared", shipped[:6], "--follow-up", "+3d", now=31,
    )  # fmt: skip
    assert "(30 m" in logged and "linked to the network box" in logged
    assert "Margaret" not in run.ok("contact", "due", now=32)
    due = json.loads(run.ok("contact", "due", "--json", now=3 * 24 * 60))["due"]
    assert [d["name"] for d in due] == ["Margaret Hamilton"]
    assert due[0]["reason"] == "follow-up" and due[0]["overdue_days"] == 0
    shown = json.loads(run.ok("contact", "show", "hamilton", "--json"))
    assert shown["contact"]["interactions"] == 1
    assert shown["history"][0]["exchange"] == "shared"
    assert shown["history"][0]["shared_item_title"] == "Essay on compilers"
    # logged a minute after the box with her: linked to it, its 30 minutes count once
    assert shown["contact"]["minutes"] == 30


def test_a_log_long_after_a_box_is_its_own_time(imported: Cli) -> None:
    run = imported
    run.ok("start", "network", "--contact", "hamilton", "--minutes", "30")
    run.ok("stop", now=30)
    logged = run.ok("contact", "log", "hamilton", "--channel", "call", "--minutes", "15", now=120)
    assert "linked" not in logged
    shown = json.loads(run.ok("contact", "show", "hamilton", "--json", now=121))
    assert shown["contact"]["minutes"] == 45  # the box and a later call: both count


def test_add_edit_show_delete(run: Cli) -> None:
    out = run.ok("contact", "add", "Ada Lovelace", "--org", "Engines", "--email", "a@e.example",
                 "--tags", "math,#history", "--cadence", "30")  # fmt: skip
    assert out.startswith("added ")
    (ada,) = contacts(run)
    assert (ada["organisation"], ada["tags"], ada["cadence_days"]) == (
        "Engines", ["math", "history"], 30)  # fmt: skip
    assert ada["next_due"] == "2026-12-28"
    run.ok("contact", "edit", "ada", "--role", "Programmer", "--cadence", "none")
    (ada,) = contacts(run)
    assert (ada["role"], ada["cadence_days"]) == ("Programmer", None)
    run.ok("contact", "log", "ada", "--minutes", "5")
    assert "and its 1 interaction" in run.ok("contact", "delete", "lovelace")
    assert contacts(run) == []
    assert json.loads(run.ok("contact", "due", "--json")) == {"schema": 1, "due": []}


def test_add_warns_of_the_same_person_only(run: Cli) -> None:
    """`contact add` says "looks like" by the rule imports merge by: a namesake at the
    same company with another email or profile is someone else."""
    run.ok("contact", "add", "John Smith", "--org", "Google", "--email", "john@one.example",
           "--link", "https://www.linkedin.com/in/jsmith-1")  # fmt: skip
    for other in (["--email", "js@two.example"], ["--link", "https://linkedin.com/in/jsmith-2"]):
        result = run("contact", "add", "John Smith", "--org", "Google", *other)
        assert result.returncode == 0 and "looks like" not in result.stderr, result
        run.ok("contact", "delete", result.stdout.split()[1])  # "added 1a2b3c John Smith"
    for same in (["--org", "Google"], ["--email", "JOHN@one.example"]):
        result = run("contact", "add", "John Smith", *same)
        assert "looks like" in result.stderr and "john" in result.stderr.lower(), result


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("contact", "add", "  "), "needs a name"),
        (("contact", "add", "X", "--cadence", "often"), "cadence"),
        (("contact", "add", "X", "--email", "nope"), "not an email"),
        (("contact", "log", "grace", "--channel", "zoom"), "unknown channel"),
        (("contact", "log", "grace"), "matches 2 contacts"),
        (("contact", "log", "nobody"), "no contact matches"),
        (("contact", "log", "kelly", "--follow-up", "someday"), "not a due date"),
        (("contact", "log", "kelly", "--minutes", "lots"), "minutes"),
        (("contact", "edit", "kelly"), "nothing to change"),
        (("start", "produce", "--contact", "kelly"), "network box"),
        (("start", "network", "--contact", "grace"), "matches 2 contacts"),
        (("contact", "snooze", "kelly", "0"), "1 to 365"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(
    run: Cli, args: tuple[str, ...], words: str
) -> None:
    run.ok("contact", "add", "Grace Hopper")
    run.ok("contact", "add", "Grace Kelly")
    before = run.files()
    result = run(*args)
    assert result.returncode == 2, result
    assert words in result.stderr and result.stderr.count("\n") == 1
    assert run.files() == before


def test_import_refuses_a_bad_file_and_keeps_the_data_byte_identical(
    imported: Cli, tmp_path: Path
) -> None:
    run = imported
    bad = tmp_path / "bad.csv"
    text = (FILES / "Connections.csv").read_text(encoding="utf-8-sig")
    bad.write_text(text + "New,Person,,,Acme,,1 Jan 2024\r\nOdd,Date,,,X,,31 Feb 2024\r\n")
    before = run.files()
    result = run("import", "linkedin", str(bad))
    assert result.returncode == 2
    assert "line 13" in result.stderr and "31 Feb 2024" in result.stderr
    assert run.files() == before
    dry = run("import", "linkedin", str(bad), "--dry-run", "--skip-bad")
    assert dry.returncode == 0 and "would import 1 new" in dry.stdout
    assert run.files() == before
    assert "imported 1 new" in run.ok("import", "linkedin", str(bad), "--skip-bad")
    assert len(contacts(run)) == 6


def test_rows_swallowed_by_an_unclosed_quote_are_each_named(run: Cli, tmp_path: Path) -> None:
    people = [f"Person,Number{n}" for n in range(1, 12)]
    rows = [f"{who},,,Acme,,1 Jan 2024" for who in people]
    rows[3] = 'Person,Number4,,,Acme,"Chief, of stuff,1 Jan 2024'  # the quote never closes…
    rows[6] = 'Person,Number7,,,Acme,"Lead",1 Jan 2024'  # …until this row's quote
    source = tmp_path / "Connections.csv"
    source.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "\n".join(rows)
        + "\n"
    )
    before = run.files()
    refused = run("import", "linkedin", str(source))
    assert refused.returncode == 2 and run.files() == before
    for said in (refused.stderr, run.ok("import", "linkedin", str(source), "--skip-bad")):
        assert "line 5: Person Number4: a quoted field runs from here to line 8" in said
        for line in (6, 7, 8):
            assert f"line {line}: Person Number{line - 1}: read into the quoted field" in said
    assert "imported 7 new, 0 merged, 0 skipped, 4 bad" in said
    imported = {c["name"] for c in contacts(run)}
    assert imported == {f"Person Number{n}" for n in (1, 2, 3, 8, 9, 10, 11)}


def test_import_missing_file_and_vcard(run: Cli) -> None:
    result = run("import", "vcard", "/no/such.vcf")
    assert result.returncode == 2 and "cannot read /no/such.vcf" in result.stderr
    assert "imported 2 new" in run.ok("import", "vcard", str(FILES / "cards-4.0.vcf"))
    assert "nothing to import" in run.ok("import", "vcard", str(FILES / "cards-4.0.vcf"))


def test_export_csv_is_safe_and_never_overwrites(run: Cli, tmp_path: Path) -> None:
    run.ok("contact", "add", '=HYPERLINK("http://evil","x")', "--org", "+1 Co")
    out = tmp_path / "c.csv"
    assert "wrote 1 contact" in run.ok("contact", "export", "--format", "csv", "-o", str(out))
    text = out.read_text()
    assert "'=HYPERLINK(" in text and ",'+1 Co," in text
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    again = run("contact", "export", "--format", "csv", "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert out.read_text() == text
    run.ok("contact", "export", "--format", "vcf", "-o", str(out), "--force")
    assert out.read_text().startswith("BEGIN:VCARD")


def test_hostile_names_print_inert(run: Cli) -> None:
    run.ok("contact", "add", "[bold]x\x1b]0;pwned\x07")
    listed = run.ok("contact", "list")
    assert "\x1b" not in listed and "[bold]x\\x1b]0;pwned\\x07" in listed


def test_an_interaction_logged_after_the_fact_counts_when_it_happened(imported: Cli) -> None:
    """Saturday 2026-11-28 09:00: Monday's lunch, logged on Saturday, is Monday's network
    time and Monday's last contact; a box that ended just before it is linked."""
    run = imported
    logged = run.ok(
        "contact", "log", "hamilton", "--channel", "in person", "--minutes", "45",
        "--at", "2026-11-23 12:30",
    )  # fmt: skip
    assert logged.startswith("logged a meeting in person with Margaret Hamilton (45 m, on Mon")
    assert "on Mon 2026-11-23 12:30" in logged
    shown = json.loads(run.ok("contact", "show", "hamilton", "--json"))
    assert shown["contact"]["last_contact"] == "2026-11-23T12:30:00+00:00"
    week = json.loads(run.ok("export", "--format", "json", "-o", "-"))
    assert week["network_minutes"] == 45
    (monday,) = [day for day in week["days"] if day["day"] == "2026-11-23"]
    assert monday["network_minutes"] == 45
    # -2h: two hours before now; a network box with her that ended then is that box
    run.ok("start", "network", "--contact", "hamilton", "--minutes", "20", now=-140)
    run.ok("stop", now=-120)
    linked = run.ok("contact", "log", "hamilton", "--at", "-2h", "--note", "call")
    assert "linked to the network box" in linked


@pytest.mark.parametrize(
    ("at", "said"),
    [
        ("2026-11-29 10:00", "--at 2026-11-29 10:00: that time has not come yet"),
        ("banana", "cannot read 'banana' as a time; use 14:00, yesterday 14:00"),
    ],
)
def test_a_log_at_a_time_to_come_or_unreadable_is_refused(
    imported: Cli, at: str, said: str
) -> None:
    before = imported.files()
    result = imported("contact", "log", "hamilton", "--at", at)
    assert result.returncode == 2 and said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert imported.files() == before


@pytest.mark.parametrize(
    "overdue_first", [True, False], ids=["overdue-set-first", "later-set-first"]
)
def test_several_follow_ups_one_due_date_in_show_list_due_and_report(
    run: Cli, overdue_first: bool
) -> None:
    # two promises to Lena; the one for Mon 23 Nov has passed (today is Sat 28 Nov)
    days = 24 * 60
    first, second = ("2026-11-23", "2026-12-14") if overdue_first else ("2026-12-14", "2026-11-23")
    run.ok("contact", "add", "Lena Dubois", "--org", "Fourth Coffee", now=-12 * days)
    run.ok("contact", "log", "lena", "--minutes", "20", "--follow-up", first, now=-10 * days)
    run.ok("contact", "log", "lena", "--minutes", "15", "--follow-up", second, now=-8 * days)
    assert "next due:      2026-11-23 (5 d overdue)" in run.ok("contact", "show", "lena")
    (lena,) = contacts(run)
    assert (lena["next_due"], lena["overdue_days"]) == ("2026-11-23", 5)
    assert "2026-11-23 (5 d overdue)" in run.ok("contact", "list")
    (due,) = json.loads(run.ok("contact", "due", "--json"))["due"]
    assert (due["next_due"], due["reason"]) == ("2026-11-23", "follow-up")
    # the weekly summary (what the dashboard and the Review show) names the same day
    assert "Next box:  Network: Lena Dubois is 5 days overdue" in run.ok("report")
