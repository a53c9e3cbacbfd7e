"""Every provider Parley knows, as data: a `ProviderSpec` per service, grouped by wire protocol."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# Quirk flags a spec may carry.
NO_STREAM_USAGE = "no_stream_usage"  # server rejects stream_options.include_usage
MAX_COMPLETION_TOKENS = "max_completion_tokens"  # always send max_completion_tokens, not max_tokens
REASONING_OUTSIDE_OUTPUT = "reasoning_outside_output"  # the output count leaves reasoning tokens out (xAI, Gemini)
INPUT_OUTSIDE_CACHE = "input_outside_cache"  # the input count leaves cache reads and writes out (Anthropic)
ROUTED_MODEL_NAMES = "routed_model_names"  # "model:backend" names, priced as the backend's (Hugging Face router)
TOOL_IDS_MAX_40 = "tool_ids_max_40"  # tool call ids longer than 40 characters are refused (OpenAI's models)
NINE_CHAR_TOOL_IDS = "nine_char_tool_ids"  # tool call ids must be exactly 9 of [A-Za-z0-9] (Mistral)
NO_USER_AFTER_TOOL = "no_user_after_tool"  # a user turn may not follow tool results directly (Mistral)
ECHO_REASONING_CONTENT = "echo_reasoning_content"  # assistant turns must carry their reasoning_content back (DeepSeek)
PDF_FILE_INPUT = "pdf_file_input"  # chat completions take PDFs as `file` content parts (OpenAI's own API)

# Settings a provider takes beyond the base URL, timeouts and retries (ProviderSettings fields of these names).
API_VERSION = "api_version"  # the api-version query parameter (Azure; the adapter's default when unset)
DEPLOYMENTS = "deployments"  # requests name the user's deployments, not the catalog's models (Azure)


@dataclass(frozen=True, slots=True)
class ProviderSpec:
    id: str
    name: str
    protocol: str  # openai_chat, anthropic, gemini, azure, ollama, cohere, openai_responses, azure_responses
    base_url: str
    key_env: tuple[str, ...] = ()
    key_hint: str = ""
    docs_url: str = ""
    keyless: bool = False
    local: bool = False
    quirks: frozenset[str] = frozenset()
    price_provider: str | None = None  # the provider id genai-prices uses, when it differs
    auth_header: str = "Authorization"  # "Authorization" sends "Bearer KEY"; any other name sends KEY
    extra_headers: tuple[tuple[str, str], ...] = field(default=())
    responses_protocol: str | None = None  # the provider also speaks OpenAI's Responses API, with this adapter
    extra_settings: tuple[str, ...] = ()  # API_VERSION, DEPLOYMENTS: the settings pages show these fields
    base_url_hint: str = ""  # an example of the user's own base URL, for providers with none of their own

    def has(self, quirk: str) -> bool:
        return quirk in self.quirks


def _openai(id: str, name: str, base_url: str, env: str, hint: str, docs: str, **kw: object) -> ProviderSpec:
    return ProviderSpec(id, name, "openai_chat", base_url, (env,), hint, docs, **kw)  # type: ignore[arg-type]


SPECS: tuple[ProviderSpec, ...] = (
    _openai("openai", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY", "sk-...",
            "https://platform.openai.com/api-keys", responses_protocol="openai_responses",
            quirks=frozenset({MAX_COMPLETION_TOKENS, TOOL_IDS_MAX_40, PDF_FILE_INPUT})),
    _openai("together", "Together AI", "https://api.together.xyz/v1", "TOGETHER_API_KEY", "",
            "https://api.together.ai/settings/api-keys"),
    _openai("groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY", "gsk_...",
            "https://console.groq.com/keys"),
    _openai("cerebras", "Cerebras", "https://api.cerebras.ai/v1", "CEREBRAS_API_KEY", "csk-...",
            "https://cloud.cerebras.ai"),
    _openai("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", "sk-or-...",
            "https://openrouter.ai/keys", quirks=frozenset({TOOL_IDS_MAX_40}),
            extra_headers=(("HTTP-Referer", "https://github.com/parley-app/parley"), ("X-Title", "Parley"))),
    _openai("deepseek", "DeepSeek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", "sk-...",
            "https://platform.deepseek.com/api_keys", quirks=frozenset({ECHO_REASONING_CONTENT})),
    _openai("mistral", "Mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY", "",
            "https://console.mistral.ai/api-keys", quirks=frozenset({NINE_CHAR_TOOL_IDS, NO_USER_AFTER_TOOL})),
    _openai("xai", "xAI", "https://api.x.ai/v1", "XAI_API_KEY", "xai-...", "https://console.x.ai",
            price_provider="x-ai", quirks=frozenset({REASONING_OUTSIDE_OUTPUT})),
    _openai("fireworks", "Fireworks AI", "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY",
            "fw_...", "https://fireworks.ai/account/api-keys"),
    _openai("huggingface", "Hugging Face router", "https://router.huggingface.co/v1", "HF_TOKEN", "hf_...",
            "https://huggingface.co/settings/tokens", quirks=frozenset({ROUTED_MODEL_NAMES})),
    ProviderSpec("lmstudio", "LM Studio", "openai_chat", "http://localhost:1234/v1", keyless=True,
                 local=True, docs_url="https://lmstudio.ai/docs/app/api"),
    ProviderSpec("ollama", "Ollama", "ollama", "http://localhost:11434", keyless=True, local=True,
                 docs_url="https://github.com/ollama/ollama/blob/main/docs/api.md"),
    ProviderSpec("anthropic", "Anthropic", "anthropic", "https://api.anthropic.com", ("ANTHROPIC_API_KEY",),
                 "sk-ant-...", "https://console.anthropic.com/settings/keys", auth_header="x-api-key",
                 quirks=frozenset({INPUT_OUTSIDE_CACHE})),
    ProviderSpec("gemini", "Google Gemini", "gemini", "https://generativelanguage.googleapis.com/v1beta",
                 ("GEMINI_API_KEY", "GOOGLE_API_KEY"), "AIza...", "https://aistudio.google.com/apikey",
                 price_provider="google", auth_header="x-goog-api-key", quirks=frozenset({REASONING_OUTSIDE_OUTPUT})),
    ProviderSpec("azure", "Azure OpenAI", "azure", "", ("AZURE_OPENAI_API_KEY",), "",
                 "https://portal.azure.com", auth_header="api-key", responses_protocol="azure_responses",
                 quirks=frozenset({MAX_COMPLETION_TOKENS, TOOL_IDS_MAX_40}), extra_settings=(API_VERSION, DEPLOYMENTS),
                 base_url_hint="https://NAME.openai.azure.com"),
    ProviderSpec("cohere", "Cohere", "cohere", "https://api.cohere.com", ("CO_API_KEY", "COHERE_API_KEY"), "",
                 "https://dashboard.cohere.com/api-keys"),
)  # fmt: skip

_BY_ID = {s.id: s for s in SPECS}


def get_spec(provider_id: str) -> ProviderSpec:
    """The spec for a provider id; unknown ids raise KeyError with the known ones listed."""
    try:
        return _BY_ID[provider_id]
    except KeyError:
        known = ", ".join(sorted(_BY_ID))
        raise KeyError(f"unknown provider {provider_id!r}; known providers: {known}") from None


def custom_spec(id: str, name: str, base_url: str, *, local: bool, keyless: bool = False) -> ProviderSpec:
    """A user-defined OpenAI-compatible endpoint."""
    return ProviderSpec(id, name, "openai_chat", base_url, keyless=keyless, local=local)


def with_base_url(spec: ProviderSpec, base_url: str | None) -> ProviderSpec:
    return replace(spec, base_url=base_url.rstrip("/")) if base_url else spec


def key_variables() -> tuple[str, ...]:
    """Every environment variable a catalog provider reads its key from (tests clear them all)."""
    return tuple(dict.fromkeys(var for spec in SPECS for var in spec.key_env))
