"""`netbalance completion bash|zsh|fish`: a completion script for the shell, generated
from the parser itself, so it offers every command, subcommand, option and choice there
is. Values that live in the data (card ids and titles, contact names, session ids, the
board's columns) and recent weeks, months, years and days come from the hidden, fast
`netbalance __complete WHAT PREFIX` (cli.complete_query) at the moment Tab is pressed;
nothing else runs then, and nothing of this runs for any other command.

A value kind is `w:a,b` (these words), `@what` (ask `__complete what`), `f` (files and
folders) or empty (nothing to offer: free text, a number).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass, field

from netbalance.cli.complete_query import CHANNELS

SHELLS = ("bash", "zsh", "fish")

# a value's kind by the option's or argument's destination, wherever it is
_BY_DEST = {
    "item": "@items",
    "shared": "@items",
    "contact": "@contacts",
    "who": "@contacts",
    "week": "@weeks",
    "month": "@months",
    "year": "@years",
    "day": "@days",
    "span_from": "@days",
    "span_to": "@days",
    "channel": "w:" + ",".join(CHANNELS),
    "column": "@columns",
    "output": "f",
    "file": "f",
    "folder": "f",
    "db": "f",
    "backup": "f",
}


@dataclass
class Command:
    """One command (a path of words: `item move`) as a completion sees it."""

    path: str
    help: str = ""
    subcommands: dict[str, str] = field(default_factory=dict)  # name → help
    options: dict[str, str] = field(default_factory=dict)  # option → help
    values: dict[str, str] = field(default_factory=dict)  # option taking a value → kind
    positionals: list[str] = field(default_factory=list)  # kinds, in order
    repeats: bool = False  # the last positional takes any number of words


def _kind(action: argparse.Action, path: str) -> str:
    if action.choices:
        return "w:" + ",".join(str(choice) for choice in action.choices)
    if action.dest == "id":
        return "@items" if path.startswith("item ") else "@sessions"
    return _BY_DEST.get(action.dest, "")


def commands(parser: argparse.ArgumentParser, path: str = "", said: str = "") -> Iterator[Command]:
    """Every command of the parser, the top level (path "") first."""
    command = Command(path, said)
    below: list[tuple[str, argparse.ArgumentParser, str]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if name.startswith("_"):
                    continue
                command.subcommands[name] = helps.get(name, "")
                below.append((name, sub, helps.get(name, "")))
        elif action.option_strings:
            if action.help == argparse.SUPPRESS:
                continue
            for option in action.option_strings:
                command.options[option] = (action.help or "").split(";")[0]
                if action.nargs != 0:
                    command.values[option] = _kind(action, path)
        else:
            command.positionals.append(_kind(action, path))
            command.repeats = action.nargs in ("*", "+", argparse.REMAINDER)
    yield command
    for name, sub, help_text in below:
        yield from commands(sub, f"{path} {name}".strip(), help_text)


def script(shell: str) -> str:
    from netbalance.cli.parser import build_parser

    found = list(commands(build_parser()))
    if shell == "bash":
        return _bash(found)
    if shell == "zsh":
        return _zsh(found)
    return _fish(found)


def run(args: argparse.Namespace) -> int:
    import sys

    sys.stdout.write(script(args.shell))
    return 0


# bash -----------------------------------------------------------------------------------


def _q(text: str) -> str:
    """Single-quoted for a POSIX shell."""
    return "'" + text.replace("'", "'\\''") + "'"


def _table(name: str, rows: dict[str, str]) -> list[str]:
    lines = [f"    {name}=("]
    lines += [f"        [{_q(key)}]={_q(value)}" for key, value in rows.items()]
    lines.append("    )")
    return lines


def _key(path: str) -> str:
    """A command's key in the shell's tables: `nb`, `nb item`, `nb item move` (a shell's
    associative array takes no empty key)."""
    return f"nb {path}".strip()


def _tables(found: list[Command]) -> list[str]:
    subs = {_key(c.path): " ".join(c.subcommands) for c in found if c.subcommands}
    options = {_key(c.path): " ".join(c.options) for c in found}
    values = {f"{_key(c.path)}|{option}": kind for c in found for option, kind in c.values.items()}
    positionals = {
        _key(c.path): " ".join(kind or "-" for kind in c.positionals) + (" *" if c.repeats else "")
        for c in found
        if c.positionals and not c.subcommands
    }
    return [
        *_table("_nb_subs", subs),
        *_table("_nb_opts", options),
        *_table("_nb_vals", values),
        *_table("_nb_pos", positionals),
    ]


_WALK = r"""
    # the command path, the positionals typed after it, and a value being typed
    local at=nb word i=1 count=0 wanted="" pending="" db=()
    while (( i < cword )); do
        word=${words[i]}
        if [[ -n $pending ]]; then
            [[ $pending == "--db" ]] && db=(--db "$word")
            pending=""
        elif [[ $word == -* ]]; then
            [[ $word != *=* && -n ${_nb_vals[$at|$word]+set} ]] && pending=$word
        elif [[ -n ${_nb_subs[$at]} && " ${_nb_subs[$at]} " == *" $word "* ]]; then
            at="$at $word"; count=0
        else
            count=$((count + 1))
        fi
        i=$((i + 1))
    done
    if [[ -n $pending ]]; then
        wanted=${_nb_vals[$at|$pending]}
    elif [[ $cur == -* ]]; then
        wanted="w:${_nb_opts[$at]// /,}"
    elif [[ -n ${_nb_subs[$at]} ]]; then
        wanted="w:${_nb_subs[$at]// /,}"
    else
        local kinds=(${_nb_pos[$at]})
        if (( count < ${#kinds[@]} )) && [[ ${kinds[count]} != "*" ]]; then
            wanted=${kinds[count]}
        elif [[ ${kinds[-1]} == "*" ]] && (( ${#kinds[@]} > 1 )); then
            wanted=${kinds[-2]}
        fi
    fi
"""


def _bash(found: list[Command]) -> str:
    lines = [
        "# netbalance completion for bash. Install: add to ~/.bashrc",
        '#   eval "$(netbalance completion bash)"',
        "_netbalance() {",
        "    local cur=${COMP_WORDS[COMP_CWORD]} cword=$COMP_CWORD",
        '    local words=("${COMP_WORDS[@]}")',
        "    local -A _nb_subs _nb_opts _nb_vals _nb_pos",
        *_tables(found),
        _WALK.rstrip("\n"),
        "    COMPREPLY=()",
        "    case $wanted in",
        "        w:*)",
        "            local each",
        '            while IFS= read -r each; do COMPREPLY+=("$(printf %q "$each")"); done < <(',
        '                IFS=","; compgen -W "${wanted#w:}" -- "$cur")',
        "            ;;",
        '        f) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;',
        "        @*)",
        "            local line",
        "            while IFS= read -r line; do",
        '                COMPREPLY+=("$(printf %q "${line%%$\'\\t\'*}")")',
        '            done < <(command netbalance __complete "${db[@]}" "${wanted#@}" "$cur" '
        "2>/dev/null)",
        "            ;;",
        "    esac",
        "}",
        "complete -F _netbalance netbalance",
        "",
    ]
    return "\n".join(lines)


# zsh ------------------------------------------------------------------------------------


def _zsh(found: list[Command]) -> str:
    lines = [
        "#compdef netbalance",
        "# netbalance completion for zsh. Install: add to ~/.zshrc (after compinit)",
        '#   eval "$(netbalance completion zsh)"',
        "# or save it as _netbalance in a folder of your $fpath.",
        "_netbalance() {",
        "    local cur=${words[CURRENT]} cword=$((CURRENT - 1))",
        "    local -a words=(${words[@]})",
        "    local -A _nb_subs _nb_opts _nb_vals _nb_pos _nb_help",
        *_tables(found),
        *_table(
            "_nb_help",
            {
                f"{_key(c.path)}|{name}": text
                for c in found
                for name, text in [*c.subcommands.items(), *c.options.items()]
            },
        ),
        # zsh arrays start at 1: the same walk over words[2..CURRENT-1]
        _WALK.replace("local at=nb word i=1", "local at=nb word i=2")
        .replace("(( i < cword ))", "(( i <= cword ))")
        .replace("local kinds=(${_nb_pos[$at]})", "local -a kinds=(${=_nb_pos[$at]})")
        .replace("kinds[count]", "kinds[count + 1]")
        .rstrip("\n"),
        "    local -a described",
        "    case $wanted in",
        "        w:*)",
        "            local each",
        "            for each in ${(s:,:)${wanted#w:}}; do",
        '                described+=("${each//:/\\\\:}:${_nb_help[$at|$each]}")',
        "            done",
        "            _describe -t values netbalance described ;;",
        "        f) _files ;;",
        "        @*)",
        "            local line",
        '            for line in "${(@f)$(command netbalance __complete $db "${wanted#@}" "$cur" '
        '2>/dev/null)}"; do',
        "                [[ -n $line ]] && "
        "described+=(\"${${line%%$'\\t'*}//:/\\\\:}:${line#*$'\\t'}\")",
        "            done",
        "            _describe -t values netbalance described -U ;;",
        "    esac",
        "}",
        'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _netbalance "$@"; '
        "else compdef _netbalance netbalance; fi",
        "",
    ]
    return "\n".join(lines)


# fish -----------------------------------------------------------------------------------


def _fish_arguments(kind: str) -> str:
    if kind.startswith("w:"):
        return f"-x -a {_q(' '.join(_fish_word(w) for w in kind[2:].split(',')))}"
    if kind.startswith("@"):
        return f"-x -a {_q(f'(__netbalance_query {kind[1:]})')}"
    if kind == "f":
        return "-r -F"
    return "-x"


def _fish_word(word: str) -> str:
    return word.replace(" ", "\\ ")


def _fish(found: list[Command]) -> str:
    lines = [
        "# netbalance completion for fish. Install:",
        "#   netbalance completion fish > ~/.config/fish/completions/netbalance.fish",
        "function __netbalance_path --description 'the netbalance command being typed, and "
        "how many of its arguments are typed'",
        "    set -l words (commandline -opc)",
        "    set -l path",
        "    set -l count 0",
        "    set -l skip 0",
        "    for word in $words[2..-1]",
        "        if test $skip = 1",
        "            set skip 0",
        "        else if string match -qr -- '^-' $word",
        "            contains -- $word $__netbalance_values; and set skip 1",
        "        else if contains -- (string join ' ' $path $word) $__netbalance_paths",
        "            set path $path $word",
        "            set count 0",
        "        else",
        "            set count (math $count + 1)",
        "        end",
        "    end",
        "    echo (string join ' ' $path)",
        "    echo $count",
        "end",
        "function __netbalance_at --argument-names wanted",
        "    set -l found (__netbalance_path)",
        '    test "$found[1]" = "$wanted"',
        "end",
        "function __netbalance_arg --argument-names wanted index repeats",
        "    set -l found (__netbalance_path)",
        '    test "$found[1]" = "$wanted"; or return 1',
        '    test "$found[2]" -eq "$index"; or begin; test "$repeats" = 1; '
        'and test "$found[2]" -ge "$index"; end',
        "end",
        "function __netbalance_query --argument-names what",
        "    set -l db (commandline -opc | string match -r -- '(?<=^--db=).*')",
        "    set -l words (commandline -opc)",
        "    set -l at (contains -i -- --db $words)",
        '    test -n "$at"; and set db $words[(math $at + 1)]',
        '    if test -n "$db"',
        "        command netbalance __complete --db $db $what (commandline -ct) 2>/dev/null",
        "    else",
        "        command netbalance __complete $what (commandline -ct) 2>/dev/null",
        "    end",
        "end",
        "complete -c netbalance -f",
        "set -g __netbalance_paths " + " ".join(_q(c.path) for c in found if c.path),
        "set -g __netbalance_values " + " ".join(sorted({_q(o) for c in found for o in c.values})),
    ]
    for command in found:
        at = f"-n {_q(f'__netbalance_at {_q(command.path)}')}"
        for name, text in command.subcommands.items():
            lines.append(f"complete -c netbalance {at} -a {_q(name)} -d {_q(text)}")
        for option, text in command.options.items():
            if option.startswith("--"):
                flag = f"-l {option[2:]}"
            elif len(option) == 2:
                flag = f"-s {option[1:]}"
            else:
                flag = f"-o {option[1:]}"
            kind = command.values.get(option)
            more = "" if kind is None else " " + _fish_arguments(kind)
            lines.append(f"complete -c netbalance {at} {flag}{more} -d {_q(text)}")
        if command.positionals and not command.subcommands:
            last = len(command.positionals) - 1
            for index, kind in enumerate(command.positionals):
                if not kind:
                    continue
                repeats = "1" if command.repeats and index == last else "0"
                where = f"__netbalance_arg {_q(command.path)} {index} {repeats}"
                lines.append(f"complete -c netbalance -n {_q(where)} {_fish_arguments(kind)}")
    lines.append("")
    return "\n".join(lines)
