"""Append-only schema history: small named functions, applied in order, each recorded in `_migrations`.

Never edit or reorder a migration that has shipped; add a new one at the end. A database whose
`_migrations` names a function this list does not hold was written by a newer Parley and is refused
(see `db.open_store`). Each migration runs in its own `BEGIN IMMEDIATE` transaction together with
its record, so two processes opening a fresh file at once apply it exactly once, and a migration
that fails leaves the file at the previous version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database

from .records import now_utc, to_stamp

Migration = Callable[[Database], None]

MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


def _execute(db: Database, *statements: str) -> None:
    for statement in statements:
        db.execute(statement)


@migration
def m001_initial(db: Database) -> None:
    """Conversations as message trees, image attachments, and the spend ledger."""
    _execute(
        db,
        """CREATE TABLE conversations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
            system_prompt TEXT,
            settings_json TEXT NOT NULL DEFAULT '{}',
            current_leaf_id INTEGER REFERENCES messages (id) ON DELETE SET NULL
        )""",
        "CREATE INDEX conversations_listing ON conversations (pinned, updated_at)",
        """CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES messages (id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
            content TEXT NOT NULL DEFAULT '',
            reasoning TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'complete'
                CHECK (status IN ('streaming', 'complete', 'interrupted', 'error')),
            error_kind TEXT,
            error_message TEXT,
            provider TEXT,
            model TEXT,
            requested_model TEXT,
            images_json TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX messages_conversation_parent ON messages (conversation_id, parent_id)",
        "CREATE INDEX messages_parent ON messages (parent_id)",
        """CREATE TRIGGER messages_parent_in_same_conversation BEFORE INSERT ON messages
        WHEN NEW.parent_id IS NOT NULL
            AND (SELECT conversation_id FROM messages WHERE id = NEW.parent_id) IS NOT NEW.conversation_id
        BEGIN
            SELECT RAISE(ABORT, 'the parent message is not in this conversation');
        END""",
        """CREATE TABLE attachments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            mime_type TEXT NOT NULL,
            name TEXT,
            size INTEGER NOT NULL,
            data BLOB NOT NULL,
            UNIQUE (message_id, position)
        )""",
        """CREATE TABLE requests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
            message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
            provider TEXT NOT NULL,
            requested_model TEXT NOT NULL,
            served_model TEXT,
            started_at TEXT NOT NULL,
            ttft_ms INTEGER,
            duration_ms INTEGER,
            input_tokens INTEGER,
            output_tokens INTEGER,
            cache_read_tokens INTEGER,
            cache_write_tokens INTEGER,
            reasoning_tokens INTEGER,
            cost_usd REAL,
            cost_source TEXT NOT NULL DEFAULT 'unknown'
                CHECK (cost_source IN ('provider', 'catalog', 'override', 'free', 'unknown')),
            error_kind TEXT,
            error_message TEXT,
            finish_reason TEXT,
            fallback_of INTEGER REFERENCES requests (id) ON DELETE SET NULL,
            source TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'cli', 'compare'))
        )""",
    )
    requests = db.table("requests")
    requests.create_index(["started_at"], index_name="requests_started_at")
    requests.create_index(["provider"], index_name="requests_provider")
    requests.create_index(["conversation_id"], index_name="requests_conversation")
    requests.create_index(["message_id"], index_name="requests_message")
    requests.create_index(["fallback_of"], index_name="requests_fallback_of")


@migration
def m002_message_search(db: Database) -> None:
    """Full-text search over message content, kept in sync by triggers (see textindex.py for CJK)."""
    _execute(
        db,
        """CREATE VIRTUAL TABLE messages_fts USING fts5(
            content, content='', tokenize='unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts (rowid, content) VALUES (NEW.id, parley_index_text_v1(NEW.content));
        END""",
        """CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, content)
                VALUES ('delete', OLD.id, parley_index_text_v1(OLD.content));
        END""",
        """CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages
        WHEN OLD.content IS NOT NEW.content BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, content)
                VALUES ('delete', OLD.id, parley_index_text_v1(OLD.content));
            INSERT INTO messages_fts (rowid, content) VALUES (NEW.id, parley_index_text_v1(NEW.content));
        END""",
        "INSERT INTO messages_fts (rowid, content) SELECT id, parley_index_text_v1(content) FROM messages",
    )


@migration
def m003_comparisons(db: Database) -> None:
    """Comparison runs (one prompt, N panes, each a provider and model) and the user's votes."""
    _execute(
        db,
        """CREATE TABLE comparison_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            prompt TEXT NOT NULL,
            conversation_id INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX comparison_runs_created ON comparison_runs (created_at)",
        "CREATE INDEX comparison_runs_conversation ON comparison_runs (conversation_id)",
        """CREATE TABLE comparison_panes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES comparison_runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            label TEXT,
            message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
            request_id INTEGER REFERENCES requests (id) ON DELETE SET NULL,
            UNIQUE (run_id, position)
        )""",
        "CREATE INDEX comparison_panes_message ON comparison_panes (message_id)",
        "CREATE INDEX comparison_panes_request ON comparison_panes (request_id)",
        """CREATE TABLE comparison_votes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES comparison_runs (id) ON DELETE CASCADE,
            winner_pane_id INTEGER REFERENCES comparison_panes (id) ON DELETE CASCADE,
            ranking_json TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX comparison_votes_run ON comparison_votes (run_id)",
        "CREATE INDEX comparison_votes_winner ON comparison_votes (winner_pane_id)",
    )


@migration
def m004_stream_writers(db: Database) -> None:
    """Which open store streams a message, so one process never marks another's live reply interrupted."""
    db.table("messages").add_column("writer", str)
    db.execute("CREATE INDEX messages_streaming ON messages (writer) WHERE status = 'streaming'")


@migration
def m005_comparison_parameters(db: Database) -> None:
    """Each comparison pane's request parameters (temperature, max tokens...), and which prompt set a run
    belongs to (NULL for a single comparison; every prompt of one prompt-set run shares the key)."""
    _execute(
        db,
        "ALTER TABLE comparison_panes ADD COLUMN params_json TEXT NOT NULL DEFAULT '{}'",
        "ALTER TABLE comparison_runs ADD COLUMN prompt_set TEXT",
        "CREATE INDEX comparison_runs_prompt_set ON comparison_runs (prompt_set) WHERE prompt_set IS NOT NULL",
    )


@migration
def m006_provider_accounts(db: Database) -> None:
    """What providers report about Parley's spend: account report lines per UTC day (replaced on each fetch),
    a log of those fetches, and per-request provider-reported costs (OpenRouter's generation lookup) with
    the ledger's own estimate kept beside them and a retry-later queue for lookups that could not run yet."""
    _execute(
        db,
        """CREATE TABLE provider_report_lines (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            provider TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('cost', 'usage')),
            day TEXT NOT NULL,
            line TEXT NOT NULL,
            model TEXT,
            amount_usd TEXT,
            input_tokens INTEGER,
            output_tokens INTEGER,
            cache_read_tokens INTEGER,
            cache_write_tokens INTEGER,
            requests INTEGER,
            fetched_at TEXT NOT NULL
        )""",
        """CREATE UNIQUE INDEX provider_report_lines_key
            ON provider_report_lines (provider, kind, day, line, COALESCE(model, ''))""",
        """CREATE TABLE provider_report_fetches (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            provider TEXT NOT NULL,
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            lines INTEGER NOT NULL DEFAULT 0,
            error_kind TEXT,
            error_message TEXT
        )""",
        "CREATE INDEX provider_report_fetches_provider ON provider_report_fetches (provider, fetched_at)",
        """CREATE TABLE request_costs (
            request_id INTEGER PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
            provider TEXT NOT NULL,
            response_id TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
            estimate_usd REAL,
            estimate_source TEXT NOT NULL,
            provider_usd TEXT,
            upstream_provider TEXT,
            native_input_tokens INTEGER,
            native_output_tokens INTEGER,
            native_reasoning_tokens INTEGER,
            native_cached_tokens INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try_at TEXT,
            last_error TEXT,
            queued_at TEXT NOT NULL,
            reported_at TEXT
        )""",
        "CREATE INDEX request_costs_due ON request_costs (next_try_at) WHERE state = 'pending'",
    )


@migration
def m007_search_and_documents(db: Database) -> None:
    """Web search and documents: the sources an answer cited, the searches each request ran and their fees, and
    documents (text files, PDFs) kept once per content (by SHA-256) however many messages carry them."""
    _execute(
        db,
        "ALTER TABLE messages ADD COLUMN citations_json TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE messages ADD COLUMN documents_json TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE requests ADD COLUMN web_searches INTEGER",
        "ALTER TABLE requests ADD COLUMN search_cost_usd REAL",
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sha256 TEXT NOT NULL UNIQUE,
            mime_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            pages INTEGER,
            text TEXT,
            data BLOB NOT NULL,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE message_documents (
            message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            document_id INTEGER NOT NULL REFERENCES documents (id),
            name TEXT NOT NULL,
            PRIMARY KEY (message_id, position)
        )""",
        "CREATE INDEX message_documents_document ON message_documents (document_id)",
        # A document no message carries any more goes with its last message.
        """CREATE TRIGGER message_documents_release AFTER DELETE ON message_documents
        WHEN NOT EXISTS (SELECT 1 FROM message_documents WHERE document_id = OLD.document_id) BEGIN
            DELETE FROM documents WHERE id = OLD.document_id;
        END""",
        # Search finds an answer by the titles and addresses of its sources too. A message without sources is
        # indexed exactly as before (its content), so rows indexed by m002's triggers are removed correctly.
        "DROP TRIGGER messages_fts_insert",
        "DROP TRIGGER messages_fts_delete",
        "DROP TRIGGER messages_fts_update",
        f"""CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts (rowid, content) VALUES (NEW.id, parley_index_text_v1({_indexed("NEW")}));
        END""",
        f"""CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, content)
                VALUES ('delete', OLD.id, parley_index_text_v1({_indexed("OLD")}));
        END""",
        f"""CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, citations_json ON messages
        WHEN OLD.content IS NOT NEW.content OR OLD.citations_json IS NOT NEW.citations_json BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, content)
                VALUES ('delete', OLD.id, parley_index_text_v1({_indexed("OLD")}));
            INSERT INTO messages_fts (rowid, content) VALUES (NEW.id, parley_index_text_v1({_indexed("NEW")}));
        END""",
    )


def _indexed(row: str) -> str:
    """SQL for what the search index holds of a message: its content, then each source's title and URL."""
    return (f"{row}.content || CASE WHEN {row}.citations_json IN ('', '[]') THEN '' ELSE char(10) || "
            f"(SELECT group_concat(COALESCE(json_extract(value, '$.title'), '') || ' ' || "
            f"COALESCE(json_extract(value, '$.url'), ''), char(10)) FROM json_each({row}.citations_json)) END")


@migration
def m008_tool_steps(db: Database) -> None:
    """The model calls of a turn that used tools: each step's text, calls, results and signed reasoning, kept
    beside its answer (the answer's own row still holds the whole text); which step of its turn a ledger row
    paid for; and full-text search over the calls' arguments and results."""
    _execute(
        db,
        """CREATE TABLE message_tool_steps (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            step INTEGER NOT NULL CHECK (step >= 1),
            text TEXT NOT NULL DEFAULT '',
            calls_json TEXT NOT NULL DEFAULT '[]',
            results_json TEXT NOT NULL DEFAULT '[]',
            signed_json TEXT NOT NULL DEFAULT '[]',
            search_text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (message_id, step)
        )""",
        """CREATE VIRTUAL TABLE tool_steps_fts USING fts5(
            content, content='', tokenize='unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER tool_steps_fts_insert AFTER INSERT ON message_tool_steps BEGIN
            INSERT INTO tool_steps_fts (rowid, content) VALUES (NEW.id, parley_index_text_v1(NEW.search_text));
        END""",
        """CREATE TRIGGER tool_steps_fts_delete AFTER DELETE ON message_tool_steps BEGIN
            INSERT INTO tool_steps_fts (tool_steps_fts, rowid, content)
                VALUES ('delete', OLD.id, parley_index_text_v1(OLD.search_text));
        END""",
        "ALTER TABLE requests ADD COLUMN step INTEGER",
    )


@migration
def m009_index_answers_once_they_end(db: Database) -> None:
    """A streaming answer is indexed for search once it ends, not at every checkpoint: each checkpoint re-indexed
    the whole text so far (a long answer's saves held the window's thread for milliseconds every second). A row is
    in the index exactly when its status is not 'streaming', with its current text; answers streaming now are
    taken out of the index (they go back in when they end, or when a crashed one is marked interrupted)."""
    streaming = "'streaming'"
    _execute(
        db,
        f"""INSERT INTO messages_fts (messages_fts, rowid, content)
            SELECT 'delete', id, parley_index_text_v1({_indexed("messages")}) FROM messages
            WHERE status = {streaming}""",
        "DROP TRIGGER messages_fts_insert",
        "DROP TRIGGER messages_fts_delete",
        "DROP TRIGGER messages_fts_update",
        f"""CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN NEW.status IS NOT {streaming} BEGIN
            INSERT INTO messages_fts (rowid, content) VALUES (NEW.id, parley_index_text_v1({_indexed("NEW")}));
        END""",
        f"""CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN OLD.status IS NOT {streaming} BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, content)
                VALUES ('delete', OLD.id, parley_index_text_v1({_indexed("OLD")}));
        END""",
        # One trigger, its two statements in this order: the old text leaves the index before the new one enters.
        f"""CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, citations_json, status ON messages
        WHEN (OLD.status IS NOT {streaming} OR NEW.status IS NOT {streaming})
            AND (OLD.content IS NOT NEW.content OR OLD.citations_json IS NOT NEW.citations_json
                 OR (OLD.status IS {streaming}) IS NOT (NEW.status IS {streaming})) BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, content)
                SELECT 'delete', OLD.id, parley_index_text_v1({_indexed("OLD")}) WHERE OLD.status IS NOT {streaming};
            INSERT INTO messages_fts (rowid, content)
                SELECT NEW.id, parley_index_text_v1({_indexed("NEW")}) WHERE NEW.status IS NOT {streaming};
        END""",
    )


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """Migrations recorded in the database, oldest first; read-only (an empty list for a blank file)."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def unknown_names(applied: list[str]) -> list[str]:
    known = {fn.__name__ for fn in MIGRATIONS}
    return [name for name in applied if name not in known]


def pending_names(applied: list[str]) -> list[str]:
    done = set(applied)
    return [fn.__name__ for fn in MIGRATIONS if fn.__name__ not in done]


class NewerSchema(Exception):
    """Raised inside the migration lock when another process has already gone past this code."""

    def __init__(self, unknown: list[str]) -> None:
        super().__init__(", ".join(unknown))
        self.unknown = unknown


def apply_migrations(db: Database, *, stop_after: str | None = None) -> list[str]:
    """Apply every pending migration (or those up to `stop_after`), each in its own transaction.

    Returns the names applied by this call. Raises `NewerSchema` if the file names a migration this
    code does not know; any exception from a migration propagates after its transaction rolls back.
    """
    conn = db.conn
    applied_now = []
    for fn in MIGRATIONS:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            applied = applied_names(conn)
            if unknown := unknown_names(applied):
                raise NewerSchema(unknown)
            if fn.__name__ not in applied:
                fn(db)
                conn.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (fn.__name__, to_stamp(now_utc()))
                )
                applied_now.append(fn.__name__)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if fn.__name__ == stop_after:
            break
    return applied_now
