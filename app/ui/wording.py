"""Plain-words text for the chat view: answer footers, errors and statuses, in the window's language (numbers and
dollars written the language's way through app.ui.i18n)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .i18n import count, money, number, say, translate

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.history import Estimate
    from app.store import RequestRow


def duration_text(value: float) -> str:
    """`310 ms`, `1.3 s`."""
    if value < 1000:
        return translate("Wording", "{value} ms").format(value=number(value))
    return translate("Wording", "{value} s").format(value=number(value / 1000, 1))


def usd(amount: float | None) -> str:
    """$4.80, $0.0042 for sub-cent figures (as app.core.pricing.format_usd), in the language's way of writing
    dollars; "unknown" for None."""
    if amount is None:
        return translate("Wording", "unknown")
    if amount == 0 or abs(amount) >= 0.01:
        return money(amount, 2)
    return money(amount, 4) if abs(amount) >= 0.0001 else "<" + money(0.0001, 4)


def _tokens(input_tokens: int | None, output_tokens: int | None) -> str:
    return translate("Wording", "{input} in / {output} out tokens").format(input=_count(input_tokens),
                                                                            output=_count(output_tokens))


def _first_token(ttft_ms: float) -> str:
    return translate("Wording", "first token {time}").format(time=duration_text(ttft_ms))


def _speed_text(speed: float) -> str:
    return translate("Wording", "{speed} tok/s").format(speed=number(speed))


def footer_text(reply: Reply) -> str:
    """`gpt-4o-mini · 12 in / 80 out tokens · first token 310 ms · 95 tok/s · 1.2 s`, plus the status."""
    parts = [reply.model or reply.requested_model or translate("Wording", "unknown model")]
    usage = reply.usage
    if usage.input_tokens is not None or usage.output_tokens is not None:
        tokens = _tokens(usage.input_tokens, usage.output_tokens)
        if usage.reasoning_tokens:
            tokens = translate("Wording", "{tokens} ({reasoning} reasoning)").format(
                tokens=tokens, reasoning=count(usage.reasoning_tokens))
        parts.append(tokens)
    elif reply.status == "complete":
        parts.append(translate("Wording", "tokens not reported"))
    if reply.ttft_ms is not None:
        parts.append(_first_token(reply.ttft_ms))
    speed = _speed(usage.output_tokens, reply.ttft_ms, reply.duration_ms)
    if speed is not None:
        parts.append(_speed_text(speed))
    if reply.duration_ms is not None:
        parts.append(duration_text(reply.duration_ms))
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
            parts.append(_tokens(attempt.input_tokens, attempt.output_tokens))
        if attempt.ttft_ms is not None:
            parts.append(_first_token(attempt.ttft_ms))
        speed = _speed(attempt.output_tokens, attempt.ttft_ms, attempt.duration_ms)
        if speed is not None:
            parts.append(_speed_text(speed))
        if attempt.duration_ms is not None:
            parts.append(duration_text(attempt.duration_ms))
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


def _priced(cost: str, source: str) -> str:
    """`$0.0042 at list price`: the cost and where it came from (the ledger's cost source)."""
    if source == "provider":
        return translate("Wording", "{cost} as billed by the provider").format(cost=cost)
    if source == "catalog":
        return translate("Wording", "{cost} at list price").format(cost=cost)
    if source == "override":
        return translate("Wording", "{cost} at your price").format(cost=cost)
    return f"{cost} {source}"


def cost_text(cost_usd: float | None, source: str) -> str:
    """`$0.0042 at list price`, `free`, `price unknown`; '' when nothing was priced."""
    if source == "free":
        return translate("Wording", "free")
    if cost_usd is None:
        return translate("Wording", "cost unknown") if source == "unknown" else ""
    if source == "unknown":
        return translate("Wording", "{cost} cost unknown").format(cost=usd(cost_usd))
    return _priced(usd(cost_usd), source)


def search_text(searches: int | None, fee_usd: float | None) -> str:
    """`2 web searches ($0.02)`: the searches an answer ran and their fees (inside its cost); '' for none."""
    if not searches:
        return ""
    if searches == 1:  # two sentences, so that English reads right; each has every plural form of its language
        words = translate("Wording", "{count} web search").format(count=count(searches))
    else:
        words = translate("Wording", "{count} web searches").format(count=count(searches))
    if fee_usd is None:
        return translate("Wording", "{searches} (fee not priced)").format(searches=words)
    return translate("Wording", "{searches} ({fee})").format(searches=words, fee=usd(fee_usd))


def estimate_text(estimate: Estimate | None) -> str:
    """The next request's worst case beside Send: `≤ $0.0031 next request`, `free (local)`, `cost unknown`."""
    if estimate is None:
        return ""
    if estimate.free:
        return translate("Wording", "free (local)")
    if estimate.cost_usd is None:
        return translate("Wording", "cost unknown")
    if 0 < estimate.cost_usd < 0.0001:
        return translate("Wording", "< {cost} next request").format(cost=money(0.0001, 4))
    return translate("Wording", "≤ {cost} next request").format(cost=usd(estimate.cost_usd))


def estimate_tip(estimate: Estimate | None) -> str:
    """What the estimate counts, for its tooltip."""
    if estimate is None:
        return translate("Wording", "The most the next request could cost, once a model and a prompt are typed")
    return translate("Wording", "The most the next request could cost: about {sent} tokens sent (the prompt and the "
                     "conversation so far) and an answer of up to {answer} tokens").format(
        sent=count(estimate.prompt_tokens), answer=count(estimate.max_output_tokens))


def total_amount(total: tuple[float, int] | None) -> str:
    """The conversation's spend so far, `$0.25 (+2 unpriced)`; '' for none (the header's short form)."""
    if total is None:
        return ""
    spent, unpriced = total
    if not unpriced:
        return usd(spent)
    return translate("Wording", "{cost} (+{unpriced} unpriced)").format(cost=usd(spent), unpriced=count(unpriced))


def total_text(total: tuple[float, int] | None) -> str:
    """The panel header's running total for the conversation shown."""
    if total is None:
        return ""
    return translate("Wording", "This conversation: {amount}").format(amount=total_amount(total))


def _count(value: int | None) -> str:
    return "?" if value is None else count(value)


def status_word(reply: Reply) -> str:
    """'' for a normal finish; otherwise what happened, in a word or two."""
    if reply.finish_reason == "cancelled":
        return translate("Wording", "stopped")
    if reply.error is not None:
        if reply.text or reply.reasoning:
            return translate("Wording", "interrupted")
        return translate("Wording", "failed")
    if reply.finish_reason == "length":
        return translate("Wording", "cut off at the token limit")
    if reply.finish_reason == "content_filter":
        return translate("Wording", "stopped by the content filter")
    return ""


def error_lines(reply: Reply) -> tuple[str, str] | None:
    """(what went wrong, what to do) for a reply that failed; None when it finished or was stopped."""
    err = reply.error
    if err is None or reply.finish_reason == "cancelled":
        return None
    return say(err.describe()), say(err.advice)
