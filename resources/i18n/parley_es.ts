<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>AnswerBar</name>
    <message>
        <source>The previous prompt</source>
        <translation>El mensaje anterior</translation>
    </message>
    <message>
        <source>The previous answer</source>
        <translation>La respuesta anterior</translation>
    </message>
    <message>
        <source>Previous prompt</source>
        <translation>Mensaje anterior</translation>
    </message>
    <message>
        <source>Previous answer</source>
        <translation>Respuesta anterior</translation>
    </message>
    <message>
        <source>The next prompt</source>
        <translation>El mensaje siguiente</translation>
    </message>
    <message>
        <source>The next answer</source>
        <translation>La respuesta siguiente</translation>
    </message>
    <message>
        <source>Next prompt</source>
        <translation>Mensaje siguiente</translation>
    </message>
    <message>
        <source>Next answer</source>
        <translation>Respuesta siguiente</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Regenerar</translation>
    </message>
    <message>
        <source>Ask again; the current answer is kept beside the new one</source>
        <translation>Volver a preguntar; la respuesta actual se conserva junto a la nueva</translation>
    </message>
    <message>
        <source>Regenerate the answer</source>
        <translation>Regenerar la respuesta</translation>
    </message>
    <message>
        <source>Edit last prompt</source>
        <translation>Editar último mensaje</translation>
    </message>
    <message>
        <source>Change the last prompt and send it as a new branch</source>
        <translation>Cambia el último mensaje y envíalo como una rama nueva</translation>
    </message>
    <message>
        <source>Edit the last prompt</source>
        <translation>Editar el último mensaje</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy this message as Markdown</source>
        <translation>Copiar este mensaje como Markdown</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>Copiar este mensaje</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete this message (and what follows it in this branch)</source>
        <translation>Eliminar este mensaje (y lo que lo sigue en esta rama)</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>Eliminar este mensaje</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Still answering: stop it first (Esc).</source>
        <translation>Aún está respondiendo: detenla primero (Esc).</translation>
    </message>
    <message>
        <source>Still answering in another conversation: stop it first (Esc).</source>
        <translation>Aún está respondiendo en otra conversación: detenla primero (Esc).</translation>
    </message>
    <message>
        <source>Looking up the key…</source>
        <translation>Buscando la clave…</translation>
    </message>
    <message>
        <source>Stopped before sending.</source>
        <translation>Detenida antes de enviar.</translation>
    </message>
    <message>
        <source>Starting the MCP servers…</source>
        <translation>Iniciando los servidores MCP…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Detenida.</translation>
    </message>
    <message>
        <source>The answer was cut off.</source>
        <translation>La respuesta se cortó.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Hecho.</translation>
    </message>
    <message>
        <source>The request failed.</source>
        <translation>La solicitud ha fallado.</translation>
    </message>
    <message>
        <source>A request in another conversation was not sent: {problem}</source>
        <translation>Una solicitud de otra conversación no se ha enviado: {problem}</translation>
    </message>
    <message>
        <source>Running {tool} on {server}…</source>
        <translation>Ejecutando {tool} en {server}…</translation>
    </message>
    <message>
        <source>Asking {service} for {model} (retry {retry})…</source>
        <translation>Preguntando a {service} por {model} (reintento {retry})…</translation>
    </message>
    <message>
        <source>Asking {service} for {model}…</source>
        <translation>Preguntando a {service} por {model}…</translation>
    </message>
    <message>
        <source>The provider is busy or unreachable; retrying in {seconds} s…</source>
        <translation>El proveedor está ocupado o no responde; reintentando en {seconds} s…</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Recibiendo…</translation>
    </message>
    <message>
        <source>An answer in another conversation ended: {how}</source>
        <translation>Ha terminado una respuesta en otra conversación: {how}</translation>
    </message>
    <message>
        <source>The answer is complete but not saved: {problem}.</source>
        <translation>La respuesta está completa pero no se ha guardado: {problem}.</translation>
    </message>
</context>
<context>
    <name>ChatExtras</name>
    <message>
        <source>Web search on for this conversation. {fee}</source>
        <translation>Búsqueda web activada para esta conversación. {fee}</translation>
    </message>
    <message>
        <source>Web search off for this conversation.</source>
        <translation>Búsqueda web desactivada para esta conversación.</translation>
    </message>
    <message>
        <source>{estimate} + searches</source>
        <translation>{estimate} + búsquedas</translation>
    </message>
    <message>
        <source>{estimate}. Web search is on: {fee}</source>
        <translation>{estimate}. La búsqueda web está activada: {fee}</translation>
    </message>
    <message>
        <source>Responses API</source>
        <translation>API Responses</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Send anyway (this once)</source>
        <translation>Enviar de todos modos (solo esta vez)</translation>
    </message>
    <message>
        <source>Send the refused prompt despite the budget; later requests are checked again</source>
        <translation>Envía el mensaje rechazado pese al presupuesto; las solicitudes siguientes se vuelven a comprobar</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>Switch &amp;model…</source>
        <translation>Cambiar de &amp;modelo…</translation>
    </message>
    <message>
        <source>Conversation &amp;parameters…</source>
        <translation>&amp;Parámetros de la conversación…</translation>
    </message>
    <message>
        <source>&amp;Attach images or documents…</source>
        <translation>Ad&amp;juntar imágenes o documentos…</translation>
    </message>
    <message>
        <source>{tool} on {server} waits for your approval.</source>
        <translation>{tool} en {server} espera tu aprobación.</translation>
    </message>
    <message>
        <source>A tool call in another conversation waits for your approval.</source>
        <translation>Una llamada a una herramienta en otra conversación espera tu aprobación.</translation>
    </message>
    <message>
        <source>No preset: no fallbacks; the parameters stay as they are.</source>
        <translation>Sin preajuste: sin alternativas; los parámetros se quedan como están.</translation>
    </message>
    <message>
        <source>Preset {name}: {service} · {model}, falling back to {fallbacks}.</source>
        <translation>Preajuste {name}: {service} · {model}, con {fallbacks} como alternativas.</translation>
    </message>
    <message>
        <source>Preset {name}: {service} · {model}.</source>
        <translation>Preajuste {name}: {service} · {model}.</translation>
    </message>
    <message>
        <source>Preset {name}: {count} fallback(s) cannot be used now.</source>
        <translation>Preajuste {name}: ahora no se pueden usar {count} alternativa(s).</translation>
    </message>
    <message>
        <source>Fix them in Providers and keys (Ctrl+,).</source>
        <translation>Corrígelas en Proveedores y claves (Ctrl+,).</translation>
    </message>
    <message>
        <source>{model} cannot read images: pick a model that can, or remove them.</source>
        <translation>{model} no puede leer imágenes: elige un modelo que pueda o quítalas.</translation>
    </message>
    <message>
        <source>Editing the last prompt: Ctrl+Enter sends it as a new branch.</source>
        <translation>Editando el último mensaje: Ctrl+Enter lo envía como una rama nueva.</translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation>Cancelar edición</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Ask again; the failed or cut-off answer stays as a sibling (‹ ›)</source>
        <translation>Volver a preguntar; la respuesta fallida o cortada se queda como hermana (‹ ›)</translation>
    </message>
    <message>
        <source>Another answer to the same prompt; this one stays as a sibling (‹ ›)</source>
        <translation>Otra respuesta al mismo mensaje; esta se queda como hermana (‹ ›)</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Asistente</translation>
    </message>
    <message>
        <source>This conversation is still answering: stop it first (Esc), then delete.</source>
        <translation>Esta conversación aún está respondiendo: detenla primero (Esc) y luego elimina.</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Eliminar mensaje</translation>
    </message>
    <message>
        <source>Delete this message and everything after it in this branch? This cannot be undone. What it cost stays in the spend ledger.</source>
        <translation>¿Eliminar este mensaje y todo lo que lo sigue en esta rama? No se puede deshacer. Lo que costó se queda en el registro de gastos.</translation>
    </message>
    <message>
        <source>Message deleted.</source>
        <translation>Mensaje eliminado.</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Razonamiento</translation>
    </message>
    <message>
        <source>No reasoning was saved for this answer.</source>
        <translation>No se guardó ningún razonamiento para esta respuesta.</translation>
    </message>
    <message>
        <source>{count} image</source>
        <translation>{count} imagen</translation>
    </message>
    <message>
        <source>{count} images</source>
        <translation>{count} imágenes</translation>
    </message>
</context>
<context>
    <name>ChatParamsDialog</name>
    <message>
        <source>low</source>
        <translation>bajo</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>medio</translation>
    </message>
    <message>
        <source>high</source>
        <translation>alto</translation>
    </message>
    <message>
        <source>Conversation settings</source>
        <translation>Ajustes de la conversación</translation>
    </message>
    <message>
        <source>Optional: instructions the model follows throughout this conversation</source>
        <translation>Opcional: instrucciones que el modelo sigue durante toda esta conversación</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Fijar</translation>
    </message>
    <message>
        <source>provider default</source>
        <translation>la del proveedor</translation>
    </message>
    <message>
        <source>Answer in JSON</source>
        <translation>Responder en JSON</translation>
    </message>
    <message>
        <source>Asks the provider for a JSON object as the answer (describe it in the prompt)</source>
        <translation>Pide al proveedor un objeto JSON como respuesta (descríbelo en el mensaje)</translation>
    </message>
    <message>
        <source>{model} does not take a reasoning effort; none is sent.</source>
        <translation>{model} no admite esfuerzo de razonamiento; no se envía ninguno.</translation>
    </message>
    <message>
        <source>Used by reasoning models only; whether this one takes it is not known.</source>
        <translation>Solo lo usan los modelos de razonamiento; no se sabe si este lo admite.</translation>
    </message>
    <message>
        <source>&amp;System prompt</source>
        <translation>Instrucciones del &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>&amp;Temperatura</translation>
    </message>
    <message>
        <source>&amp;Max output tokens</source>
        <translation>&amp;Máximo de tokens de salida</translation>
    </message>
    <message>
        <source>&amp;Reasoning effort</source>
        <translation>Esfuerzo de &amp;razonamiento</translation>
    </message>
    <message>
        <source>For this conversation only; applies to its next requests ({model}).</source>
        <translation>Solo para esta conversación; se aplica a sus próximas solicitudes ({model}).</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Attach PNG, JPEG, GIF or WebP images under 20 MB.</source>
        <translation>Adjunta imágenes PNG, JPEG, GIF o WebP de menos de 20 MB.</translation>
    </message>
    <message>
        <source>Images and documents ({patterns})</source>
        <translation>Imágenes y documentos ({patterns})</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>Imágenes ({patterns})</translation>
    </message>
    <message>
        <source>PDF documents ({patterns})</source>
        <translation>Documentos PDF ({patterns})</translation>
    </message>
    <message>
        <source>All files ({patterns})</source>
        <translation>Todos los archivos ({patterns})</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>imagen pegada</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Ask anything. Ctrl+Enter sends, Esc stops.</source>
        <translation>Pregunta lo que quieras. Ctrl+Enter envía, Esc detiene.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send the prompt (Ctrl+Enter)</source>
        <translation>Enviar el mensaje (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stop the answer; what arrived so far is kept (Esc)</source>
        <translation>Detener la respuesta; se conserva lo que ha llegado (Esc)</translation>
    </message>
    <message>
        <source>Cost of the next request</source>
        <translation>Coste de la próxima solicitud</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Adjuntar…</translation>
    </message>
    <message>
        <source>Attach images or documents</source>
        <translation>Adjuntar imágenes o documentos</translation>
    </message>
    <message>
        <source>Attach images (PNG, JPEG, GIF, WebP), text or code files and PDFs to the prompt, or paste or drop them (Ctrl+Shift+I)</source>
        <translation>Adjunta al mensaje imágenes (PNG, JPEG, GIF, WebP), archivos de texto o código y PDF, o pégalos o suéltalos aquí (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <source>Remove images</source>
        <translation>Quitar imágenes</translation>
    </message>
    <message>
        <source>Remove the attached images</source>
        <translation>Quitar las imágenes adjuntas</translation>
    </message>
    <message>
        <source>{folders}: a folder cannot be attached.</source>
        <translation>{folders}: no se puede adjuntar una carpeta.</translation>
    </message>
    <message>
        <source>Attach the files in it instead.</source>
        <translation>Adjunta en su lugar los archivos que contiene.</translation>
    </message>
    <message>
        <source>Cannot read {name}: {problem}.</source>
        <translation>No se puede leer {name}: {problem}.</translation>
    </message>
    <message>
        <source>Attached: {names}</source>
        <translation>Adjuntos: {names}</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>New chat</source>
        <translation>Nuevo chat</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Empezar una conversación nueva (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Buscar conversaciones</translation>
    </message>
    <message>
        <source>Full-text search over every conversation (Ctrl+F)</source>
        <translation>Búsqueda de texto completo en todas las conversaciones (Ctrl+F)</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Last active {when}</source>
        <translation>Última actividad: {when}</translation>
    </message>
    <message>
        <source>Answering now…</source>
        <translation>Respondiendo ahora…</translation>
    </message>
    <message>
        <source>Nothing found for “{query}”.</source>
        <translation>No se ha encontrado nada para «{query}».</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <source>in another branch</source>
        <translation>en otra rama</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>Cambiar &amp;nombre…</translation>
    </message>
    <message>
        <source>&amp;Unpin</source>
        <translation>&amp;Desanclar</translation>
    </message>
    <message>
        <source>&amp;Pin to top</source>
        <translation>&amp;Anclar arriba</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Eliminar…</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Cambiar el nombre de la conversación</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Título:</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Eliminar conversación</translation>
    </message>
    <message>
        <source>Delete “{title}” and all its messages? This cannot be undone.</source>
        <translation>¿Eliminar «{title}» y todos sus mensajes? No se puede deshacer.</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>{count} unexpected errors so far.</source>
        <translation>{count} errores inesperados hasta ahora.</translation>
    </message>
    <message>
        <source>Parley: unexpected error</source>
        <translation>Parley: error inesperado</translation>
    </message>
    <message>
        <source>Something went wrong inside Parley. This is a bug in Parley, not something you did; your conversation and typed text are kept.</source>
        <translation>Algo ha fallado dentro de Parley. Es un error de Parley, no algo que hayas hecho tú; tu conversación y el texto escrito se conservan.</translation>
    </message>
    <message>
        <source>The details were saved to {path}.</source>
        <translation>Los detalles se han guardado en {path}.</translation>
    </message>
</context>
<context>
    <name>CustomServerForm</name>
    <message>
        <source>I have my own OpenAI-compatible server</source>
        <translation>Tengo mi propio servidor compatible con OpenAI</translation>
    </message>
    <message>
        <source>vLLM, llama.cpp, LiteLLM, LM Studio on another port, a company proxy: anything that speaks the OpenAI chat API.</source>
        <translation>vLLM, llama.cpp, LiteLLM, LM Studio en otro puerto, un proxy de empresa: cualquier cosa que hable la API de chat de OpenAI.</translation>
    </message>
    <message>
        <source>My server</source>
        <translation>Mi servidor</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>Nombre del servidor</translation>
    </message>
    <message>
        <source>How Parley names this server in menus and lists</source>
        <translation>Cómo llama Parley a este servidor en menús y listas</translation>
    </message>
    <message>
        <source>e.g. {url}</source>
        <translation>p. ej., {url}</translation>
    </message>
    <message>
        <source>Server base URL</source>
        <translation>URL base del servidor</translation>
    </message>
    <message>
        <source>The address before /chat/completions, usually ending in /v1</source>
        <translation>La dirección antes de /chat/completions; suele acabar en /v1</translation>
    </message>
    <message>
        <source>Optional: only if the server asks for one</source>
        <translation>Opcional: solo si el servidor la pide</translation>
    </message>
    <message>
        <source>Server API key (optional)</source>
        <translation>Clave de API del servidor (opcional)</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in a file</source>
        <translation>Se guarda en el llavero del sistema, nunca en un archivo</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <source>Ask the server for its models (or, if it lists none, for a one-token answer)</source>
        <translation>Pide al servidor sus modelos (o, si no lista ninguno, una respuesta de un token)</translation>
    </message>
    <message>
        <source>Test the server</source>
        <translation>Probar el servidor</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, then press Test.</source>
        <translation>Escribe la dirección del servidor y pulsa Probar.</translation>
    </message>
    <message>
        <source>Server model</source>
        <translation>Modelo del servidor</translation>
    </message>
    <message>
        <source>The model to chat with: one the server listed, or type its name</source>
        <translation>El modelo con el que chatear: uno de los que listó el servidor, o escribe su nombre</translation>
    </message>
    <message>
        <source>press Test to list the models</source>
        <translation>pulsa Probar para listar los modelos</translation>
    </message>
    <message>
        <source>Use this server</source>
        <translation>Usar este servidor</translation>
    </message>
    <message>
        <source>Add it as a custom endpoint, make it and this model the default, and start</source>
        <translation>Añádelo como endpoint personalizado, conviértelo junto con este modelo en el predeterminado y empieza</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>Base &amp;URL</source>
        <translation>&amp;URL base</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>&amp;Clave de API</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modelo</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
</context>
<context>
    <name>DocumentTray</name>
    <message>
        <source>Attach UTF-8 text or code files and PDFs (without a password) under the size limit.</source>
        <translation>Adjunta archivos de texto o código UTF-8 y PDF (sin contraseña) por debajo del límite de tamaño.</translation>
    </message>
    <message>
        <source>{count} page</source>
        <translation>{count} página</translation>
    </message>
    <message>
        <source>{count} pages</source>
        <translation>{count} páginas</translation>
    </message>
    <message>
        <source>~{tokens} tokens</source>
        <translation>~{tokens} tokens</translation>
    </message>
    <message>
        <source>read by the model itself (text and page images)</source>
        <translation>lo lee el propio modelo (texto e imágenes de las páginas)</translation>
    </message>
    <message>
        <source>sent as its text</source>
        <translation>se envía su texto</translation>
    </message>
    <message>
        <source>no text found in it (a scan?): only models that read PDFs can take it</source>
        <translation>no tiene texto (¿un escaneo?): solo pueden usarlo los modelos que leen PDF</translation>
    </message>
    <message>
        <source>sent as text</source>
        <translation>se envía como texto</translation>
    </message>
    <message>
        <source>Cannot read {name}: {problem}.</source>
        <translation>No se puede leer {name}: {problem}.</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>Quitar {name}</translation>
    </message>
    <message>
        <source>Remove {name} from the prompt</source>
        <translation>Quitar {name} del mensaje</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Leyendo {name}…</translation>
    </message>
    <message>
        <source>Reading the file in the background</source>
        <translation>Leyendo el archivo en segundo plano</translation>
    </message>
</context>
<context>
    <name>EmptyStates</name>
    <message>
        <source>No conversations yet</source>
        <translation>Aún no hay conversaciones</translation>
    </message>
    <message>
        <source>Every chat you send is kept here, newest first. Ctrl+N starts a new one; Ctrl+F searches them all.</source>
        <translation>Cada chat que envías se guarda aquí, el más reciente primero. Ctrl+N empieza uno nuevo; Ctrl+F los busca todos.</translation>
    </message>
    <message>
        <source>Nothing spent yet: each request you send is logged here with its tokens and cost (local models are free). Set daily or monthly budgets below.</source>
        <translation>Aún no has gastado nada: cada solicitud que envíes se registra aquí con sus tokens y su coste (los modelos locales son gratis). Fija presupuestos diarios o mensuales abajo.</translation>
    </message>
    <message>
        <source>It goes to &lt;b&gt;{model}&lt;/b&gt;. Choose another model above, or press &lt;b&gt;Ctrl+K&lt;/b&gt; to pick from your providers&apos; lists.</source>
        <translation>Va a &lt;b&gt;{model}&lt;/b&gt;. Elige otro modelo arriba o pulsa &lt;b&gt;Ctrl+K&lt;/b&gt; para escoger de las listas de tus proveedores.</translation>
    </message>
    <message>
        <source>First type a model name above, or press &lt;b&gt;Ctrl+K&lt;/b&gt; to pick one from your providers&apos; lists.</source>
        <translation>Primero escribe arriba el nombre de un modelo o pulsa &lt;b&gt;Ctrl+K&lt;/b&gt; para escoger uno de las listas de tus proveedores.</translation>
    </message>
    <message>
        <source>Type your message below and press &lt;b&gt;Ctrl+Enter&lt;/b&gt; to send; &lt;b&gt;Esc&lt;/b&gt; stops an answer.</source>
        <translation>Escribe tu mensaje abajo y pulsa &lt;b&gt;Ctrl+Enter&lt;/b&gt; para enviarlo; &lt;b&gt;Esc&lt;/b&gt; detiene una respuesta.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ctrl+Shift+P&lt;/b&gt; sets this conversation&apos;s system prompt and temperature; &lt;b&gt;Ctrl+Shift+M&lt;/b&gt; compares models side by side.</source>
        <translation>&lt;b&gt;Ctrl+Shift+P&lt;/b&gt; fija las instrucciones del sistema y la temperatura de esta conversación; &lt;b&gt;Ctrl+Shift+M&lt;/b&gt; compara modelos lado a lado.</translation>
    </message>
    <message>
        <source>Start a conversation</source>
        <translation>Empieza una conversación</translation>
    </message>
</context>
<context>
    <name>FigureView</name>
    <message>
        <source>Diagram not drawn: {problem}</source>
        <translation>Diagrama sin dibujar: {problem}</translation>
    </message>
    <message>
        <source>Copy LaTeX</source>
        <translation>Copiar LaTeX</translation>
    </message>
    <message>
        <source>Copy diagram source</source>
        <translation>Copiar el código del diagrama</translation>
    </message>
    <message>
        <source>Save diagram as SVG…</source>
        <translation>Guardar el diagrama como SVG…</translation>
    </message>
    <message>
        <source>Save diagram as PNG…</source>
        <translation>Guardar el diagrama como PNG…</translation>
    </message>
    <message>
        <source>Copied the LaTeX.</source>
        <translation>LaTeX copiado.</translation>
    </message>
    <message>
        <source>Copied the diagram&apos;s source.</source>
        <translation>Código del diagrama copiado.</translation>
    </message>
    <message>
        <source>Save diagram as {format}</source>
        <translation>Guardar el diagrama como {format}</translation>
    </message>
    <message>
        <source>{format} image ({patterns})</source>
        <translation>Imagen {format} ({patterns})</translation>
    </message>
    <message>
        <source>Could not save the diagram: {problem}</source>
        <translation>No se ha podido guardar el diagrama: {problem}</translation>
    </message>
    <message>
        <source>Saved the diagram to {name}.</source>
        <translation>Diagrama guardado en {name}.</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <source>Copy source</source>
        <translation>Copiar código</translation>
    </message>
    <message>
        <source>Save as SVG</source>
        <translation>Guardar como SVG</translation>
    </message>
    <message>
        <source>Save as PNG</source>
        <translation>Guardar como PNG</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome! Add a key, pick a local server or add your own server to start.</source>
        <translation>¡Te damos la bienvenida! Añade una clave, elige un servidor local o añade tu propio servidor para empezar.</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Listo.</translation>
    </message>
    <message>
        <source>The key is kept for this session only; it is forgotten when Parley closes.</source>
        <translation>La clave se guarda solo para esta sesión; se olvida al cerrar Parley.</translation>
    </message>
    <message>
        <source>Not added: {problem}</source>
        <translation>No se ha añadido: {problem}</translation>
    </message>
    <message>
        <source>Using {name} at {url} with {model}. Type a message to start.</source>
        <translation>Usando {name} en {url} con {model}. Escribe un mensaje para empezar.</translation>
    </message>
    <message>
        <source>{server} is used for now, but the choice was not saved: {problem}</source>
        <translation>{server} se usa por ahora, pero la elección no se ha guardado: {problem}</translation>
    </message>
    <message>
        <source>Using {server} at {url}. Type a message to start.</source>
        <translation>Usando {server} en {url}. Escribe un mensaje para empezar.</translation>
    </message>
</context>
<context>
    <name>Incomplete</name>
    <message>
        <source>Stopped — this partial answer is part of the history</source>
        <translation>Detenida — esta respuesta parcial forma parte del historial</translation>
    </message>
    <message>
        <source>Stopped before any answer — this turn is left out of the history</source>
        <translation>Detenida antes de responder — este turno queda fuera del historial</translation>
    </message>
    <message>
        <source>Cut off (max tokens) — the answer reached its token limit; raise Max output tokens in Parameters</source>
        <translation>Cortada (máximo de tokens) — la respuesta llegó a su límite de tokens; sube el máximo de tokens de salida en Parámetros</translation>
    </message>
    <message>
        <source>Stopped by the provider&apos;s content filter — this partial answer is part of the history</source>
        <translation>Detenida por el filtro de contenido del proveedor — esta respuesta parcial forma parte del historial</translation>
    </message>
    <message>
        <source>Incomplete — this partial answer is part of the history</source>
        <translation>Incompleta — esta respuesta parcial forma parte del historial</translation>
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
    <name>Library</name>
    <message>
        <source>Conversations are not being saved: {problem}</source>
        <translation>Las conversaciones no se están guardando: {problem}</translation>
    </message>
    <message>
        <source>still streaming</source>
        <translation>aún llegando</translation>
    </message>
</context>
<context>
    <name>MarkdownView</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>code</source>
        <translation>código</translation>
    </message>
    <message>
        <source>not drawn: {problem}</source>
        <translation>sin dibujar: {problem}</translation>
    </message>
    <message>
        <source>image</source>
        <translation>imagen</translation>
    </message>
    <message>
        <source>[image: {name} ({address}), not loaded]</source>
        <translation>[imagen: {name} ({address}), sin cargar]</translation>
    </message>
    <message>
        <source>Reasoning ({count} word)</source>
        <translation>Razonamiento ({count} palabra)</translation>
    </message>
    <message>
        <source>Reasoning ({count} words)</source>
        <translation>Razonamiento ({count} palabras)</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>steps and costs</source>
        <translation>pasos y costes</translation>
    </message>
</context>
<context>
    <name>ModelBar</name>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>The provider to ask (turn providers on and add keys in Ctrl+,)</source>
        <translation>El proveedor al que preguntar (activa proveedores y añade claves en Ctrl+,)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>The model to ask: type its name, or choose one from the list (Ctrl+K)</source>
        <translation>El modelo al que preguntar: escribe su nombre o elige uno de la lista (Ctrl+K)</translation>
    </message>
    <message>
        <source>model name, e.g. gpt-4o-mini</source>
        <translation>nombre del modelo, p. ej., gpt-4o-mini</translation>
    </message>
    <message>
        <source>Optional: another server speaking this provider&apos;s protocol</source>
        <translation>Opcional: otro servidor que hable el protocolo de este proveedor</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL base</translation>
    </message>
    <message>
        <source>Use another server for this provider: show the base URL field</source>
        <translation>Usar otro servidor para este proveedor: muestra el campo de URL base</translation>
    </message>
    <message>
        <source>A saved preset: provider, model, system prompt, parameters and fallbacks</source>
        <translation>Un preajuste guardado: proveedor, modelo, instrucciones del sistema, parámetros y alternativas</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Preajuste</translation>
    </message>
    <message>
        <source>No preset</source>
        <translation>Sin preajuste</translation>
    </message>
    <message>
        <source>Models…</source>
        <translation>Modelos…</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Elegir un modelo</translation>
    </message>
    <message>
        <source>Choose from your providers&apos; model lists, with prices and context (Ctrl+K)</source>
        <translation>Elige de las listas de modelos de tus proveedores, con precios y contexto (Ctrl+K)</translation>
    </message>
    <message>
        <source>Parameters…</source>
        <translation>Parámetros…</translation>
    </message>
    <message>
        <source>Conversation parameters</source>
        <translation>Parámetros de la conversación</translation>
    </message>
    <message>
        <source>What this conversation has cost so far, from the spend ledger</source>
        <translation>Lo que ha costado esta conversación hasta ahora, según el registro de gastos</translation>
    </message>
    <message>
        <source>Cost of this conversation</source>
        <translation>Coste de esta conversación</translation>
    </message>
    <message>
        <source>Parameters: {summary}</source>
        <translation>Parámetros: {summary}</translation>
    </message>
    <message>
        <source>This conversation&apos;s system prompt, temperature, max tokens… (Ctrl+Shift+P)</source>
        <translation>Instrucciones del sistema, temperatura, máximo de tokens… de esta conversación (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>{service} (local)</source>
        <translation>{service} (local)</translation>
    </message>
    <message>
        <source>{service} is not among the providers; add it in the settings.</source>
        <translation>{service} no está entre los proveedores; añádelo en los ajustes.</translation>
    </message>
    <message>
        <source>{url}  (default)</source>
        <translation>{url}  (predeterminada)</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Input $/M</source>
        <translation>Entrada $/M</translation>
    </message>
    <message>
        <source>Output $/M</source>
        <translation>Salida $/M</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexto</translation>
    </message>
    <message>
        <source>Fetching models…</source>
        <translation>Obteniendo modelos…</translation>
    </message>
    <message>
        <source>free</source>
        <translation>gratis</translation>
    </message>
    <message>
        <source>{price} (override)</source>
        <translation>{price} (tu precio)</translation>
    </message>
    <message>
        <source>{millions}M</source>
        <translation>{millions} M</translation>
    </message>
    <message>
        <source>{thousands}k</source>
        <translation>{thousands} k</translation>
    </message>
    <message>
        <source>List price from the genai-prices catalog, USD per million tokens</source>
        <translation>Precio de lista del catálogo genai-prices, USD por millón de tokens</translation>
    </message>
    <message>
        <source>Your price override from settings, USD per million tokens</source>
        <translation>Tu precio de los ajustes, USD por millón de tokens</translation>
    </message>
    <message>
        <source>Runs locally: free (add a price override to count it)</source>
        <translation>Se ejecuta en local: gratis (añade un precio propio para contarlo)</translation>
    </message>
    <message>
        <source>No price is known for this model; add a price override in settings to count its cost</source>
        <translation>No se conoce el precio de este modelo; añade un precio propio en los ajustes para contar su coste</translation>
    </message>
    <message>
        <source>never fetched</source>
        <translation>nunca obtenida</translation>
    </message>
    <message>
        <source>fetched just now</source>
        <translation>obtenida ahora mismo</translation>
    </message>
    <message>
        <source>fetched {minutes} min ago</source>
        <translation>obtenida hace {minutes} min</translation>
    </message>
    <message>
        <source>fetched {hours} h ago</source>
        <translation>obtenida hace {hours} h</translation>
    </message>
    <message>
        <source>fetched {count} day ago</source>
        <translation>obtenida hace {count} día</translation>
    </message>
    <message>
        <source>fetched {count} days ago</source>
        <translation>obtenida hace {count} días</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Elegir un modelo</translation>
    </message>
    <message>
        <source>Search models: provider, model name or id (every word must match)</source>
        <translation>Buscar modelos: proveedor, nombre o id del modelo (deben coincidir todas las palabras)</translation>
    </message>
    <message>
        <source>Loading the model lists…</source>
        <translation>Cargando las listas de modelos…</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Elegir</translation>
    </message>
    <message>
        <source>No providers to list yet: add an API key in the provider settings, or start a local server such as Ollama or LM Studio.</source>
        <translation>Aún no hay proveedores que listar: añade una clave de API en los ajustes de proveedores o inicia un servidor local como Ollama o LM Studio.</translation>
    </message>
    <message>
        <source>Not running: nothing answers at {url}. Start it, then press Refresh.</source>
        <translation>No está en marcha: nada responde en {url}. Inícialo y pulsa Actualizar.</translation>
    </message>
    <message>
        <source>Not fetched yet: press Refresh to list this provider&apos;s models.</source>
        <translation>Aún sin obtener: pulsa Actualizar para listar los modelos de este proveedor.</translation>
    </message>
    <message>
        <source>The provider listed no models.</source>
        <translation>El proveedor no listó ningún modelo.</translation>
    </message>
    <message>
        <source>Accepts images</source>
        <translation>Acepta imágenes</translation>
    </message>
    <message>
        <source>You used this model before; it is not in the fetched list.</source>
        <translation>Ya usaste este modelo; no está en la lista obtenida.</translation>
    </message>
    <message>
        <source>{tokens} tokens of context</source>
        <translation>{tokens} tokens de contexto</translation>
    </message>
    <message>
        <source>Context size not known</source>
        <translation>Tamaño de contexto desconocido</translation>
    </message>
    <message>
        <source>{service} (local)</source>
        <translation>{service} (local)</translation>
    </message>
    <message>
        <source>{count} model</source>
        <translation>{count} modelo</translation>
    </message>
    <message>
        <source>{count} models</source>
        <translation>{count} modelos</translation>
    </message>
    <message>
        <source>Fetch {service}&apos;s model list again</source>
        <translation>Volver a obtener la lista de modelos de {service}</translation>
    </message>
    <message>
        <source>Refresh {service}&apos;s models</source>
        <translation>Actualizar los modelos de {service}</translation>
    </message>
    <message>
        <source>fetching the model list…</source>
        <translation>obteniendo la lista de modelos…</translation>
    </message>
    <message>
        <source>{shown} of {total} models</source>
        <translation>{shown} de {total} modelos</translation>
    </message>
    <message>
        <source>{total} models</source>
        <translation>{total} modelos</translation>
    </message>
    <message>
        <source>{shown} · Enter chooses, Esc closes</source>
        <translation>{shown} · Enter elige, Esc cierra</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
</context>
<context>
    <name>SearchSwitch</name>
    <message>
        <source>Search the web: {why}</source>
        <translation>Buscar en la web: {why}</translation>
    </message>
    <message>
        <source>Search fees are not known for this model.</source>
        <translation>No se conocen las tarifas de búsqueda de este modelo.</translation>
    </message>
    <message>
        <source>Each grounded prompt (however many searches) costs {fee} on top of tokens ({service}&apos;s rate since {since}).</source>
        <translation>Cada mensaje con búsqueda (haga las búsquedas que haga) cuesta {fee} además de los tokens (tarifa de {service} desde {since}).</translation>
    </message>
    <message>
        <source>Each search costs {fee} on top of tokens ({service}&apos;s rate since {since}).</source>
        <translation>Cada búsqueda cuesta {fee} además de los tokens (tarifa de {service} desde {since}).</translation>
    </message>
    <message>
        <source>type a model name first</source>
        <translation>escribe primero el nombre de un modelo</translation>
    </message>
    <message>
        <source>{model} cannot search the web with its provider&apos;s own tool; models that can: {examples}</source>
        <translation>{model} no puede buscar en la web con la herramienta de su proveedor; modelos que sí pueden: {examples}</translation>
    </message>
    <message>
        <source>Web search</source>
        <translation>Búsqueda web</translation>
    </message>
    <message>
        <source>Search the web</source>
        <translation>Buscar en la web</translation>
    </message>
    <message>
        <source>On.</source>
        <translation>Activada.</translation>
    </message>
    <message>
        <source>Off.</source>
        <translation>Desactivada.</translation>
    </message>
    <message>
        <source>Search the web: the model may search with {service}&apos;s own search tool and cite its sources under the answer (links open only when you click them).</source>
        <translation>Buscar en la web: el modelo puede buscar con la herramienta de búsqueda de {service} y citar sus fuentes bajo la respuesta (los enlaces solo se abren cuando haces clic).</translation>
    </message>
</context>
<context>
    <name>SourcesView</name>
    <message>
        <source>via Google</source>
        <translation>vía Google</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>Search Google for this</source>
        <translation>Buscar esto en Google</translation>
    </message>
    <message>
        <source>Google Search suggestions</source>
        <translation>Sugerencias de la Búsqueda de Google</translation>
    </message>
    <message>
        <source>{count} page</source>
        <translation>{count} página</translation>
    </message>
    <message>
        <source>{count} pages</source>
        <translation>{count} páginas</translation>
    </message>
</context>
<context>
    <name>TemperatureRange</name>
    <message>
        <source>only {value}</source>
        <translation>solo {value}</translation>
    </message>
    <message>
        <source>{low} to {high}</source>
        <translation>de {low} a {high}</translation>
    </message>
    <message>
        <source>this model</source>
        <translation>este modelo</translation>
    </message>
    <message>
        <source>{model} takes no temperature but its default, {value}: none is sent.</source>
        <translation>{model} no admite otra temperatura que la suya, {value}: no se envía ninguna.</translation>
    </message>
    <message>
        <source>{model} takes a temperature from {range} (unset: the provider&apos;s default)</source>
        <translation>{model} admite una temperatura {range} (sin fijar: la del proveedor)</translation>
    </message>
    <message>
        <source>The temperature was {wanted}, outside the {range} {model} takes: it is now {value}.</source>
        <translation>La temperatura era {wanted}, fuera del rango {range} que admite {model}: ahora es {value}.</translation>
    </message>
    <message>
        <source>From {range} for {model}.</source>
        <translation>Rango {range} para {model}.</translation>
    </message>
</context>
<context>
    <name>ToolApproval</name>
    <message>
        <source>Tool call waiting for approval</source>
        <translation>Llamada a herramienta pendiente de aprobación</translation>
    </message>
    <message>
        <source>The tool call&apos;s arguments</source>
        <translation>Los argumentos de la llamada a la herramienta</translation>
    </message>
    <message>
        <source>Run once</source>
        <translation>Ejecutar una vez</translation>
    </message>
    <message>
        <source>Run this call now; ask again next time</source>
        <translation>Ejecutar esta llamada ahora; volver a preguntar la próxima vez</translation>
    </message>
    <message>
        <source>Allow in chat</source>
        <translation>Permitir en el chat</translation>
    </message>
    <message>
        <source>Run it, and run this tool unasked for the rest of this conversation</source>
        <translation>Ejecutarla y ejecutar esta herramienta sin preguntar durante el resto de esta conversación</translation>
    </message>
    <message>
        <source>Always allow</source>
        <translation>Permitir siempre</translation>
    </message>
    <message>
        <source>Run it, and always run this tool unasked (Settings › MCP servers lists what is always allowed)</source>
        <translation>Ejecutarla y ejecutar siempre esta herramienta sin preguntar (Ajustes › Servidores MCP lista lo que siempre está permitido)</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <source>Do not run it; the model is told you declined</source>
        <translation>No ejecutarla; se le dice al modelo que la has rechazado</translation>
    </message>
    <message>
        <source>Run the tool {tool} on the MCP server {server}? Nothing runs until you say so.</source>
        <translation>¿Ejecutar la herramienta {tool} en el servidor MCP {server}? No se ejecuta nada hasta que lo digas.</translation>
    </message>
</context>
<context>
    <name>ToolBlocks</name>
    <message>
        <source>being written…</source>
        <translation>escribiéndose…</translation>
    </message>
    <message>
        <source>waiting for your approval</source>
        <translation>esperando tu aprobación</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>aprobada</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>ejecutándose…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecha</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>no ejecutada</translation>
    </message>
    <message>
        <source>on {server}</source>
        <translation>en {server}</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Herramienta</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumentos</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Copy result</source>
        <translation>Copiar resultado</translation>
    </message>
    <message>
        <source>({count} more characters)</source>
        <translation>({count} caracteres más)</translation>
    </message>
</context>
<context>
    <name>ToolSession</name>
    <message>
        <source>MCP server {server}: {problem} Its tools are not offered.</source>
        <translation>Servidor MCP {server}: {problem} Sus herramientas no se ofrecen.</translation>
    </message>
</context>
<context>
    <name>ToolTranscript</name>
    <message>
        <source>Copied the tool&apos;s result.</source>
        <translation>Resultado de la herramienta copiado.</translation>
    </message>
</context>
<context>
    <name>ToolsMenu</name>
    <message>
        <source>~{thousands}k tokens</source>
        <translation>~{thousands} k tokens</translation>
    </message>
    <message>
        <source>~{tokens} tokens</source>
        <translation>~{tokens} tokens</translation>
    </message>
    <message>
        <source>MCP servers and their tools</source>
        <translation>Servidores MCP y sus herramientas</translation>
    </message>
    <message>
        <source>Server or tool</source>
        <translation>Servidor o herramienta</translation>
    </message>
    <message>
        <source>Schemas per request</source>
        <translation>Esquemas por solicitud</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Offer every tool of the enabled servers</source>
        <translation>Ofrecer todas las herramientas de los servidores activados</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Offer no tools in this conversation</source>
        <translation>No ofrecer herramientas en esta conversación</translation>
    </message>
    <message>
        <source>MCP servers…</source>
        <translation>Servidores MCP…</translation>
    </message>
    <message>
        <source>Add, remove and set up MCP servers (Settings)</source>
        <translation>Añadir, quitar y configurar servidores MCP (Ajustes)</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>sin iniciar</translation>
    </message>
    <message>
        <source>What this server&apos;s chosen tools add to every request: an estimate from the JSON sent</source>
        <translation>Lo que las herramientas elegidas de este servidor añaden a cada solicitud: una estimación a partir del JSON enviado</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>no disponible</translation>
    </message>
    <message>
        <source>Tools offered in this conversation. Their schemas go with every request: about {tokens} tokens each time (an estimate; a turn with tools makes several requests).</source>
        <translation>Herramientas ofrecidas en esta conversación. Sus esquemas van con cada solicitud: unos {tokens} tokens cada vez (una estimación; un turno con herramientas hace varias solicitudes).</translation>
    </message>
    <message>
        <source>No MCP server is turned on. Add one in Settings › MCP servers.</source>
        <translation>No hay ningún servidor MCP activado. Añade uno en Ajustes › Servidores MCP.</translation>
    </message>
    <message>
        <source>Starting {servers} to list their tools…</source>
        <translation>Iniciando {servers} para listar sus herramientas…</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Herramientas</translation>
    </message>
    <message>
        <source>Let the model use MCP tools</source>
        <translation>Dejar que el modelo use herramientas MCP</translation>
    </message>
    <message>
        <source>Let the model use MCP tools: add a server in Settings › MCP servers</source>
        <translation>Dejar que el modelo use herramientas MCP: añade un servidor en Ajustes › Servidores MCP</translation>
    </message>
    <message>
        <source>Tools: off</source>
        <translation>Herramientas: no</translation>
    </message>
    <message>
        <source>This conversation offers no tools; click to choose some</source>
        <translation>Esta conversación no ofrece herramientas; haz clic para elegir algunas</translation>
    </message>
    <message>
        <source>Tools: {count}</source>
        <translation>Herramientas: {count}</translation>
    </message>
    <message>
        <source>Tools: none</source>
        <translation>Herramientas: ninguna</translation>
    </message>
    <message>
        <source>Tools this conversation offers: {count}.</source>
        <translation>Herramientas que ofrece esta conversación: {count}.</translation>
    </message>
    <message>
        <source>Their schemas add about {tokens} tokens to every request (an estimate).</source>
        <translation>Sus esquemas añaden unos {tokens} tokens a cada solicitud (una estimación).</translation>
    </message>
    <message>
        <source>{servers} not started yet: counted once listed.</source>
        <translation>{servers} aún sin iniciar: se cuentan cuando se listan.</translation>
    </message>
    <message>
        <source>Click to choose.</source>
        <translation>Haz clic para elegir.</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>The prompts and answers of the conversation shown, as text</source>
        <translation>Los mensajes y respuestas de la conversación mostrada, como texto</translation>
    </message>
    <message>
        <source>Pick a provider and a model, type a prompt below, and press Ctrl+Enter.</source>
        <translation>Elige un proveedor y un modelo, escribe un mensaje abajo y pulsa Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <translation>Ir al final</translation>
    </message>
    <message>
        <source>Jump to the latest message</source>
        <translation>Ir al último mensaje</translation>
    </message>
    <message>
        <source>Back to the end of the conversation (the view follows the answer again)</source>
        <translation>Volver al final de la conversación (la vista vuelve a seguir la respuesta)</translation>
    </message>
    <message>
        <source>Copied the prompt.</source>
        <translation>Mensaje copiado.</translation>
    </message>
    <message>
        <source>Copied the answer as Markdown.</source>
        <translation>Respuesta copiada como Markdown.</translation>
    </message>
    <message>
        <source>Copied the code block.</source>
        <translation>Bloque de código copiado.</translation>
    </message>
    <message>
        <source>Copy message as Markdown</source>
        <translation>Copiar el mensaje como Markdown</translation>
    </message>
    <message>
        <source>Delete message…</source>
        <translation>Eliminar mensaje…</translation>
    </message>
</context>
<context>
    <name>TurnSteps</name>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Provider · model</source>
        <translation>Proveedor · modelo</translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation>Tokens entrada / salida</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coste</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>{tokens} ({cached} cached)</source>
        <translation>{tokens} ({cached} en caché)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>{time}, first token {first}</source>
        <translation>{time}, primer token {first}</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>fin</translation>
    </message>
    <message>
        <source>length</source>
        <translation>límite de tokens</translation>
    </message>
    <message>
        <source>tool_calls</source>
        <translation>llamadas a herramientas</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>content_filter</source>
        <translation>filtro de contenido</translation>
    </message>
    <message>
        <source>{step} (fallback)</source>
        <translation>{step} (alternativa)</translation>
    </message>
    <message>
        <source>{count} requests</source>
        <translation>{count} solicitudes</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>This answer took {count} model call</source>
        <translation>Esta respuesta necesitó {count} llamada al modelo</translation>
    </message>
    <message>
        <source>This answer took {count} model calls</source>
        <translation>Esta respuesta necesitó {count} llamadas al modelo</translation>
    </message>
    <message>
        <source>({count} request in the ledger).</source>
        <translation>({count} solicitud en el registro).</translation>
    </message>
    <message>
        <source>({count} requests in the ledger).</source>
        <translation>({count} solicitudes en el registro).</translation>
    </message>
    <message>
        <source>Steps and costs — Parley</source>
        <translation>Pasos y costes — Parley</translation>
    </message>
    <message>
        <source>Reading the spend ledger…</source>
        <translation>Leyendo el registro de gastos…</translation>
    </message>
    <message>
        <source>Model calls of this answer</source>
        <translation>Llamadas al modelo de esta respuesta</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close this window (Esc)</source>
        <translation>Cerrar esta ventana (Esc)</translation>
    </message>
    <message>
        <source>No ledger rows for this answer (it was not saved, or nothing was sent).</source>
        <translation>No hay filas del registro para esta respuesta (no se guardó o no se envió nada).</translation>
    </message>
    <message>
        <source>A turn with tools sends the conversation and the tools&apos; schemas again with each call, so each one is billed.</source>
        <translation>Un turno con herramientas vuelve a enviar la conversación y los esquemas de las herramientas con cada llamada, así que cada una se factura.</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Parley talks to AI models from many providers. To start, it needs one of these:</source>
        <translation>Parley habla con modelos de IA de muchos proveedores. Para empezar, necesita una de estas cosas:</translation>
    </message>
    <message>
        <source>• an API key from a provider such as OpenAI, Anthropic, Google Gemini or Groq. Parley keeps it in your system keychain, nowhere else; or</source>
        <translation>• una clave de API de un proveedor como OpenAI, Anthropic, Google Gemini o Groq. Parley la guarda en el llavero del sistema y en ningún otro sitio; o</translation>
    </message>
    <message>
        <source>• a model server running on this computer, such as Ollama or LM Studio. It needs no key and costs nothing; or</source>
        <translation>• un servidor de modelos en este ordenador, como Ollama o LM Studio. No necesita clave y no cuesta nada; o</translation>
    </message>
    <message>
        <source>• your own server that speaks the OpenAI API (vLLM, llama.cpp, LiteLLM…), at an address you give.</source>
        <translation>• tu propio servidor que hable la API de OpenAI (vLLM, llama.cpp, LiteLLM…), en la dirección que indiques.</translation>
    </message>
    <message>
        <source>Welcome to Parley</source>
        <translation>Te damos la bienvenida a Parley</translation>
    </message>
    <message>
        <source>Add a key…</source>
        <translation>Añadir una clave…</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <source>I have an API key</source>
        <translation>Tengo una clave de API</translation>
    </message>
    <message>
        <source>No keychain on this computer</source>
        <translation>No hay llavero en este ordenador</translation>
    </message>
    <message>
        <source>Paste the key for the provider chosen above</source>
        <translation>Pega la clave del proveedor elegido arriba</translation>
    </message>
    <message>
        <source>Use this key for this session only</source>
        <translation>Usar esta clave solo en esta sesión</translation>
    </message>
    <message>
        <source>I run a model server on this computer</source>
        <translation>Tengo un servidor de modelos en este ordenador</translation>
    </message>
    <message>
        <source>Looking for Ollama and LM Studio on their usual ports…</source>
        <translation>Buscando Ollama y LM Studio en sus puertos habituales…</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Volver a buscar</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>Omitir por ahora</translation>
    </message>
    <message>
        <source>Keys typed below are forgotten when Parley closes.</source>
        <translation>Las claves escritas abajo se olvidan al cerrar Parley.</translation>
    </message>
    <message>
        <source>No Ollama or LM Studio server answered on its usual port (11434, 1234). Start one, then press Look again.</source>
        <translation>Ningún servidor de Ollama o LM Studio respondió en su puerto habitual (11434, 1234). Inicia uno y pulsa Volver a buscar.</translation>
    </message>
    <message>
        <source>Found on this computer; one click and you can start chatting:</source>
        <translation>Encontrado en este ordenador; un clic y puedes empezar a chatear:</translation>
    </message>
    <message>
        <source>Use {server}</source>
        <translation>Usar {server}</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <source>{value} ms</source>
        <translation>{value} ms</translation>
    </message>
    <message>
        <source>{value} s</source>
        <translation>{value} s</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>{input} in / {output} out tokens</source>
        <translation>tokens: {input} de entrada / {output} de salida</translation>
    </message>
    <message>
        <source>first token {time}</source>
        <translation>primer token {time}</translation>
    </message>
    <message>
        <source>{speed} tok/s</source>
        <translation>{speed} tok/s</translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation>modelo desconocido</translation>
    </message>
    <message>
        <source>{tokens} ({reasoning} reasoning)</source>
        <translation>{tokens} ({reasoning} de razonamiento)</translation>
    </message>
    <message>
        <source>tokens not reported</source>
        <translation>tokens no informados</translation>
    </message>
    <message>
        <source>{cost} as billed by the provider</source>
        <translation>{cost} según la factura del proveedor</translation>
    </message>
    <message>
        <source>{cost} at list price</source>
        <translation>{cost} a precio de lista</translation>
    </message>
    <message>
        <source>{cost} at your price</source>
        <translation>{cost} a tu precio</translation>
    </message>
    <message>
        <source>free</source>
        <translation>gratis</translation>
    </message>
    <message>
        <source>cost unknown</source>
        <translation>coste desconocido</translation>
    </message>
    <message>
        <source>{cost} cost unknown</source>
        <translation>{cost} coste desconocido</translation>
    </message>
    <message>
        <source>{count} web search</source>
        <translation>{count} búsqueda web</translation>
    </message>
    <message>
        <source>{count} web searches</source>
        <translation>{count} búsquedas web</translation>
    </message>
    <message>
        <source>{searches} (fee not priced)</source>
        <translation>{searches} (tarifa sin precio)</translation>
    </message>
    <message>
        <source>{searches} ({fee})</source>
        <translation>{searches} ({fee})</translation>
    </message>
    <message>
        <source>free (local)</source>
        <translation>gratis (local)</translation>
    </message>
    <message>
        <source>&lt; {cost} next request</source>
        <translation>&lt; {cost} próxima solicitud</translation>
    </message>
    <message>
        <source>≤ {cost} next request</source>
        <translation>≤ {cost} próxima solicitud</translation>
    </message>
    <message>
        <source>The most the next request could cost, once a model and a prompt are typed</source>
        <translation>Lo máximo que podría costar la próxima solicitud, cuando haya un modelo y un mensaje escritos</translation>
    </message>
    <message>
        <source>The most the next request could cost: about {sent} tokens sent (the prompt and the conversation so far) and an answer of up to {answer} tokens</source>
        <translation>Lo máximo que podría costar la próxima solicitud: unos {sent} tokens enviados (el mensaje y la conversación hasta ahora) y una respuesta de hasta {answer} tokens</translation>
    </message>
    <message>
        <source>{cost} (+{unpriced} unpriced)</source>
        <translation>{cost} (+{unpriced} sin precio)</translation>
    </message>
    <message>
        <source>This conversation: {amount}</source>
        <translation>Esta conversación: {amount}</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrumpida</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>cut off at the token limit</source>
        <translation>cortada en el límite de tokens</translation>
    </message>
    <message>
        <source>stopped by the content filter</source>
        <translation>detenida por el filtro de contenido</translation>
    </message>
</context>
</TS>
