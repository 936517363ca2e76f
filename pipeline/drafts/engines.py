"""An engine's name, a language pair and a timeout → a client that turns one text into one draft.

The engines are deep-translator's clients, in :data:`ENGINES`. deep-translator
sets no timeout: each client built here is a subclass whose ``translate``
bounds every request it sends (:func:`bounded_client`), without touching
deep-translator's modules, so other users of the library, and other runs with
another timeout, are not affected. ``pseudo`` is an offline, deterministic
pseudo-localisation for testing layouts with long languages. :func:`redact`
hides the API keys of the environment in any text shown to a person.
"""

from __future__ import annotations

import importlib
import math
import os
import re
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
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
    """How to build one deep-translator client."""

    module: str
    client: str
    key_variable: str | None = None
    key_required: bool = False
    # deep-translator insists on a key for LibreTranslate even for a server that needs none.
    key_placeholder: str | None = None
    takes_url: bool = False
    codes: Mapping[str, str] = field(default_factory=dict)
    # Languages the service knows and deep-translator's list of it does not (yet).
    extra_languages: Mapping[str, str] = field(default_factory=dict)


ENGINES: dict[str, EngineSpec] = {
    "google": EngineSpec("deep_translator.google", "GoogleTranslator"),
    "deepl": EngineSpec(
        "deep_translator.deepl", "DeeplTranslator", "DEEPL_API_KEY", key_required=True, codes={"en": "en-gb"}
    ),
    "microsoft": EngineSpec(
        "deep_translator.microsoft", "MicrosoftTranslator", "MICROSOFT_API_KEY", key_required=True
    ),
    "mymemory": EngineSpec(
        "deep_translator.mymemory",
        "MyMemoryTranslator",
        codes={"fr": "fr-FR", "en": "en-GB", "de": "de-DE", "pl": "pl-PL", "cs": "cs-CZ"},
    ),
    "libretranslate": EngineSpec(
        "deep_translator.libre",
        "LibreTranslator",
        "LIBRE_API_KEY",
        key_placeholder="no-key",
        takes_url=True,
        # deep-translator 1.11's list of LibreTranslate languages predates the server's Czech model.
        extra_languages={"czech": "cs"},
    ),
}
ENGINE_NAMES = (*ENGINES, "pseudo")
SECRET_VARIABLES = tuple(spec.key_variable for spec in ENGINES.values() if spec.key_variable)


def redact(text: str, environment: Mapping[str, str] | None = None) -> str:
    """``text`` with every API key of the environment replaced by ``***``."""
    environment = os.environ if environment is None else environment
    for variable in SECRET_VARIABLES:
        secret = environment.get(variable, "")
        if len(secret) >= 4:
            text = text.replace(secret, "***")
    return re.sub(r"(api_key|auth_key|key)=[^&\s'\"]+", r"\1=***", text)


class TimedRequests:
    """What a bounded client's ``translate`` sees as ``requests``: the real module, every call timed."""

    def __init__(self, timeout: float) -> None:
        import requests

        self._requests = requests
        self.timeout = timeout

    def get(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self.timeout)
        return self._requests.get(*args, **kwargs)

    def post(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self.timeout)
        return self._requests.post(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        # requests.exceptions and the like, for the clients that name them.
        return getattr(self._requests, name)


def _with_globals(function: types.FunctionType, **names: Any) -> types.FunctionType:
    """A copy of ``function`` that sees ``names`` in place of its module's globals of those names."""
    copy = types.FunctionType(
        function.__code__,
        {**function.__globals__, **names},
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__qualname__ = function.__qualname__
    copy.__doc__ = function.__doc__
    return copy


def bounded_client(client: type[Any], timeout: float, extra_languages: Mapping[str, str]) -> type[Any]:
    """A subclass of a deep-translator client whose requests time out after ``timeout`` seconds.

    deep-translator's ``translate`` calls ``requests.get``/``requests.post`` by
    the global name of its module, with no timeout and no way to hand it a
    session. Replacing that global would change the library for every thread
    and every other user while a run lasts; instead the subclass runs a copy of
    the very same ``translate`` whose globals are its module's own plus a timed
    ``requests`` (:class:`TimedRequests`). ``extra_languages`` are added to the
    languages this client (and no other) accepts.
    """
    namespace: dict[str, Any] = {
        "translate": _with_globals(client.translate, requests=TimedRequests(timeout)),
        "__module__": __name__,
        "__doc__": f"deep-translator's {client.__name__}, every request bounded by {timeout} s.",
    }
    if extra_languages:

        def _map_language_to_code(self: Any, *languages: str) -> Iterator[str]:
            # Runs inside the client's __init__, after it set the languages it knows.
            self._languages = {**self._languages, **extra_languages}
            self._supported_languages = list(self._languages)
            return client._map_language_to_code(self, *languages)  # type: ignore[no-any-return]

        namespace["_map_language_to_code"] = _map_language_to_code
    return type(f"Bounded{client.__name__}", (client,), namespace)


def make_engine(name: str, source: str, target: str, url: str | None, timeout: float = 20.0) -> Engine:
    """Build the client of engine ``name`` for one language pair; keys come from the environment.

    Every request the client sends gives up after ``timeout`` seconds.
    """
    if name == "pseudo":
        return PseudoEngine()
    spec = ENGINES.get(name)
    if spec is None:
        raise TranslateError("--engine", None, f"expected one of {', '.join(ENGINE_NAMES)}, found {name!r}")
    arguments: dict[str, Any] = {
        "source": spec.codes.get(source, source),
        "target": spec.codes.get(target, target),
    }
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
    client = bounded_client(
        getattr(importlib.import_module(spec.module), spec.client), timeout, spec.extra_languages
    )
    try:
        return client(**arguments)  # type: ignore[no-any-return]
    except Exception as exc:  # deep-translator validates languages and keys with many classes
        raise TranslateError(name, None, f"cannot use the engine: {redact(str(exc))}") from None
