"""The provider and model last asked become the defaults a new start of Parley opens with."""

from __future__ import annotations

import asyncio
import copy
import logging
from typing import TYPE_CHECKING

from .settings import Defaults, SettingsError, save_settings

if TYPE_CHECKING:
    from .runtime import Runtime

log = logging.getLogger("parley")


async def remember_last_used(runtime: Runtime, provider: str, model: str) -> bool:
    """Make (provider, model) the defaults and save them (off the loop) when they changed. True when saved; a
    settings file that cannot be written is logged, never in the way of the chat."""
    settings = runtime.settings()
    model = model.strip()
    if not provider or not model or (settings.defaults.provider, settings.defaults.model) == (provider, model):
        return False
    settings.defaults = Defaults(provider, model)  # the shared object: in use at once
    if runtime.settings_read_only:
        return False
    try:
        await asyncio.to_thread(save_settings, copy.deepcopy(settings))
    except (SettingsError, OSError) as exc:
        log.warning("the last used model was not saved as the default: %s", exc)
        return False
    return True
