"""`python -m app keys set|delete|test|list`: keys in the OS keychain, never printed."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import TYPE_CHECKING

from .context import make_runtime, start_http
from .parser import UsageError

if TYPE_CHECKING:
    from app.core.keys import KeyStore


def _read_key(provider: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"API key for {provider} (input hidden): ")
    return sys.stdin.readline()


def run_keys(args: argparse.Namespace) -> int:
    from app.core.keys import KeychainUnavailable, KeyStore
    from app.providers.catalog import SPECS, get_spec

    store = KeyStore()
    if args.action == "list":
        for spec in SPECS:
            if spec.keyless:
                continue
            lookup = store.get(spec.id)
            where = {"keychain": "in the keychain", "env": f"from ${lookup.env_var}", "session": "this session"}
            print(f"{spec.id:12} {where.get(lookup.source or '', '-')}")
        if not store.status().available:
            print("\nThere is no system keychain here: keys come from environment variables such as "
                  "OPENAI_API_KEY.", file=sys.stderr)  # fmt: skip
        return 0
    if not args.provider:
        raise UsageError(f"keys {args.action} needs a provider id")
    if args.provider.endswith("-admin"):
        return _admin_key(store, args)
    try:
        spec = get_spec(args.provider)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    if args.action == "set" and not store.status().available:  # say so before asking for the key
        env = " or ".join(spec.key_env) or "its environment variable"
        print(f"error: there is no system keychain here, so Parley cannot keep the {spec.name} key; set {env} "
              "in the environment instead (Parley reads it and never stores it).", file=sys.stderr)  # fmt: skip
        return 1
    try:
        if args.action == "set":
            store.set(spec.id, _read_key(spec.id))
            print(f"Saved the {spec.name} key in the system keychain ({store.status().backend}).")
            return 0
        if args.action == "delete":
            removed = store.delete(spec.id)
            print(f"Removed the {spec.name} key." if removed else f"No {spec.name} key was in the keychain.")
            return 0
    except KeychainUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return asyncio.run(_test_key(store, spec.id))


async def _test_key(store: KeyStore, provider: str) -> int:
    """An authenticated cheap call (list models) at the configured base URL; a 401 reads 'key rejected'."""
    from app.core.endpoints import TargetSpec
    from app.core.runtime import Runtime
    from app.providers import ProviderError, adapter_for

    runtime: Runtime = make_runtime(keys=store)
    try:
        start_http(runtime)
        services = runtime.services()
        target = await asyncio.to_thread(services.target, TargetSpec(provider, "-"))
        models = await adapter_for(target.endpoint).list_models(services.client)
    except ProviderError as err:
        if err.category == "auth":
            print(f"key rejected by {provider}: {err.describe()}", file=sys.stderr)
        else:
            print(f"could not test the key: {err.describe()}\n{err.advice}", file=sys.stderr)
        return 1
    finally:
        await runtime.aclose()
    print(f"key accepted by {provider}: {len(models)} models available")
    return 0


def _admin_key(store: KeyStore, args: argparse.Namespace) -> int:
    """`keys set|delete|test openai-admin` (or anthropic-admin): the admin key for account reports."""
    from app.core.admin_keys import ADMIN_KEYS
    from app.core.keys import KeychainUnavailable

    spec = next((a for a in ADMIN_KEYS.values() if a.entry == args.provider), None)
    if spec is None:
        raise UsageError(f"no admin key is known as {args.provider!r} (known: "
                         f"{', '.join(a.entry for a in ADMIN_KEYS.values())})")  # fmt: skip
    if args.action == "test":
        print(f"test it with: python -m app reconcile --provider {spec.provider}", file=sys.stderr)
        return 2
    try:
        if args.action == "set":
            store.set(spec.entry, _read_key(spec.entry))
            print(f"Saved the {spec.provider} admin key in the system keychain ({store.status().backend}).")
        elif store.delete(spec.entry):
            print(f"Removed the {spec.provider} admin key.")
        else:
            print(f"No {spec.provider} admin key was in the keychain.")
    except KeychainUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return 0
