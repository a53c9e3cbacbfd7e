"""Finds local model servers (Ollama, LM Studio) on their default ports, quickly and without fuss."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

OLLAMA_URL = "http://127.0.0.1:11434"
LMSTUDIO_URL = "http://127.0.0.1:1234/v1"
PROBE_TIMEOUT = 1.5  # seconds; a local server answers at once or is not there


@dataclass(frozen=True, slots=True)
class LocalServer:
    """A server that answered: which catalog provider speaks to it, where, and the models it offered."""

    provider: str  # catalog id: "ollama" or "lmstudio"
    name: str
    base_url: str  # as the provider's base URL setting takes it
    models: tuple[str, ...]

    @property
    def label(self) -> str:
        count = len(self.models)
        return f"{self.name} ({count} model{'' if count == 1 else 's'} found)"


@dataclass(frozen=True, slots=True)
class _Probe:
    provider: str
    name: str
    base_url: str
    path: str


def _ollama_models(body: Any) -> list[str]:
    return [str(m.get("name") or m.get("model")) for m in body.get("models", []) if isinstance(m, dict)]


def _openai_models(body: Any) -> list[str]:
    return [str(m["id"]) for m in body.get("data", []) if isinstance(m, dict) and "id" in m]


async def _probe(client: httpx.AsyncClient, probe: _Probe, timeout: float) -> LocalServer | None:
    try:
        resp = await client.get(probe.base_url.rstrip("/") + probe.path, timeout=httpx.Timeout(timeout))
        if resp.status_code != 200:
            return None
        body = resp.json()
    except (httpx.HTTPError, ValueError, OSError):
        return None
    if not isinstance(body, dict):
        return None
    models = _ollama_models(body) if probe.provider == "ollama" else _openai_models(body)
    return LocalServer(probe.provider, probe.name, probe.base_url.rstrip("/"), tuple(models))


async def detect_local_servers(
    client: httpx.AsyncClient,
    *,
    ollama_url: str | None = OLLAMA_URL,
    lmstudio_url: str | None = LMSTUDIO_URL,
    timeout: float = PROBE_TIMEOUT,
) -> list[LocalServer]:
    """The local servers that answer, probed at once (Ollama via /api/tags, LM Studio via /v1/models).

    A URL of None skips that server; tests pass loopback servers on free ports.
    """
    probes: Sequence[_Probe] = [
        *([_Probe("ollama", "Ollama", ollama_url, "/api/tags")] if ollama_url else []),
        *([_Probe("lmstudio", "LM Studio", lmstudio_url, "/models")] if lmstudio_url else []),
    ]
    found = await asyncio.gather(*(_probe(client, p, timeout) for p in probes))
    return [server for server in found if server is not None]
