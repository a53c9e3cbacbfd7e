<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>AnswerBar</name>
    <message>
        <source>The previous prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask again; the current answer is kept beside the new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit last prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the last prompt and send it as a new branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the last prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this message as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message (and what follows it in this branch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatExtras</name>
    <message>
        <source>Web search on for this conversation. {fee}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web search off for this conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{estimate} + searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{estimate}. Web search is on: {fee}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responses API</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Send anyway (this once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the refused prompt despite the budget; later requests are checked again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch &amp;model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation &amp;parameters…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attach images or documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tool} on {server} waits for your approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tool call in another conversation waits for your approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preset: no fallbacks; the parameters stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset {name}: {provider} · {model}, falling back to {fallbacks}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset {name}: {provider} · {model}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Preset {name}: %n fallback cannot be used now.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Fix them in Providers and keys (Ctrl+,).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} cannot read images: pick a model that can, or remove them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing the last prompt: Ctrl+Enter sends it as a new branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask again; the failed or cut-off answer stays as a sibling (‹ ›)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another answer to the same prompt; this one stays as a sibling (‹ ›)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation is still answering: stop it first (Esc), then delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message and everything after it in this branch? This cannot be undone. What it cost stays in the spend ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reasoning was saved for this answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatParamsDialog</name>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: instructions the model follows throughout this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer in JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks the provider for a JSON object as the answer (describe it in the prompt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} does not take a reasoning effort; none is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by reasoning models only; whether this one takes it is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Max output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reasoning effort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For this conversation only; applies to its next requests ({model}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Attach PNG, JPEG, GIF or WebP images under 20 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images and documents ({patterns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents ({patterns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files ({patterns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask anything. Ctrl+Enter sends, Esc stops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the prompt (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer; what arrived so far is kept (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost of the next request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach images or documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach images (PNG, JPEG, GIF, WebP), text or code files and PDFs to the prompt, or paste or drop them (Ctrl+Shift+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the attached images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folders}: a folder cannot be attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach the files in it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {name}: {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached: {names}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full-text search over every conversation (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last active {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answering now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found for “{query}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in another branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pin to top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “{title}” and all its messages? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomServerForm</name>
    <message>
        <source>I have my own OpenAI-compatible server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vLLM, llama.cpp, LiteLLM, LM Studio on another port, a company proxy: anything that speaks the OpenAI chat API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How Parley names this server in menus and lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address before /chat/completions, usually ending in /v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: only if the server asks for one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server API key (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server for its models (or, if it lists none, for a one-token answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the server&apos;s address, then press Test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model to chat with: one the server listed, or type its name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>press Test to list the models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add it as a custom endpoint, make it and this model the default, and start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyStates</name>
    <message>
        <source>No conversations yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every chat you send is kept here, newest first. Ctrl+N starts a new one; Ctrl+F searches them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing spent yet: each request you send is logged here with its tokens and cost (local models are free). Set daily or monthly budgets below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It goes to &lt;b&gt;{model}&lt;/b&gt;. Choose another model above, or press &lt;b&gt;Ctrl+K&lt;/b&gt; to pick from your providers&apos; lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First type a model name above, or press &lt;b&gt;Ctrl+K&lt;/b&gt; to pick one from your providers&apos; lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your message below and press &lt;b&gt;Ctrl+Enter&lt;/b&gt; to send; &lt;b&gt;Esc&lt;/b&gt; stops an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Ctrl+Shift+P&lt;/b&gt; sets this conversation&apos;s system prompt and temperature; &lt;b&gt;Ctrl+Shift+M&lt;/b&gt; compares models side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a conversation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome! Add a key, pick a local server or add your own server to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is kept for this session only; it is forgotten when Parley closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using {name} at {url} with {model}. Type a message to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{server} is used for now, but the choice was not saved: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using {server} at {url}. Type a message to start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Incomplete</name>
    <message>
        <source>Stopped — this partial answer is part of the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before any answer — this turn is left out of the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut off (max tokens) — the answer reached its token limit; raise Max output tokens in Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped by the provider&apos;s content filter — this partial answer is part of the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete — this partial answer is part of the history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Follow the &amp;system ({language})</source>
        <translation>Seguir al &amp;sistema ({language})</translation>
    </message>
    <message>
        <source>The language could not be saved: {problem}</source>
        <translation>No se pudo guardar el idioma: {problem}</translation>
    </message>
    <message>
        <source>Change the language</source>
        <translation>Cambiar el idioma</translation>
    </message>
    <message>
        <source>Parley will speak {language} from its next start.</source>
        <translation>Parley estará en {language} a partir del próximo inicio.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Reiniciar ahora</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Más tarde</translation>
    </message>
</context>
<context>
    <name>ModelBar</name>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider to ask (turn providers on and add keys in Ctrl+,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model to ask: type its name, or choose one from the list (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model name, e.g. gpt-4o-mini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: another server speaking this provider&apos;s protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use another server for this provider: show the base URL field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved preset: provider, model, system prompt, parameters and fallbacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose from your providers&apos; model lists, with prices and context (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this conversation has cost so far, from the spend ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost of this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation&apos;s system prompt, temperature, max tokens… (Ctrl+Shift+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} is not among the providers; add it in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{url}  (default)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input $/M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output $/M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{price} (override)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{millions}M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{thousands}k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List price from the genai-prices catalog, USD per million tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your price override from settings, USD per million tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs locally: free (add a price override to count it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No price is known for this model; add a price override in settings to count its cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetched just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetched {minutes} min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetched {hours} h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetched %n day ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetched %n days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search models: provider, model name or id (every word must match)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the model lists…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No providers to list yet: add an API key in the provider settings, or start a local server such as Ollama or LM Studio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not running: nothing answers at {url}. Start it, then press Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not fetched yet: press Refresh to list this provider&apos;s models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider listed no models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepts images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You used this model before; it is not in the fetched list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tokens} tokens of context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context size not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetching the model list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total} models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total} models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} · Enter chooses, Esc closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch {provider}&apos;s model list again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh {provider}&apos;s models</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchSwitch</name>
    <message>
        <source>Search the web: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search fees are not known for this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each grounded prompt (however many searches) costs {fee} on top of tokens ({provider}&apos;s rate since {since}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each search costs {fee} on top of tokens ({provider}&apos;s rate since {since}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a model name first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} cannot search the web with its provider&apos;s own tool; models that can: {examples}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the web: the model may search with {provider}&apos;s own search tool and cite its sources under the answer (links open only when you click them).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemperatureRange</name>
    <message>
        <source>only {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{low} to {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} takes no temperature but its default, {value}: none is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} takes a temperature from {range} (unset: the provider&apos;s default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The temperature was {wanted}, outside the {range} {model} takes: it is now {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {range} for {model}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolApproval</name>
    <message>
        <source>Tool call waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tool call&apos;s arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run this call now; ask again next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow in chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run it, and run this tool unasked for the rest of this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run it, and always run this tool unasked (Settings › MCP servers lists what is always allowed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not run it; the model is told you declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the tool {tool} on the MCP server {server}? Nothing runs until you say so.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolsMenu</name>
    <message>
        <source>~{thousands}k tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~{tokens} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP servers and their tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server or tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schemas per request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer every tool of the enabled servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer no tools in this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCP servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, remove and set up MCP servers (Settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this server&apos;s chosen tools add to every request: an estimate from the JSON sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools offered in this conversation. Their schemas go with every request: about {tokens} tokens each time (an estimate; a turn with tools makes several requests).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MCP server is turned on. Add one in Settings › MCP servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting {servers} to list their tools…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the model use MCP tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the model use MCP tools: add a server in Settings › MCP servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation offers no tools; click to choose some</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools this conversation offers: {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their schemas add about {tokens} tokens to every request (an estimate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{servers} not started yet: counted once listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to choose.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Parley talks to AI models from many providers. To start, it needs one of these:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• an API key from a provider such as OpenAI, Anthropic, Google Gemini or Groq. Parley keeps it in your system keychain, nowhere else; or</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• a model server running on this computer, such as Ollama or LM Studio. It needs no key and costs nothing; or</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• your own server that speaks the OpenAI API (vLLM, llama.cpp, LiteLLM…), at an address you give.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Parley</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have an API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the key for the provider chosen above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this key for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I run a model server on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for Ollama and LM Studio on their usual ports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys typed below are forgotten when Parley closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Ollama or LM Studio server answered on its usual port (11434, 1234). Start one, then press Look again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found on this computer; one click and you can start chatting:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use {server}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>{value} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{input} in / {output} out tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first token {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{speed} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tokens} ({reasoning} reasoning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cost} as billed by the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cost} at list price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cost} at your price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cost} cost unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n web search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n web searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{searches} (fee not priced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{searches} ({fee})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; {cost} next request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≤ {cost} next request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most the next request could cost, once a model and a prompt are typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most the next request could cost: about {sent} tokens sent (the prompt and the conversation so far) and an answer of up to {answer} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cost} (+{unpriced} unpriced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut off at the token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped by the content filter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
