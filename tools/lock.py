"""pyproject.toml's dependencies → the locks in ``requirements/``; checks that they and ``.venv`` agree.

``make lock`` runs ``python tools/lock.py compile``: pip-compile pins every
package with its hashes (runtime, the ``dev`` extra, the build backend, and
for ``requirements/validate.txt`` the ``validate`` extra too), then each
lock is headed with what it was made from: the Python version, the extras,
and every requirement of pyproject.toml it covers. ``make`` installs
``requirements/lock.txt`` with ``--require-hashes``; ``.ci/run`` adds
``requirements/validate.txt``, compiled first so that a package both hold
has one version.

``make test`` runs ``python tools/lock.py check``, which fails, saying what
differs and what to run, when pyproject.toml says other than the locks (a
dependency added, removed or changed without ``make lock``), when the locks
disagree with each other, or when the running environment is neither
exactly ``requirements/lock.txt`` nor exactly ``requirements/validate.txt``
(a package installed by hand, a version drifted, a package missing).

The core is pure functions over texts and dicts; the subcommands at the end
do the reading, the running and the printing.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import re
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
#: The project itself: installed editable by ``make``, from the checkout, never from a lock.
PROJECT = "jumelage"

#: Each lock and the extras of pyproject.toml it holds, smallest first. ``make``
#: installs the first; ``.ci/run`` installs the second, the validators some tests run.
#: Each is compiled within the pins of the next, so a package they share has one version.
LOCKS: dict[str, tuple[str, ...]] = {
    "requirements/lock.txt": ("dev",),
    "requirements/validate.txt": ("dev", "validate"),
}
#: The lock ``make`` installs (the Makefile's ``LOCK``).
MAKE_LOCK = "requirements/lock.txt"
#: Where the locks are valid: pip-compile resolves for the interpreter that runs it.
PLATFORM = "CPython 3.11 on Linux"
#: What sets the package index pip-compile asks (pip's default, unless the environment says otherwise).
DEFAULT_INDEX = "https://pypi.org/simple/"

PIP_COMPILE_OPTIONS = (
    "--quiet",
    "--generate-hashes",
    # pip and setuptools too: the project is installed without build isolation, with the lock's setuptools.
    "--allow-unsafe",
    "--strip-extras",
    # The header is ours (format_header), with neither date nor path; no machine's index or folder either.
    "--no-header",
    "--no-emit-index-url",
    "--no-emit-find-links",
    "--no-emit-trusted-host",
    # setuptools>=68 from [build-system], which `make` builds the project with.
    "--build-deps-for",
    "editable",
)

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
_FIELD = re.compile(r"^# (python|extras): ?(.*)$")


@dataclass(frozen=True)
class Lock:
    """What a lock file pins, and what it says it was made from."""

    path: str
    python: str
    extras: tuple[str, ...]
    #: ``(section, requirement)``: ``("", "babel>=2.14")``, ``("dev", "pytest>=8.0")``, ``("build", …)``.
    requires: frozenset[tuple[str, str]]
    #: Canonical name → version.
    pins: Mapping[str, str]


def read_lock(path: str, text: str) -> Lock:
    """A lock's text → its pins and header.

    >>> lock = read_lock("lock.txt", "# python: 3.11\\n# requires [dev]: pytest>=8.0\\nPyYAML==6.0.4 \\\\\\n")
    >>> lock.python, sorted(lock.requires), dict(lock.pins)
    ('3.11', [('dev', 'pytest>=8.0')], {'pyyaml': '6.0.4'})
    """
    python = ""
    extras: tuple[str, ...] = ()
    requires: set[tuple[str, str]] = set()
    pins: dict[str, str] = {}
    for line in text.splitlines():
        field = _FIELD.match(line)
        pin = _PIN.match(line)
        if field and field[1] == "python":
            python = field[2].strip()
        elif field and field[1] == "extras":
            extras = tuple(field[2].split())
        elif line.startswith("# requires"):
            section, _, requirement = line.removeprefix("# requires").partition(":")
            requires.add((section.strip(" []"), requirement.strip()))
        elif pin:
            pins[canonicalize_name(pin[1])] = pin[2]
    return Lock(path, python, extras, frozenset(requires), pins)


def requirements_of(pyproject: Mapping[str, object], extras: Sequence[str]) -> list[tuple[str, Requirement]]:
    """pyproject.toml → the requirements a lock with these extras covers, by section.

    The section is ``""`` for ``[project] dependencies``, the extra's name, or
    ``"build"`` for ``[build-system] requires``; sorted, so that reordering
    pyproject.toml changes nothing.
    """
    project = pyproject.get("project", {})
    build = pyproject.get("build-system", {})
    assert isinstance(project, dict) and isinstance(build, dict)
    sections: list[tuple[str, list[str]]] = [("", project.get("dependencies", []))]
    optional = project.get("optional-dependencies", {})
    sections += [(extra, optional.get(extra, [])) for extra in extras]
    sections.append(("build", build.get("requires", [])))
    found = [(section, Requirement(text)) for section, texts in sections for text in texts]
    return sorted(found, key=lambda item: (item[0], canonicalize_name(item[1].name), str(item[1])))


def format_header(path: str, pyproject: Mapping[str, object], extras: Sequence[str], python: str) -> str:
    """The lines heading a lock: what it is for and what it was made from (no date, no path).

    >>> config = {"project": {"dependencies": ["babel>=2.14"]}, "build-system": {"requires": []}}
    >>> print(format_header(MAKE_LOCK, config, (), "3.11"), end="")  # doctest: +ELLIPSIS
    # Every package `make` installs, pinned with its hashes (`pip install --require-hashes`),
    ...
    # python: 3.11
    # extras:
    # requires: babel>=2.14
    """
    if path == MAKE_LOCK:
        purpose = "# Every package `make` installs, pinned with its hashes (`pip install --require-hashes`),"
    else:
        purpose = "# Every package .ci/run installs (`make`'s and the validators), pinned with its hashes,"
    lines = [
        purpose,
        f"# for {PLATFORM}. Made by `make lock` (tools/lock.py, pip-compile) from pyproject.toml:",
        '# never edit it by hand; README.md, "Upgrading a dependency", says how to change it.',
        "# `make test` checks that pyproject.toml still requires what this lock was made from:",
        f"# python: {python}",
        f"# extras: {' '.join(extras)}".rstrip(),
    ]
    for section, requirement in requirements_of(pyproject, extras):
        label = f" [{section}]" if section else ""
        lines.append(f"# requires{label}: {requirement}")
    return "\n".join(lines) + "\n"


def pyproject_problems(pyproject: Mapping[str, object], locks: Sequence[Lock]) -> list[str]:
    """Where pyproject.toml and the locks disagree, one line each (none: they agree).

    Each lock must have been made from pyproject.toml's requirements as they
    are, pin each of them at a version it allows, and pin what the next lock
    pins too, at the same version. A problem the locks share is one line
    naming them all.
    """
    found: dict[str, list[str]] = {}  # problem → the locks that have it, in order
    for lock in locks:
        wanted = requirements_of(pyproject, lock.extras)
        now = {(section, str(requirement)) for section, requirement in wanted}
        problems = [
            f"made without pyproject.toml's {text}" + (f" ({section})" if section else "")
            for section, text in sorted(now - lock.requires)
        ]
        problems += [
            f"made from {text}"
            + (f" ({section})" if section else "")
            + ", which pyproject.toml no longer requires"
            for section, text in sorted(lock.requires - now)
        ]
        for _, requirement in wanted:
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            pinned = lock.pins.get(canonicalize_name(requirement.name))
            if pinned is None:
                problems.append(f"{requirement} (pyproject.toml) is not pinned")
            elif not requirement.specifier.contains(pinned, prereleases=True):
                problems.append(
                    f"pins {requirement.name}=={pinned}, which pyproject.toml's {requirement} excludes"
                )
        for problem in problems:
            found.setdefault(problem, []).append(lock.path)
    lines = [f"{' and '.join(paths)}: {problem}: run `make lock`" for problem, paths in found.items()]
    for smaller, larger in itertools.pairwise(locks):
        for name, version in sorted(smaller.pins.items()):
            other = larger.pins.get(name)
            if other is None:
                lines.append(
                    f"{smaller.path}: pins {name}=={version}, which {larger.path} lacks: run `make lock`"
                )
            elif other != version:
                lines.append(
                    f"{smaller.path}: pins {name}=={version}, {larger.path} {name}=={other}: run `make lock`"
                )
    return lines


def differences(installed: Mapping[str, str], lock: Lock, locks: Sequence[Lock]) -> list[str]:
    """How an environment (canonical name → version) differs from one lock, one line per package."""
    lines = []
    for name in sorted(set(installed) | set(lock.pins)):
        have, pinned = installed.get(name), lock.pins.get(name)
        if have == pinned:
            continue
        if have is None:
            lines.append(f"{name}: missing; the lock pins {pinned}")
        elif pinned is not None:
            lines.append(f"{name}: {have} installed; the lock pins {pinned}")
        else:
            holders = [other.path for other in locks if name in other.pins]
            where = f"only {', '.join(holders)} has it" if holders else "no lock has it"
            lines.append(f"{name} {have}: installed, not in the lock ({where})")
    return lines


def environment_problems(
    installed: Mapping[str, str], python: str, locks: Sequence[Lock], where: str = "the environment"
) -> list[str]:
    """Where an environment differs from every lock (none: it is exactly one of them).

    ``installed`` maps canonical names to versions, the project itself left
    out; ``python`` is the running Python, ``"CPython 3.11"``. The report
    names the lock the environment is closest to, the one ``make`` installs
    when two are as close.
    """
    if not locks:
        return []
    problems = []
    if python != f"CPython {locks[0].python}":
        problems.append(
            f"this is {python}; the locks are for CPython {locks[0].python}, and the outputs may differ "
            f"from CI's: `make distclean && make PYTHON=python{locks[0].python}`"
        )
    found = {lock.path: differences(installed, lock, locks) for lock in locks}
    if any(not lines for lines in found.values()):
        return problems
    closest = min(locks, key=lambda lock: len(found[lock.path]))
    role = "the lock `make` installs" if closest.path == MAKE_LOCK else "what .ci/run installs"
    problems.append(f"{where} differs from {closest.path} ({role}):")
    problems += [f"  {line}" for line in found[closest.path]]
    if closest.path == MAKE_LOCK:
        problems.append("run `make sync` to make it exactly the lock again.")
    else:
        problems.append(
            f"run `make sync`, then `.venv/bin/python -m pip install --require-hashes -r {closest.path}`"
            " (as .ci/run does)."
        )
    problems.append(
        "to add or change a package: edit pyproject.toml, run `make lock` "
        '(README.md, "Upgrading a dependency").'
    )
    return problems


# What follows reads files, asks the running Python and runs pip-compile.


def installed_distributions() -> dict[str, str]:
    """This interpreter's installed packages (canonical name → version), the project itself left out."""
    found: dict[str, str] = {}
    for distribution in metadata.distributions():
        name = canonicalize_name(distribution.metadata["Name"] or "")
        if name and name != PROJECT:
            found.setdefault(name, distribution.version)
    return found


def running_python() -> str:
    """``"CPython 3.11"``, with ``"on <platform>"`` when not on Linux."""
    version = f"{platform.python_implementation()} {sys.version_info.major}.{sys.version_info.minor}"
    return version if sys.platform == "linux" else f"{version} on {sys.platform}"


def read_pyproject(root: Path) -> dict[str, object]:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def read_locks(root: Path) -> tuple[list[Lock], list[str]]:
    """The locks found, and a problem line for each one missing."""
    locks, missing = [], []
    for path in LOCKS:
        file = root / path
        if file.is_file():
            locks.append(read_lock(path, file.read_text(encoding="utf-8")))
        else:
            missing.append(f"{path}: missing: run `make lock`")
    return locks, missing


def check(root: Path) -> int:
    """``make test``'s first step: print every disagreement and return 1, or return 0."""
    locks, problems = read_locks(root)
    problems += pyproject_problems(read_pyproject(root), locks)
    prefix = Path(sys.prefix)
    where = prefix.relative_to(root).as_posix() if prefix.is_relative_to(root) else str(prefix)
    problems += environment_problems(installed_distributions(), running_python(), locks, where)
    if metadata_version(PROJECT) is None:
        problems.append(f"{PROJECT} itself is not installed in this environment: run `make sync`")
    for line in problems:
        print(f"lock check: {line}" if not line.startswith("  ") else line, file=sys.stderr)
    return 1 if problems else 0


def metadata_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def index_unreachable(url: str, timeout: float = 15) -> str | None:
    """Why the package index cannot be reached, or None when it answers."""
    if not url.startswith(("http://", "https://")):
        return None  # a local index: pip-compile says itself if it is wrong
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/pip/", timeout=timeout):
            return None
    except (urllib.error.URLError, OSError) as error:
        return str(getattr(error, "reason", error))


def pip_compile_argv(
    path: str, extras: Sequence[str], constraint: str | None, upgrade: Sequence[str]
) -> list[str]:
    """The pip-compile command that writes one lock (relative paths only: they end up in its comments)."""
    argv = [sys.executable, "-m", "piptools", "compile", *PIP_COMPILE_OPTIONS]
    argv += [f"--extra={extra}" for extra in extras]
    argv += [f"--constraint={constraint}"] if constraint else []
    argv += [f"--upgrade-package={name}" for name in upgrade]
    return [*argv, f"--output-file={path}", "pyproject.toml"]


def compile_locks(root: Path, upgrade: Sequence[str]) -> int:
    """``make lock``: rewrite every lock, largest first; on any failure, leave them all as they were."""
    index = os.environ.get("PIP_INDEX_URL", DEFAULT_INDEX)
    reason = index_unreachable(index)
    if reason is not None:
        print(
            f"make lock: the package index {index} cannot be reached ({reason}); the locks are unchanged: "
            "run `make lock` again where it can be reached.",
            file=sys.stderr,
        )
        return 1
    before = {path: (root / path).read_bytes() for path in LOCKS if (root / path).is_file()}
    pyproject = read_pyproject(root)
    paths = list(LOCKS)
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    environment = {**os.environ, "CUSTOM_COMPILE_COMMAND": "make lock"}
    for position in reversed(range(len(paths))):
        path = paths[position]
        constraint = paths[position + 1] if position + 1 < len(paths) else None
        argv = pip_compile_argv(path, LOCKS[path], constraint, upgrade)
        print(f"make lock: {path} ({' '.join(LOCKS[path])})", file=sys.stderr)
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        if subprocess.run(argv, cwd=root, env=environment, check=False).returncode != 0:
            for restored, content in before.items():
                (root / restored).write_bytes(content)
            print(
                f"make lock: pip-compile failed on {path} (above); the locks are as they were.",
                file=sys.stderr,
            )
            return 1
        body = (root / path).read_text(encoding="utf-8")
        (root / path).write_text(format_header(path, pyproject, LOCKS[path], python) + body, encoding="utf-8")
    for path in paths:
        old = read_lock(path, before[path].decode()) if path in before else None
        new = read_lock(path, (root / path).read_text(encoding="utf-8"))
        for line in pin_changes(old.pins if old else {}, new.pins):
            print(f"make lock: {path}: {line}", file=sys.stderr)
    return 0


def pin_changes(old: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    """What a new lock pins differently, one line a package.

    >>> pin_changes({"babel": "2.18.0", "six": "1.0"}, {"babel": "2.19.0", "nh3": "0.3.8"})
    ['babel 2.18.0 → 2.19.0', 'nh3 0.3.8 (new)', 'six 1.0 (removed)']
    """
    lines = []
    for name in sorted(set(old) | set(new)):
        if name not in old:
            lines.append(f"{name} {new[name]} (new)")
        elif name not in new:
            lines.append(f"{name} {old[name]} (removed)")
        elif old[name] != new[name]:
            lines.append(f"{name} {old[name]} → {new[name]}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/lock.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout (default: this one)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="pyproject.toml, the locks and this environment agree (make test)")
    compiler = commands.add_parser("compile", help="rewrite the locks from pyproject.toml (make lock)")
    compiler.add_argument("--upgrade-package", action="append", default=[], metavar="NAME")
    arguments = parser.parse_args(argv)
    if arguments.command == "compile":
        return compile_locks(arguments.root, arguments.upgrade_package)
    return check(arguments.root)


if __name__ == "__main__":
    sys.exit(main())
