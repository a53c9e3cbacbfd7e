"""Qt-free services: chat sessions, retries, fallback, pricing, budgets, keys and settings."""
