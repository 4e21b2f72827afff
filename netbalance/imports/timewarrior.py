"""Timewarrior's data files → entries of past time.

Timewarrior (GothenburgBitFactory/timewarrior) keeps one file a month, `YYYY-MM.data`,
in `$TIMEWARRIORDB/data` (else `~/.timewarrior/data`, or the XDG data folder). Each
line is an interval as `Interval::serialize` writes it:

    inc 20261128T090000Z - 20261128T095000Z # tag1 "tag two" # an annotation
    inc 20261128T100000Z # writing          ← open: still running
    inc 20261128T100000Z - 20261128T110000Z # # annotation without tags

Tags needing it are double-quoted; the annotation is the rest of the line after the
second `#`. A line's kind is network when one of its tags is a network word; its tags
become the session's tags, its annotation the note. Every line is checked before
anything is kept; the first bad one stops the import with its file and line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from netbalance.imports.past_time import (
    Entry,
    ImportProblem,
    OpenEntry,
    Tags,
    check_entry,
    kind_of,
)

_FILE = re.compile(r"^\d{4}-\d{2}\.data$")
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|(\S+)')
_INSTANT = re.compile(r"^\d{8}T\d{6}Z$")


@dataclass(frozen=True)
class Intervals:
    entries: list[Entry]
    running: OpenEntry | None  # the open interval, if any


def default_data_folder() -> str:
    """`$TIMEWARRIORDB/data`, else `~/.timewarrior/data`, else the XDG data folder."""
    home = os.path.expanduser("~")
    chosen = os.environ.get("TIMEWARRIORDB", "").strip()
    if chosen:
        return os.path.join(os.path.expanduser(chosen), "data")
    classic = os.path.join(home, ".timewarrior", "data")
    if os.path.isdir(classic):
        return classic
    base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.join(home, ".local", "share")
    return os.path.join(base, "timewarrior", "data")


def data_files(folder: str) -> list[str]:
    """The monthly data files of a folder, oldest first."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        raise ImportProblem(f"{folder}: no such folder (give Timewarrior's data folder)") from None
    except OSError as error:
        raise ImportProblem(f"{folder}: cannot read it ({error.strerror})") from None
    return [os.path.join(folder, name) for name in sorted(names) if _FILE.match(name)]


def _tokens(text: str) -> list[str]:
    tokens = []
    for match in _TOKEN.finditer(text):
        double, single, bare = match.groups()
        if double is not None:
            tokens.append(re.sub(r"\\(.)", r"\1", double))
        else:
            tokens.append(single if single is not None else bare)
    return tokens


def _instant(token: str) -> datetime | None:
    if not _INSTANT.match(token):
        return None
    try:
        return datetime.strptime(token, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def parse_line(
    line: str,
    name: str,
    number: int,
    network: frozenset[str],
    now: datetime,
    tagged: Tags | None = None,
) -> Entry | OpenEntry | None:
    """Line `number` of file `name` → an entry, an open entry, or None when blank."""
    where = f"{name} line {number}"
    tokens = _tokens(line)
    if not tokens:
        return None
    if tokens[0] != "inc":
        raise ImportProblem(f"{where}: not an interval (a line starts with `inc`)")
    if len(tokens) < 2:
        raise ImportProblem(f"{where}: the interval has no start")
    start = _instant(tokens[1])
    if start is None:
        raise ImportProblem(f"{where}: the start {tokens[1]!r} is not like 20261128T090000Z")
    rest = tokens[2:]
    end = None
    if rest[:1] == ["-"]:
        if len(rest) < 2 or (end := _instant(rest[1])) is None:
            shown = rest[1] if len(rest) > 1 else ""
            raise ImportProblem(f"{where}: the end {shown!r} is not like 20261128T095000Z")
        rest = rest[2:]
    tags: list[str] = []
    annotation = ""
    if rest:
        if rest[0] != "#":
            raise ImportProblem(f"{where}: unexpected {rest[0]!r} (tags follow a `#`)")
        rest = rest[1:]
        if "#" in rest:
            cut = rest.index("#")
            tags, annotation = rest[:cut], " ".join(rest[cut + 1 :])
        else:
            tags = rest
    kind = kind_of(tags, network)
    kept = (tagged or Tags())(tuple(tags))
    if isinstance(kept, str):
        raise ImportProblem(f"{where}: {kept}")
    if end is None:
        if start > now:
            raise ImportProblem(f"{where}: it starts in the future ({start:%Y-%m-%d %H:%M} UTC)")
        return OpenEntry(start, kind, annotation, number, kept)
    problem = check_entry(start, end, now)
    if problem:
        raise ImportProblem(f"{where}: {problem}")
    return Entry(start, end, kind, annotation, number, kept)


def parse_folder(folder: str, network: frozenset[str], now: datetime) -> Intervals:
    """Every interval of every monthly file, checked."""
    entries: list[Entry] = []
    running: OpenEntry | None = None
    running_at = ""
    tagged = Tags()
    for path in data_files(folder):
        try:
            # a line ends at a newline only, as Timewarrior writes it: a CR, form feed or
            # U+2028 inside an annotation is text (`splitlines` would cut the line there)
            with open(path, encoding="utf-8", newline="") as file:
                lines = [line.removesuffix("\r") for line in file.read().split("\n")]
        except UnicodeDecodeError:
            raise ImportProblem(f"{path}: not UTF-8 text") from None
        except OSError as error:
            raise ImportProblem(f"{path}: cannot read it ({error.strerror})") from None
        name = os.path.basename(path)
        for number, line in enumerate(lines, start=1):
            read = parse_line(line, name, number, network, now, tagged)
            if isinstance(read, OpenEntry):
                if running is not None:
                    raise ImportProblem(
                        f"{name} line {number}: a second open interval (the first is at "
                        f"{running_at}); close one in Timewarrior"
                    )
                running, running_at = read, f"{name} line {number}"
            elif read is not None:
                entries.append(read)
    return Intervals(entries, running)
