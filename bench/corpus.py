"""Synthetic conversations for the store and transcript benchmarks: English-like words, some CJK, line breaks."""

from __future__ import annotations

import random

from app.store import Store

COMMON = "the of and a to in is you that it he was for on are as with his they at be this have from"
WORDS = [*COMMON.split(), "model", "token", "answer", "stream", "window", "query", "index", "parsing", "sqlite"]
RARE = ["kubernetes", "giraffe", "東京タワー", "东京", "서울"]
STAMP = "2025-01-01T00:00:00.000000Z"


def message_text(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(20, 200))
    if rng.random() < 0.05:
        words.insert(rng.randrange(len(words)), rng.choice(RARE))
    for _ in range(len(words) // 60):  # a paragraph break every ~60 words
        words.insert(rng.randrange(len(words)), "\n\n")
    return " ".join(words)


def fill(store: Store, conversations: int, per_conversation: int, seed: int = 7) -> list[int]:
    """Conversations of alternating user/assistant messages, one chain each; returns their ids.

    Rows go in with one INSERT per message inside one transaction per conversation (as
    tests/store/perf_sanity.py does), through the store's own connection so its FTS triggers index them:
    add_message would take one transaction per message (minutes for 100,000).
    """
    rng = random.Random(seed)
    ids = []
    for c in range(conversations):
        cid = store.create_conversation(f"conversation {c}")
        with store._write() as conn:
            parent = None
            for n in range(per_conversation):
                parent = conn.execute(
                    "INSERT INTO messages (conversation_id, parent_id, role, content, status, provider, model, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, 'complete', ?, ?, ?, ?)",
                    (cid, parent, "assistant" if n % 2 else "user", message_text(rng),
                     "openai" if n % 2 else None, "gpt-4o-mini" if n % 2 else None, STAMP, STAMP),
                ).lastrowid  # fmt: skip
            conn.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (parent, cid))
        ids.append(cid)
    return ids


FORMULAS = [  # as they appear in answers: short inline ones mostly, some display ones
    "$x^2$", "$n$", "$O(n \\log n)$", "$\\alpha = 0.05$", "$f(x) = 3x + 2$", "$p < 0.01$", "$\\sigma^2$",
    "$\\mathbb{E}[X]$", "$\\frac{a}{b}$", "$e^{i\\pi} + 1 = 0$", "$\\sum_{i=1}^n x_i$", "$\\sqrt{2}$",
    "$$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$$", "$$\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}$$",
    "\\[P(A \\mid B) = \\frac{P(B \\mid A)\\,P(A)}{P(B)}\\]",
    "$$\\nabla \\cdot \\mathbf{E} = \\frac{\\rho}{\\varepsilon_0}$$",
]  # fmt: skip


def add_formulas(store: Store, conversation_id: int, count: int, seed: int = 11) -> int:
    """Put `count` formulas into the conversation's answers, spread evenly (each a paragraph of its own, as
    display formulas are, or a sentence with an inline one); some repeat, as `$n$` and `$x^2$` do in real
    answers. Returns how many answers hold one."""
    rng = random.Random(seed)
    with store._write() as conn:
        rows = conn.execute("SELECT id, content FROM messages WHERE conversation_id = ? AND role = 'assistant' "
                            "ORDER BY id", (conversation_id,)).fetchall()  # fmt: skip
        step = max(1, len(rows) // max(1, count))
        chosen = rows[::step][:count]
        for k, (message_id, content) in enumerate(chosen):
            formula = FORMULAS[k % len(FORMULAS)] if k < 3 * len(FORMULAS) else f"$x_{{{k}}} = {rng.randint(2, 99)}$"
            conn.execute("UPDATE messages SET content = ? WHERE id = ?",
                         (f"{content}\n\nSo the result is {formula} as expected.", message_id))  # fmt: skip
    return len(chosen)
