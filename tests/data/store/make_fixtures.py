"""Rebuild the committed older-schema databases: `.venv/bin/python -m tests.data.store.make_fixtures`.

`m001.db` is what Parley's first schema (migration m001_initial only) wrote: two conversations, a
branched tree (an edited question, a regenerated answer), an image, a Chinese and a Japanese message,
a reply left `streaming` by a crash, and ledger rows (one unpriced, one whose conversation was
deleted). The data is written with plain SQL against that schema, not through today's `Store`, so
the file stays what an old Parley wrote. Regenerate only if m001 itself had to change (it must not).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from app.store.migrations import m001_initial

HERE = Path(__file__).parent
M001 = HERE / "m001.db"

CONVERSATIONS = [
    (1, "Trip to Tokyo", "2024-03-01T09:00:00.000000Z", "2024-03-01T09:05:00.000000Z", 1, "Be brief.",
     '{"model": "gpt-4o", "provider": "openai"}', 5),
    (2, "Rust lifetimes", "2024-03-02T10:00:00.000000Z", "2024-03-02T10:01:00.000000Z", 0, None, "{}", None),
]  # fmt: skip

# id, conversation, parent, role, content, status, provider, model, requested_model, images_json
MESSAGES = [
    (1, 1, None, "user", "我下周去东京出差，想找附近的酒店。", "complete", None, None, None, "[]"),
    (2, 1, 1, "assistant", "可以看看新宿站附近的酒店。", "complete", "openai", "gpt-4o-2024-08-06", "gpt-4o", "[]"),
    (3, 1, 1, "assistant", "東京タワーの近くに泊まるのもいいですね。", "complete", "anthropic", "claude-3-5-sonnet",
     "claude-3-5-sonnet", "[]"),
    (4, 1, 3, "user", "What does this sign say?", "complete", None, None, None,
     '[{"attachment_id": 1, "mime_type": "image/png", "size": 8, "name": "sign.png"}]'),
    (5, 1, 4, "assistant", "It says the lift is out of ord", "streaming", "openai", None, "gpt-4o", "[]"),
    (6, 2, None, "user", "Explain lifetimes in Rust", "complete", None, None, None, "[]"),
    (7, 2, 6, "assistant", "A lifetime names how long a borrow is valid.", "complete", "groq", "llama-3.3-70b",
     "llama-3.3-70b", "[]"),
]  # fmt: skip

# id, conversation, message, provider, requested, served, started_at, in, out, cost, source, error
REQUESTS = [
    (1, 1, 2, "openai", "gpt-4o", "gpt-4o-2024-08-06", "2024-03-01T09:01:00.000000Z", 20, 15, 0.00025, "catalog", None),
    (2, 1, 3, "anthropic", "claude-3-5-sonnet", "claude-3-5-sonnet", "2024-03-01T09:02:00.000000Z", 20, 18, 0.0003,
     "provider", None),
    (3, 2, 7, "groq", "llama-3.3-70b", "llama-3.3-70b", "2024-03-02T10:00:30.000000Z", 9, 11, None, "unknown", None),
    (4, None, None, "openai", "gpt-4o", None, "2024-02-28T08:00:00.000000Z", 0, 0, 0.0, "catalog", "rate_limit"),
]  # fmt: skip


def build_m001(path: Path) -> None:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        db = Database(conn, execute_plugins=False)
        conn.execute("BEGIN")
        conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        m001_initial(db)
        conn.execute("INSERT INTO _migrations VALUES ('m001_initial', '2024-03-01T08:59:00.000000Z')")
        conn.executemany(
            "INSERT INTO conversations (id, title, created_at, updated_at, pinned, system_prompt, settings_json, "
            "current_leaf_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            [c[:7] for c in CONVERSATIONS],
        )
        for m in MESSAGES:
            stamp = CONVERSATIONS[m[1] - 1][2]
            conn.execute(
                "INSERT INTO messages (id, conversation_id, parent_id, role, content, status, provider, model, "
                "requested_model, images_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*m, stamp, stamp),
            )
        conn.execute(
            "INSERT INTO attachments (id, message_id, position, mime_type, name, size, data) "
            "VALUES (1, 4, 0, 'image/png', 'sign.png', 8, ?)",
            (b"\x89PNG\r\n\x1a\n",),
        )
        for c in CONVERSATIONS:
            conn.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (c[7], c[0]))
        conn.executemany(
            "INSERT INTO requests (id, conversation_id, message_id, provider, requested_model, served_model, "
            "started_at, input_tokens, output_tokens, cost_usd, cost_source, error_kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            REQUESTS,
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()


if __name__ == "__main__":
    build_m001(M001)
    print(f"wrote {M001}")
