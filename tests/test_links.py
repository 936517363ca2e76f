"""pipeline.links: where a link or an image may lead, judged decoded, each bad one found on its line."""

from __future__ import annotations

import pytest

from pipeline.links import reference_problem, reference_problems


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "java%73cript:alert(1)",
        "java%2573cript:alert(1)",  # encoded twice
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "java\u200bscript:alert(1)",  # a zero-width space
        r"javascript\:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "/etc/passwd",
        "//evil.example/",
        "../../secret.md",
        "%2e%2e/%2e%2e/secret.md",
    ],
)
def test_a_link_is_judged_on_its_address_decoded(target: str) -> None:
    assert reference_problem(target) is not None


@pytest.mark.parametrize(
    "target",
    ["https://www.rennes.fr/a?b=c#d", "HTTP://A.FR", "mailto:a@b.fr", "guide.md#partie", "../README.md"],
)
def test_links_to_the_web_or_inside_the_project_pass(target: str) -> None:
    assert reference_problem(target) is None


@pytest.mark.parametrize(
    ("markdown", "lines"),
    [
        ("[a](javascript:x())", [0]),
        ("Un paragraphe\nsur deux [a](<java\tscript:x()>) lignes.", [1]),
        ("[a][r]\n\n[r]: javascript:x()", [2]),
        ("[r]: javascript:x()", [0]),  # a definition no link uses is refused too
        ("<javascript:x()>", [0]),
        ("![a](https://tracker.example/p.png)", [0]),
        ("- [a](javascript:x())\n- [b](vbscript:y)", [0, 1]),
        ("```\n[a](javascript:x())\n```", []),  # code, shown as such
        ("`[a](https://a.fr)` et [b](https://b.fr)", []),
    ],
)
def test_each_bad_destination_is_found_on_its_line(markdown: str, lines: list[int]) -> None:
    assert [line for line, _ in reference_problems(markdown)] == lines


def test_a_reference_definition_is_shown_as_written() -> None:
    assert reference_problems("[b][r]\n\n[r]: <java\tscript:x()>\n") == [
        (2, "expected a link to the web or inside the project, found 'java\\tscript:x()' (javascript:x())")
    ]


@pytest.mark.parametrize(
    "markdown",
    ["[a [b] c](javascript:x())", "[a\nb](javascript:x())", "![a [b]](https://tracker.example/p.png)"],
)
def test_a_destination_the_line_reading_misses_is_found_by_the_parser(markdown: str) -> None:
    assert [line for line, _ in reference_problems(markdown)] == [0]
