"""pipeline.catalogs.strict: PO text read as gettext reads it, held to msgfmt --check's rules.

The broken files of tests/bad/catalogs/ are run by tests/test_bad_catalogs.py; these tests read
inline strings: what is read (and how, where Babel reads otherwise), and the refusals the corpus
does not show.
"""

from __future__ import annotations

import io
import pickle

import pytest
from babel.messages.pofile import read_po

from pipeline.catalogs.strict import Entry, Fault, check_entries, plural_forms, read_entries
from pipeline.errors import CatalogError, Problem

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: pl\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"\n'
    '"\\n"\n\n'
)
FIRST_LINE = HEADER.count("\n") + 1  # the line the body starts on


def body(text: str) -> list[Entry]:
    """The entries of ``text`` after a valid Polish header."""
    return read_entries(HEADER + text, "pl.po")[1:]


def refusal(text: str, header: str = HEADER) -> str:
    with pytest.raises(CatalogError) as caught:
        read_entries(header + text, "pl.po")
    return str(caught.value)


def test_strings_are_read_as_gettext_reads_them() -> None:
    (entry,) = body('msgid "a" "b"\nmsgstr ""\n"tab\\there, \\"quoted\\", back\\\\slash, bell\\a"\n')
    assert entry.msgid == "ab"  # Babel: 'a" "b'
    assert entry.msgstr == ['tab\there, "quoted", back\\slash, bell\a']
    assert entry.line == FIRST_LINE and entry.msgstr_line == FIRST_LINE + 1
    babel = read_po(io.StringIO(HEADER + 'msgid "a" "b"\nmsgstr "c"\n'))
    assert [message.id for message in babel if message.id] == ['a" "b']


def test_comments_references_flags_and_previous_msgids_are_read() -> None:
    (entry,) = body(
        "# translator's note\n#. paragraph\n#: source/a.md:3 \u2068source/b c.md\u2069:4 README\n"
        '#, fuzzy, python-brace-format\n#| msgid ""\n#| "Ancien "\n#| "texte {n}"\n'
        'msgid "Nouveau texte {n}"\nmsgstr "Nowy tekst {m}"\n'
    )
    assert entry.user_comments == ["translator's note"] and entry.auto_comments == ["paragraph"]
    assert entry.locations == [("source/a.md", 3), ("source/b c.md", 4), ("README", None)]
    assert entry.flags == ["fuzzy", "python-brace-format"]
    assert entry.previous == {"msgid": "Ancien texte {n}"}
    # Babel reads the previous msgid as a translator comment, and a second update rewraps it again.
    babel = read_po(io.StringIO(HEADER + '#, fuzzy\n#| msgid "x"\nmsgid "y"\nmsgstr "z"\n'))
    assert babel["y"].user_comments == ['| msgid "x"']


def test_obsolete_plural_and_context_entries_are_read() -> None:
    first, second, third, obsolete = body(
        'msgctxt "menu"\nmsgid "Page"\nmsgstr "Strona"\n\nmsgid "Page"\nmsgstr "Stronę"\n\n'
        'msgid "{n} page"\nmsgid_plural "{n} pages"\nmsgstr[0] "{n} strona"\nmsgstr[1] "{n} strony"\n'
        'msgstr[2] "{n} stron"\n\n#~| msgid "Vieux"\n#~ msgid "Ancien"\n#~ msgstr "Stary"\n'
    )
    assert (first.msgctxt, first.msgid, second.msgctxt) == ("menu", "Page", None)
    assert third.msgid_plural == "{n} pages" and third.msgstr == ["{n} strona", "{n} strony", "{n} stron"]
    assert obsolete.obsolete and obsolete.msgstr == ["Stary"] and obsolete.previous == {"msgid": "Vieux"}


def test_what_msgfmt_lets_through_is_read_too() -> None:
    crlf = read_entries((HEADER + 'msgid "a"\nmsgstr "b"\n').replace("\n", "\r\n"), "pl.po")
    assert crlf[1].msgstr == ["b"]
    (indented, no_space) = body('  msgid "a"\n  msgstr "b"\n\nmsgid"c"\nmsgstr"d"\n')
    assert (indented.msgstr, no_space.msgid) == (["b"], "c")
    # A comment after the last entry belongs to nothing; a raw tab inside a string is a tab.
    (tab,) = body('msgid "a"\nmsgstr "b\tc"\n\n# end of file\n')
    assert tab.msgstr == ["b\tc"]


def test_drafts_and_untranslated_messages_are_not_held_to_the_placeholders() -> None:
    fuzzy, untranslated = body(
        '#, fuzzy, python-brace-format\nmsgid "{n} min"\nmsgstr "{m} min"\n\n'
        '#, python-format\nmsgid "%(n)s min\\n"\nmsgstr ""\n'
    )
    assert fuzzy.msgstr == ["{m} min"] and untranslated.msgstr == [""]
    assert refusal('#, python-brace-format\nmsgid "{n} min"\nmsgstr "{m} min"\n').endswith(
        "expected the placeholders of the msgid ({n}), found {m}"
    )


@pytest.mark.parametrize(
    ("flags", "msgid", "msgstr", "problem"),
    [
        ("python-brace-format", "{n} min", "{n} {n} min", None),  # repeated: msgfmt allows it too
        ("python-brace-format", "{n} i {m}", "{m} und {n}", None),
        ("python-brace-format", "{n} min", "{n:>3} min", "({n}), found {n:>3}"),
        ("python-brace-format", "{n} min", "{n} min {", "found braces that do not pair"),
        ("python-brace-format", "{n min", "{m} min", None),  # the msgid is no format string
        ("python-format", "%s min %d", "%d min %s", "(%s, %d), found %d, %s"),
        ("python-format", "%(n)s min", "%(n)s min", None),
        ("python-format", "100%% sûr", "100% sure", "(none), found % s"),
        ("python-format", "20 % des dépenses", "20 % wydatków", "found a % that starts none"),
        ("no-python-format", "20 % des", "20 % w", None),
    ],
)
def test_placeholders_of_a_translation_are_those_of_its_msgid(
    flags: str, msgid: str, msgstr: str, problem: str | None
) -> None:
    text = f'#, {flags}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
    if problem is None:
        assert body(text)[0].msgstr == [msgstr]
    else:
        assert problem in refusal(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('msgid "a"\n# note\nmsgstr "b"\n', f"{FIRST_LINE + 1}: expected msgstr for the msgid of line "),
        ('msgctxt "a"\nmsgctxt "b"\n', f"{FIRST_LINE + 1}: expected msgid after msgctxt, found a second"),
        (
            'msgid "a"\nmsgid_plural "b"\nmsgid_plural "c"\n',
            ": expected msgstr[0] after msgid_plural, found a",
        ),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', ": expected msgstr[0], found msgstr[1]"),
        ('#| msgid "a"\n', ": expected the msgid of the previous msgid (#|), found the end of the file"),
        ('#| msgstr "a"\nmsgid "b"\nmsgstr "c"\n', ": expected msgctxt, msgid or msgid_plural after #|"),
        ('"orphan"\n', "expected a header field"),  # it continues the header's msgstr, as for gettext
        ('#, c-format\nmsgid "%s"\nmsgstr "%s"\n', ": expected python-format or python-brace-format, found"),
        (
            '#-#-#-#-#  a.po  #-#-#-#-#\nmsgid "a"\nmsgstr "b"\n',
            ": expected one translation, found a conflict",
        ),
        (
            'msgid "a"\nmsgstr "b"\n#~ "c"\n',
            ": expected every line of the active entry to match, found a line",
        ),
        ('msgid "\\na"\nmsgstr "b"\n', "expected a line break (\\n) at the beginning of the translation"),
        ('msgid "a"\nmsgstr "b\\n"\n', "expected no line break (\\n) at the end of the translation, like"),
        ('msgid "a"\nmsgstr "\\101"\n', "found \\1 (gettext reads it as a byte, not a character"),
    ],
)
def test_what_is_refused_is_named_with_its_line(text: str, message: str) -> None:
    assert message in refusal(text)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            '"Language: pl\\n"\n"\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
            ":4: expected a header field",
        ),
        ('"Language: pl\\n"\n" Content-Type: text/plain; charset=UTF-8\\n"\n', ":4: expected a header field"),
        (
            '"Language: polish\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
            ":3: expected a language code",
        ),
        (
            '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=0; plural=0;\\n"\n',
            "nplurals=0",
        ),
        (
            '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=n/0;\\n"\n',
            "for n=0",
        ),
        ('"Content-Type: text/plain; charset=utf8\\n"\n', ":3: expected charset=UTF-8, found charset=utf8"),
    ],
)
def test_a_header_is_refused_with_the_line_of_its_field(header: str, message: str) -> None:
    assert message in refusal('msgid "a"\nmsgstr "b"\n', f'msgid ""\nmsgstr ""\n{header}\n')


def test_a_missing_header_is_listed_before_a_duplicate_it_spoils_less() -> None:
    with pytest.raises(CatalogError) as caught:
        read_entries('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', "de.po")
    assert str(caught.value).splitlines() == [
        'de.po:1: expected the header entry (msgid "") first, found msgid "a"',
        'de.po:3: expected each msgid once, found a duplicate of "a"',
    ]
    assert check_entries([], "empty.po") == [
        (Fault.HEADER, Problem("empty.po", 1, 'expected the header entry (msgid "") first, found no entry'))
    ]


def test_plural_forms_are_evaluated_not_just_parsed() -> None:
    assert plural_forms("nplurals=2; plural=(n != 1);") == 2
    assert plural_forms("nplurals=1; plural=0;") == 1
    assert plural_forms("nplurals=INTEGER; plural=EXPRESSION;") == (
        "expected a whole number of plural forms, found nplurals=INTEGER"
    )
    assert (
        plural_forms("nplurals=2; plural=(n != );")
        == "expected a C expression in n as plural, found '(n != )'"
    )


def test_every_problem_is_listed_most_severe_first_then_by_line() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        'msgid "a"\nmsgstr "b\\n"\n\nmsgid "c"\nmsgstr "d\\q"\n\n'
        'msgid "e"\nmsgstr "f\n\nmsgid "a"\nmsgstr "g"\n'
    )
    with pytest.raises(CatalogError) as caught:
        read_entries(text, "de.po")
    assert [(problem.line, problem.message[:30]) for problem in caught.value.problems] == [
        (3, "expected charset=UTF-8, found "),  # the header: every message
        (9, "expected an escape gettext rea"),  # a line gettext cannot read: one entry
        (12, "expected the string's closing "),
        (6, "expected no line break (\\n) at"),  # a message read, but wrong
        (14, "expected each msgid once, foun"),
    ]
    assert str(caught.value).splitlines() == [str(problem) for problem in caught.value.problems]


def test_a_refused_line_drops_its_entry_up_to_the_next_blank_line_and_is_reported_once() -> None:
    # The string left open would make every following line of its entry a refusal of its own.
    assert refusal('msgid "a"\nmsgstr "b\n"c"\nmsgctxt\n\nmsgid "d"\nmsgstr "e"\n').splitlines() == [
        f"pl.po:{FIRST_LINE + 1}: expected the string's closing quote, found the end of the line"
    ]
    # A header the grammar refuses is not reported missing as well, nor its plural forms.
    broken_header = 'msgid ""\nmsgstr "Content-Type: \\q"\n\n'
    assert refusal('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', broken_header).splitlines() == [
        'pl.po:2: expected an escape gettext reads (\\n, \\t, \\" or \\\\), found \\q'
    ]


def test_a_plural_forms_header_that_cannot_be_read_is_one_problem_not_one_per_plural_message() -> None:
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2;\\n"\n\n'
    )
    plural = 'msgid "{n} a"\nmsgid_plural "{n} as"\nmsgstr[0] "{n} b"\n\n'
    assert refusal(plural + plural.replace('"{n} a"', '"{n} c"'), header).splitlines() == [
        "pl.po:4: expected \"Plural-Forms: nplurals=N; plural=EXPRESSION;\", found 'nplurals=2;'"
    ]


def test_the_error_crosses_a_process_pool_whole() -> None:
    with pytest.raises(CatalogError) as caught:
        read_entries(HEADER + 'msgid "a"\nmsgstr "b\\q"\n\nmsgid "c"\nmsgstr "d\\n"\n', "pl.po")
    error = caught.value
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is CatalogError and len(copy.problems) == 2
    assert (copy.problems, copy.problem, str(copy)) == (error.problems, error.problem, str(error))
