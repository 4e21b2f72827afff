"""Watson's `frames` file → entries of past time.

Watson (jazzband/Watson) keeps every frame in one JSON file, `frames`, in its data
folder (`$WATSON_DIR`, else `~/.config/watson` on Linux). The file is a JSON array of
arrays, one per frame:

    [start, stop, project, id, tags, updated_at]

`start`, `stop` and `updated_at` are Unix timestamps (whole seconds, UTC); `tags` is a
list of strings. Files written by older versions have only the first four fields, and
a well-known fork adds a seventh, a message: both are read. A frame's kind is network
when its project or one of its tags is a network word; its project and its tags become
the session's tags (the project first), its message, if any, the note. Every frame is
checked before anything is kept; the first bad one stops the import with its line in
the file.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from netbalance.core.models import Kind
from netbalance.imports.past_time import (
    LONGEST,
    Entry,
    ImportProblem,
    Tags,
    check_entry,
    kind_of,
)

_MAX_TIMESTAMP = 253402300799  # 9999-12-31
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)
_LONGEST_SECONDS = LONGEST // _SECOND


def default_frames_file() -> str:
    """Where Watson keeps its frames: `$WATSON_DIR/frames`, else its own app folder."""
    folder = os.environ.get("WATSON_DIR", "").strip()
    if not folder:
        home = os.path.expanduser("~")
        if sys.platform == "darwin":
            folder = os.path.join(home, "Library", "Application Support", "watson")
        elif sys.platform.startswith("win"):
            folder = os.path.join(os.environ.get("APPDATA", home), "watson")
        else:
            base = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.join(home, ".config")
            folder = os.path.join(base, "watson")
    return os.path.join(os.path.expanduser(folder), "frames")


def _line_of(text: str, index: int) -> int:
    """The line on which frame `index` of the array starts (only worked out for a
    message: a scan of the file element by element)."""
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    for number in range(index + 1):
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if number == index:
            break
        _, position = decoder.raw_decode(text, position)
    return text.count("\n", 0, position) + 1


def _timestamp(value: Any) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not 0 <= value <= _MAX_TIMESTAMP:
        return None
    return datetime.fromtimestamp(int(value), UTC)


def _frame(frame: Any, network: frozenset[str], now: datetime, tagged: Tags) -> Entry | str:
    """A frame → an entry, or why it is not one."""
    if not isinstance(frame, list) or len(frame) < 4:
        return "a frame is a list [start, stop, project, id, tags, updated]"
    start, stop = _timestamp(frame[0]), _timestamp(frame[1])
    if start is None:
        return f"the start {frame[0]!r} is not a Unix timestamp"
    if stop is None:
        return f"the stop {frame[1]!r} is not a Unix timestamp"
    project = frame[2]
    if not isinstance(project, str):
        return f"the project {project!r} is not text"
    tags = frame[4] if len(frame) > 4 and frame[4] is not None else []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        return f"the tags {tags!r} are not a list of text"
    message = frame[6] if len(frame) > 6 and isinstance(frame[6], str) else ""
    problem = check_entry(start, stop, now)
    if problem:
        return problem
    kept = tagged((project, *tags))
    if isinstance(kept, str):
        return kept
    return Entry(start, stop, kind_of([project, *tags], network), message, 0, kept)


def _frames_read(
    frames: list[Any], network: frozenset[str], now: datetime
) -> Iterator[Entry | str]:
    """`_frame` of each frame, in order; a quick path for the usual frame (whole-second
    stamps, a text project, no tags or tags of text, at most a day long, past) gives the
    very entry `_frame` would, and anything else goes through `_frame` itself."""
    now_seconds = (now - _EPOCH) // _SECOND  # whole seconds: a stop ≤ it ⇔ a stop ≤ now
    from_timestamp = datetime.fromtimestamp
    tagged = Tags()
    for frame in frames:
        if type(frame) is list and len(frame) >= 4:
            start, stop, project = frame[0], frame[1], frame[2]
            tags = frame[4] if len(frame) > 4 else None
            if (
                type(start) is int
                and type(stop) is int
                and type(project) is str
                and 0 <= start <= stop <= now_seconds
                and stop - start <= _LONGEST_SECONDS
                and stop <= _MAX_TIMESTAMP
                and (
                    tags is None
                    or (type(tags) is list and (not tags or all(type(t) is str for t in tags)))
                )
            ):
                network_word = project.casefold() in network
                if tags:
                    network_word = network_word or any(t.casefold() in network for t in tags)
                    kept = tagged((project, *tags))
                else:
                    kept = tagged((project,))
                if type(kept) is tuple:
                    message = frame[6] if len(frame) > 6 and isinstance(frame[6], str) else ""
                    yield Entry(
                        from_timestamp(start, UTC),
                        from_timestamp(stop, UTC),
                        Kind.NETWORK if network_word else Kind.PRODUCE,
                        message,
                        0,
                        kept,
                    )
                    continue
        yield _frame(frame, network, now, tagged)


def parse_frames(text: str, source: str, network: frozenset[str], now: datetime) -> list[Entry]:
    """Every frame of a frames file, checked; ImportProblem names the first bad one."""
    try:
        frames = orjson.loads(text) if text.strip() else []
    except orjson.JSONDecodeError as error:  # numbers too long, arrays nested too deep too
        raise ImportProblem(f"{source} line {error.lineno}: not JSON ({error.msg})") from None
    if not isinstance(frames, list):
        raise ImportProblem(f"{source}: not a Watson frames file (a JSON array of frames)")
    entries: list[Entry] = []
    for index, read in enumerate(_frames_read(frames, network, now)):
        if isinstance(read, str):
            line = _line_of(text, index)
            raise ImportProblem(f"{source} line {line} (frame {index + 1}): {read}")
        entries.append(read)
    return entries
