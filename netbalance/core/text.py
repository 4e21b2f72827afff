"""User text made inert for a terminal.

Names, titles and notes are data. Shown in a terminal, C0/C1 control characters and
bidirectional overrides are replaced by visible escapes (`\\x1b`), so an escape sequence
typed into a note can never set the window title, write the clipboard or ring the bell.
Rich markup is a separate matter: callers print user text as `Text`, never as markup.
"""

from __future__ import annotations

_VISIBLE = {code: f"\\x{code:02x}" for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]}
_VISIBLE[0x09] = " "
_VISIBLE.update(
    {code: f"\\u{code:04x}" for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
)


def printable(text: str) -> str:
    """One line of user text, safe for a terminal (newlines shown as `\\x0a`)."""
    if text.isascii() and text.isprintable():  # most text: nothing to replace (C speed)
        return text
    return text.translate(_VISIBLE)


def printable_lines(text: str) -> str:
    """User text of several lines (notes), safe for a terminal, its line breaks kept."""
    return "\n".join(printable(line) for line in text.split("\n"))


# JSON escapes C0 controls itself; C1 controls, DEL and bidi overrides would go out raw
# with ensure_ascii=False. As `\\u009b` escapes they still read back exactly as typed, and
# a document printed in a terminal cannot drive it or reorder the text.
_RAW_IN_JSON = [0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_INERT_JSON = {code: f"\\u{code:04x}" for code in _RAW_IN_JSON}


def inert_json(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with every character that
    could drive a terminal or reorder its text written as a `\\u` escape: the same
    document, safe to print."""
    return text.translate(_INERT_JSON)
