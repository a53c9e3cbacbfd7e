"""Plain-words text for the chat view: answer footers, errors and statuses (no Qt here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.history import Estimate
    from app.store import RequestRow


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if value < 1000 else f"{value / 1000:.1f} s"


def footer_text(reply: Reply) -> str:
    """`gpt-4o-mini · 12 in / 80 out tokens · first token 310 ms · 95 tok/s · 1.2 s`, plus the status."""
    parts = [reply.model or reply.requested_model or "unknown model"]
    usage = reply.usage
    if usage.input_tokens is not None or usage.output_tokens is not None:
        tokens = f"{_count(usage.input_tokens)} in / {_count(usage.output_tokens)} out tokens"
        if usage.reasoning_tokens:
            tokens += f" ({usage.reasoning_tokens:,} reasoning)"
        parts.append(tokens)
    elif reply.status == "complete":
        parts.append("tokens not reported")
    if reply.ttft_ms is not None:
        parts.append(f"first token {_ms(reply.ttft_ms)}")
    speed = _speed(usage.output_tokens, reply.ttft_ms, reply.duration_ms)
    if speed is not None:
        parts.append(f"{speed:,.0f} tok/s")
    if reply.duration_ms is not None:
        parts.append(_ms(reply.duration_ms))
    cost = cost_text(reply.cost_usd, reply.cost_source)
    if cost:
        parts.append(cost)
    searches = search_text(usage.web_searches, reply.search_cost_usd)
    if searches:
        parts.append(searches)
    status = status_word(reply)
    if status:
        parts.append(status)
    return " · ".join(parts)


def stored_footer(model: str, status: str, attempt: RequestRow | None) -> str:
    """The footer of a saved answer, from its ledger row: the same facts a live answer shows."""
    parts = [attempt.served_model or model if attempt else model]
    if attempt is not None:
        if attempt.input_tokens is not None or attempt.output_tokens is not None:
            parts.append(f"{_count(attempt.input_tokens)} in / {_count(attempt.output_tokens)} out tokens")
        if attempt.ttft_ms is not None:
            parts.append(f"first token {_ms(attempt.ttft_ms)}")
        speed = _speed(attempt.output_tokens, attempt.ttft_ms, attempt.duration_ms)
        if speed is not None:
            parts.append(f"{speed:,.0f} tok/s")
        if attempt.duration_ms is not None:
            parts.append(_ms(attempt.duration_ms))
        parts.append(cost_text(attempt.cost_usd, attempt.cost_source))
        parts.append(search_text(attempt.web_searches, attempt.search_cost_usd))
    if status:
        parts.append(status)
    return " · ".join(p for p in parts if p)


def _speed(out: int | None, ttft_ms: float | None, duration_ms: float | None) -> float | None:
    """Output tokens per second after the first token (as a live answer's footer counts them)."""
    if not out or ttft_ms is None or duration_ms is None or duration_ms <= ttft_ms:
        return None
    return out / ((duration_ms - ttft_ms) / 1000.0)


COST_SOURCES = {
    "provider": "as billed by the provider",
    "catalog": "at list price",
    "override": "at your price",
    "free": "free",
    "unknown": "cost unknown",
}


def cost_text(cost_usd: float | None, source: str) -> str:
    """`$0.0042 at list price`, `free`, `price unknown`; '' when nothing was priced."""
    from app.core.pricing import format_usd

    if source == "free":
        return "free"
    if cost_usd is None:
        return COST_SOURCES["unknown"] if source == "unknown" else ""
    return f"{format_usd(cost_usd)} {COST_SOURCES.get(source, source)}"


def search_text(searches: int | None, fee_usd: float | None) -> str:
    """`2 web searches ($0.02)`: the searches an answer ran and their fees (inside its cost); '' for none."""
    from app.core.pricing import format_usd

    if not searches:
        return ""
    words = f"{searches} web search{'es' if searches != 1 else ''}"
    return f"{words} ({format_usd(fee_usd)})" if fee_usd is not None else f"{words} (fee not priced)"


def estimate_text(estimate: Estimate | None) -> str:
    """The next request's worst case beside Send: `≤ $0.0031 next request`, `free (local)`, `cost unknown`."""
    from app.core.pricing import format_usd

    if estimate is None:
        return ""
    if estimate.free:
        return "free (local)"
    if estimate.cost_usd is None:
        return "cost unknown"
    if 0 < estimate.cost_usd < 0.0001:
        return "< $0.0001 next request"
    return f"≤ {format_usd(estimate.cost_usd)} next request"


def estimate_tip(estimate: Estimate | None) -> str:
    """What the estimate counts, for its tooltip."""
    if estimate is None:
        return "The most the next request could cost, once a model and a prompt are typed"
    return (f"The most the next request could cost: about {estimate.prompt_tokens:,} tokens sent (the prompt and "
            f"the conversation so far) and an answer of up to {estimate.max_output_tokens:,} tokens")  # fmt: skip


def total_text(total: tuple[float, int] | None) -> str:
    """The panel header's running total for the conversation shown."""
    from app.core.pricing import format_usd

    if total is None:
        return ""
    usd, unpriced = total
    extra = f" (+{unpriced} unpriced)" if unpriced else ""
    return f"This conversation: {format_usd(usd)}{extra}"


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def status_word(reply: Reply) -> str:
    """'' for a normal finish; otherwise what happened, in a word or two."""
    if reply.finish_reason == "cancelled":
        return "stopped"
    if reply.error is not None:
        return "interrupted" if reply.text or reply.reasoning else "failed"
    if reply.finish_reason == "length":
        return "cut off at the token limit"
    if reply.finish_reason == "content_filter":
        return "stopped by the content filter"
    return ""


def error_lines(reply: Reply) -> tuple[str, str] | None:
    """(what went wrong, what to do) for a reply that failed; None when it finished or was stopped."""
    err = reply.error
    if err is None or reply.finish_reason == "cancelled":
        return None
    return err.describe(), err.advice
