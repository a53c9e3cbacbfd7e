"""Parley: a desktop app for chatting with many LLM providers at once."""

__version__ = "0.1.0"
