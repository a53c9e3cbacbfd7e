"""Everything tests share, in one place: fakes that speak the real protocols, and helpers to drive and inspect.

Which to reach for:
- A turn, chat session, comparison or fallback chain in core: `scripted` (an adapter registered through
  the real protocol registry; no HTTP) with `observers`, `keychain` (a keychain that waits), and a real
  SQLite file (the `store` fixture).
- An adapter or the HTTP layer: `loopback` (a real server on 127.0.0.1 that misbehaves on cue),
  `openai_server` and `wire` (recorded provider traffic) for its replies, `adapters` to build and collect;
  `fault_harness` and `fault_bodies` for every protocol at once; `tls`, `proxy`, `counting`, `ports`.
- The command line: `cli` (`run_app`, `last_json`). The window: `windows`, `chat_window`, `compare_panel`,
  `screenshots`. The spend ledger: `ledger`. Keys: `keys` (fake ones only), `secret_service`.
- Waiting for something to happen: `waiting` (never a guessed sleep). A store's SQL state that no method
  shows: `store_sql`, the only module that touches a store's connection.
"""
