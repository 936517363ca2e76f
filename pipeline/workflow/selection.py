"""What ``make``'s selectors name → the articles, languages and editions a command works on.

``ARTICLE=``, ``EDITION=`` and ``LANGS=`` narrow every target; a name the
project does not have is an error that lists the names it has, never an empty
selection that builds nothing and says nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import SourceError
from pipeline.press.editions import Edition, EditionError
from pipeline.project import Project
from pipeline.workflow.sources import load_editions_config


@dataclass(frozen=True)
class Selection:
    """The articles, languages and editions chosen (``None``: every one)."""

    articles: tuple[str, ...] | None = None
    languages: tuple[str, ...] | None = None
    editions: tuple[str, ...] | None = None

    def chosen_languages(self, project: Project) -> tuple[str, ...]:
        """The languages chosen: French and every target language when none was named."""
        return self.languages or project.languages()

    def sources(self, project: Project) -> list[Path]:
        """The French articles chosen, in the project's order."""
        sources = project.sources()
        if self.articles is None:
            return sources
        slugs = [source.stem for source in sources]
        for name in self.articles:
            if name not in slugs:
                raise SourceError(
                    project.relative(project.source_dir),
                    None,
                    f"expected an article named one of {', '.join(slugs)}, found {name!r}",
                )
        return [source for source in sources if source.stem in self.articles]

    def chosen_editions(self, project: Project) -> list[Edition]:
        """The editions chosen, among those of the languages chosen, in editions.yml's order."""
        config = load_editions_config(project)
        keys = [edition.key for edition in config.editions]
        for name in self.editions or ():
            if name not in keys:
                raise EditionError(
                    "source/editions.yml",
                    None,
                    f"expected an edition named one of {', '.join(keys)}, found {name!r}",
                )
        return [
            edition
            for edition in config.editions
            if (self.editions is None or edition.key in self.editions)
            and (self.languages is None or edition.lang in self.languages)
        ]


EVERYTHING = Selection()


def selection(
    articles: Sequence[str] | None, languages: Sequence[str] | None, editions: Sequence[str] | None
) -> Selection:
    """A selection from a command line's repeatable options (an option not given: every one)."""
    return Selection(
        tuple(articles) if articles else None,
        tuple(languages) if languages else None,
        tuple(editions) if editions else None,
    )
