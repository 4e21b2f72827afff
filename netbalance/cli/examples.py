"""Two examples for every command's --help, shown last (`examples:`). A new command adds
its pair here; `tests/cli/test_cli_help.py` checks that every command has two."""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, str]] = {
    "": ("netbalance start produce --minutes 50", "netbalance report --week last"),
    "start": (
        "netbalance start produce +writing --minutes 50 --item 3fa2",
        "netbalance start network --contact ada --at -10m",
    ),
    "restart": ("netbalance restart", "netbalance restart --minutes 25 --at 09:10"),
    "pause": ("netbalance pause", "netbalance pause && netbalance status"),
    "resume": ("netbalance resume", "netbalance resume && netbalance status"),
    "extend": ("netbalance extend", "netbalance extend --minutes 15"),
    "stop": ("netbalance stop --note 'first draft done'", "netbalance stop --at -5m"),
    "cancel": ("netbalance cancel", "netbalance cancel && netbalance status"),
    "status": (
        "netbalance status --format '{kind} {clock}' --idle ''",
        "netbalance status --format waybar",
    ),
    "log": ("netbalance log --week last", "netbalance log --month 2026-11 --json"),
    "item": ("netbalance item add 'Draft the essay' --due fri", "netbalance item list"),
    "item add": (
        "netbalance item add 'Draft the essay' --tags writing --due fri",
        "netbalance item add 'Ship v2' --column Next --estimate 4",
    ),
    "item list": ("netbalance item list --column Doing", "netbalance item list --json"),
    "item move": ("netbalance item move 3fa2 Doing", "netbalance item move 3fa2 next"),
    "item ship": (
        "netbalance item ship 3fa2",
        "netbalance item ship 3fa2 && netbalance item shipped",
    ),
    "item edit": (
        "netbalance item edit 3fa2 --title 'Draft the long essay'",
        "netbalance item edit 3fa2 --no-due --tags writing,deep",
    ),
    "item delete": (
        "netbalance item delete 3fa2",
        "netbalance item delete 3fa2 && netbalance undo",
    ),
    "item archive": (
        "netbalance item archive",
        "netbalance item archive && netbalance item shipped",
    ),
    "item shipped": ("netbalance item shipped", "netbalance item shipped --json"),
    "contact": ("netbalance contact add 'Ada Lovelace'", "netbalance contact due"),
    "contact add": (
        "netbalance contact add 'Ada Lovelace' --org Engines --cadence 30",
        "netbalance contact add 'Grace Hopper' --email grace@example.org --tags navy",
    ),
    "contact list": ("netbalance contact list", "netbalance contact list --json"),
    "contact show": ("netbalance contact show ada", "netbalance contact show lovelace --json"),
    "contact edit": (
        "netbalance contact edit ada --role Programmer",
        "netbalance contact edit ada --cadence none",
    ),
    "contact delete": ("netbalance contact delete ada", "netbalance contact delete ada --force"),
    "contact log": (
        "netbalance contact log ada --channel call --minutes 20 --at 'yesterday 15:00'",
        "netbalance contact log ada --exchange shared --shared 3fa2 --follow-up +2w",
    ),
    "contact due": ("netbalance contact due", "netbalance contact due --json"),
    "contact snooze": ("netbalance contact snooze ada 7", "netbalance contact snooze hopper 30"),
    "contact export": (
        "netbalance contact export --format vcf -o contacts.vcf",
        "netbalance contact export --format csv > contacts.csv",
    ),
    "review": (
        "netbalance review",
        "netbalance review --week 2026-W47 --reflection 'Shipped the draft; call Ada'",
    ),
    "plan": (
        "netbalance plan --week next --produce-hours 15 --network-hours 6 --focus 1a2b3c",
        "netbalance plan --week next --clear",
    ),
    "report": ("netbalance report --week last", "netbalance report --month 2026-11 --by tag"),
    "export": (
        "netbalance export --week last --format html -o week.html",
        "netbalance export --year 2026 --format json",
    ),
    "add": (
        "netbalance add produce 09:00-10:30 --tag writing",
        "netbalance add network 'yesterday 14:00 50m' --contact ada",
    ),
    "edit": (
        "netbalance edit 3fa2 --end 10:45 --note 'ran over'",
        "netbalance edit 3fa2 --tag thesis --untag misc",
    ),
    "delete": ("netbalance delete 3fa2", "netbalance delete 3fa2 && netbalance undo"),
    "split": ("netbalance split 3fa2 10:15", "netbalance split 3fa2 'yesterday 23:30'"),
    "undo": ("netbalance undo", "netbalance undo --list --json"),
    "redo": ("netbalance redo", "netbalance redo --force"),
    "restore": (
        "netbalance restore",
        "netbalance restore ~/.local/share/netbalance/netbalance.backups/…",
    ),
    "import": ("netbalance import watson --dry-run", "netbalance import linkedin Connections.csv"),
    "import linkedin": (
        "netbalance import linkedin Connections.csv --dry-run",
        "netbalance import linkedin Connections.csv --skip-bad",
    ),
    "import vcard": (
        "netbalance import vcard contacts.vcf --dry-run",
        "netbalance import vcard contacts.vcf",
    ),
    "import watson": (
        "netbalance import watson --network-tags meeting,coffee --dry-run",
        "netbalance import watson ~/.config/watson/frames",
    ),
    "import timewarrior": (
        "netbalance import timewarrior --network-tags meeting --dry-run",
        "netbalance import timewarrior ~/.timewarrior/data",
    ),
    "sync": ("netbalance sync status", "netbalance sync git --remote git@host:me/netbalance.git"),
    "sync init": ("netbalance sync init", "netbalance sync init && netbalance sync status"),
    "sync status": ("netbalance sync status", "netbalance sync status --json"),
    "sync git": (
        "netbalance sync git --remote git@host:me/netbalance.git",
        "netbalance sync git",
    ),
    "completion": (
        'eval "$(netbalance completion bash)"',
        "netbalance completion fish > ~/.config/fish/completions/netbalance.fish",
    ),
    "demo": (
        "netbalance demo /tmp/try.json",
        "netbalance demo /tmp/heavy.json --years 10 --pace busy",
    ),
}


def epilog(path: str) -> str | None:
    """`examples:` and the command's two lines, as its --help ends."""
    pair = EXAMPLES.get(path)
    if pair is None:
        return None
    return "examples:\n" + "\n".join(f"  {line}" for line in pair)
