"""An edit made from the record the user saw, merged with what was stored meanwhile."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netbalance.core.models import Item, replace
from netbalance.core.revisions import EditConflict, changed_fields, merge, view_after_clash

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
T1 = T0 + timedelta(minutes=5)
SEEN = Item(
    id="c1", title="Draft", column="Backlog", position=1.0, created=T0, updated=T0,
    tags=("docs",), revision=3,
)  # fmt: skip


def test_nothing_saved_meanwhile_takes_the_edit_as_it_is() -> None:
    wanted = replace(SEEN, title="Draft v2", updated=T1)
    assert merge(SEEN, SEEN, wanted, "the card") == wanted


def test_fields_the_user_left_alone_keep_what_another_process_saved() -> None:
    stored = replace(SEEN, tags=("from-cli",), due=date(2026, 12, 4), revision=4)
    wanted = replace(SEEN, title="Draft v2", updated=T1)
    merged = merge(SEEN, stored, wanted, "the card")
    assert (merged.title, merged.tags, merged.due) == ("Draft v2", ("from-cli",), date(2026, 12, 4))
    assert (merged.revision, merged.updated) == (4, T1)  # the store bumps from the stored one


def test_both_changing_a_field_to_the_same_value_is_no_clash() -> None:
    stored = replace(SEEN, title="Same", revision=4)
    merged = merge(SEEN, stored, replace(SEEN, title="Same", updated=T1), "the card")
    assert merged == stored  # nothing left to save


def test_a_clash_names_the_field_and_both_values_and_the_view_keeps_yours() -> None:
    stored = replace(SEEN, title="Theirs", notes="their notes", revision=4)
    wanted = replace(SEEN, title="Mine", updated=T1)
    with pytest.raises(EditConflict) as caught:
        merge(SEEN, stored, wanted, "the card “Draft”")
    message = str(caught.value)
    assert message == (
        "the card “Draft” was changed meanwhile: title is now 'Theirs', yours 'Mine'; "
        "nothing was saved"
    )
    view = view_after_clash(caught.value)
    assert (view.title, view.notes, view.revision) == ("Mine", "their notes", 4)
    # saving the view, based on the stored record, now goes through
    assert merge(stored, stored, view, "the card").title == "Mine"


def test_kept_fields_are_never_a_change() -> None:
    later = replace(SEEN, updated=T1, revision=9)
    assert changed_fields(SEEN, later) == []
    assert changed_fields(SEEN, replace(SEEN, tags=())) == ["tags"]
