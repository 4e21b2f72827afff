"""The contact commands' arguments. Each command's module is imported only when it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from netbalance.cli.force_arg import add_force
from netbalance.cli.output import output_file

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    Lazy = Callable[[str, str], Any]
    Commands = Any  # argparse's private _SubParsersAction

EXPORT_FORMATS = ("vcf", "csv")
WHO = "an id prefix or a name (any case); an ambiguous one lists the matches"


def register(commands: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add the contact commands."""
    contact = commands.add_parser(
        "contact",
        help="the contact log: add, list, log an interaction, due …",
        description=f"The contact log. WHO is {WHO}.",
        parents=[common],
    )
    subs = contact.add_subparsers(
        title="contact commands", metavar="CONTACT_COMMAND", dest="contact_command", required=True
    )

    def command(name: str, help_text: str, function: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = subs.add_parser(
            name, help=help_text, description=help_text, parents=[common]
        )
        sub.set_defaults(run=lazy("contact_commands", function))
        return sub

    def fields(sub: argparse.ArgumentParser, *, editing: bool) -> None:
        empty = None if editing else ""
        sub.add_argument("--org", default=empty, metavar="O", help="organisation")
        sub.add_argument("--role", default=empty, metavar="R", help="role or position")
        sub.add_argument("--email", default=empty, metavar="E", help="email address")
        sub.add_argument("--phone", default=empty, metavar="P", help="phone number")
        sub.add_argument(
            "--link",
            action="append",
            default=None,
            metavar="URL",
            help="a link, e.g. a LinkedIn URL (repeat for several"
            + ("; replaces the links)" if editing else ")"),
        )
        sub.add_argument("--tags", default=None, metavar="a,b", help="tags, separated by commas")
        sub.add_argument(
            "--cadence",
            default=None,
            metavar="DAYS",
            help="stay in touch every DAYS days" + (" (0 or none removes it)" if editing else ""),
        )
        sub.add_argument("--how-met", default=empty, metavar="TEXT", help="how you met")
        sub.add_argument("--notes", default=empty, metavar="TEXT", help="notes")

    add = command("add", "add a contact", "add")
    add.add_argument("name", metavar="NAME", help="the person's name")
    fields(add, editing=False)

    listing = command("list", "every contact, by name", "list_contacts")
    listing.add_argument("--json", action="store_true", help="print JSON, every field")

    show = command("show", "a contact's fields and interactions, newest first", "show")
    show.add_argument("who", metavar="WHO", help=WHO)
    show.add_argument("--json", action="store_true", help="print JSON")

    edit = command("edit", "change a contact's fields", "edit")
    edit.add_argument("who", metavar="WHO", help=WHO)
    edit.add_argument("--name", default=None, metavar="NAME", help="a new name")
    fields(edit, editing=True)

    delete = command("delete", "delete a contact and its interactions", "delete")
    delete.add_argument("who", metavar="WHO", help=WHO)
    add_force(delete)

    log = command("log", "log an interaction with a contact (now, or --at when it was)", "log")
    log.add_argument("who", metavar="WHO", help=WHO)
    log.add_argument(
        "--at",
        default=None,
        metavar="TIME",
        help="when it happened (default now): 14:00, 'yesterday 15:00', '2026-11-20 09:30', "
        "-2h or an ISO instant",
    )
    log.add_argument(
        "--channel",
        default="other",
        metavar="C",
        help="in person, call, video, email, message, event, social or other (default)",
    )
    log.add_argument(
        "--minutes",
        default=None,
        metavar="N",
        help="minutes spent (network time); after a network box with the person, the box's",
    )
    log.add_argument("--note", default="", metavar="TEXT", help="what was said")
    log.add_argument(
        "--exchange", default="", metavar="WORD", help="shared, asked, helped or introduced"
    )
    log.add_argument(
        "--follow-up", default=None, metavar="DATE", help="2026-12-01, fri, tomorrow, +3d, +2w"
    )
    log.add_argument(
        "--shared", default=None, metavar="ITEM", help="a shipped card you shared (id prefix)"
    )
    log.add_argument(
        "--card",
        action="store_true",
        help="with --follow-up: a card 'Follow up with NAME: NOTE' in the board's first "
        "column, due then; shipping it logs the follow-up",
    )

    due = command("due", "contacts due: overdue cadences and follow-ups, most overdue first", "due")
    due.add_argument("--json", action="store_true", help="print JSON")
    due.add_argument(
        "--notify",
        action="store_true",
        help="a desktop notification of who is due, once a day (for cron or a systemd "
        "timer; the app sends the same one)",
    )

    snooze = command("snooze", "put a due contact off for N days", "snooze")
    snooze.add_argument("who", metavar="WHO", help=WHO)
    snooze.add_argument("days", metavar="DAYS", help="1 to 365")

    export = command("export", "write every contact as vCard or CSV", "export")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="the format (default: FILE's extension: people.vcf, people.csv)",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", type=output_file, help="a file (default, or -: stdout)"
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def register_imports(sources: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add this area's `netbalance import SOURCE` sources."""
    for name, help_text, file_help in (
        ("linkedin", "contacts from LinkedIn's Connections.csv", "Connections.csv"),
        ("vcard", "contacts from a vCard file (3.0 or 4.0, many cards)", "a .vcf file"),
    ):
        sub = sources.add_parser(
            name,
            help=help_text,
            description=f"Import {help_text}. All or nothing: with any bad row nothing is "
            "written (unless --skip-bad); people already in the log are merged, never "
            "duplicated.",
            parents=[common],
        )
        sub.add_argument("file", metavar="FILE", help=file_help)
        sub.add_argument("--dry-run", action="store_true", help="report, write nothing")
        sub.add_argument(
            "--skip-bad", action="store_true", help="import the good rows, report the bad ones"
        )
        sub.set_defaults(run=lazy("contact_import_commands", "run"), source=name)
