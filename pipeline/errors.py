"""The errors a user can act on: each one names a file, a line and what was wrong.

Every error the pipeline raises on bad input is a :class:`JumelageError`; the CLI
prints it, one line per problem, and exits with status 2, never with a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One located finding: ``path:line: message``."""

    path: str
    line: int | None
    message: str

    @property
    def location(self) -> str:
        """``path:line``, or ``path`` alone."""
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class JumelageError(Exception):
    """Base class of every user error; ``str()`` is what the user sees."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.problem = Problem(str(path), line, message)
        super().__init__(str(self.problem))

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled whole, whatever the subclass's arguments: a build's worker hands it to its parent."""
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(kind: type[JumelageError], args: tuple[object, ...], state: dict[str, object]) -> JumelageError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class SourceError(JumelageError):
    """A French Markdown source that cannot be read or parsed."""


class CatalogError(JumelageError):
    """A PO or POT file that cannot be read, or is missing.

    ``problems`` holds every problem found in the file, most severe first, the
    one named by ``path``, ``line`` and ``message`` first of all; ``str()`` is
    one line per problem. Without it, the one problem is the whole list.

    >>> error = CatalogError.of([Problem("de.po", 4, "expected msgstr, found msgid"),
    ...                          Problem("de.po", 9, "expected {n}, found {m}")])
    >>> print(error)
    de.po:4: expected msgstr, found msgid
    de.po:9: expected {n}, found {m}
    """

    def __init__(
        self, path: str | Path, line: int | None, message: str, *, problems: Sequence[Problem] = ()
    ) -> None:
        super().__init__(path, line, message)
        if problems and problems[0] != self.problem:
            raise ValueError(f"expected {self.problem} first among the problems, found {problems[0]}")
        self.problems = list(problems) or [self.problem]
        Exception.__init__(self, "\n".join(str(problem) for problem in self.problems))

    @classmethod
    def of(cls, problems: Sequence[Problem]) -> CatalogError:
        """The error of a file's ``problems`` (at least one), most severe first."""
        first = problems[0]
        return cls(first.path, first.line, first.message, problems=problems)


class RenderError(JumelageError):
    """pandoc or WeasyPrint could not turn a document into an output."""


class ReleaseError(JumelageError):
    """A release build met messages that are untranslated or fuzzy.

    It carries every problem at once, so a translator sees the whole list.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        Exception.__init__(self, "\n".join(str(problem) for problem in problems))
        self.problem = first
