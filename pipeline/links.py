"""A link's or an image's destination → what is wrong with where it leads, if anything.

The policy: a link leads to the web (:data:`LINK_SCHEMES`) or to a path
inside the project; an image is a file inside the project. A destination is
judged as a browser would follow it (:func:`decoded_target`) and shown as
written, so that ``&#106;avascript:`` hides nothing and the message points
at what to change.
"""

from __future__ import annotations

import html
import re
import unicodedata
import urllib.parse
from typing import Any

from pipeline.markdown import markdown_parser

#: Where a link may lead; images may only be files of the project.
LINK_SCHEMES = ("http", "https", "mailto")

LINK_PROBLEM = "expected a link to the web or inside the project"
IMAGE_PROBLEM = "expected an image file inside the project"

# A destination as written: in <…> (spaces allowed), or up to a space, parentheses balanced one deep.
_WRITTEN = r"\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]|\\.|\([^\s()]*\))+))"
_IMAGE_DESTINATION = re.compile(r"!\[[^\]]*\]" + _WRITTEN)
_LINK_DESTINATION = re.compile(
    r"(?<!!)\[[^\]]*\]" + _WRITTEN + r"|<(?P<autolink>[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>"
)
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Unicode categories a browser ignores in an address, or that only hide a scheme: controls, format
# characters (zero-width joiners…), separators (spaces).
_IGNORED_IN_ADDRESS = ("C", "Z")


def decoded_target(target: str) -> str:
    r"""A link's destination as a browser would follow it, to judge where it leads.

    Markdown's backslash escapes, HTML character references and percent-escapes
    are decoded (until nothing changes, so a double encoding hides nothing), and
    whitespace and control characters are dropped wherever they are: a browser
    skips a tab inside ``java\tscript:``.

    >>> decoded_target(r"&#106;ava%73cript\:alert(1)"), decoded_target("JaVa\tScRiPt:x")
    ('javascript:alert(1)', 'JaVaScRiPt:x')
    """
    text = _MARKDOWN_ESCAPE.sub(r"\1", target)
    for _ in range(8):
        decoded = urllib.parse.unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    return "".join(
        character for character in text if unicodedata.category(character)[0] not in _IGNORED_IN_ADDRESS
    )


def reference_problem(target: str, image: bool = False) -> str | None:
    """What is wrong with a link's (or an image's) destination, if anything.

    A link leads to the web (:data:`LINK_SCHEMES`) or to a path inside the
    project; an image is a file inside the project. The destination is judged
    decoded (:func:`decoded_target`), and shown as written.

    >>> reference_problem("https://www.rennes.fr/"), reference_problem("images/x.png", image=True)
    (None, None)
    >>> reference_problem("&#106;avascript:alert(1)")
    "expected a link to the web or inside the project, found '&#106;avascript:alert(1)' (javascript:alert(1))"
    """
    decoded = decoded_target(target)
    if _safe_reference(decoded, () if image else LINK_SCHEMES):
        return None
    shown = f"{target!r}" if decoded == target else f"{target!r} ({decoded})"
    return f"{IMAGE_PROBLEM if image else LINK_PROBLEM}, found {shown}"


def reference_problems(markdown: str) -> list[tuple[int, str]]:
    r"""Every link and image destination of ``markdown`` that leads where none may:
    ``(0-based line, sentence)``, in order of lines.

    Destinations are read twice, so that neither reading can miss one pandoc
    would follow: by the pipeline's parser (:func:`~pipeline.markdown.markdown_parser`,
    which keeps any destination), with reference definitions; and as written,
    on each line of text (not in code blocks).

    >>> for line, problem in reference_problems("[a](https://a.fr) [b][r]\n\n[r]: <java\tscript:x()>\n"):
    ...     print(line, problem)
    2 expected a link to the web or inside the project, found 'java\tscript:x()' (javascript:x())
    """
    # A destination is reported once (as the text writes it), on the line it is written on when
    # that is known, else on its paragraph's first line (where the parser found the link).
    exact: dict[tuple[bool, str], tuple[int, str]] = {}
    approximate: dict[tuple[bool, str], tuple[int, str]] = {}

    def add(found: dict[tuple[bool, str], tuple[int, str]], line: int, target: str, image: bool) -> None:
        problem = reference_problem(target, image)
        key = (image, decoded_target(target))
        if problem is not None and (key not in found or line < found[key][0]):
            found[key] = (line, problem)

    env: dict[str, Any] = {}
    for token in markdown_parser().parse(markdown, env):
        if token.type != "inline" or token.map is None:
            continue
        for offset, text in enumerate(token.content.split("\n")):
            for match in _IMAGE_DESTINATION.finditer(text):
                add(exact, token.map[0] + offset, _destination(match), image=True)
            for match in _LINK_DESTINATION.finditer(text):
                add(exact, token.map[0] + offset, _destination(match), image=False)
        for child in token.children or []:
            if child.type == "link_open":
                add(approximate, token.map[0], str(child.attrGet("href") or ""), image=False)
            elif child.type == "image":
                add(approximate, token.map[0], str(child.attrGet("src") or ""), image=True)
    for reference in env.get("references", {}).values():
        add(exact, reference.get("map", [0])[0], str(reference.get("href", "")), image=False)
    return sorted({**approximate, **exact}.values())


def _destination(match: re.Match[str]) -> str:
    return match.group("angled") or match.group("bare") or match.groupdict().get("autolink") or ""


def _safe_reference(target: str, schemes: tuple[str, ...]) -> bool:
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", target)
    if scheme:
        return scheme.group(1).lower() in schemes
    if target.startswith(("/", "\\")) or target.startswith("//"):
        return False
    depth = 1  # relative to source/, one level below the project's root
    for part in re.split(r"[/\\]", target.split("#")[0].split("?")[0]):
        if part == "..":
            depth -= 1
            if depth < 0:
                return False
        elif part not in ("", "."):
            depth += 1
    return True
