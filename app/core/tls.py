"""TLS for every HTTP client Parley makes: verification always on, the user's CA bundle added to the usual CAs."""

from __future__ import annotations

import ssl
from pathlib import Path


def tls_context(ca_bundle: str | None) -> tuple[ssl.SSLContext, str]:
    """The SSL context (system CAs, SSL_CERT_FILE/SSL_CERT_DIR, plus `ca_bundle`) and, when the bundle could not
    be used, why in plain words ("" otherwise). Verification is never turned off."""
    import httpx

    context = httpx.create_ssl_context(trust_env=True)
    if not ca_bundle:
        return context, ""
    try:
        context.load_verify_locations(cafile=str(Path(ca_bundle).expanduser()))
    except (OSError, ssl.SSLError) as exc:
        return context, f"The CA bundle {ca_bundle} could not be used ({exc}); only the usual CAs are trusted."
    return context, ""
