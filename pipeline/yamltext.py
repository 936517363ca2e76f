"""YAML text → plain data and its node tree, read strictly: no anchors or aliases, dates that exist.

An article's front matter and ``source/editions.yml`` are YAML edited by
hand, and both are read here, one way. An anchor and its aliases (``&f`` …
``*f``) repeat a node: nested a few times, ten lines become billions of
strings (the "billion laughs") that reach pandoc. Neither file needs one, so
any anchor or alias is refused at its line, before anything is built from
the text. A date that does not exist (``2026-02-30``) is refused at its line
too, where PyYAML would raise a bare ``ValueError``.

>>> load_yaml("city: Brno\\nyear: 1965\\n", "e.yml", 1)[0]
{'city': 'Brno', 'year': 1965}
>>> load_yaml("a: &x [1]\\nb: *x\\n", "e.yml", 1)
Traceback (most recent call last):
...
pipeline.errors.SourceError: e.yml:1: expected YAML without anchors or aliases, found the anchor &x
"""

from __future__ import annotations

import datetime
from typing import Any

import yaml

from pipeline.errors import JumelageError, SourceError

_NO_SUCH_DATE = "expected a date that exists"


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, whose dates that do not exist are errors at their mark."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> datetime.date | datetime.datetime:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, f"{_NO_SUCH_DATE}, found {node.value!r}", node.start_mark
            ) from None


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)


def load_yaml(
    text: str, path: str, first_line: int, error: type[JumelageError] = SourceError, what: str = "YAML"
) -> tuple[Any, yaml.Node | None]:
    """The data of the YAML ``text`` and its node tree (for the keys' lines); ``text`` starts on
    the file's line ``first_line``. A mistake is an ``error`` at its line: ``expected {what}, found …``."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor:
                sign = "alias *" if isinstance(event, yaml.AliasEvent) else "anchor &"
                line = event.start_mark.line + first_line if event.start_mark is not None else first_line
                raise error(
                    path, line, f"expected {what} without anchors or aliases, found the {sign}{anchor}"
                )
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
            data = None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else first_line
        problem = exc.problem or "something else"
        message = problem if problem.startswith(_NO_SUCH_DATE) else f"expected {what}, found: {problem}"
        raise error(path, line, message) from None
    return data, node
