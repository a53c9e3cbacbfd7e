<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>Budget</name>
    <message>
        <source>This request&apos;s cost cannot be estimated (no price is known for this model), so budget limits cannot be checked for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request could cost up to {estimate}; {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It would also cross the {limit} limit: {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget override: sending although {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today&apos;s {provider} spend is {spent} of a {limit} daily limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s {provider} spend is {spent} of a {limit} daily limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this month&apos;s {provider} spend is {spent} of a {limit} monthly limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month&apos;s {provider} spend is {spent} of a {limit} monthly limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today&apos;s total spend is {spent} of a {limit} daily limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s total spend is {spent} of a {limit} daily limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this month&apos;s total spend is {spent} of a {limit} monthly limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month&apos;s total spend is {spent} of a {limit} monthly limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} ({share} used); this request could add up to {estimate}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} ({share} used).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status}; this request could add up to {estimate}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>the answer ended without the provider saying it was finished; it may be cut short (a proxy or server that closed the stream early)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected error while reading the answer ({error})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatSession</name>
    <message>
        <source>choose a provider first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a model name first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example gpt-4o-mini for OpenAI, or the name your local server lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a prompt first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answers cannot be branched while conversations are not being saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change it in the conversation&apos;s Parameters (Ctrl+Shift+P).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Untick “With the conversation so far” to send a fresh prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comparison needs {low} to {high} panes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a provider for pane {pane}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a model name for pane {pane}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example gpt-4o-mini, or model@http://host/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a prompt first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comparison is still running: stop it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check each pane&apos;s provider, model and parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check each pane&apos;s provider, model and fallbacks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the conversation so far cannot be read: the database is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the conversation so far could not be read: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to continue yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conversations are not being saved: the database is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not continue with this answer: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomServer</name>
    <message>
        <source>For example http://localhost:1234/v1 (LM Studio), http://localhost:8000/v1 (vLLM) or http://localhost:8080/v1 (llama.cpp).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no model list there: type the model&apos;s name and press Test again. Check the base URL too (it usually ends in /v1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered but listed no models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a model in the server, or type the model&apos;s name and press Test again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the server lists 1 model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick one below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: {model} answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose or type a model first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is kept for this session only: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is used for now, but the choice was not saved: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>{size} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is {size}, more than the {limit} MB limit for a document (Settings: document size limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a text file (it holds binary data); attach text, code or PDF files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8 and attach it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged or not a PDF that can be read ({error}); nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has no pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is encrypted (password-protected); remove the password and attach it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: 1 page, about {tokens} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: about {tokens} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no text found in {files}: it has no text layer (a scan?) and {provider} reads text only; pick a model that reads PDFs (Anthropic, Gemini, OpenAI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDFs have {pages} pages; {reader} reads at most {most} pages in one request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDFs are {size}; {reader} takes at most {most} of PDFs in one request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Endpoints</name>
    <message>
        <source>the {provider} API key contains spaces, line breaks or non-ASCII characters; paste it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key for {provider}: there is no system keychain here; set {variable}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set {variable} in the environment (Parley reads it and never stores it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key for {provider} ({problem}): run `{command}` or set {variable}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key for {provider}: run `{command}` or set {variable}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InputChecks</name>
    <message>
        <source>{model} on {provider} cannot search the web here; models that can: {examples}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider}&apos;s web search needs the Responses API: leave out --api chat</source>
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
    <name>ParamRanges</name>
    <message>
        <source>only {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{low} to {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{target} takes no temperature but the default, 1 (not {temperature}); leave the temperature unset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>temperature {temperature} is out of range for {target}: it takes {allowed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max tokens must be at least 1 for {target}, not {max_tokens}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Preflight</name>
    <message>
        <source>only a reply to a prompt can be regenerated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} cannot read images; remove the image or pick a model that can (for example gpt-4o-mini, claude-sonnet-4 or gemini-2.5-flash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the conversation is about {tokens} tokens, more than the {window}-token context window of {model}; shorten it or pick a larger model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderError</name>
    <message>
        <source>Check the API key (Settings &gt; Providers, or `python -m app keys set PROVIDER`).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is valid but not allowed to use this model or endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account is out of credit or over its quota; check billing with the provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model or endpoint was not found; check the model name and base URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider rejected the request; check the parameters for this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation is too long for this model; shorten it or pick a larger model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s content filter blocked this request or answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limited: wait a moment and retry, or use a fallback provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider is overloaded; retry shortly or use a fallback provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider had a server error; retry shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider did not answer in time; retry, or raise the timeout in settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the provider; check the base URL and your connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider sent a malformed or truncated response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused locally: this request could cross a budget limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped by the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider}: {message} (HTTP {status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{message} (HTTP {status})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Resilience</name>
    <message>
        <source>no provider to send to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Two custom endpoints share the id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two presets share the name {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset {name}: fallback {fallback} must be PROVIDER:MODEL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset {name}: temperature must be between 0 and 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset {name}: max tokens must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset {name}: the tools {tools} are not those of an MCP server in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price override for {target}: prices cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider}: timeouts must be more than 0 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider}: retry counts and delays cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider}: the base URL {url} must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider}: only OpenAI and Azure OpenAI offer the Responses API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA bundle {path} is not a file that exists; pick a PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document size limit must be more than 0 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison concurrency must be at least 1 request per provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme must be one of {themes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value in settings looks like an API key ({where}); keys belong in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom endpoint {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{endpoint}: the id {id} may use only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{endpoint}: the base URL {url} must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{endpoint}: the header {header} would keep a key in a plain settings file; store the key in the keychain instead ({command}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{entry} is not PROVIDER:MODEL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} is not a known provider or custom endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} is turned off in the provider settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} has no API key yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The budget warning threshold must be above 0 and at most 1 (for example 0.8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overall budget limits cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{provider} budget limits cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Turn</name>
    <message>
        <source>the conversation could not be read: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prompt could not be saved: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
