"""`netbalance sync git`: several devices on one history through a git repository.

The data folder is the repository. Each device commits only its own folder
(`netbalance.devices/<device>`, store/devices.py), so two devices never change one file
and a pull merges without a conflict; what the others changed reaches this device's own
files when the store opens (store/merge.py), and the next sync pushes it. A merge driver,
named in `.gitattributes` and registered in the repository's own config, merges a data
file record by record should two clones ever change the same one (two clones under one
device name): a pull never leaves conflict markers in a data file.

On a device with data, `sync git` makes the folder a repository (once), commits, pulls
and pushes; on a new device with no data it clones, then joins as a device of its own.
git runs as a subprocess: nothing to install but git itself.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING, Any

from netbalance.store import devices

if TYPE_CHECKING:
    from netbalance.core.clock import Clock

REMOTE = "origin"
BRANCH = "main"  # the branch of a repository sync git makes
DRIVER = "netbalance"
DRIVER_NAME = "netbalance record merge"
PRIVATE = 0o077  # the umask git runs under: files 0600, folders 0700

Say = Callable[[str], None]
Join = Callable[[], object]  # opens the store: this device merges what the others changed

_MONTH = re.compile(r"\.\d{4}-\d{2}\.json$")


class GitError(Exception):
    """git is missing, or one of its commands failed: one line (`git push: <why>`)."""


# running git ---------------------------------------------------------------------


@dataclass(frozen=True)
class Git:
    """git, run in the data folder."""

    executable: str
    folder: str

    def run(self, step: str, *words: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run `git WORDS` in the folder; a failure (when `check`) raises GitError named
        after the step, with git's last line."""
        env = dict(os.environ, GIT_MERGE_AUTOEDIT="no")
        try:
            done = subprocess.run(
                [self.executable, *words],
                cwd=self.folder,
                env=env,
                capture_output=True,
                text=True,
                errors="replace",
                umask=PRIVATE,  # what git writes is the user's alone, as netbalance's files
            )
        except OSError as problem:
            raise GitError(f"git {step}: {problem.strerror or problem}") from None
        if check and done.returncode != 0:
            raise GitError(f"git {step}: {last_line(done)}")
        return done

    def text(self, step: str, *words: str) -> str:
        """What `git WORDS` prints, stripped."""
        return self.run(step, *words).stdout.strip()

    def value(self, *words: str) -> str | None:
        """What `git WORDS` prints, or None when it fails (a missing ref or setting)."""
        done = self.run(words[0], *words, check=False)
        return done.stdout.strip() if done.returncode == 0 else None


def last_line(done: subprocess.CompletedProcess[str]) -> str:
    """What git said went wrong, in a line: its first `fatal:` or `error:` line (the
    advice after it says less), else its last line on stderr, else on stdout."""
    for stream in (done.stderr, done.stdout):
        lines = [line.strip() for line in (stream or "").splitlines() if line.strip()]
        for line in lines:
            if line.startswith(("fatal:", "error:")):
                return line
        if lines:
            return lines[-1]
    return f"exit status {done.returncode}"


def find_git() -> str:
    """Where git is; GitError when it is not installed."""
    found = shutil.which("git")
    if found is None:
        raise GitError("git is not installed (or not on PATH): install git to sync through it")
    return found


# the whole sync --------------------------------------------------------------------


def sync(root: str, remote: str | None, join: Join, clock: Clock, say: Say) -> None:
    """Sync the data path `root` through git: clone on a new device with no data (a
    remote given), else make the folder a repository (once), commit, pull and push.
    `join` opens the store (merging what the pull brought); `say` prints a step."""
    executable = find_git()
    root = os.path.realpath(root)
    folder = os.path.dirname(root)
    git = Git(executable, folder)
    if _nothing_here(root):
        if remote is None:
            raise GitError(
                "git: no data here to sync and no repository to clone: run "
                "`netbalance sync git --remote URL`"
            )
        _clone(git, remote, say)
        _configure(git, root)
        devices.move_in(root)
        join()
        say(f"joined as {devices.device_name()}")
    else:
        _make_repository(git, say)
        already = devices.shared(root) and devices.is_marker(root)
        devices.move_in(root)
        if not already:
            say(f"laid out for several devices; this device is {devices.device_name()}")
        _configure(git, root)
        if remote is not None:
            _set_remote(git, remote, say)
    _commit(git, clock, say)
    if git.value("remote", "get-url", REMOTE) is None:
        say(f"no remote: committed here only (`netbalance sync git --remote URL` adds {REMOTE})")
        return
    _exchange(git, join, clock, say)
    say(f"in sync with {REMOTE}")


def _nothing_here(root: str) -> bool:
    """A new device: no data path, and its folder missing or empty."""
    folder = os.path.dirname(root)
    if os.path.lexists(root):
        return False
    try:
        return not os.listdir(folder)
    except FileNotFoundError:
        return True


def _exchange(git: Git, join: Join, clock: Clock, say: Say) -> None:
    """Pull, merge what came into this device's files, commit that, push; a push the
    remote turned away (another device pushed first) is tried once more after a pull."""
    branch = _branch(git)
    _pull(git, branch, say)
    join()
    _commit(git, clock, say, merged=True)
    try:
        _push(git, branch, say)
    except GitError:
        try:
            pulled = _pull(git, branch, say)
        except GitError:
            pulled = False
        if not pulled:
            raise
        join()
        _commit(git, clock, say, merged=True)
        _push(git, branch, say)


# the repository --------------------------------------------------------------------


def _make_repository(git: Git, say: Say) -> None:
    """`git init` the data folder unless it is the top of a repository already (a
    folder inside another repository gets one of its own)."""
    top = git.value("rev-parse", "--show-toplevel")
    if top is not None and os.path.realpath(top) == os.path.realpath(git.folder):
        return
    git.run("init", "init", "-q")
    git.run("init", "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
    say(f"made {git.folder} a git repository")


def _clone(git: Git, remote: str, say: Say) -> None:
    """Clone the remote into the data folder (missing, or empty: git takes either)."""
    parent = os.path.dirname(git.folder)
    os.makedirs(parent, exist_ok=True)
    Git(git.executable, parent).run("clone", "clone", "-q", remote, git.folder)
    if git.value("rev-parse", "-q", "--verify", "HEAD") is None:
        _check_out_a_branch(git)
    say(f"cloned {remote}")


def _check_out_a_branch(git: Git) -> None:
    """After a clone that checked nothing out (the remote's HEAD names a branch it does
    not have, as a bare repository made with `git init --bare` may; or the remote is
    empty): its `main`, else its first branch, else `main` to come."""
    listed = git.text("clone", "for-each-ref", "--format=%(refname)", f"refs/remotes/{REMOTE}/")
    prefix = f"refs/remotes/{REMOTE}/"
    branches = sorted(
        ref[len(prefix) :] for ref in listed.splitlines() if ref != f"{prefix}HEAD" and ref
    )
    if not branches:
        git.run("clone", "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
        return
    branch = BRANCH if BRANCH in branches else branches[0]
    git.run("clone", "checkout", "-q", "-b", branch, "--track", f"{REMOTE}/{branch}")


def _configure(git: Git, root: str) -> None:
    """The merge driver (`.gitattributes`, the repository's config), this machine's
    files kept out, and a name to commit under when git has none."""
    base = os.path.basename(devices.stem_of(root))
    devices.add_lines(os.path.join(git.folder, ".gitattributes"), [f"{base}*.json merge={DRIVER}"])
    command = f"{shlex.quote(sys.executable)} -m netbalance sync _merge-file %O %A %B %P"
    git.run("config", "config", f"merge.{DRIVER}.name", DRIVER_NAME)
    git.run("config", "config", f"merge.{DRIVER}.driver", command)
    exclude = git.text("rev-parse", "rev-parse", "--git-path", "info/exclude")
    devices.add_lines(
        os.path.join(git.folder, exclude),
        [f"/{base}{suffix}" for suffix in devices.LOCAL_SUFFIXES] + [".nbtmp-*"],
    )
    _name_committer(git)


def _name_committer(git: Git) -> None:
    """`user.name` and `user.email` in the repository's config, each when git knows it
    neither from its config nor from the environment (author and committer)."""
    for key, word, value in (
        ("user.name", "NAME", "netbalance"),
        ("user.email", "EMAIL", f"{devices.device_name()}@localhost"),
    ):
        given = all(os.environ.get(f"GIT_{who}_{word}") for who in ("AUTHOR", "COMMITTER"))
        if given or git.value("config", "--get", key):
            continue
        git.run("config", "config", key, value)


def _set_remote(git: Git, remote: str, say: Say) -> None:
    """`origin` is the remote given (added, or its URL replaced)."""
    present = git.value("remote", "get-url", REMOTE)
    if present == remote:
        return
    if present is None:
        git.run("remote", "remote", "add", REMOTE, remote)
    else:
        git.run("remote", "remote", "set-url", REMOTE, remote)
    say(f"{REMOTE} is {remote}")


def _branch(git: Git) -> str:
    branch = git.value("symbolic-ref", "--short", "-q", "HEAD")
    if not branch:
        raise GitError("git: the data folder's repository is on no branch: check one out")
    return branch


# commit, pull, push -----------------------------------------------------------------


def _commit(git: Git, clock: Clock, say: Say, merged: bool = False) -> None:
    """Commit whatever changed in the folder (this device's own files; the ignore files
    keep every machine's local files out)."""
    git.run("add", "add", "-A")
    names = git.text("commit", "diff", "--cached", "--name-only").splitlines()
    if not names:
        return
    device = devices.device_name()
    stamp = f"{clock.now().astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    git.run("commit", "commit", "-q", "-m", f"netbalance: {device} at {stamp}")
    count = f"{len(names)} file" + ("" if len(names) == 1 else "s")
    say(f"committed {count}" + (" (merged from the other devices)" if merged else ""))


def _pull(git: Git, branch: str, say: Say) -> bool:
    """Fetch the remote and merge its branch (none yet: nothing to pull); whether
    anything came. A merge git cannot finish is taken back, the folder left as it was."""
    git.run("pull", "fetch", "-q", REMOTE)
    theirs = git.value("rev-parse", "-q", "--verify", f"refs/remotes/{REMOTE}/{branch}")
    if theirs is None:
        return False
    before = git.value("rev-parse", "-q", "--verify", "HEAD")
    if before == theirs:
        return False
    done = git.run(
        "pull",
        "merge",
        "-q",
        "--ff",
        "--no-edit",
        "--allow-unrelated-histories",
        f"refs/remotes/{REMOTE}/{branch}",
        check=False,
    )
    if done.returncode != 0:
        git.run("merge", "merge", "--abort", check=False)
        raise GitError(f"git pull: {last_line(done)}")
    after = git.value("rev-parse", "-q", "--verify", "HEAD")
    if after == before:
        return False
    say(f"pulled from {REMOTE}")
    return True


def _push(git: Git, branch: str, say: Say) -> None:
    """Push the branch when the remote lacks some of it."""
    here = git.value("rev-parse", "-q", "--verify", "HEAD")
    there = git.value("rev-parse", "-q", "--verify", f"refs/remotes/{REMOTE}/{branch}")
    if here is None or here == there:
        return
    git.run("push", "push", "-q", "-u", REMOTE, f"{branch}:{branch}")
    say(f"pushed to {REMOTE}")


# the merge driver ---------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One of the three versions git hands the merge driver, read."""

    data: dict[str, Any] | None  # None: empty (the file is new on both sides)
    raw: bytes


def role_of(name: str) -> str:
    """The role of a data file by its name: gone, box, history, else main."""
    if name.endswith(".gone.json"):
        return "gone"
    if name.endswith(".box.json"):
        return "box"
    if _MONTH.search(name):
        return "history"
    return "main"


def merge_file(base: str, ours: str, theirs: str, name: str) -> str | None:
    """git's merge driver: the versions `base` (the common ancestor), `ours` and
    `theirs` of the data file `name`, merged record by record into `ours`; None when
    merged, else why not (git then reports a conflict and keeps ours)."""
    import orjson

    from netbalance.store.files import atomic_write
    from netbalance.store.merge import merge_documents

    role = role_of(os.path.basename(name))
    try:
        mine, other = _read_version(ours, role), _read_version(theirs, role)
    except ValueError as problem:
        return str(problem)
    if mine.raw == other.raw:
        return None
    markers = _is_marker(mine.raw), _is_marker(other.raw)
    if all(markers):
        return None  # two markers: no records to merge, ours stays
    if any(markers):
        return f"{name}: the devices marker on one side, data on the other"
    if mine.data is None or other.data is None:
        return f"{name}: empty on one side"
    try:
        common = _read_version(base, role).data
    except ValueError:
        common = None  # no common version to go by: every record of either side stays
    merged = merge_documents(mine.data, other.data, role, base=common, tombs=_tombs_beside(name))
    atomic_write(ours, orjson.dumps(merged))
    return None


def _is_marker(raw: bytes) -> bool:
    """Is this the marker of the devices layout (store/devices.py)?"""
    return b'"layout":"devices"' in raw[:4096].replace(b" ", b"")


def _read_version(path: str, role: str) -> Version:
    """A version git handed over, checked and brought to this schema; ValueError (one
    line) when it is not a netbalance file of the role."""
    import orjson

    from netbalance.store import schema

    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as problem:
        raise ValueError(f"{path}: {problem.strerror or problem}") from None
    if not raw.strip():
        return Version(None, raw)
    if _is_marker(raw):
        return Version(None, raw)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as problem:
        raise ValueError(f"{path}: not JSON ({problem})") from None
    found = schema.shape_problem(data, role)
    if found:
        raise ValueError(f"{path}: {found}")
    version = schema.version_of(data)
    if version > schema.SCHEMA_VERSION:
        raise ValueError(f"{path}: written by a newer netbalance (schema {version}); update")
    return Version(schema.migrate(data) if version < schema.SCHEMA_VERSION else data, raw)


def _tombs_beside(name: str) -> list[dict[str, Any]]:
    """The tombstones in the work tree's gone file beside the data file `name` (git runs
    the driver at the top of the work tree), if it can be read."""
    import orjson

    if role_of(os.path.basename(name)) == "gone":
        return []
    folder, base = os.path.split(name)
    stem = _MONTH.sub("", base)
    for suffix in (".box.json", ".json"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    try:
        with open(os.path.join(folder, f"{stem}.gone.json"), "rb") as handle:
            data = orjson.loads(handle.read())
        tombs = data["gone"].values()
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
        return []
    return [tomb for tomb in tombs if isinstance(tomb, dict)]
