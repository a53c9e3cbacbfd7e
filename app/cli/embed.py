"""`python -m app embed`: vectors for some texts, from a provider's embeddings endpoint."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING, Any

from .context import make_runtime, start_http
from .output import EXIT_OK, EXIT_PROVIDER, print_json
from .parser import UsageError

if TYPE_CHECKING:
    from app.providers import ProviderSpec


def run_embed(args: argparse.Namespace) -> int:
    return asyncio.run(_embed(args))


async def _embed(args: argparse.Namespace) -> int:
    from app.core.endpoints import TargetSpec
    from app.providers import ProviderError, adapter_for

    out: dict[str, Any] = {"provider": args.provider, "model": args.model, "embeddings": [], "dimensions": None,
                           "usage": None, "error": None}  # fmt: skip
    runtime = make_runtime()
    try:
        start_http(runtime)
        services = runtime.services()
        _require_embeddings(services.spec(args.provider))  # before the key is looked up or asked for
        target = await asyncio.to_thread(services.target, TargetSpec(args.provider, args.model, args.base_url))
        result = await adapter_for(target.endpoint).embed(services.client, args.model, list(args.texts))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except ProviderError as err:
        print(f"error: {err.describe()}\n{err.advice}", file=sys.stderr)
        out["error"] = err.as_json()
        if args.json:
            print_json(out)
        return EXIT_PROVIDER
    finally:
        await runtime.aclose()
    out["embeddings"] = [list(v) for v in result.vectors]
    out["dimensions"] = len(result.vectors[0]) if result.vectors else 0
    out["model"] = result.model or args.model
    out["usage"] = result.usage.as_json() if result.usage else None
    if args.json:
        print_json(out)
    else:
        for text, vec in zip(args.texts, result.vectors, strict=False):
            head = ", ".join(f"{x:.4f}" for x in vec[:4])
            print(f"{len(vec)} dims [{head}, ...]  {text[:60]}")
    return EXIT_OK


def _require_embeddings(spec: ProviderSpec) -> None:
    from app.providers import adapter_class
    from app.providers.catalog import SPECS

    if not adapter_class(spec.protocol).offers_embeddings():
        first_of_each: dict[str, str] = {}  # one provider per protocol that has embeddings
        for s in SPECS:
            if adapter_class(s.protocol).offers_embeddings():
                first_of_each.setdefault(s.protocol, s.id)
        able = ", ".join(first_of_each.values())
        raise UsageError(f"{spec.name} has no embeddings endpoint; try another provider (for example {able})")
