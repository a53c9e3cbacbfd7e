"""What a turn's extras need before sending: a model that can search the web, and documents it can take."""

from __future__ import annotations

from app.providers import ChatRequest, ProviderSpec
from app.words import translate

from .capabilities import WEB_SEARCH_EXAMPLES, supports_web_search
from .documents import check_documents


def check_inputs(spec: ProviderSpec, request: ChatRequest) -> str | None:
    """Why the request cannot go to this provider as it is (plain words, a usage error), or None.

    `spec` is the one the call speaks (its protocol says whether PDFs are read natively)."""
    if request.web_search:
        if not supports_web_search(spec.id, request.model):
            return translate("InputChecks", "{model} on {provider} cannot search the web here; models that can: "
                             "{examples}").format(model=request.model, provider=spec.name,
                                                  examples=WEB_SEARCH_EXAMPLES)  # fmt: skip
        if spec.responses_protocol is not None and spec.protocol != spec.responses_protocol:
            return translate("InputChecks", "{provider}'s web search needs the Responses API: leave out "
                             "--api chat").format(provider=spec.name)  # fmt: skip
    documents = tuple(d for m in request.messages for d in m.documents)
    return check_documents(spec, documents) if documents else None
