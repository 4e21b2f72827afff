"""Tags on sessions from the command line: `start KIND +tag --tag T`, `add --tag`,
`edit --tag/--untag`; shown by `log`, `status` and carried from the box to its session."""

from __future__ import annotations

import json
from typing import Any

import pytest
from nbcli import Cli


def sessions(run: Cli, now: float = 200) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run.ok("log", "--json", now=now))["sessions"]
    return found


def test_a_box_started_with_tags_records_them(run: Cli) -> None:
    out = run.ok("start", "produce", "+writing", "+Deep", "--tag", "thesis,#q4", "--tag", "deep")
    assert out.endswith("[writing, Deep, thesis, q4]\n")
    assert run.ok("status", "--format", "{tags}", now=1) == "writing, Deep, thesis, q4\n"
    assert json.loads(run.ok("status", "--json", now=1))["tags"] == [
        "writing", "Deep", "thesis", "q4"
    ]  # fmt: skip
    run.ok("stop", now=25)
    (session,) = sessions(run)
    assert session["tags"] == ["writing", "Deep", "thesis", "q4"]
    table = run.ok("log", now=30).splitlines()
    assert table[1].split("\t") == ["id", "day", "time", "kind", "length", "on", "note", "tags"]
    assert table[2].split("\t")[7] == "writing, Deep, thesis, q4"


def test_a_word_after_the_kind_must_be_a_tag(run: Cli) -> None:
    result = run("start", "produce", "myproject")
    assert (result.returncode, result.stdout) == (2, "")
    assert "start produce +myproject" in result.stderr and result.stderr.count("\n") == 1
    assert not run.folder.exists()


@pytest.mark.parametrize("bad", ["x" * 41, "two\nlines", "tab\there"])
def test_a_bad_tag_is_refused_before_anything_is_written(run: Cli, bad: str) -> None:
    for command in (
        ["start", "produce", "--tag", bad],
        ["add", "produce", "07:00-08:00", "--tag", bad],
    ):
        result = run(*command)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, command
        assert "a tag is one line" in result.stderr
    assert not run.folder.exists()


def test_add_and_edit_tags(run: Cli) -> None:
    out = run.ok("add", "network", "07:00-08:00", "--tag", "coffee", "--tag", "Ada")
    assert "[coffee, Ada]" in out
    (session,) = sessions(run)
    short = session["id"][:6]
    assert run.ok("edit", short, "--tag", "q4,coffee", "--untag", "ada").startswith("changed to ")
    assert sessions(run)[0]["tags"] == ["coffee", "q4"]
    before = run.files()
    result = run("edit", short, "--untag", "lunch")
    assert result.returncode == 2
    assert result.stderr == "netbalance: the session has no tag 'lunch' (its tags: coffee, q4)\n"
    assert run.files() == before
    run.ok("edit", short, "--untag", "coffee", "--untag", "Q4")
    assert sessions(run)[0]["tags"] == []


def test_tags_survive_a_split_and_an_edit_of_other_fields(run: Cli) -> None:
    run.ok("add", "produce", "06:00-08:00", "--tag", "thesis")
    short = sessions(run)[0]["id"][:6]
    run.ok("edit", short, "--note", "draft")
    run.ok("split", short, "07:00")
    assert [s["tags"] for s in sessions(run)] == [["thesis"], ["thesis"]]
