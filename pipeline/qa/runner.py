"""Catalogs → findings: every registered check run on every message, and the findings sorted.

The runner is pure: it is given catalogs already read (and the path to show
for each), and returns :class:`Finding` values, ``path:line: [severity] check:
message``. A catalog that is missing or unreadable is a finding too
(:func:`missing_catalog`, :func:`unreadable_catalog`), so that one run shows
everything at once; reading the catalogs is :mod:`pipeline.workflow.qa`'s.

>>> from babel.messages.catalog import Catalog
>>> from pipeline.drafts.glossary import Glossary
>>> catalog = Catalog(locale="en")
>>> message = catalog.add("Plus de 47 000 projets.", "More than 47 projects.", lineno=12)
>>> for finding in check_catalog(catalog, "en.po", CheckContext("en", Glossary(), "article")):
...     print(finding)
en.po:12: [error] numbers: expected 47000 in the translation, found none
en.po:12: [error] numbers: expected no 47 in the translation (the source has none), found 47
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message

from pipeline.catalogs.po import message_id, messages
from pipeline.errors import Problem
from pipeline.press.editions import Placeholder
from pipeline.project import UI_DOMAIN, UI_SOURCE_LANGUAGE
from pipeline.qa.checks import CHECKS, Check, CheckContext, Scope, Severity
from pipeline.text import base_language, excerpt


@dataclass(frozen=True)
class Finding:
    """One problem a check found in a catalog: ``path:line: [severity] check: message``."""

    path: str
    line: int | None
    severity: Severity
    check: str
    message: str

    def __str__(self) -> str:
        return str(Problem(self.path, self.line, f"[{self.severity.value}] {self.check}: {self.message}"))


def check_catalog(catalog: Catalog, path: str, ctx: CheckContext) -> list[Finding]:
    """Every finding of every check on every message of ``catalog``, in catalog order."""
    findings: list[Finding] = []
    for message in messages(catalog):
        findings.extend(check_message(message, path, ctx))
    return findings


#: The scopes of the checks run on a language's catalog, and on a regional catalog's overrides.
LANGUAGE_SCOPES = frozenset({Scope.LANGUAGE, Scope.TRANSLATIONS, Scope.PRINTED})
OVERRIDE_SCOPES = frozenset({Scope.REGION, Scope.TRANSLATIONS, Scope.PRINTED})


def check_message(
    message: Message, path: str, ctx: CheckContext, scopes: frozenset[Scope] = LANGUAGE_SCOPES
) -> list[Finding]:
    """The findings of one message; an untranslated or fuzzy one is only reported as such."""
    chosen = [check for check in CHECKS.values() if check.scope in scopes]
    pairs = _pairs(message)
    found = _run([check for check in chosen if check.stops], message, pairs, path, ctx) or _run(
        [check for check in chosen if not check.stops], message, pairs, path, ctx
    )
    return accept_flag_findings(message, path) + found


def check_regional_catalog(
    regional: Catalog, language: Catalog, paths: tuple[str, str], ctx: CheckContext
) -> list[Finding]:
    """The findings of a regional catalog (``en_US``) over its language's (``en``), in the language's order.

    A reviewed override is checked like a translation; a fuzzy one is a
    warning, and what the region prints there is the language's text. Where
    the region prints the language's text, the checks of :data:`Scope.PRINTED`
    read it (a British word inherited by US English is an error), reported at
    the regional entry where an override belongs (else at the language's
    entry), saying where the text comes from. ``paths`` are the regional
    catalog's and the language's, as shown.
    """
    path, language_path = paths
    printed_checks = [check for check in CHECKS.values() if check.scope is Scope.PRINTED]
    findings: list[Finding] = []
    for base in messages(language):
        entry = regional.get(base.id)
        if entry is not None and any(target for _, target in _pairs(entry)):
            findings.extend(check_message(entry, path, ctx, OVERRIDE_SCOPES))
            if not entry.fuzzy:
                continue
        inherited = _inherited_pairs(base, ctx)
        if not inherited:
            continue  # the language's own check reports its missing translation
        where = (path, entry.lineno) if entry is not None else (language_path, base.lineno)
        found = _run(printed_checks, base, inherited, where[0], ctx, line=where[1])
        inherited_from = f"in the {base_language(ctx.lang)} text it inherits ({language_path}:{base.lineno})"
        findings.extend(
            dataclasses.replace(finding, message=f"{finding.message} {inherited_from}") for finding in found
        )
    return findings


def _inherited_pairs(message: Message, ctx: CheckContext) -> list[tuple[str, str]]:
    """What a region prints from its language's message: its reviewed translation, else an English id."""
    if message.fuzzy:
        return []
    pairs = _pairs(message)
    if ctx.source_lang == UI_SOURCE_LANGUAGE:
        # The interface's ids are English: an untranslated English message prints its id.
        return [(source, target or source) for source, target in pairs]
    return [(source, target) for source, target in pairs if target]


def _run(
    checks: Iterable[Check],
    message: Message,
    pairs: list[tuple[str, str]],
    path: str,
    ctx: CheckContext,
    line: int | None = None,
) -> list[Finding]:
    found = [
        Finding(path, line if line is not None else message.lineno, check.severity, check.name, problem)
        for check in checks
        for source, target in pairs
        for problem in check.function(source, target, message, ctx)
    ]
    # Plural forms can repeat the same finding; report it once.
    accepted = accepted_checks(message)
    return [
        finding
        for finding in dict.fromkeys(found)
        if not (finding.check in accepted and finding.severity is Severity.WARNING)
    ]


#: A reviewer accepts a warning on one message with a flag, ``#, jumelage-ok:unchanged``: ``make
#: check`` no longer reports it there, and the review page shows it accepted. An error cannot be.
ACCEPT_FLAG = "jumelage-ok:"


def accepted_checks(message: Message) -> frozenset[str]:
    """The checks whose warnings a reviewer accepted on ``message`` (its ``jumelage-ok:`` flags).

    >>> sorted(accepted_checks(Message("Interview", "Interview", flags={"jumelage-ok:unchanged"})))
    ['unchanged']
    """
    return frozenset(flag.removeprefix(ACCEPT_FLAG) for flag in message.flags if flag.startswith(ACCEPT_FLAG))


def accept_flag_findings(message: Message, path: str) -> list[Finding]:
    """An accepting flag that names no check, or an error's check (errors are fixed, not accepted)."""
    findings = []
    for name in sorted(accepted_checks(message)):
        check = CHECKS.get(name)
        if check is None:
            problem = (
                f"expected {ACCEPT_FLAG}<check> to name a check ({', '.join(sorted(CHECKS))}), found {name!r}"
            )
        elif check.severity is not Severity.WARNING:
            problem = (
                f"expected {ACCEPT_FLAG} to accept a warning, found the {check.severity.value} check {name!r}"
            )
        else:
            continue
        findings.append(Finding(path, message.lineno, Severity.WARNING, "accepted", problem))
    return findings


def header_findings(catalog: Catalog, path: str, line: int | None) -> list[Finding]:
    """A header marked fuzzy: gettext ignores its plural forms and charset, so a tool's mark is a warning."""
    if not catalog.fuzzy:
        return []
    return [
        Finding(
            path,
            line,
            Severity.WARNING,
            "header",
            "expected a header that is not fuzzy, found '#, fuzzy' (as xliff2po leaves it): "
            "make catalogs clears it",
        )
    ]


def missing_catalog(path: str) -> Finding:
    """The finding of a catalog that does not exist, shown as ``path``.

    >>> print(missing_catalog("locales/de/LC_MESSAGES/a.po"))
    locales/de/LC_MESSAGES/a.po: [error] missing: expected a catalog, found none
    """
    return Finding(path, None, Severity.ERROR, "missing", "expected a catalog, found none")


def missing_regional_catalog(path: str, language: str) -> Finding:
    """The finding of a regional catalog an edition needs and that does not exist: a warning.

    >>> print(missing_regional_catalog("locales/en_US/LC_MESSAGES/a.po", "en"))
    locales/en_US/LC_MESSAGES/a.po: [warning] missing: expected a regional catalog, found none: \
the edition prints the en text as it is (make catalogs creates it)
    """
    return Finding(
        path,
        None,
        Severity.WARNING,
        "missing",
        f"expected a regional catalog, found none: the edition prints the {language} text as it is "
        "(make catalogs creates it)",
    )


def unreadable_catalog(problem: Problem) -> Finding:
    """The finding of a catalog that cannot be read, where the reader found the problem."""
    return Finding(problem.path, problem.line, Severity.ERROR, "unreadable", problem.message)


def unused_messages(catalog: Catalog, template: Catalog, path: str) -> list[Finding]:
    """A warning per entry of ``catalog`` (obsolete ``#~`` ones aside) that ``template`` no longer has.

    Nothing prints it, so the output is not wrong for it: ``make catalogs``
    makes it obsolete, or a fuzzy draft of the text that replaced it. When the
    source was edited, that new text has no entry, which
    :func:`missing_messages` reports as the error it is in a release.

    >>> catalog, template = Catalog(locale="de"), Catalog()
    >>> entry = catalog.add("Ancien titre", "Alter Titel", lineno=12)
    >>> print(*unused_messages(catalog, template, "de.po"))
    de.po:12: [warning] unused: expected a message of the source, found "Ancien titre", which it no \
longer has: run make catalogs
    """
    return [
        Finding(
            path,
            message.lineno,
            Severity.WARNING,
            "unused",
            f"expected a message of the source, found {excerpt(message_id(message))}, "
            "which it no longer has: run make catalogs",
        )
        for message in messages(catalog)
        if template.get(message.id, message.context) is None
    ]


def missing_messages(catalog: Catalog, template: Catalog, path: str) -> list[Finding]:
    """An error per message of ``template`` that ``catalog`` has no entry for, as a release refuses it
    (``untranslated: … (not in …)``), naming where the source has it.

    >>> catalog, template = Catalog(locale="de"), Catalog()
    >>> entry = template.add("Nouveau titre", locations=[("source/a.md", 29)])
    >>> print(*missing_messages(catalog, template, "de.po"))
    de.po: [error] untranslated: expected an entry for "Nouveau titre" (source/a.md:29), found none: \
run make catalogs
    """
    findings = []
    for message in messages(template):
        if catalog.get(message.id, message.context) is not None:
            continue
        where = "".join(f" ({source}:{line})" for source, line in message.locations[:1])
        findings.append(
            Finding(
                path,
                None,
                Severity.ERROR,
                "untranslated",
                f"expected an entry for {excerpt(message_id(message))}{where}, found none: run make catalogs",
            )
        )
    return findings


def source_problem(problem: Problem) -> Finding:
    """The finding of a source the build refuses (over the size limit, its front matter broken…),
    with the build's own message.

    >>> print(source_problem(Problem("source/a.md", 1, "expected an article under 1 MB, found 1.2 MB")))
    source/a.md:1: [error] source: expected an article under 1 MB, found 1.2 MB
    """
    return Finding(problem.path, problem.line, Severity.ERROR, "source", problem.message)


def placeholder_findings(placeholders: Iterable[Placeholder], path: str) -> list[Finding]:
    """A warning per value of the editions file still to confirm: printed, but not as the real one.

    >>> print(*placeholder_findings([Placeholder(21, "publisher.email", "email address")], "e.yml"))
    e.yml:21: [warning] placeholder: publisher.email is still to confirm (email address)
    """
    return [
        Finding(
            path,
            placeholder.line,
            Severity.WARNING,
            "placeholder",
            f"{placeholder.field} is still to confirm ({placeholder.note})",
        )
        for placeholder in placeholders
    ]


def catalog_required(lang: str, domain: str) -> bool:
    """Whether a missing catalog is an error: the interface ids are English, so English may do without.

    >>> catalog_required("en_US", "ui"), catalog_required("en", "some-article")
    (False, True)
    """
    return not (domain == UI_DOMAIN and base_language(lang) == UI_SOURCE_LANGUAGE)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, then by path and line, so a person reads the errors first."""
    return sorted(
        findings,
        # Stable: the findings of one line keep the order the checks gave them.
        key=lambda finding: (finding.severity.rank, finding.path, finding.line or 0),
    )


def _pairs(message: Message) -> list[tuple[str, str]]:
    """(source, translation) pairs: one, or one per plural form (form 0 against the singular)."""
    if isinstance(message.id, str):
        return [(message.id, message.string if isinstance(message.string, str) else "")]
    singular, plural = message.id[0], message.id[1]
    forms = list(message.string) if isinstance(message.string, tuple | list) else [message.string or ""]
    return [(singular if index == 0 else plural, form or "") for index, form in enumerate(forms)]
