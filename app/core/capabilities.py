"""What models can take, where it is known: image input, by provider and model name."""

from __future__ import annotations

import re

# Families known to read images, and known text-only families, matched on the model name. Anything
# else is unknown: the request is sent, and a provider's refusal comes back as a classified error.
_VISION = re.compile(
    r"(gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-4-vision|gpt-5|chatgpt-4o|o1(?!-mini)|o3(?!-mini)|o4-mini|claude-3|claude-(sonnet|opus|haiku)-4"
    r"|claude-.*-4|gemini|gemma-3|llava|bakllava|moondream|vision|pixtral|llama-?3\.2-?(11|90)b|llama-4|qwen.*vl"
    r"|grok-.*vision|grok-4|minicpm-v|mistral-(small|medium)-(2503|2505|3\.1|latest))",
    re.IGNORECASE,
)
_TEXT_ONLY = re.compile(
    r"(gpt-3\.5|o1-mini|o3-mini|deepseek-(chat|reasoner|coder)|deepseek-r1|llama-?3(\.1|\.3)?-?(8|70|405)b"
    r"|llama3(\.1|\.3)?(:|$)|mixtral|mistral-7b|codestral|command-r|command-a(?!-vision)|qwq|phi-?[34](?!.*vision)"
    r"|text-embedding|gpt-oss)",
    re.IGNORECASE,
)


def supports_images(provider: str, model: str) -> bool | None:
    """True or False where the model family is known, None when it is not."""
    name = model.rsplit("/", 1)[-1]
    if _TEXT_ONLY.search(name):
        return False
    if _VISION.search(name):
        return True
    return None


# Models that take a reasoning effort (or thinking budget), and families known not to: sending an effort to
# those is refused by some providers (OpenAI answers 400), so it is left out of their requests.
_REASONING = re.compile(
    r"(^o[134](-|$)|gpt-5(?!-chat)|gpt-oss|claude-3-7|claude-(sonnet|opus|haiku)-4|claude-.*-4|gemini-2\.5|gemini-3"
    r"|grok-3-mini|grok-4|qwq|qwen3|magistral|deepseek-r1|reasoner|thinking)",
    re.IGNORECASE,
)
_NO_REASONING = re.compile(
    r"(gpt-4|gpt-3\.5|chatgpt-4o|gpt-5-chat|claude-3-5|claude-3-(opus|sonnet|haiku)|claude-2|gemini-1|gemini-2\.0"
    r"|llama|mistral-(tiny|small|medium|large)|mixtral|codestral|command-r|gemma|phi-)",
    re.IGNORECASE,
)


def supports_reasoning_effort(provider: str, model: str) -> bool | None:
    """True or False where the model family is known, None when it is not (then the effort is sent)."""
    name = model.rsplit("/", 1)[-1]
    if _REASONING.search(name):
        return True
    if _NO_REASONING.search(name):
        return False
    return None


# Models OpenAI serves only on its Responses API (chat completions answers them with a 404 or 400), matched on
# the model name. From each model's page on platform.openai.com/docs/models ("Endpoints: v1/responses" only),
# checked 2026-12: o1-pro, o3-pro, the deep-research models, codex-mini-latest, the gpt-5 / 5.1 / 5.2 Codex
# models, gpt-5-pro and gpt-5.2-pro, computer-use-preview.
_RESPONSES_ONLY = re.compile(
    r"^(?:openai/)?(o1-pro|o3-pro|o3-deep-research|o4-mini-deep-research|codex-mini|gpt-5(\.\d+)?-codex"
    r"|gpt-5(\.\d+)?-pro|computer-use-preview)",
    re.IGNORECASE,
)


def responses_only(model: str) -> bool:
    """The model answers only on OpenAI's Responses API (so it is used there without the user asking)."""
    return bool(_RESPONSES_ONLY.match(model.strip()))


# Models that can search the web with their provider's own tool, by provider (catalog id) and model name:
# OpenAI's web search on the Responses API (platform.openai.com/docs/guides/tools-web-search: gpt-4o, gpt-4o-mini,
# gpt-4.1, gpt-4.1-mini, o3, o4-mini, the gpt-5 family; not gpt-4.1-nano), Anthropic's web search server tool
# (docs.anthropic.com .../tool-use/web-search-tool: Claude 3.5 Haiku, 3.7 Sonnet and every Claude 4 model) and
# Gemini's Grounding with Google Search (ai.google.dev/gemini-api/docs/google-search: Gemini 2.0 and later).
# Checked 2026-03.
_WEB_SEARCH: dict[str, re.Pattern[str]] = {
    "openai": re.compile(r"^(gpt-4o(?!-audio|-realtime|-transcribe|-mini-transcribe|-mini-tts)|gpt-4\.1(?!-nano)"
                         r"|o3(?!-mini)|o4-mini|gpt-5)", re.IGNORECASE),
    "anthropic": re.compile(r"^claude-(3-5-haiku|3-7-sonnet|(opus|sonnet|haiku)-4|4)", re.IGNORECASE),
    "gemini": re.compile(r"^(models/)?gemini-(2|3|flash-latest|pro-latest|flash-lite-latest)", re.IGNORECASE),
}
WEB_SEARCH_EXAMPLES = "gpt-4.1-mini or gpt-5 (openai), claude-sonnet-4-5 (anthropic), gemini-2.5-flash (gemini)"


def supports_web_search(provider: str, model: str) -> bool:
    """The provider's own search tool works with this model (a user's --web-search is refused otherwise)."""
    pattern = _WEB_SEARCH.get(provider)
    return bool(pattern and pattern.match(model.strip()))
