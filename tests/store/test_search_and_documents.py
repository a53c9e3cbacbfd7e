"""m007: documents kept once per content, cited sources on answers, searches in the ledger; export and import."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from app.providers import DocumentPart
from app.store import Source, open_store
from app.store.migrations import apply_migrations
from app.store.textindex import index_text_v1
from tests.support.pdfs import text_pdf
from tests.support.store_sql import OLD_STAMP, fts_integrity_check, older_database

PDF = DocumentPart("report.pdf", "application/pdf", text_pdf(["Quarterly numbers"]), "Quarterly numbers", 1)
NOTES = DocumentPart("notes.md", "text/plain", b"# Notes\nhello", "# Notes\nhello")


def test_a_database_from_m006_upgrades_with_its_rows_intact(tmp_path: Path) -> None:
    old = tmp_path / "m006.db"
    conn = sqlite3.connect(old, isolation_level=None)
    conn.create_function("parley_index_text_v1", 1, index_text_v1, deterministic=True)
    apply_migrations(Database(conn, execute_plugins=False), stop_after="m006_provider_accounts")
    conn.execute("INSERT INTO conversations (title, created_at, updated_at) "
                 "VALUES ('old', '2025-03-01T10:00:00.000000Z', '2025-03-01T10:00:00.000000Z')")  # fmt: skip
    conn.execute("INSERT INTO messages (conversation_id, role, content, created_at, updated_at) VALUES (1, 'user', "
                 "'hello old', '2025-03-01T10:00:00.000000Z', '2025-03-01T10:00:00.000000Z')")  # fmt: skip
    conn.execute("INSERT INTO requests (provider, requested_model, started_at, cost_usd, cost_source) "
                 "VALUES ('openai', 'gpt-4o', '2025-03-01T10:00:00.000000Z', 0.25, 'catalog')")  # fmt: skip
    conn.close()
    with open_store(old) as store:
        assert "m007_search_and_documents" in store.upgraded_with
        [message] = store.thread(1)
        assert message.content == "hello old" and message.documents == () and message.citations == ()
        [row] = store.logged_requests()
        assert (row.cost_usd, row.web_searches, row.search_cost_usd) == (0.25, None, None)
        # The new parts work beside the old rows.
        store.add_message(1, "user", "with a file", documents=[NOTES])
        assert [d.name for d in store.message_documents(store.thread(1)[-1].id)] == ["notes.md"]


def test_documents_are_kept_once_per_content(tmp_path: Path) -> None:
    with open_store(tmp_path / "d.db") as store:
        c1 = store.create_conversation("one")
        m1 = store.add_message(c1, "user", "read these", documents=[PDF, NOTES])
        c2 = store.create_conversation("two")
        renamed = DocumentPart("same-bytes.pdf", PDF.mime_type, PDF.data, PDF.text, PDF.pages)
        m2 = store.add_message(c2, "user", "again", documents=[renamed])
        assert store.document_count() == 2
        first = store.message_documents(m1)
        assert [(d.name, d.mime_type, d.pages, d.text) for d in first] == [
            ("report.pdf", "application/pdf", 1, "Quarterly numbers"),
            ("notes.md", "text/plain", None, "# Notes\nhello"),
        ]
        assert first[0].data == PDF.data
        assert [d.name for d in store.message_documents(m2)] == ["same-bytes.pdf"]  # its own name
        meta = store.message(m1).documents
        assert [(d.name, d.size, d.pages) for d in meta] == [("report.pdf", len(PDF.data), 1),
                                                             ("notes.md", len(NOTES.data), None)]  # fmt: skip
        # A document goes when the last message carrying it goes.
        store.delete_conversation(c1)
        assert store.document_count() == 1
        store.delete_message(m2)
        assert store.document_count() == 0


def test_citations_on_an_answer(tmp_path: Path) -> None:
    with open_store(tmp_path / "c.db") as store:
        c = store.create_conversation("c")
        m = store.add_message(c, "assistant", "Spain won.")
        store.set_citations(m, [Source("https://a.example/", "A"), Source("https://b.example/", "")])
        assert store.message(m).citations == (Source("https://a.example/", "A"), Source("https://b.example/", ""))


def test_export_and_import_carry_documents_and_citations(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.db") as store:
        c = store.create_conversation("docs")
        store.add_message(c, "user", "summarise", documents=[PDF, NOTES])
        answer = store.add_message(c, "assistant", "Numbers went up.")
        store.set_citations(answer, [Source("https://a.example/", "A")])
        exported = json.loads(json.dumps(store.conversation_as_dict(c)))
        user, assistant = exported["messages"]
        assert [d["name"] for d in user["documents"]] == ["report.pdf", "notes.md"]
        assert assistant["citations"] == [{"url": "https://a.example/", "title": "A"}]

        copy = store.import_conversation(exported)
        q, a = store.thread(copy)
        assert [d.data for d in store.message_documents(q.id)] == [PDF.data, NOTES.data]
        assert [d.pages for d in store.message_documents(q.id)] == [1, None]
        assert a.citations == (Source("https://a.example/", "A"),)
        assert store.document_count() == 2  # the imported copy shares the kept documents


def test_an_export_without_the_new_fields_still_imports(tmp_path: Path) -> None:
    with open_store(tmp_path / "o.db") as store:
        doc = {"format": "parley.conversation", "version": 1, "title": "old",
               "messages": [{"id": 1, "parent": None, "role": "user", "content": "hi"}]}  # fmt: skip
        new = store.import_conversation(doc)
        [m] = store.thread(new)
        assert m.documents == () and m.citations == ()


def test_a_bad_document_in_an_import_imports_nothing(tmp_path: Path) -> None:
    import pytest

    from app.store import InvalidImportError

    with open_store(tmp_path / "b.db") as store:
        doc = {"format": "parley.conversation", "version": 1, "title": "bad",
               "messages": [{"id": 1, "role": "user", "content": "x",
                             "documents": [{"name": "a.pdf", "mime_type": "application/pdf", "data_base64": "!!"}]}]}
        with pytest.raises(InvalidImportError, match="unreadable document"):
            store.import_conversation(doc)
        assert store.list_conversations() == []


def test_search_finds_an_answer_by_its_sources(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        c = store.create_conversation("c")
        m = store.add_message(c, "assistant", "Spain won the final.")
        other = store.add_message(store.create_conversation("d"), "assistant", "Nothing cited here.")
        assert store.search("uefa") == []
        store.set_citations(m, [Source("https://www.uefa.com/euro2024/", "UEFA Euro 2024 report")])
        assert [h.message_id for h in store.search("uefa report")] == [m]
        assert [h.message_id for h in store.search("spain")] == [m]  # the text is still found
        store.set_citations(m, [])
        assert store.search("uefa") == []
        store.set_citations(m, [Source("https://example.org/", "Kicker")])
        store.delete_message(m)
        assert store.search("kicker") == [] and store.search("spain") == []
        assert [h.message_id for h in store.search("cited")] == [other]
        # The contentless index stays consistent: an integrity check finds nothing wrong.
        fts_integrity_check(store)


def test_rows_indexed_before_m007_are_still_found_and_removed(tmp_path: Path) -> None:
    old = tmp_path / "m006.db"
    conn = older_database(old, "m006_provider_accounts")
    conn.execute("INSERT INTO messages (conversation_id, role, content, created_at, updated_at) "
                 "VALUES (1, 'assistant', 'penguins swim', ?, ?)", (OLD_STAMP, OLD_STAMP))  # fmt: skip
    conn.close()
    with open_store(old) as store:
        assert [h.message_id for h in store.search("penguins")] == [1]
        store.set_citations(1, [Source("https://birds.example/", "Antarctic birds")])
        assert [h.message_id for h in store.search("antarctic penguins")] == [1]
        store.delete_message(1)
        assert store.search("penguins") == [] and store.search("antarctic") == []
