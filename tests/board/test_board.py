"""The board's rules: fields, columns, moves, order, the WIP limit, archive, the track
record. Pure values in and out; no store, no screen."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest

from netbalance.actions.cards import board_rules
from netbalance.core import board as cards
from netbalance.core.board import KEEP, MIN_GAP, Board, BoardError, BoardRules
from netbalance.core.models import Item, Kind, Session, replace
from netbalance.settings.config import Settings

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(hours=1)
RULES = BoardRules()


def card(
    title: str,
    column: str = "Backlog",
    position: float = 1.0,
    *,
    item_id: str | None = None,
    **fields: object,
) -> Item:
    return Item(
        id=item_id or f"id-{title}",
        title=title,
        column=column,
        position=position,
        created=T0,
        updated=T0,
        **fields,  # type: ignore[arg-type]
    )


def board_of(*items: Item, rules: BoardRules = RULES) -> Board:
    return Board.build(items, rules)


def titles(board: Board, column: str) -> list[str]:
    return [item.title for item in board.cards(column)]


# fields -----------------------------------------------------------------------------


def test_a_title_is_stripped() -> None:
    assert cards.check_title("  Write the essay \t") == "Write the essay"


@pytest.mark.parametrize("text", ["", "   ", "\t \u3000"])
def test_an_empty_title_is_refused(text: str) -> None:
    with pytest.raises(BoardError, match="cannot be empty"):
        cards.check_title(text)


@pytest.mark.parametrize("text", ["one\ntwo", "one\rtwo", "one\u2028two", "one\x1ctwo"])
def test_a_title_is_one_line(text: str) -> None:
    with pytest.raises(BoardError, match="must be one line") as raised:
        cards.check_title(text)
    assert repr(text)[1:-1] in str(raised.value)  # the value is named, escaped
    assert "\n" not in str(raised.value)


def test_a_title_is_at_most_200_characters() -> None:
    assert cards.check_title("x" * 200) == "x" * 200
    assert cards.check_title("🚀" * 200) == "🚀" * 200
    with pytest.raises(BoardError) as raised:
        cards.check_title("y" * 201)
    message = str(raised.value)
    assert "at most 200 characters, not 201" in message
    assert "'yyyy" in message and len(message) < 120  # named, shortened


def test_hostile_titles_are_kept_as_typed() -> None:
    for title in ["[bold]x", "[link=file:///etc/passwd]y", "esc \x1b]0;pwn\x07 x"]:
        assert cards.check_title(title) == title


def test_tags_split_on_commas_without_hashes_blanks_or_repeats() -> None:
    assert cards.parse_tags("writing, #deep ,, Writing,#") == ("writing", "deep")
    assert cards.parse_tags(["a", " b "]) == ("a", "b")
    assert cards.parse_tags("") == ()


def test_a_tag_is_short() -> None:
    with pytest.raises(BoardError, match="at most 40 characters"):
        cards.parse_tags("ok," + "t" * 41)


@pytest.mark.parametrize("boxes", [0, -1, 1000])
def test_an_estimate_is_1_to_999_boxes(boxes: int) -> None:
    with pytest.raises(BoardError, match=f"from 1 to 999 boxes, not {boxes}"):
        cards.check_estimate(boxes)


def test_estimates_in_range_and_none_pass() -> None:
    assert [cards.check_estimate(n) for n in (None, 1, 999)] == [None, 1, 999]


def test_notes_keep_their_lines_and_are_bounded() -> None:
    assert cards.check_notes("first\n  second\n\n") == "first\n  second"
    with pytest.raises(BoardError, match="at most 10000 characters"):
        cards.check_notes("n" * 10_001)


def test_overdue_means_due_before_today_and_not_shipped() -> None:
    today = date(2026, 11, 28)
    assert cards.overdue(card("a", due=date(2026, 11, 27)), today)
    assert not cards.overdue(card("b", due=today), today)
    assert not cards.overdue(card("c"), today)
    assert not cards.overdue(card("d", due=date(2026, 11, 1), shipped=T0), today)


# the rules --------------------------------------------------------------------------


def test_rules_come_from_the_settings() -> None:
    settings = Settings(board_columns=("Ideas", "Now", "Done"), wip_column="Now", wip_limit=2)
    rules = board_rules(settings)
    assert (rules.columns, rules.first, rules.shipped) == (
        ("Ideas", "Now", "Done"),
        "Ideas",
        "Done",
    )
    assert (rules.limited, rules.limit_of("Now"), rules.limit_of("Ideas")) == ("Now", 2, None)
    assert board_rules(Settings()) == RULES


def test_a_column_is_named_in_any_case() -> None:
    assert RULES.column(" doing ") == "Doing"
    assert RULES.column("SHIPPED") == "Shipped"


def test_an_unknown_column_lists_the_columns() -> None:
    with pytest.raises(BoardError) as raised:
        RULES.column("Done")
    assert str(raised.value) == "no column 'Done'; the columns are Backlog, Next, Doing, Shipped"


@pytest.mark.parametrize(("wip_column", "wip_limit"), [("Doing", 0), ("", 3), ("Review", 3)])
def test_no_wip_limit_applies(wip_column: str, wip_limit: int) -> None:
    rules = BoardRules(wip_column=wip_column, wip_limit=wip_limit)
    assert rules.limited is None
    assert rules.limit_of("Doing") is None


@pytest.mark.parametrize("columns", [(), ("Only",), ("A", "a"), ("A", "")])
def test_a_board_needs_two_different_columns(columns: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="at least 2 different columns"):
        BoardRules(columns)


# the board --------------------------------------------------------------------------


def test_cards_are_ordered_by_position_within_their_column() -> None:
    board = board_of(card("c", position=3), card("a", position=1), card("d", "Doing", 0.5))
    assert titles(board, "Backlog") == ["a", "c"]
    assert titles(board, "Doing") == ["d"]
    assert board.cards("next") == ()
    assert [item.title for item in board.all_cards()] == ["a", "c", "d"]


def test_archived_cards_leave_the_board() -> None:
    board = board_of(card("kept"), card("gone", "Shipped", shipped=T0, archived=True))
    assert [item.title for item in board.all_cards()] == ["kept"]
    with pytest.raises(BoardError, match="no card"):
        board.find("id-gone")


def test_a_card_in_an_unknown_column_shows_in_the_first_and_is_never_lost() -> None:
    stray = card("stray", "Review", 0.5)
    board = board_of(card("a", position=1), stray)
    assert titles(board, "Backlog") == ["stray", "a"]
    assert board.column_of(stray) == "Backlog"


def test_a_shipped_card_in_an_unknown_column_shows_in_the_last() -> None:
    # a user renamed the last column: what shipped stays shipped
    old = card("old", "Done", shipped=T0)
    board = board_of(old)
    assert titles(board, "Shipped") == ["old"]


def test_a_stored_column_matches_in_any_case() -> None:
    board = board_of(card("a", "doing"))
    assert titles(board, "Doing") == ["a"]


# add --------------------------------------------------------------------------------


def test_a_new_card_goes_to_the_end_of_the_first_column() -> None:
    board = board_of(card("a", position=1), card("b", position=7.5))
    new = cards.add(board, "  c  ", T0, item_id="new")
    assert (new.id, new.title, new.column, new.position) == ("new", "c", "Backlog", 8.5)
    assert (new.created, new.updated, new.shipped, new.archived) == (T0, T0, None, False)


def test_a_new_card_takes_its_fields() -> None:
    new = cards.add(
        board_of(),
        "Essay",
        T0,
        column="next",
        notes="draft\nfirst",
        tags=["writing", "#deep"],
        due=date(2026, 12, 4),
        estimate=4,
    )
    assert (new.column, new.position, new.notes) == ("Next", 1.0, "draft\nfirst")
    assert (new.tags, new.due, new.estimate) == (("writing", "deep"), date(2026, 12, 4), 4)
    assert len(new.id) == 36  # a UUID


def test_a_card_added_to_the_last_column_is_shipped_now() -> None:
    assert cards.add(board_of(), "done already", T0, column="Shipped").shipped == T0


def test_adding_refuses_bad_fields() -> None:
    board = board_of()
    with pytest.raises(BoardError, match="cannot be empty"):
        cards.add(board, " ", T0)
    with pytest.raises(BoardError, match="no column 'Later'"):
        cards.add(board, "x", T0, column="Later")
    with pytest.raises(BoardError, match="not 0"):
        cards.add(board, "x", T0, estimate=0)


def full_doing() -> Board:
    return board_of(*(card(f"d{i}", "Doing", i) for i in range(1, 4)), card("b"))


def test_adding_to_a_full_wip_column_is_refused() -> None:
    with pytest.raises(BoardError) as raised:
        cards.add(full_doing(), "one more", T0, column="Doing")
    assert str(raised.value) == (
        "Doing already holds 3 cards, its limit of 3; move one on first, or change "
        "board.wip_limit in config.toml"
    )


# edit -------------------------------------------------------------------------------


def test_edit_changes_the_given_fields_only() -> None:
    item = card("a", notes="n", tags=("t",), due=date(2026, 12, 1), estimate=2)
    edited = cards.edit(item, LATER, title=" b ", tags="x, y")
    assert (edited.title, edited.tags, edited.updated) == ("b", ("x", "y"), LATER)
    assert (edited.notes, edited.due, edited.estimate) == ("n", date(2026, 12, 1), 2)
    assert (edited.column, edited.position, edited.created) == (item.column, 1.0, T0)


def test_edit_clears_due_and_estimate_with_none_and_keeps_them_by_default() -> None:
    item = card("a", due=date(2026, 12, 1), estimate=2)
    assert cards.edit(item, LATER, due=None, estimate=None) == replace(
        item, due=None, estimate=None, updated=LATER
    )
    assert cards.edit(item, LATER, due=KEEP, notes="x").due == date(2026, 12, 1)


def test_an_edit_that_changes_nothing_leaves_the_card_as_it_was() -> None:
    item = card("a", tags=("t",))
    assert cards.edit(item, LATER, title="a", tags=["#t"]) is item


def test_edit_refuses_bad_fields() -> None:
    item = card("a")
    with pytest.raises(BoardError, match="one line"):
        cards.edit(item, LATER, title="a\nb")
    with pytest.raises(BoardError, match="not -2"):
        cards.edit(item, LATER, estimate=-2)


# move -------------------------------------------------------------------------------


def test_a_moved_card_goes_to_the_end_of_its_new_column() -> None:
    item = card("a")
    board = board_of(item, card("n1", "Next", 4), card("n2", "Next", 9))
    moved = cards.move(board, item, "next", LATER)
    assert (moved.column, moved.position, moved.updated) == ("Next", 10.0, LATER)


def test_moving_into_the_last_column_ships_and_out_of_it_unships() -> None:
    item = card("a", "Doing")
    shipped = cards.move(board_of(item), item, "Shipped", LATER)
    assert shipped.shipped == LATER
    back = cards.move(board_of(shipped), shipped, "Doing", LATER + timedelta(hours=1))
    assert back.shipped is None


def test_moving_into_a_full_wip_column_is_refused_but_moves_within_it_are_not() -> None:
    board = full_doing()
    with pytest.raises(BoardError, match=r"its limit of 3; .*board\.wip_limit in config\.toml"):
        cards.move(board, board.find("id-b"), "doing", LATER)
    inside = board.find("id-d1")
    assert cards.move(board, inside, "Doing", LATER) is inside
    assert cards.move_down(board, inside, LATER)  # reordering inside a full column is fine


def test_without_a_limit_any_number_of_cards_may_be_doing() -> None:
    rules = BoardRules(wip_limit=0)
    board = board_of(*(card(f"d{i}", "Doing", i) for i in range(1, 10)), card("b"), rules=rules)
    assert cards.move(board, board.find("id-b"), "Doing", LATER).column == "Doing"


def test_moving_to_the_column_a_card_is_in_changes_nothing() -> None:
    item = card("a", "Next")
    assert cards.move(board_of(item), item, "NEXT", LATER) is item


def test_moving_a_stray_card_to_where_it_shows_makes_its_column_real() -> None:
    stray = card("stray", "Review", 3.5)
    moved = cards.move(board_of(stray), stray, "Backlog", LATER)
    assert (moved.column, moved.position) == ("Backlog", 3.5)


def test_moving_to_an_unknown_column_lists_the_columns() -> None:
    item = card("a")
    with pytest.raises(BoardError, match="the columns are Backlog, Next, Doing, Shipped"):
        cards.move(board_of(item), item, "Nope", LATER)


def test_an_archived_card_cannot_move() -> None:
    item = card("old", "Shipped", shipped=T0, archived=True)
    with pytest.raises(BoardError, match="'old' is archived"):
        cards.move(board_of(item), item, "Doing", LATER)


def test_left_and_right_step_one_column_and_stop_at_the_edges() -> None:
    first, last = card("first"), card("last", "Shipped", shipped=T0)
    board = board_of(first, last)
    assert cards.move_right(board, first, LATER).column == "Next"
    assert cards.move_left(board, first, LATER) is first
    assert cards.move_right(board, last, LATER) is last
    unshipped = cards.move_left(board, last, LATER)
    assert (unshipped.column, unshipped.shipped) == ("Doing", None)
    shipping = card("almost", "Doing")
    assert cards.move_right(board_of(shipping), shipping, LATER).shipped == LATER


# reorder ----------------------------------------------------------------------------


def column_of_three() -> Board:
    return board_of(card("a", position=1), card("b", position=2), card("c", position=3))


def apply(board: Board, changed: list[Item]) -> Board:
    by_id = {item.id: item for item in board.all_cards()}
    by_id.update({item.id: item for item in changed})
    return Board.build(by_id.values(), board.rules)


def test_up_and_down_place_a_card_between_its_new_neighbours() -> None:
    board = column_of_three()
    (moved,) = cards.move_up(board, board.find("id-c"), LATER)
    assert (moved.position, moved.updated) == (1.5, LATER)
    assert titles(apply(board, [moved]), "Backlog") == ["a", "c", "b"]
    (moved,) = cards.move_down(board, board.find("id-a"), LATER)
    assert moved.position == 2.5
    (moved,) = cards.move_up(board, board.find("id-b"), LATER)
    assert moved.position == 0.0  # to the top: one step before the first
    (moved,) = cards.move_down(board, board.find("id-b"), LATER)
    assert moved.position == 4.0


def test_up_at_the_top_and_down_at_the_bottom_change_nothing() -> None:
    board = column_of_three()
    assert cards.move_up(board, board.find("id-a"), LATER) == []
    assert cards.move_down(board, board.find("id-c"), LATER) == []


def test_reorder_clamps_the_index_to_the_column() -> None:
    board = column_of_three()
    (moved,) = cards.reorder(board, board.find("id-a"), 99, LATER)
    assert moved.position == 4.0
    (moved,) = cards.reorder(board, board.find("id-c"), -5, LATER)
    assert moved.position == 0.0


def test_a_gap_too_small_renumbers_the_column() -> None:
    board = board_of(card("a", position=1), card("b", position=1 + MIN_GAP), card("c", position=5))
    changed = cards.move_up(board, board.find("id-c"), LATER)
    after = apply(board, changed)
    assert titles(after, "Backlog") == ["a", "c", "b"]
    assert [item.position for item in after.cards("Backlog")] == [1.0, 2.0, 3.0]
    assert {item.id for item in changed} == {"id-b", "id-c"}  # "a" was already 1.0
    assert all(item.updated == LATER for item in changed)


def test_equal_positions_are_ordered_by_creation_and_renumbered_when_touched() -> None:
    older = card("older", position=2)
    newer = replace(card("newer", position=2), created=LATER)
    board = board_of(card("d", position=3), newer, older, card("a", position=1))
    assert titles(board, "Backlog") == ["a", "older", "newer", "d"]
    after = apply(board, cards.move_up(board, board.find("id-d"), LATER))
    assert titles(after, "Backlog") == ["a", "older", "d", "newer"]
    assert [item.position for item in after.cards("Backlog")] == [1.0, 2.0, 3.0, 4.0]


def test_a_midpoint_lost_to_float_rounding_renumbers_the_column() -> None:
    # far from zero the gap is wide but holds no float between the two neighbours
    low = 2.0**40
    high = math.nextafter(low, math.inf)
    assert high - low > 2 * MIN_GAP
    board = board_of(
        card("a", position=low), card("b", position=high), card("c", position=high + 1)
    )
    after = apply(board, cards.move_up(board, board.find("id-c"), LATER))
    assert titles(after, "Backlog") == ["a", "c", "b"]
    assert [item.position for item in after.cards("Backlog")] == [1.0, 2.0, 3.0]


def test_repeated_halving_stays_in_order() -> None:
    board = board_of(*(card(f"c{i}", position=i) for i in range(1, 5)))
    for _ in range(60):  # always slip the last card in second place: the gap halves
        last = board.cards("Backlog")[-1]
        board = apply(board, cards.reorder(board, last, 1, LATER))
        positions = [item.position for item in board.cards("Backlog")]
        assert positions == sorted(set(positions))


# archive and the track record -------------------------------------------------------


def test_archive_takes_every_shipped_card_off_the_board() -> None:
    shipped = [card(f"s{i}", "Shipped", i, shipped=T0 + timedelta(days=i)) for i in range(3)]
    doing = card("d", "Doing")
    board = board_of(doing, *shipped)
    archived = cards.archive_shipped(board, LATER)
    assert [item.title for item in archived] == ["s0", "s1", "s2"]
    assert all(item.archived and item.updated == LATER for item in archived)
    after = apply(board, archived)
    assert [item.title for item in after.all_cards()] == ["d"]
    assert cards.archive_shipped(after, LATER) == []


def test_the_track_record_is_shipped_cards_newest_first_archived_included() -> None:
    items = [
        card("first", "Shipped", 1, shipped=T0, archived=True),
        card("latest", "Shipped", 2, shipped=T0 + timedelta(days=2)),
        card("middle", "Shipped", 3, shipped=T0 + timedelta(days=1)),
        card("not yet", "Doing"),
    ]
    assert [item.title for item in cards.track_record(items)] == ["latest", "middle", "first"]


def session(
    item_id: str | None, minutes: int, kind: Kind = Kind.PRODUCE, paused: int = 0
) -> Session:
    return Session(
        id=f"s-{item_id}-{minutes}-{kind}",
        kind=kind,
        start=T0,
        end=T0 + timedelta(minutes=minutes),
        created=T0,
        updated=T0,
        paused_seconds=paused,
        item_id=item_id,
    )


def test_time_spent_sums_produce_sessions_per_card() -> None:
    sessions = [
        session("a", 25),
        session("a", 50, paused=600),
        session("b", 10),
        session("a", 30, kind=Kind.NETWORK),
        session(None, 90),
    ]
    assert cards.time_spent(sessions) == {"a": (25 + 40) * 60, "b": 600}


def test_a_board_with_changes_applied_is_the_board_built_again() -> None:
    now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    first, second, third = (card(f"c{n}", "Backlog", float(n)) for n in (1, 2, 3))
    shipped = card("s", "Shipped", 1.0)
    stray = replace(card("x", "Gone", 1.0), shipped=None)  # an unknown column: Backlog
    board = board_of(first, second, third, shipped, stray)
    moved = cards.move_right(board, second, now)
    archived = cards.archive_shipped(board, now)
    added = cards.add(board, "new", now, column="doing")
    renamed = cards.edit(third, now, title="renamed")
    for changed in ([moved], archived, [added], [renamed], [moved, added, *archived], []):
        after = {item.id: item for item in [first, second, third, shipped, stray]}
        after.update({item.id: item for item in changed})
        assert board.applied(changed) == board_of(*after.values())


def test_a_card_typed_as_part_of_its_title_comes_before_one_whose_id_starts_so() -> None:
    tests = card("Add tests for sync", item_id="3c9d0e11-0000")
    other = card("Draft README", item_id="add0f1e2-0000")  # an id that starts with "add"
    assert cards.find([tests, other], "add") is tests
    assert cards.find([tests, other], "add0f1") is other  # its short id
    assert cards.find([tests, other], "DRAFT readme") is other
    with pytest.raises(BoardError, match="no card"):
        cards.find([tests, other], "zzz")
