"""What a turn's extras need before sending: web search on a model and API that can do it."""

from __future__ import annotations

from dataclasses import replace

from app.core.input_checks import check_inputs
from app.providers import ChatRequest, Message, get_spec

HI = (Message("user", "hi"),)


def test_web_search_on_openai_chat_completions_is_refused_naming_the_fix() -> None:
    chat = get_spec("openai")
    request = ChatRequest(model="gpt-4.1-mini", messages=HI, web_search=True)
    assert check_inputs(chat, request) == "OpenAI's web search needs the Responses API: leave out --api chat"
    assert check_inputs(replace(chat, protocol="openai_responses"), request) is None


def test_web_search_with_a_model_that_cannot_search_names_models_that_can() -> None:
    problem = check_inputs(get_spec("groq"), ChatRequest(model="llama-3.3-70b", messages=HI, web_search=True))
    assert problem is not None and problem.startswith("llama-3.3-70b on Groq cannot search the web here")
    assert "gemini-2.5-flash" in problem


def test_anthropic_search_needs_no_other_api() -> None:
    request = ChatRequest(model="claude-sonnet-4-5", messages=HI, web_search=True)
    assert check_inputs(get_spec("anthropic"), request) is None
