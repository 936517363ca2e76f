"""An engine's name, a language pair and an HTTP session → a client that turns one text into one draft.

The engines are deep-translator's public clients, in :data:`ENGINES`. Every
request a client sends goes through the session it is given, with a timeout
(:func:`route_requests`): the session is where the runner puts its retries.
``pseudo`` is an offline, deterministic pseudo-localisation for testing
layouts with long languages. :func:`redact` hides the API keys of the
environment in any text shown to a person.
"""

from __future__ import annotations

import functools
import math
import os
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Protocol

from pipeline.errors import JumelageError
from pipeline.placeholders import PLACEHOLDER


class TranslateError(JumelageError):
    """The engine cannot be used: unknown, misconfigured or refusing our key."""


class Engine(Protocol):
    """What the runner needs of an engine: one text in, one text out."""

    def translate(self, text: str) -> str: ...


_PSEUDO_LETTERS = str.maketrans("aeiouyAEIOUYcnszCNSZ", "áéîõüýÅÉÎÕÜÝçñšžÇÑŠŽ")


class PseudoEngine:
    """Offline pseudo-localisation: accented letters, about 35% longer, in brackets.

    >>> PseudoEngine().translate("{0}Bonjour{1} le monde")
    '[{0}Bõñjõür{1} lé mõñdé ···]'
    """

    def translate(self, text: str) -> str:
        visible = len(PLACEHOLDER.sub("", text))
        padding = "·" * max(1, math.ceil(visible * 0.35) - 3)
        return f"[{text.translate(_PSEUDO_LETTERS)} {padding}]"


@dataclass(frozen=True)
class EngineSpec:
    """How to build one deep-translator client (``client``: its class in ``deep_translator``)."""

    client: str
    key_variable: str | None = None
    key_required: bool = False
    # deep-translator insists on a key for LibreTranslate even for a server that needs none.
    key_placeholder: str | None = None
    takes_url: bool = False
    codes: Mapping[str, str] = field(default_factory=dict)
    # Codes the service knows and deep-translator's list of it does not (yet): the client is built
    # with a listed language, then given the code through its public ``source``/``target``.
    unlisted_codes: frozenset[str] = frozenset()


ENGINES: dict[str, EngineSpec] = {
    "google": EngineSpec("GoogleTranslator"),
    "deepl": EngineSpec("DeeplTranslator", "DEEPL_API_KEY", key_required=True, codes={"en": "en-gb"}),
    "microsoft": EngineSpec("MicrosoftTranslator", "MICROSOFT_API_KEY", key_required=True),
    "mymemory": EngineSpec(
        "MyMemoryTranslator",
        codes={"fr": "fr-FR", "en": "en-GB", "de": "de-DE", "pl": "pl-PL", "cs": "cs-CZ"},
    ),
    "libretranslate": EngineSpec(
        "LibreTranslator",
        "LIBRE_API_KEY",
        key_placeholder="no-key",
        takes_url=True,
        # deep-translator 1.11's list of LibreTranslate languages predates the server's Czech model.
        unlisted_codes=frozenset({"cs"}),
    ),
}
ENGINE_NAMES = (*ENGINES, "pseudo")
SECRET_VARIABLES = tuple(spec.key_variable for spec in ENGINES.values() if spec.key_variable)
# The deep-translator releases whose clients' ``translate`` was read and found to send every
# request through its module's ``requests.get``/``requests.post`` (what route_requests relies on).
KNOWN_DEEP_TRANSLATOR_VERSIONS = ("1.11.4",)


def redact(text: str, environment: Mapping[str, str] | None = None) -> str:
    """``text`` with every API key of the environment replaced by ``***``."""
    environment = os.environ if environment is None else environment
    for variable in SECRET_VARIABLES:
        secret = environment.get(variable, "")
        if len(secret) >= 4:
            text = text.replace(secret, "***")
    return re.sub(r"(api_key|auth_key|key)=[^&\s'\"]+", r"\1=***", text)


def route_requests(client: Any, session: Any, timeout: float) -> None:
    """Make ``client.translate`` send its requests through ``session``, each bounded by ``timeout`` s.

    deep-translator's clients call their module's ``requests.get``/``requests.post``
    and take no session and no timeout. Replacing that module global would change
    the library for every thread and every other user; instead the client (this
    instance only) gets the library's own ``translate`` run with ``requests``
    bound to ``session``. This is the one place that relies on deep-translator's
    code rather than its interface, so it refuses a release it was not checked on.
    """
    version = metadata.version("deep-translator")
    if version not in KNOWN_DEEP_TRANSLATOR_VERSIONS:
        raise TranslateError(
            "deep-translator",
            None,
            f"expected version {' or '.join(KNOWN_DEEP_TRANSLATOR_VERSIONS)}, found {version}: install one "
            "(make sync), or check that its clients still call requests.get/post and add it to "
            "KNOWN_DEEP_TRANSLATOR_VERSIONS in pipeline/drafts/engines.py",
        )
    import requests

    routed = types.SimpleNamespace(
        get=functools.partial(session.get, timeout=timeout),
        post=functools.partial(session.post, timeout=timeout),
        exceptions=requests.exceptions,
    )
    library = type(client).translate
    translate = types.FunctionType(
        library.__code__,
        {**library.__globals__, "requests": routed},
        library.__name__,
        library.__defaults__,
        library.__closure__,
    )
    client.translate = types.MethodType(translate, client)


def make_engine(
    name: str, source: str, target: str, url: str | None, timeout: float = 20.0, session: Any = None
) -> Engine:
    """Build the client of engine ``name`` for one language pair; keys come from the environment.

    Its requests go through ``session`` (by default ``requests`` itself, with no
    retries), each giving up after ``timeout`` seconds.
    """
    if name == "pseudo":
        return PseudoEngine()
    spec = ENGINES.get(name)
    if spec is None:
        raise TranslateError("--engine", None, f"expected one of {', '.join(ENGINE_NAMES)}, found {name!r}")
    languages = {"source": spec.codes.get(source, source), "target": spec.codes.get(target, target)}
    unlisted = {role: code for role, code in languages.items() if code in spec.unlisted_codes}
    arguments: dict[str, Any] = {**languages, **dict.fromkeys(unlisted, "en")}
    if spec.key_variable:
        key = os.environ.get(spec.key_variable) or spec.key_placeholder
        if not key and spec.key_required:
            raise TranslateError(
                name, None, f"expected an API key in the environment variable {spec.key_variable}, found none"
            )
        arguments["api_key"] = key
    if spec.takes_url:
        if not url:
            raise TranslateError(
                name, None, "expected --url of the server (e.g. http://127.0.0.1:5000/), found none"
            )
        arguments["custom_url"] = url.rstrip("/") + "/"
    import deep_translator
    import requests

    try:
        client = getattr(deep_translator, spec.client)(**arguments)
    except Exception as exc:  # deep-translator validates languages and keys with many classes
        raise TranslateError(name, None, f"cannot use the engine: {redact(str(exc))}") from None
    for role, code in unlisted.items():
        setattr(client, role, code)  # the public setter, which does not look the code up
    route_requests(client, session or requests, timeout)
    return client  # type: ignore[no-any-return]
