"""MCP client core (Qt-free): servers from settings or an `mcpServers` file, their tools, approved calls.

Modules: `config` (server definitions, the `mcpServers` JSON), `settings` (what settings.json keeps),
`secrets` (the keychain side), `names` (function names), `tools` (tool choice, schema cost), `results`
(neutral results, size cap), `approval` (the policy and the approver interface), `manager` (servers started
on first use), `connection` and `transports` (the SDK, imported only when a server is used), `oauth`
(OAuth 2.1 sign-in), `guard` (no server outlives Parley). Import from the modules; this package imports nothing,
so loading settings does not load the SDK.
"""
