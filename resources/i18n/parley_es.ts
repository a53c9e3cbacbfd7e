<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>Budget</name>
    <message>
        <source>This request&apos;s cost cannot be estimated (no price is known for this model), so budget limits cannot be checked for it.</source>
        <translation>No se puede estimar el coste de esta solicitud (no se conoce el precio de este modelo), así que no se pueden comprobar los límites de presupuesto.</translation>
    </message>
    <message>
        <source>This request could cost up to {estimate}; {status}.</source>
        <translation>Esta solicitud podría costar hasta {estimate}; {status}.</translation>
    </message>
    <message>
        <source>It would also cross the {limit} limit: {status}.</source>
        <translation>También superaría el límite {limit}: {status}.</translation>
    </message>
    <message>
        <source>Budget override: sending although {status}.</source>
        <translation>Presupuesto ignorado: se envía aunque {status}.</translation>
    </message>
    <message>
        <source>today&apos;s {provider} spend is {spent} of a {limit} daily limit</source>
        <translation>el gasto de hoy en {provider} es {spent} de un límite diario de {limit}</translation>
    </message>
    <message>
        <source>Today&apos;s {provider} spend is {spent} of a {limit} daily limit</source>
        <translation>El gasto de hoy en {provider} es {spent} de un límite diario de {limit}</translation>
    </message>
    <message>
        <source>this month&apos;s {provider} spend is {spent} of a {limit} monthly limit</source>
        <translation>el gasto de este mes en {provider} es {spent} de un límite mensual de {limit}</translation>
    </message>
    <message>
        <source>This month&apos;s {provider} spend is {spent} of a {limit} monthly limit</source>
        <translation>El gasto de este mes en {provider} es {spent} de un límite mensual de {limit}</translation>
    </message>
    <message>
        <source>today&apos;s total spend is {spent} of a {limit} daily limit</source>
        <translation>el gasto total de hoy es {spent} de un límite diario de {limit}</translation>
    </message>
    <message>
        <source>Today&apos;s total spend is {spent} of a {limit} daily limit</source>
        <translation>El gasto total de hoy es {spent} de un límite diario de {limit}</translation>
    </message>
    <message>
        <source>this month&apos;s total spend is {spent} of a {limit} monthly limit</source>
        <translation>el gasto total de este mes es {spent} de un límite mensual de {limit}</translation>
    </message>
    <message>
        <source>This month&apos;s total spend is {spent} of a {limit} monthly limit</source>
        <translation>El gasto total de este mes es {spent} de un límite mensual de {limit}</translation>
    </message>
    <message>
        <source>total daily</source>
        <translation>diario total</translation>
    </message>
    <message>
        <source>total monthly</source>
        <translation>mensual total</translation>
    </message>
    <message>
        <source>{provider} daily</source>
        <translation>diario de {provider}</translation>
    </message>
    <message>
        <source>{provider} monthly</source>
        <translation>mensual de {provider}</translation>
    </message>
    <message>
        <source>{status} ({share} used); this request could add up to {estimate}.</source>
        <translation>{status} ({share} usado); esta solicitud podría sumar hasta {estimate}.</translation>
    </message>
    <message>
        <source>{status} ({share} used).</source>
        <translation>{status} ({share} usado).</translation>
    </message>
    <message>
        <source>{status}; this request could add up to {estimate}.</source>
        <translation>{status}; esta solicitud podría sumar hasta {estimate}.</translation>
    </message>
    <message>
        <source>{status}.</source>
        <translation>{status}.</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>the answer ended without the provider saying it was finished; it may be cut short (a proxy or server that closed the stream early)</source>
        <translation>la respuesta terminó sin que el proveedor indicara que había acabado; puede estar cortada (un proxy o servidor que cerró la conexión antes de tiempo)</translation>
    </message>
    <message>
        <source>unexpected error while reading the answer ({error})</source>
        <translation>error inesperado al leer la respuesta ({error})</translation>
    </message>
</context>
<context>
    <name>ChatSession</name>
    <message>
        <source>choose a provider first</source>
        <translation>elige primero un proveedor</translation>
    </message>
    <message>
        <source>type a model name first</source>
        <translation>escribe primero el nombre de un modelo</translation>
    </message>
    <message>
        <source>For example gpt-4o-mini for OpenAI, or the name your local server lists.</source>
        <translation>Por ejemplo gpt-4o-mini para OpenAI, o el nombre que muestra tu servidor local.</translation>
    </message>
    <message>
        <source>type a prompt first</source>
        <translation>escribe primero un mensaje</translation>
    </message>
    <message>
        <source>answers cannot be branched while conversations are not being saved</source>
        <translation>no se pueden crear ramas de respuestas mientras las conversaciones no se guardan</translation>
    </message>
    <message>
        <source>Change it in the conversation&apos;s Parameters (Ctrl+Shift+P).</source>
        <translation>Cámbialo en los Parámetros de la conversación (Ctrl+Shift+P).</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Untick “With the conversation so far” to send a fresh prompt.</source>
        <translation>Desmarca «Con la conversación hasta ahora» para enviar un mensaje nuevo.</translation>
    </message>
    <message>
        <source>a comparison needs {low} to {high} panes</source>
        <translation>una comparación necesita de {low} a {high} paneles</translation>
    </message>
    <message>
        <source>choose a provider for pane {pane}</source>
        <translation>elige un proveedor para el panel {pane}</translation>
    </message>
    <message>
        <source>type a model name for pane {pane}</source>
        <translation>escribe el nombre de un modelo para el panel {pane}</translation>
    </message>
    <message>
        <source>For example gpt-4o-mini, or model@http://host/v1.</source>
        <translation>Por ejemplo gpt-4o-mini, o modelo@http://host/v1.</translation>
    </message>
    <message>
        <source>type a prompt first</source>
        <translation>escribe primero un mensaje</translation>
    </message>
    <message>
        <source>a comparison is still running: stop it first</source>
        <translation>todavía hay una comparación en curso: detenla primero</translation>
    </message>
    <message>
        <source>Check each pane&apos;s provider, model and parameters.</source>
        <translation>Revisa el proveedor, el modelo y los parámetros de cada panel.</translation>
    </message>
    <message>
        <source>Check each pane&apos;s provider, model and fallbacks.</source>
        <translation>Revisa el proveedor, el modelo y las alternativas de cada panel.</translation>
    </message>
    <message>
        <source>the conversation so far cannot be read: the database is not open</source>
        <translation>no se puede leer la conversación hasta ahora: la base de datos no está abierta</translation>
    </message>
    <message>
        <source>the conversation so far could not be read: {problem}</source>
        <translation>no se pudo leer la conversación hasta ahora: {problem}</translation>
    </message>
    <message>
        <source>nothing to continue yet</source>
        <translation>todavía no hay nada que continuar</translation>
    </message>
    <message>
        <source>conversations are not being saved: the database is not open</source>
        <translation>las conversaciones no se están guardando: la base de datos no está abierta</translation>
    </message>
    <message>
        <source>could not continue with this answer: {problem}</source>
        <translation>no se pudo continuar con esta respuesta: {problem}</translation>
    </message>
</context>
<context>
    <name>CustomServer</name>
    <message>
        <source>For example http://localhost:1234/v1 (LM Studio), http://localhost:8000/v1 (vLLM) or http://localhost:8080/v1 (llama.cpp).</source>
        <translation>Por ejemplo http://localhost:1234/v1 (LM Studio), http://localhost:8000/v1 (vLLM) o http://localhost:8080/v1 (llama.cpp).</translation>
    </message>
    <message>
        <source>The server has no model list there: type the model&apos;s name and press Test again. Check the base URL too (it usually ends in /v1).</source>
        <translation>El servidor no tiene una lista de modelos ahí: escribe el nombre del modelo y vuelve a pulsar Probar. Revisa también la URL base (suele terminar en /v1).</translation>
    </message>
    <message>
        <source>The server answered but listed no models.</source>
        <translation>El servidor respondió, pero no mostró ningún modelo.</translation>
    </message>
    <message>
        <source>Load a model in the server, or type the model&apos;s name and press Test again.</source>
        <translation>Carga un modelo en el servidor o escribe el nombre del modelo y vuelve a pulsar Probar.</translation>
    </message>
    <message>
        <source>Connected: the server lists 1 model.</source>
        <translation>Conectado: el servidor muestra 1 modelo.</translation>
    </message>
    <message>
        <source>Pick one below.</source>
        <translation>Elige uno abajo.</translation>
    </message>
    <message>
        <source>Connected: {model} answered.</source>
        <translation>Conectado: {model} respondió.</translation>
    </message>
    <message>
        <source>choose or type a model first</source>
        <translation>elige o escribe primero un modelo</translation>
    </message>
    <message>
        <source>The key is kept for this session only: {problem}</source>
        <translation>La clave se guarda solo para esta sesión: {problem}</translation>
    </message>
    <message>
        <source>{name} is used for now, but the choice was not saved: {problem}</source>
        <translation>{name} se usa por ahora, pero la elección no se guardó: {problem}</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
    <message>
        <source>{name} is {size}, more than the {limit} MB limit for a document (Settings: document size limit)</source>
        <translation>{name} ocupa {size}, más que el límite de {limit} MB por documento (Ajustes: límite de tamaño de documento)</translation>
    </message>
    <message>
        <source>{name} is not a text file (it holds binary data); attach text, code or PDF files</source>
        <translation>{name} no es un archivo de texto (contiene datos binarios); adjunta archivos de texto, código o PDF</translation>
    </message>
    <message>
        <source>{name} is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8 and attach it again</source>
        <translation>{name} no es texto UTF-8 (no se puede leer el byte {byte}); guárdalo como UTF-8 y vuelve a adjuntarlo</translation>
    </message>
    <message>
        <source>{name} is damaged or not a PDF that can be read ({error}); nothing was sent</source>
        <translation>{name} está dañado o no es un PDF legible ({error}); no se envió nada</translation>
    </message>
    <message>
        <source>{name} has no pages</source>
        <translation>{name} no tiene páginas</translation>
    </message>
    <message>
        <source>{name} is encrypted (password-protected); remove the password and attach it again</source>
        <translation>{name} está cifrado (protegido con contraseña); quita la contraseña y vuelve a adjuntarlo</translation>
    </message>
    <message>
        <source>{name}: 1 page, about {tokens} tokens</source>
        <translation>{name}: 1 página, unos {tokens} tokens</translation>
    </message>
    <message>
        <source>{name}: about {tokens} tokens</source>
        <translation>{name}: unos {tokens} tokens</translation>
    </message>
    <message>
        <source>no text found in {files}: it has no text layer (a scan?) and {provider} reads text only; pick a model that reads PDFs (Anthropic, Gemini, OpenAI)</source>
        <translation>no se encontró texto en {files}: no tiene capa de texto (¿un escaneo?) y {provider} solo lee texto; elige un modelo que lea PDF (Anthropic, Gemini, OpenAI)</translation>
    </message>
    <message>
        <source>the PDFs have {pages} pages; {reader} reads at most {most} pages in one request</source>
        <translation>los PDF tienen {pages} páginas; {reader} lee como máximo {most} páginas por solicitud</translation>
    </message>
    <message>
        <source>the PDFs are {size}; {reader} takes at most {most} of PDFs in one request</source>
        <translation>los PDF ocupan {size}; {reader} admite como máximo {most} de PDF por solicitud</translation>
    </message>
</context>
<context>
    <name>Endpoints</name>
    <message>
        <source>the {provider} API key contains spaces, line breaks or non-ASCII characters; paste it again</source>
        <translation>la clave de API de {provider} contiene espacios, saltos de línea o caracteres no ASCII; vuelve a pegarla</translation>
    </message>
    <message>
        <source>no variable</source>
        <translation>ninguna variable</translation>
    </message>
    <message>
        <source>no API key for {provider}: there is no system keychain here; set {variable}</source>
        <translation>no hay clave de API para {provider}: aquí no hay llavero del sistema; define {variable}</translation>
    </message>
    <message>
        <source>Set {variable} in the environment (Parley reads it and never stores it).</source>
        <translation>Define {variable} en el entorno (Parley la lee y nunca la guarda).</translation>
    </message>
    <message>
        <source>no API key for {provider} ({problem}): run `{command}` or set {variable}</source>
        <translation>no hay clave de API para {provider} ({problem}): ejecuta `{command}` o define {variable}</translation>
    </message>
    <message>
        <source>no API key for {provider}: run `{command}` or set {variable}</source>
        <translation>no hay clave de API para {provider}: ejecuta `{command}` o define {variable}</translation>
    </message>
</context>
<context>
    <name>InputChecks</name>
    <message>
        <source>{model} on {provider} cannot search the web here; models that can: {examples}</source>
        <translation>{model} en {provider} no puede buscar en la web aquí; modelos que sí pueden: {examples}</translation>
    </message>
    <message>
        <source>{provider}&apos;s web search needs the Responses API: leave out --api chat</source>
        <translation>la búsqueda web de {provider} necesita la API Responses: quita --api chat</translation>
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
        <translation>solo {value}</translation>
    </message>
    <message>
        <source>{low} to {high}</source>
        <translation>de {low} a {high}</translation>
    </message>
    <message>
        <source>{target} takes no temperature but the default, 1 (not {temperature}); leave the temperature unset</source>
        <translation>{target} no admite otra temperatura que la predeterminada, 1 (no {temperature}); deja la temperatura sin definir</translation>
    </message>
    <message>
        <source>temperature {temperature} is out of range for {target}: it takes {allowed}</source>
        <translation>la temperatura {temperature} está fuera del rango de {target}: admite {allowed}</translation>
    </message>
    <message>
        <source>max tokens must be at least 1 for {target}, not {max_tokens}</source>
        <translation>el máximo de tokens debe ser al menos 1 para {target}, no {max_tokens}</translation>
    </message>
</context>
<context>
    <name>Preflight</name>
    <message>
        <source>only a reply to a prompt can be regenerated</source>
        <translation>solo se puede regenerar una respuesta a un mensaje</translation>
    </message>
    <message>
        <source>{model} cannot read images; remove the image or pick a model that can (for example gpt-4o-mini, claude-sonnet-4 or gemini-2.5-flash)</source>
        <translation>{model} no puede leer imágenes; quita la imagen o elige un modelo que pueda (por ejemplo gpt-4o-mini, claude-sonnet-4 o gemini-2.5-flash)</translation>
    </message>
    <message>
        <source>the conversation is about {tokens} tokens, more than the {window}-token context window of {model}; shorten it or pick a larger model</source>
        <translation>la conversación tiene unos {tokens} tokens, más que la ventana de contexto de {window} tokens de {model}; acórtala o elige un modelo más grande</translation>
    </message>
</context>
<context>
    <name>ProviderError</name>
    <message>
        <source>Check the API key (Settings &gt; Providers, or `python -m app keys set PROVIDER`).</source>
        <translation>Revisa la clave de API (Ajustes &gt; Proveedores, o `python -m app keys set PROVIDER`).</translation>
    </message>
    <message>
        <source>The key is valid but not allowed to use this model or endpoint.</source>
        <translation>La clave es válida, pero no tiene permiso para usar este modelo o endpoint.</translation>
    </message>
    <message>
        <source>The account is out of credit or over its quota; check billing with the provider.</source>
        <translation>La cuenta no tiene crédito o ha superado su cuota; revisa la facturación con el proveedor.</translation>
    </message>
    <message>
        <source>The model or endpoint was not found; check the model name and base URL.</source>
        <translation>No se encontró el modelo o el endpoint; revisa el nombre del modelo y la URL base.</translation>
    </message>
    <message>
        <source>The provider rejected the request; check the parameters for this model.</source>
        <translation>El proveedor rechazó la solicitud; revisa los parámetros de este modelo.</translation>
    </message>
    <message>
        <source>The conversation is too long for this model; shorten it or pick a larger model.</source>
        <translation>La conversación es demasiado larga para este modelo; acórtala o elige un modelo más grande.</translation>
    </message>
    <message>
        <source>The provider&apos;s content filter blocked this request or answer.</source>
        <translation>El filtro de contenido del proveedor bloqueó esta solicitud o respuesta.</translation>
    </message>
    <message>
        <source>Rate limited: wait a moment and retry, or use a fallback provider.</source>
        <translation>Límite de solicitudes alcanzado: espera un momento y reinténtalo, o usa un proveedor alternativo.</translation>
    </message>
    <message>
        <source>The provider is overloaded; retry shortly or use a fallback provider.</source>
        <translation>El proveedor está saturado; reinténtalo en breve o usa un proveedor alternativo.</translation>
    </message>
    <message>
        <source>The provider had a server error; retry shortly.</source>
        <translation>El proveedor tuvo un error de servidor; reinténtalo en breve.</translation>
    </message>
    <message>
        <source>The provider did not answer in time; retry, or raise the timeout in settings.</source>
        <translation>El proveedor no respondió a tiempo; reinténtalo o aumenta el tiempo de espera en los ajustes.</translation>
    </message>
    <message>
        <source>Could not reach the provider; check the base URL and your connection.</source>
        <translation>No se pudo contactar con el proveedor; revisa la URL base y tu conexión.</translation>
    </message>
    <message>
        <source>The provider sent a malformed or truncated response.</source>
        <translation>El proveedor envió una respuesta mal formada o incompleta.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <source>Refused locally: this request could cross a budget limit.</source>
        <translation>Rechazado aquí: esta solicitud podría superar un límite de presupuesto.</translation>
    </message>
    <message>
        <source>stopped by the user</source>
        <translation>detenido por el usuario</translation>
    </message>
    <message>
        <source>{provider}: {message} (HTTP {status})</source>
        <translation>{provider}: {message} (HTTP {status})</translation>
    </message>
    <message>
        <source>{provider}: {message}</source>
        <translation>{provider}: {message}</translation>
    </message>
    <message>
        <source>{message} (HTTP {status})</source>
        <translation>{message} (HTTP {status})</translation>
    </message>
</context>
<context>
    <name>Resilience</name>
    <message>
        <source>no provider to send to</source>
        <translation>no hay ningún proveedor al que enviar</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Two custom endpoints share the id {id}.</source>
        <translation>Dos endpoints personalizados comparten el id {id}.</translation>
    </message>
    <message>
        <source>Two presets share the name {name}.</source>
        <translation>Dos preajustes comparten el nombre {name}.</translation>
    </message>
    <message>
        <source>Preset {name}: fallback {fallback} must be PROVIDER:MODEL.</source>
        <translation>Preajuste {name}: la alternativa {fallback} debe ser PROVEEDOR:MODELO.</translation>
    </message>
    <message>
        <source>Preset {name}: temperature must be between 0 and 2.</source>
        <translation>Preajuste {name}: la temperatura debe estar entre 0 y 2.</translation>
    </message>
    <message>
        <source>Preset {name}: max tokens must be at least 1.</source>
        <translation>Preajuste {name}: el máximo de tokens debe ser al menos 1.</translation>
    </message>
    <message>
        <source>Preset {name}: the tools {tools} are not those of an MCP server in the settings.</source>
        <translation>Preajuste {name}: las herramientas {tools} no son las de ningún servidor MCP de los ajustes.</translation>
    </message>
    <message>
        <source>Price override for {target}: prices cannot be negative.</source>
        <translation>Precio personalizado de {target}: los precios no pueden ser negativos.</translation>
    </message>
    <message>
        <source>{provider}: timeouts must be more than 0 seconds.</source>
        <translation>{provider}: los tiempos de espera deben ser de más de 0 segundos.</translation>
    </message>
    <message>
        <source>{provider}: retry counts and delays cannot be negative.</source>
        <translation>{provider}: los reintentos y las esperas no pueden ser negativos.</translation>
    </message>
    <message>
        <source>{provider}: the base URL {url} must start with http:// or https://.</source>
        <translation>{provider}: la URL base {url} debe empezar por http:// o https://.</translation>
    </message>
    <message>
        <source>{provider}: only OpenAI and Azure OpenAI offer the Responses API.</source>
        <translation>{provider}: solo OpenAI y Azure OpenAI ofrecen la API Responses.</translation>
    </message>
    <message>
        <source>The CA bundle {path} is not a file that exists; pick a PEM file.</source>
        <translation>El paquete de CA {path} no es un archivo que exista; elige un archivo PEM.</translation>
    </message>
    <message>
        <source>The document size limit must be more than 0 MB.</source>
        <translation>El límite de tamaño de documento debe ser de más de 0 MB.</translation>
    </message>
    <message>
        <source>Comparison concurrency must be at least 1 request per provider.</source>
        <translation>La concurrencia de las comparaciones debe ser de al menos 1 solicitud por proveedor.</translation>
    </message>
    <message>
        <source>Theme must be one of {themes}.</source>
        <translation>El tema debe ser uno de {themes}.</translation>
    </message>
    <message>
        <source>A value in settings looks like an API key ({where}); keys belong in the keychain.</source>
        <translation>Un valor de los ajustes parece una clave de API ({where}); las claves van en el llavero.</translation>
    </message>
    <message>
        <source>Custom endpoint {name}</source>
        <translation>Endpoint personalizado {name}</translation>
    </message>
    <message>
        <source>{endpoint}: the id {id} may use only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>{endpoint}: el id {id} solo puede usar letras, dígitos, &apos;.&apos;, &apos;_&apos; y &apos;-&apos;.</translation>
    </message>
    <message>
        <source>{endpoint}: the base URL {url} must start with http:// or https://.</source>
        <translation>{endpoint}: la URL base {url} debe empezar por http:// o https://.</translation>
    </message>
    <message>
        <source>{endpoint}: the header {header} would keep a key in a plain settings file; store the key in the keychain instead ({command}).</source>
        <translation>{endpoint}: la cabecera {header} guardaría una clave en un archivo de ajustes sin cifrar; guarda la clave en el llavero ({command}).</translation>
    </message>
    <message>
        <source>{entry} is not PROVIDER:MODEL.</source>
        <translation>{entry} no es PROVEEDOR:MODELO.</translation>
    </message>
    <message>
        <source>{provider} is not a known provider or custom endpoint.</source>
        <translation>{provider} no es un proveedor conocido ni un endpoint personalizado.</translation>
    </message>
    <message>
        <source>{provider} is turned off in the provider settings.</source>
        <translation>{provider} está desactivado en los ajustes de proveedores.</translation>
    </message>
    <message>
        <source>{provider} has no API key yet.</source>
        <translation>{provider} todavía no tiene clave de API.</translation>
    </message>
    <message>
        <source>The budget warning threshold must be above 0 and at most 1 (for example 0.8).</source>
        <translation>El umbral de aviso de presupuesto debe ser mayor que 0 y como máximo 1 (por ejemplo 0,8).</translation>
    </message>
    <message>
        <source>Overall budget limits cannot be negative.</source>
        <translation>Los límites del presupuesto total no pueden ser negativos.</translation>
    </message>
    <message>
        <source>{provider} budget limits cannot be negative.</source>
        <translation>Los límites de presupuesto de {provider} no pueden ser negativos.</translation>
    </message>
</context>
<context>
    <name>Turn</name>
    <message>
        <source>the conversation could not be read: {problem}</source>
        <translation>no se pudo leer la conversación: {problem}</translation>
    </message>
    <message>
        <source>the prompt could not be saved: {problem}</source>
        <translation>no se pudo guardar el mensaje: {problem}</translation>
    </message>
</context>
</TS>
