"""A user's own OpenAI-compatible server: tested (its model list, else a one-token request) and added as a custom
endpoint that becomes the default, for the first-run view and anyone else who adds one in a single step."""

from __future__ import annotations

import asyncio
import copy
import ipaddress
import re
from contextlib import aclosing
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import httpx

from app.providers import (
    Adapter,
    Endpoint,
    Finish,
    Message,
    ProviderError,
    TextDelta,
    Timeouts,
    adapter_for,
    custom_spec,
)
from app.providers.catalog import SPECS
from app.providers.net_faults import on_this_machine
from app.providers.types import ChatRequest, ModelInfo
from app.words import reason, translate

from .endpoints import check_base_url
from .keys import KeychainUnavailable
from .model_lists import ModelList, ModelListCache
from .settings import CustomEndpoint, Defaults, SettingsError, save_settings, validate
from .text import sentence

if TYPE_CHECKING:
    from .runtime import Runtime

# A server on this machine answers at once or not at all; one loading a model may take a while to answer.
TEST_TIMEOUTS = Timeouts(connect=5.0, first_byte=60.0, between_chunks=30.0)
URL_EXAMPLE = translate("CustomServer", "For example http://localhost:1234/v1 (LM Studio), http://localhost:8000/v1 "
                        "(vLLM) or http://localhost:8080/v1 (llama.cpp).")  # fmt: skip


@dataclass(frozen=True, slots=True)
class ServerCheck:
    """What checking a server found: whether it can be used, the models it lists, and what to tell the user."""

    ok: bool
    message: str  # what happened, in plain words
    advice: str = ""  # what to do about it
    models: tuple[str, ...] = ()
    base_url: str = ""  # as it will be stored (checked, without a trailing slash)


@dataclass(frozen=True, slots=True)
class AddedServer:
    """The endpoint added (or the one already there at that URL), and anything the user should know."""

    endpoint: CustomEndpoint
    model: str
    notes: tuple[str, ...] = ()  # the key kept for this session only, the settings not saved…


def looks_local(url: str) -> bool:
    """This machine or the local network (free by default, as the settings page's checkbox means it)."""
    if on_this_machine(url):
        return True
    try:
        host = httpx.URL(url).host.strip("[]").rstrip(".").lower()
    except (httpx.InvalidURL, TypeError):
        return False
    if host.endswith((".local", ".lan", ".home.arpa")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_link_local


def server_url(text: str) -> str:
    """The base URL as typed, with the scheme people leave out: "localhost:1234/v1" is http:// on this machine or
    the local network, https:// elsewhere. Then checked (ValueError in plain words)."""
    text = text.strip()
    if text and "://" not in text:
        text = ("http://" if looks_local("http://" + text) else "https://") + text
    return check_base_url(text)


def endpoint_id(name: str, taken: set[str]) -> str:
    """An id for the keychain and fallback chains from the server's name: "My vLLM box" -> "my-vllm-box"."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "server"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


async def check_server(client: httpx.AsyncClient, base_url: str, key: str | None = None, *, model: str = "",
                      name: str = "Your server") -> ServerCheck:  # fmt: skip
    """Ask the server for its models; a server that lists none, or has no list, is sent a one-token request for
    `model` instead. Never raises for what the server does; the key never appears in what is returned."""
    try:
        url = server_url(base_url)
    except ValueError as exc:
        return ServerCheck(False, sentence(reason(exc)), URL_EXAMPLE)
    key = (key or "").strip() or None
    spec = custom_spec("custom-server", name.strip() or "Your server", url, local=looks_local(url), keyless=key is None)
    adapter = adapter_for(Endpoint(spec, api_key=key, timeouts=TEST_TIMEOUTS))
    try:
        listed = await adapter.list_models(client)
    except ProviderError as err:
        if err.kind not in ("not_found", "bad_request", "protocol") or not model.strip():
            advice = err.advice
            if err.kind == "not_found":
                advice = translate("CustomServer", "The server has no model list there: type the model's name and "
                                   "press Test again. Check the base URL too (it usually ends in /v1).")  # fmt: skip
            return ServerCheck(False, err.describe(), advice, base_url=url)
        return await _one_token(adapter, client, model.strip(), url)
    models = tuple(dict.fromkeys(m.id for m in listed if m.id))
    if not models:
        if model.strip():
            return await _one_token(adapter, client, model.strip(), url)
        return ServerCheck(False, translate("CustomServer", "The server answered but listed no models."),
                           translate("CustomServer", "Load a model in the server, or type the model's name and press "
                                     "Test again."), base_url=url)  # fmt: skip
    listed_models = translate("CustomServer", "Connected: the server lists 1 model.") if len(models) == 1 else \
        translate("CustomServer", "Connected: the server lists {count} models.").format(count=len(models))  # fmt: skip
    return ServerCheck(True, listed_models, translate("CustomServer", "Pick one below."), models, url)


async def _one_token(adapter: Adapter, client: httpx.AsyncClient, model: str, url: str) -> ServerCheck:
    """A one-token request: the server answers for `model`, or says why not."""
    request = ChatRequest(model=model, messages=(Message("user", "Hi"),), max_tokens=1, stream=True)
    try:
        async with aclosing(adapter.chat(client, request)) as events:
            async for event in events:
                if isinstance(event, (TextDelta, Finish)):
                    break
    except ProviderError as err:
        return ServerCheck(False, err.describe(), err.advice, base_url=url)
    return ServerCheck(True, translate("CustomServer", "Connected: {model} answered.").format(model=model), "",
                       (model,), url)


async def add_server(runtime: Runtime, name: str, base_url: str, key: str | None, model: str,
                     models: tuple[str, ...] = ()) -> AddedServer:  # fmt: skip
    """Add the server as a custom endpoint (or reuse the one already at that URL), keep its key in the keychain
    (for this session only when there is none), make it and `model` the defaults, mark the first run done, save
    the settings and cache its model list. Bad input raises ValueError; a settings file that cannot be written
    is a note (the server is used for this session)."""
    url = server_url(base_url)
    model, name, key = model.strip(), name.strip() or "My server", (key or "").strip() or None
    if not model:
        raise ValueError(translate("CustomServer", "choose or type a model first"))
    settings = copy.deepcopy(runtime.settings())
    existing = next((e for e in settings.custom_endpoints if e.base_url.rstrip("/") == url), None)
    if existing is not None:
        endpoint = existing
        endpoint.name, endpoint.keyless = name, key is None and existing.keyless
    else:
        taken = {s.id for s in SPECS} | {e.id for e in settings.custom_endpoints}
        endpoint = CustomEndpoint(endpoint_id(name, taken), name, url, local=looks_local(url), keyless=key is None)
        settings.custom_endpoints.append(endpoint)
    settings.defaults = Defaults(endpoint.id, model)
    settings.welcome_done = True
    problems = validate(settings)
    if problems:
        raise ValueError(" ".join(problems))
    notes: list[str] = []
    if key is not None:
        try:
            await asyncio.to_thread(runtime.keys.set, endpoint.id, key)
        except KeychainUnavailable as exc:
            runtime.keys.set_session(endpoint.id, key)
            notes.append(translate("CustomServer", "The key is kept for this session only: {problem}").format(
                problem=reason(exc)))
    try:
        await asyncio.to_thread(save_settings, settings)
    except (SettingsError, OSError) as exc:
        notes.append(translate("CustomServer", "{name} is used for now, but the choice was not saved: "
                               "{problem}").format(name=name, problem=reason(exc)))
    runtime.replace_settings(settings)
    listing = ModelList(endpoint.id, url, datetime.now(timezone.utc), tuple(ModelInfo(m) for m in models))
    if models:
        await asyncio.to_thread(ModelListCache().put, listing)
    return AddedServer(copy.deepcopy(endpoint), model, tuple(notes))
