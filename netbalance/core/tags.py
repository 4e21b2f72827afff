"""A session's tags: the categories a Watson project or tag, a Timewarrior tag or
`start … --tag` gives its time (`report --by tag` sums them up).

A tag is one line of at most MAX_TAG characters, kept as typed (a leading `#` or `+`
dropped: `+writing` and `#writing` are `writing`); each tag once, case ignored, the first
spelling kept, in the order given; at most MAX_TAGS on a session.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_TAG = 40
MAX_TAGS = 20


class TagError(ValueError):
    """A tag that cannot be kept; the message is one line naming it."""


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def clean(words: Iterable[str], *, split: bool = True) -> tuple[str, ...]:
    """Tags as typed (`--tag a,b --tag +c`, split at commas unless `split` is off, as an
    importer reads another tool's tags) → the tags kept."""
    tags: list[str] = []
    seen: set[str] = set()
    for word in words:
        for part in word.split(",") if split else (word,):
            tag = part.strip().lstrip("#+").strip()
            if not tag:
                continue
            if len(tag) > MAX_TAG or not tag.isprintable():
                raise TagError(
                    f"a tag is one line of at most {MAX_TAG} printable characters, "
                    f"not {_shown(tag)}"
                )
            if tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise TagError(f"a session has at most {MAX_TAGS} tags, not {len(tags)}")
    return tuple(tags)


def added(tags: Iterable[str], more: Iterable[str]) -> tuple[str, ...]:
    """`tags` with `more` after them (those not there yet, case ignored)."""
    return clean([*tags, *more], split=False)


def removed(tags: tuple[str, ...], gone: Iterable[str]) -> tuple[str, ...]:
    """`tags` without `gone` (case ignored); TagError naming one that is not there."""
    dropping = {tag.casefold() for tag in clean(gone)}
    present = {tag.casefold() for tag in tags}
    for tag in clean(gone):
        if tag.casefold() not in present:
            have = ", ".join(tags) if tags else "none"
            raise TagError(f"the session has no tag {_shown(tag)} (its tags: {have})")
    return tuple(tag for tag in tags if tag.casefold() not in dropping)


def shown(tags: Iterable[str]) -> str:
    """`writing, deep` as a table cell shows them."""
    return ", ".join(tags)
