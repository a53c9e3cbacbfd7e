<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>AdminKeyRow</name>
    <message>
        <source>Only when I ask</source>
        <translation>Solo cuando lo pida</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>A diario</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Cada semana</translation>
    </message>
    <message>
        <source>Admin key</source>
        <translation>Clave de administración</translation>
    </message>
    <message>
        <source>Optional: paste an admin key</source>
        <translation>Opcional: pega una clave de administración</translation>
    </message>
    <message>
        <source>Save admin key</source>
        <translation>Guardar clave de administración</translation>
    </message>
    <message>
        <source>Remove admin key</source>
        <translation>Quitar clave de administración</translation>
    </message>
    <message>
        <source>Check the account&apos;s reports</source>
        <translation>Consultar los informes de la cuenta</translation>
    </message>
    <message>
        <source>Check the account&apos;s reports:</source>
        <translation>Consultar los informes de la cuenta:</translation>
    </message>
    <message>
        <source>An owner of the organisation creates one at {link}.</source>
        <translation>Una persona propietaria de la organización la crea en {link}.</translation>
    </message>
    <message>
        <source>Optional and read only: lets Parley read your account&apos;s usage and costs to check its own figures (Costs window). Chatting never needs it.</source>
        <translation>Opcional y de solo lectura: permite a Parley leer el uso y los costes de tu cuenta para comprobar sus propias cifras (ventana de Costes). Para conversar nunca hace falta.</translation>
    </message>
    <message>
        <source>An admin key comes from the environment variable {name} (read-only here).</source>
        <translation>Hay una clave de administración en la variable de entorno {name} (aquí solo se lee).</translation>
    </message>
    <message>
        <source>An admin key is set.</source>
        <translation>Hay una clave de administración guardada.</translation>
    </message>
    <message>
        <source>No admin key (optional).</source>
        <translation>Sin clave de administración (opcional).</translation>
    </message>
    <message>
        <source>Type or paste an admin key first.</source>
        <translation>Primero escribe o pega una clave de administración.</translation>
    </message>
    <message>
        <source>The admin key was not saved: {problem}</source>
        <translation>La clave de administración no se guardó: {problem}</translation>
    </message>
    <message>
        <source>Admin key saved in {where}.</source>
        <translation>Clave de administración guardada en {where}.</translation>
    </message>
    <message>
        <source>The admin key was not removed: {problem}</source>
        <translation>La clave de administración no se quitó: {problem}</translation>
    </message>
    <message>
        <source>Admin key removed.</source>
        <translation>Clave de administración quitada.</translation>
    </message>
</context>
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
    <name>BreakdownChart</name>
    <message>
        <source>Nothing spent yet</source>
        <translation>Aún no hay gastos</translation>
    </message>
</context>
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
    <name>BudgetEditor</name>
    <message>
        <source>Overall</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source>{name} daily limit {text} is not an amount in USD.</source>
        <translation>El límite diario de {name}, {text}, no es una cantidad en USD.</translation>
    </message>
    <message>
        <source>{name} monthly limit {text} is not an amount in USD.</source>
        <translation>El límite mensual de {name}, {text}, no es una cantidad en USD.</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>Presupuestos</translation>
    </message>
    <message>
        <source>Daily limit (USD)</source>
        <translation>Límite diario (USD)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Monthly limit (USD)</source>
        <translation>Límite mensual (USD)</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>provider id, e.g. openai</source>
        <translation>id del proveedor, p. ej. openai</translation>
    </message>
    <message>
        <source>Add provider budget</source>
        <translation>Añadir presupuesto de proveedor</translation>
    </message>
    <message>
        <source>Warn at</source>
        <translation>Avisar al</translation>
    </message>
    <message>
        <source>Save budgets</source>
        <translation>Guardar presupuestos</translation>
    </message>
    <message>
        <source>Budgets were not saved: {problem}</source>
        <translation>No se guardaron los presupuestos: {problem}</translation>
    </message>
    <message>
        <source>Budgets saved.</source>
        <translation>Presupuestos guardados.</translation>
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
    <name>ChatParams</name>
    <message>
        <source>system prompt</source>
        <translation>instrucciones del sistema</translation>
    </message>
    <message>
        <source>temperature {value}</source>
        <translation>temperatura {value}</translation>
    </message>
    <message>
        <source>max {count} tokens</source>
        <translation>máx. {count} tokens</translation>
    </message>
    <message>
        <source>low effort</source>
        <translation>esfuerzo bajo</translation>
    </message>
    <message>
        <source>medium effort</source>
        <translation>esfuerzo medio</translation>
    </message>
    <message>
        <source>high effort</source>
        <translation>esfuerzo alto</translation>
    </message>
    <message>
        <source>web search</source>
        <translation>búsqueda web</translation>
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
    <name>ComparePanel</name>
    <message>
        <source>Compare models</source>
        <translation>Comparar modelos</translation>
    </message>
    <message>
        <source>Blind (hide model names until you vote)</source>
        <translation>A ciegas (sin nombres hasta votar)</translation>
    </message>
    <message>
        <source>Add pane</source>
        <translation>Añadir panel</translation>
    </message>
    <message>
        <source>Prompt set</source>
        <translation>Conjunto de mensajes</translation>
    </message>
    <message>
        <source>Run many prompts against these panes&apos; targets and see a grid of results</source>
        <translation>Envía muchos mensajes a los modelos de estos paneles y muestra una cuadrícula de resultados</translation>
    </message>
    <message>
        <source>Scroll together</source>
        <translation>Desplazar juntos</translation>
    </message>
    <message>
        <source>Rank them all</source>
        <translation>Ordenar todas</translation>
    </message>
    <message>
        <source>Vote by ranking every answer: click the panes&apos; buttons from best to worst</source>
        <translation>Vota ordenando todas las respuestas: pulsa los botones de los paneles de mejor a peor</translation>
    </message>
    <message>
        <source>With the conversation so far</source>
        <translation>Con la conversación hasta ahora</translation>
    </message>
    <message>
        <source>Send the open conversation&apos;s messages before the prompt, and continue that conversation with the answer you pick. Untick for a fresh prompt.</source>
        <translation>Envía los mensajes de la conversación abierta antes del mensaje y continúa esa conversación con la respuesta que elijas. Desmárcalo para empezar de cero.</translation>
    </message>
    <message>
        <source>Prompt for every pane</source>
        <translation>Mensaje para todos los paneles</translation>
    </message>
    <message>
        <source>One prompt for every pane. Ctrl+Enter sends.</source>
        <translation>Un mensaje para todos los paneles. Ctrl+Enter lo envía.</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>Enviar a todos</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Detener todo</translation>
    </message>
    <message>
        <source>Leaderboard (your votes)</source>
        <translation>Clasificación (tus votos)</translation>
    </message>
    <message>
        <source>Leaderboard</source>
        <translation>Clasificación</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <source>With the conversation so far (“{title}”, 1 message)</source>
        <translation>Con la conversación hasta ahora («{title}», 1 mensaje)</translation>
    </message>
    <message>
        <source>With the conversation so far (“{title}”, {count} messages)</source>
        <translation>Con la conversación hasta ahora («{title}», {count} mensajes)</translation>
    </message>
    <message>
        <source>Pane {number}: {problem}. Fix it, or clear the field for the provider&apos;s default.</source>
        <translation>Panel {number}: {problem}. Corrígelo o vacía el campo para usar el valor predeterminado del proveedor.</translation>
    </message>
    <message>
        <source>Asking every pane…</source>
        <translation>Preguntando en todos los paneles…</translation>
    </message>
    <message>
        <source>waiting for the first token…</source>
        <translation>esperando el primer token…</translation>
    </message>
    <message>
        <source>asking {provider} for {model} (retry {retries})…</source>
        <translation>preguntando a {provider} por {model} (reintento {retries})…</translation>
    </message>
    <message>
        <source>asking {provider} for {model}…</source>
        <translation>preguntando a {provider} por {model}…</translation>
    </message>
    <message>
        <source>answered by {provider}</source>
        <translation>respondida por {provider}</translation>
    </message>
    <message>
        <source>asked {provider}</source>
        <translation>preguntado a {provider}</translation>
    </message>
    <message>
        <source>Best first</source>
        <translation>La mejor primero</translation>
    </message>
    <message>
        <source>Done. Pick the best answer, or continue with one.</source>
        <translation>Hecho. Elige la mejor respuesta o continúa con una.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Hecho.</translation>
    </message>
    <message>
        <source>Ranked {ranked} of {panes}: click the next best.</source>
        <translation>Ordenadas {ranked} de {panes}: pulsa la siguiente mejor.</translation>
    </message>
    <message>
        <source>Ranking saved, best first: {panes}.</source>
        <translation>Orden guardado, la mejor primero: {panes}.</translation>
    </message>
    <message>
        <source>Vote saved: {pane} was best.</source>
        <translation>Voto guardado: {pane} fue la mejor.</translation>
    </message>
    <message>
        <source>Continued: the answer you picked is now the conversation&apos;s reply; the others are kept as its alternatives.</source>
        <translation>Continuada: la respuesta que elegiste es ahora la de la conversación; las demás se guardan como alternativas.</translation>
    </message>
    <message>
        <source>No votes yet.</source>
        <translation>Aún no hay votos.</translation>
    </message>
    <message>
        <source>Votes are not being saved.</source>
        <translation>Los votos no se están guardando.</translation>
    </message>
    <message>
        <source>Rank #{place}</source>
        <translation>Puesto #{place}</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Mejor</translation>
    </message>
    <message>
        <source>Model {pane}</source>
        <translation>Modelo {pane}</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <source>not billed</source>
        <translation>no facturado</translation>
    </message>
    <message>
        <source>no token</source>
        <translation>ningún token</translation>
    </message>
    <message>
        <source>{speed} tok/s</source>
        <translation>{speed} tok/s</translation>
    </message>
    <message>
        <source>{count} out tokens</source>
        <translation>{count} tokens de salida</translation>
    </message>
    <message>
        <source>tokens not reported</source>
        <translation>tokens no informados</translation>
    </message>
    <message>
        <source>finished: {reason}</source>
        <translation>terminada: {reason}</translation>
    </message>
    <message>
        <source>waiting for the first token</source>
        <translation>esperando el primer token</translation>
    </message>
    <message>
        <source>~{count} tokens so far</source>
        <translation>~{count} tokens hasta ahora</translation>
    </message>
    <message>
        <source>~{speed} tok/s</source>
        <translation>~{speed} tok/s</translation>
    </message>
    <message>
        <source>streaming</source>
        <translation>recibiendo</translation>
    </message>
    <message>
        <source>via {provider}</source>
        <translation>vía {provider}</translation>
    </message>
    <message>
        <source>via {provider} ({others} failed first)</source>
        <translation>vía {provider} (antes falló {others})</translation>
    </message>
    <message>
        <source>via {provider} after {attempts} attempts</source>
        <translation>vía {provider} tras {attempts} intentos</translation>
    </message>
    <message>
        <source>first token {time}</source>
        <translation>primer token {time}</translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation>{ms} ms</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} s</translation>
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
    <name>CostPanel</name>
    <message>
        <source>the provider reported the cost itself</source>
        <translation>el proveedor informó del coste</translation>
    </message>
    <message>
        <source>estimated from the price catalog and the token counts</source>
        <translation>estimado con el catálogo de precios y los tokens</translation>
    </message>
    <message>
        <source>priced with your own price override</source>
        <translation>con tu propio precio</translation>
    </message>
    <message>
        <source>a local model: costs nothing</source>
        <translation>un modelo local: no cuesta nada</translation>
    </message>
    <message>
        <source>no price known: counted, not added to the totals</source>
        <translation>precio desconocido: se cuenta, pero no se suma a los totales</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>1 solicitud</translation>
    </message>
    <message>
        <source>{count} requests</source>
        <translation>{count} solicitudes</translation>
    </message>
    <message>
        <source>MMM d</source>
        <translation>d MMM</translation>
    </message>
    <message>
        <source>{name}: {cost} over {requests} ({source})</source>
        <translation>{name}: {cost} en {requests} ({source})</translation>
    </message>
    <message>
        <source>Costs — Parley</source>
        <translation>Costes — Parley</translation>
    </message>
    <message>
        <source>Reading the spend ledger…</source>
        <translation>Leyendo el registro de gastos…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Export ledger…</source>
        <translation>Exportar registro…</translation>
    </message>
    <message>
        <source>Export this view…</source>
        <translation>Exportar esta vista…</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Desde siempre</translation>
    </message>
    <message>
        <source>Spend by day (last 30 days)</source>
        <translation>Gasto por día (últimos 30 días)</translation>
    </message>
    <message>
        <source>Spend by day</source>
        <translation>Gasto por día</translation>
    </message>
    <message>
        <source>Spend by provider</source>
        <translation>Gasto por proveedor</translation>
    </message>
    <message>
        <source>Spend by model</source>
        <translation>Gasto por modelo</translation>
    </message>
    <message>
        <source>By provider</source>
        <translation>Por proveedor</translation>
    </message>
    <message>
        <source>By model</source>
        <translation>Por modelo</translation>
    </message>
    <message>
        <source>Top conversations by cost</source>
        <translation>Conversaciones de mayor coste</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coste</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Requests that could not be priced</source>
        <translation>Solicitudes sin precio</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Tokens in/out</source>
        <translation>Tokens entrada/salida</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>{requests} logged; {unpriced} could not be priced. Updated {time}.</source>
        <translation>{requests} registradas; {unpriced} sin precio. Actualizado a las {time}.</translation>
    </message>
    <message>
        <source>{requests} logged. Updated {time}.</source>
        <translation>{requests} registradas. Actualizado a las {time}.</translation>
    </message>
    <message>
        <source>not priced</source>
        <translation>sin precio</translation>
    </message>
    <message>
        <source>Cost sources:</source>
        <translation>Origen del coste:</translation>
    </message>
    <message>
        <source>Requests that could not be priced ({count})</source>
        <translation>Solicitudes sin precio ({count})</translation>
    </message>
    <message>
        <source>Export the spend ledger</source>
        <translation>Exportar el registro de gastos</translation>
    </message>
    <message>
        <source>Export this view</source>
        <translation>Exportar esta vista</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write {path}: {problem}</source>
        <translation>No se pudo escribir {path}: {problem}</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Guardado {path}.</translation>
    </message>
</context>
<context>
    <name>CostSource</name>
    <message>
        <source>provider-reported</source>
        <translation>informado por el proveedor</translation>
    </message>
    <message>
        <source>catalog estimate</source>
        <translation>estimación del catálogo</translation>
    </message>
    <message>
        <source>override</source>
        <translation>precio propio</translation>
    </message>
    <message>
        <source>free</source>
        <translation>gratis</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>{sources} + {source}</source>
        <translation>{sources} + {source}</translation>
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
        <source>Connected: the server lists {count} models.</source>
        <translation>Conectado: el servidor muestra {count} modelos.</translation>
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
    <name>DayChart</name>
    <message>
        <source>max {cost} / day</source>
        <translation>máx. {cost} / día</translation>
    </message>
    <message>
        <source>No spending in these days</source>
        <translation>Sin gastos en estos días</translation>
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
        <source>{name}: {count} pages, about {tokens} tokens</source>
        <translation>{name}: {count} páginas, unos {tokens} tokens</translation>
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
    <name>Endpoints</name>
    <message>
        <source>the base URL {url} is not a valid URL ({problem})</source>
        <translation>la URL base {url} no es una URL válida ({problem})</translation>
    </message>
    <message>
        <source> (did you mean {suggestion}?)</source>
        <translation> (¿querías decir {suggestion}?)</translation>
    </message>
    <message>
        <source>the base URL {url} must start with http:// or https://{hint}</source>
        <translation>la URL base {url} debe empezar por http:// o https://{hint}</translation>
    </message>
    <message>
        <source>the base URL {url} has no host name</source>
        <translation>la URL base {url} no tiene nombre de host</translation>
    </message>
    <message>
        <source>the base URL {url} has port 0, which no server listens on</source>
        <translation>la URL base {url} usa el puerto 0, en el que no escucha ningún servidor</translation>
    </message>
    <message>
        <source>the base URL {url} contains spaces or control characters</source>
        <translation>la URL base {url} contiene espacios o caracteres de control</translation>
    </message>
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
    <name>EndpointsPage</name>
    <message>
        <source>{line} is not a header: write it as Name: value.</source>
        <translation>{line} no es una cabecera: escríbela como Nombre: valor.</translation>
    </message>
    <message>
        <source>The header {name} is refused: it would override the endpoint&apos;s key. Put the key in the key field instead; it is stored in the keychain.</source>
        <translation>Se rechaza la cabecera {name}: sustituiría la clave del endpoint. Pon la clave en su campo; se guarda en el llavero.</translation>
    </message>
    <message>
        <source>Used in fallback chains (ID:MODEL) and as the key&apos;s name in the keychain</source>
        <translation>Se usa en las cadenas de alternativas (ID:MODELO) y como nombre de la clave en el llavero</translation>
    </message>
    <message>
        <source>Runs on this machine or my network (free: no prices)</source>
        <translation>Funciona en este equipo o en mi red (gratis: sin precios)</translation>
    </message>
    <message>
        <source>Needs no key</source>
        <translation>No necesita clave</translation>
    </message>
    <message>
        <source>Optional: paste the key (stored in the keychain)</source>
        <translation>Opcional: pega la clave (se guarda en el llavero)</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>Guardar clave</translation>
    </message>
    <message>
        <source>Optional extra headers, one per line: Name: value</source>
        <translation>Cabeceras adicionales opcionales, una por línea: Nombre: valor</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL base</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Cabeceras</translation>
    </message>
    <message>
        <source>Any server that speaks the OpenAI chat API: vLLM, llama.cpp, LiteLLM, a company proxy. Its key, if it needs one, is kept in the keychain; headers cannot carry keys.</source>
        <translation>Cualquier servidor compatible con la API de chat de OpenAI: vLLM, llama.cpp, LiteLLM, el proxy de una empresa. Su clave, si la necesita, se guarda en el llavero; las cabeceras no pueden llevar claves.</translation>
    </message>
    <message>
        <source>Add endpoint</source>
        <translation>Añadir endpoint</translation>
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
    <name>FinishReason</name>
    <message>
        <source>stop</source>
        <translation>fin normal</translation>
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
        <source>content_filter</source>
        <translation>filtro de contenido</translation>
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
    <name>Keys</name>
    <message>
        <source>No usable system keychain was found, so Parley cannot store keys safely on disk. You can set the provider&apos;s environment variable (for example OPENAI_API_KEY), or keep a key in memory for this session only. On Linux, install and unlock a Secret Service such as gnome-keyring or KWallet.</source>
        <translation>No se encontró ningún llavero del sistema utilizable, así que Parley no puede guardar claves de forma segura en el disco. Puedes definir la variable de entorno del proveedor (por ejemplo OPENAI_API_KEY) o guardar una clave en memoria solo durante esta sesión. En Linux, instala y desbloquea un Secret Service como gnome-keyring o KWallet.</translation>
    </message>
    <message>
        <source>The only keyring backend found stores keys in a plaintext file; Parley refuses it. {help}</source>
        <translation>El único llavero encontrado guarda las claves en un archivo de texto sin cifrar; Parley lo rechaza. {help}</translation>
    </message>
    <message>
        <source>The system keychain is locked; unlock it and try again.</source>
        <translation>El llavero del sistema está bloqueado; desbloquéalo e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>The system keychain failed ({error}). {help}</source>
        <translation>El llavero del sistema falló ({error}). {help}</translation>
    </message>
    <message>
        <source>the key is empty</source>
        <translation>la clave está vacía</translation>
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
    <name>Leaderboard</name>
    <message>
        <source>First token</source>
        <translation>Primer token</translation>
    </message>
    <message>
        <source>Fastest output</source>
        <translation>Salida más rápida</translation>
    </message>
    <message>
        <source>Cheapest</source>
        <translation>Más barato</translation>
    </message>
    <message>
        <source>{measure}: {panes}</source>
        <translation>{measure}: {panes}</translation>
    </message>
    <message>
        <source>{measures} · {measure}</source>
        <translation>{measures} · {measure}</translation>
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
    <name>ListForm</name>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready.</source>
        <translation>Listo.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>&amp;Nueva conversación</translation>
    </message>
    <message>
        <source>&amp;Search conversations</source>
        <translation>&amp;Buscar conversaciones</translation>
    </message>
    <message>
        <source>&amp;Providers and keys…</source>
        <translation>&amp;Proveedores y claves…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>Co&amp;mpare models…</source>
        <translation>Co&amp;mparar modelos…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Costs and budgets…</source>
        <translation>&amp;Costes y presupuestos…</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Seguir al &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>The theme is applied but could not be saved: {problem}</source>
        <translation>El tema se ha aplicado, pero no se pudo guardar: {problem}</translation>
    </message>
    <message>
        <source>The spend ledger is not open yet.</source>
        <translation>El registro de gastos aún no está abierto.</translation>
    </message>
    <message>
        <source>Settings: {warnings}</source>
        <translation>Ajustes: {warnings}</translation>
    </message>
    <message>
        <source>New chat.</source>
        <translation>Nueva conversación.</translation>
    </message>
    <message>
        <source>The matching message is no longer in this conversation.</source>
        <translation>El mensaje encontrado ya no está en esta conversación.</translation>
    </message>
    <message>
        <source>That conversation is still answering: stop it first (Esc).</source>
        <translation>Esa conversación aún está respondiendo: detenla primero (Esc).</translation>
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
    <name>McpImport</name>
    <message>
        <source>No server was imported.</source>
        <translation>No se importó ningún servidor.</translation>
    </message>
    <message>
        <source>Imported {names} (not saved until you press Save).</source>
        <translation>Importado: {names} (no se guarda hasta que pulses Guardar).</translation>
    </message>
    <message>
        <source>1 secret value went to the keychain.</source>
        <translation>1 valor secreto se guardó en el llavero.</translation>
    </message>
    <message>
        <source>{count} secret values went to the keychain.</source>
        <translation>{count} valores secretos se guardaron en el llavero.</translation>
    </message>
    <message>
        <source>MCP server {name} was not imported: its secrets could not be stored ({problem}).</source>
        <translation>No se importó el servidor MCP {name}: no se pudieron guardar sus secretos ({problem}).</translation>
    </message>
    <message>
        <source>Paste MCP servers</source>
        <translation>Pegar servidores MCP</translation>
    </message>
    <message>
        <source>Paste the JSON that Claude Desktop, Cursor or VS Code use for MCP servers (an object with &quot;mcpServers&quot; or &quot;servers&quot; in it). Values that look secret go to the keychain.</source>
        <translation>Pega el JSON que usan Claude Desktop, Cursor o VS Code para los servidores MCP (un objeto con &quot;mcpServers&quot; o &quot;servers&quot;). Los valores que parezcan secretos van al llavero.</translation>
    </message>
    <message>
        <source>MCP servers JSON</source>
        <translation>JSON de servidores MCP</translation>
    </message>
    <message>
        <source> (off)</source>
        <translation> (desactivado)</translation>
    </message>
</context>
<context>
    <name>McpPage</name>
    <message>
        <source>Program on this computer (stdio)</source>
        <translation>Programa en este equipo (stdio)</translation>
    </message>
    <message>
        <source>Streamable HTTP (URL)</source>
        <translation>HTTP con streaming (URL)</translation>
    </message>
    <message>
        <source>Older HTTP with SSE (URL)</source>
        <translation>HTTP antiguo con SSE (URL)</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>arrancando</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marcha</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>se cerró por un fallo</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>On: its tools can be offered to models</source>
        <translation>Activado: sus herramientas se pueden ofrecer a los modelos</translation>
    </message>
    <message>
        <source>npx, uvx, python, or a path to a program</source>
        <translation>npx, uvx, python o la ruta de un programa</translation>
    </message>
    <message>
        <source>Optional: the folder it runs in</source>
        <translation>Opcional: la carpeta en la que se ejecuta</translation>
    </message>
    <message>
        <source>One argument per line</source>
        <translation>Un argumento por línea</translation>
    </message>
    <message>
        <source>NAME=value, one per line (secret values: use the keychain below)</source>
        <translation>NOMBRE=valor, uno por línea (valores secretos: usa el llavero de abajo)</translation>
    </message>
    <message>
        <source>Name: value, one per line (credentials: use the keychain below)</source>
        <translation>Nombre: valor, una por línea (credenciales: usa el llavero de abajo)</translation>
    </message>
    <message>
        <source>GITHUB_TOKEN, or a header name, or &quot;bearer&quot;</source>
        <translation>GITHUB_TOKEN, el nombre de una cabecera o &quot;bearer&quot;</translation>
    </message>
    <message>
        <source>The value (stored in the keychain only)</source>
        <translation>El valor (solo se guarda en el llavero)</translation>
    </message>
    <message>
        <source>Save in keychain</source>
        <translation>Guardar en el llavero</translation>
    </message>
    <message>
        <source>How long one tool call may take before it is stopped</source>
        <translation>Cuánto puede durar una llamada a una herramienta antes de detenerla</translation>
    </message>
    <message>
        <source> kB</source>
        <translation> kB</translation>
    </message>
    <message>
        <source>the general cap (above)</source>
        <translation>el límite general (arriba)</translation>
    </message>
    <message>
        <source>List its tools</source>
        <translation>Ver sus herramientas</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>Abrir registro</translation>
    </message>
    <message>
        <source>Start the server (as saved or as typed here) and read its tools</source>
        <translation>Arranca el servidor (como está guardado o como lo has escrito aquí) y lee sus herramientas</translation>
    </message>
    <message>
        <source>The server&apos;s messages (its stderr), kept between runs</source>
        <translation>Los mensajes del servidor (su stderr), guardados entre ejecuciones</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumentos</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Cabeceras</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secreto</translation>
    </message>
    <message>
        <source>Tool timeout</source>
        <translation>Tiempo máximo por herramienta</translation>
    </message>
    <message>
        <source>Result size cap</source>
        <translation>Tamaño máximo del resultado</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Herramientas</translation>
    </message>
    <message>
        <source>MCP servers give models tools. A tool runs only when you approve the call (once, for a conversation, or always). Each enabled tool&apos;s description is sent with every request: the cost shown is an estimate.</source>
        <translation>Los servidores MCP dan herramientas a los modelos. Una herramienta solo se ejecuta cuando apruebas la llamada (una vez, para una conversación o siempre). La descripción de cada herramienta activada se envía con cada solicitud: el coste que se muestra es una estimación.</translation>
    </message>
    <message>
        <source>Add server</source>
        <translation>Añadir servidor</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>Importar archivo…</translation>
    </message>
    <message>
        <source>Paste JSON…</source>
        <translation>Pegar JSON…</translation>
    </message>
    <message>
        <source>Read the mcpServers of Claude Desktop, Cursor or VS Code from a file</source>
        <translation>Lee los mcpServers de Claude Desktop, Cursor o VS Code desde un archivo</translation>
    </message>
    <message>
        <source>Paste an mcpServers JSON</source>
        <translation>Pega un JSON de mcpServers</translation>
    </message>
    <message>
        <source>Model calls in one turn with tools, at most (each one is billed)</source>
        <translation>Llamadas al modelo como máximo en un turno con herramientas (cada una se factura)</translation>
    </message>
    <message>
        <source>A longer tool result is cut, and says so</source>
        <translation>Un resultado más largo se recorta, y lo indica</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Olvidar</translation>
    </message>
    <message>
        <source>Ask again before this tool runs</source>
        <translation>Volver a preguntar antes de ejecutar esta herramienta</translation>
    </message>
    <message>
        <source>Steps per turn</source>
        <translation>Pasos por turno</translation>
    </message>
    <message>
        <source>Always allowed</source>
        <translation>Siempre permitidas</translation>
    </message>
    <message>
        <source>Remove it and add it again to rename it: its secrets are kept under this name</source>
        <translation>Quítalo y vuelve a añadirlo para cambiarle el nombre: sus secretos se guardan con este nombre</translation>
    </message>
    <message>
        <source>MCP server {name}: {variable} looks like a secret; save its value in the keychain (Secret) and remove it from Environment.</source>
        <translation>Servidor MCP {name}: {variable} parece un secreto; guarda su valor en el llavero (Secreto) y quítalo de Entorno.</translation>
    </message>
    <message>
        <source>Import MCP servers</source>
        <translation>Importar servidores MCP</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Cannot read {path}: {problem}</source>
        <translation>No se puede leer {path}: {problem}</translation>
    </message>
    <message>
        <source>Type the secret&apos;s name and its value first.</source>
        <translation>Escribe primero el nombre del secreto y su valor.</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>No se guardó: {problem}</translation>
    </message>
    <message>
        <source>Saved {name} in {keychain}; press Save to keep the server.</source>
        <translation>{name} guardado en {keychain}; pulsa Guardar para conservar el servidor.</translation>
    </message>
    <message>
        <source>bearer token</source>
        <translation>token bearer</translation>
    </message>
    <message>
        <source>In the keychain: {names}</source>
        <translation>En el llavero: {names}</translation>
    </message>
    <message>
        <source>No secrets in the keychain.</source>
        <translation>No hay secretos en el llavero.</translation>
    </message>
    <message>
        <source>Press &quot;List its tools&quot; to see them and what they cost.</source>
        <translation>Pulsa &quot;Ver sus herramientas&quot; para verlas y saber cuánto cuestan.</translation>
    </message>
    <message>
        <source>{on} of {tools} tools on: their schemas add about {tokens} tokens ({bytes} bytes) to every request (an estimate).</source>
        <translation>{on} de {tools} herramientas activadas: sus esquemas añaden unos {tokens} tokens ({bytes} bytes) a cada solicitud (una estimación).</translation>
    </message>
    <message>
        <source>Starting {name}…</source>
        <translation>Arrancando {name}…</translation>
    </message>
    <message>
        <source>{name} answered with {count} tools.</source>
        <translation>{name} respondió con {count} herramientas.</translation>
    </message>
    <message>
        <source>No log yet: {name} has not run.</source>
        <translation>Aún no hay registro: {name} no se ha ejecutado.</translation>
    </message>
    <message>
        <source>Now: {state} ({problem}).</source>
        <translation>Ahora: {state} ({problem}).</translation>
    </message>
    <message>
        <source>Now: {state}.</source>
        <translation>Ahora: {state}.</translation>
    </message>
    <message>
        <source>GITHUB_TOKEN (a variable)</source>
        <translation>GITHUB_TOKEN (una variable)</translation>
    </message>
    <message>
        <source>a header name, or &quot;bearer&quot; for a bearer token</source>
        <translation>el nombre de una cabecera, o &quot;bearer&quot; para un token bearer</translation>
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
    <name>ModelLists</name>
    <message>
        <source>Could not fetch the model list: {problem}</source>
        <translation>No se pudo obtener la lista de modelos: {problem}</translation>
    </message>
    <message>
        <source>Could not fetch the model list: {problem}.</source>
        <translation>No se pudo obtener la lista de modelos: {problem}.</translation>
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
        <source>fetching the model list…</source>
        <translation>obteniendo la lista de modelos…</translation>
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
    <message>
        <source>Fetch {service}&apos;s model list again</source>
        <translation>Volver a obtener la lista de modelos de {service}</translation>
    </message>
    <message>
        <source>Refresh {service}&apos;s models</source>
        <translation>Actualizar los modelos de {service}</translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
</context>
<context>
    <name>PaneWidget</name>
    <message>
        <source>model (or model@http://host/v1)</source>
        <translation>modelo (o modelo@http://host/v1)</translation>
    </message>
    <message>
        <source>temp.</source>
        <translation>temp.</translation>
    </message>
    <message>
        <source>Temperature, 0 to 2. Empty: the provider&apos;s default.</source>
        <translation>Temperatura, de 0 a 2. Vacío: la predeterminada del proveedor.</translation>
    </message>
    <message>
        <source>max tok.</source>
        <translation>máx. tok.</translation>
    </message>
    <message>
        <source>The longest answer, in tokens. Empty: the provider&apos;s default.</source>
        <translation>La respuesta más larga, en tokens. Vacío: lo predeterminado del proveedor.</translation>
    </message>
    <message>
        <source>Reasoning effort (low, medium or high), for models that think before answering. “effort”: the provider&apos;s default.</source>
        <translation>Esfuerzo de razonamiento (bajo, medio o alto), para modelos que piensan antes de responder. «esfuerzo»: lo predeterminado del proveedor.</translation>
    </message>
    <message>
        <source>effort</source>
        <translation>esfuerzo</translation>
    </message>
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
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Ask for a JSON answer (JSON mode)</source>
        <translation>Pide una respuesta en JSON (modo JSON)</translation>
    </message>
    <message>
        <source>Fill this pane from a saved preset: provider, model, parameters and fallbacks</source>
        <translation>Rellena este panel con un preajuste guardado: proveedor, modelo, parámetros y alternativas</translation>
    </message>
    <message>
        <source>Remove this pane</source>
        <translation>Quitar este panel</translation>
    </message>
    <message>
        <source>The answer streams here.</source>
        <translation>La respuesta aparece aquí.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stop this pane&apos;s answer; what arrived is kept</source>
        <translation>Detiene la respuesta de este panel; se conserva lo recibido</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Ask this pane&apos;s target again</source>
        <translation>Vuelve a preguntar al modelo de este panel</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Mejor</translation>
    </message>
    <message>
        <source>This answer is the best one (recorded for the leaderboard)</source>
        <translation>Esta respuesta es la mejor (se anota en la clasificación)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Continue with this answer as a normal conversation</source>
        <translation>Continúa con esta respuesta como una conversación normal</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Máx. tokens</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>Esfuerzo de razonamiento</translation>
    </message>
    <message>
        <source>the temperature must be a number from 0 to 2 (not “{text}”)</source>
        <translation>la temperatura debe ser un número de 0 a 2 (no «{text}»)</translation>
    </message>
    <message>
        <source>max tokens must be a whole number of at least 1 (not “{text}”)</source>
        <translation>el máximo de tokens debe ser un número entero de al menos 1 (no «{text}»)</translation>
    </message>
    <message>
        <source>preset…</source>
        <translation>preajuste…</translation>
    </message>
    <message>
        <source>+1 fallback</source>
        <translation>+1 alternativa</translation>
    </message>
    <message>
        <source>+{count} fallbacks</source>
        <translation>+{count} alternativas</translation>
    </message>
    <message>
        <source>Tried in order when this pane&apos;s target fails: {targets}</source>
        <translation>Se prueban en orden cuando falla el modelo de este panel: {targets}</translation>
    </message>
</context>
<context>
    <name>PanelState</name>
    <message>
        <source>nowhere safe (no usable keychain)</source>
        <translation>ningún sitio seguro (no hay un llavero utilizable)</translation>
    </message>
    <message>
        <source>the system keychain (Secret Service)</source>
        <translation>el llavero del sistema (Secret Service)</translation>
    </message>
    <message>
        <source>the macOS Keychain</source>
        <translation>el Llavero de macOS</translation>
    </message>
    <message>
        <source>Windows Credential Manager</source>
        <translation>el Administrador de credenciales de Windows</translation>
    </message>
    <message>
        <source>an in-memory test keyring</source>
        <translation>un llavero de prueba en memoria</translation>
    </message>
    <message>
        <source>the system keychain ({backend})</source>
        <translation>el llavero del sistema ({backend})</translation>
    </message>
    <message>
        <source>the system keychain</source>
        <translation>el llavero del sistema</translation>
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
    <name>PresetsPage</name>
    <message>
        <source>Optional system prompt</source>
        <translation>Instrucciones del sistema (opcional)</translation>
    </message>
    <message>
        <source>provider default</source>
        <translation>predeterminado del proveedor</translation>
    </message>
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
        <source>Answer in JSON</source>
        <translation>Responder en JSON</translation>
    </message>
    <message>
        <source>Search the web</source>
        <translation>Buscar en la web</translation>
    </message>
    <message>
        <source>None: MCP servers or SERVER/TOOL entries, separated by commas</source>
        <translation>Ninguna: servidores MCP o entradas SERVIDOR/HERRAMIENTA, separados por comas</translation>
    </message>
    <message>
        <source>The MCP tools a chat with this preset offers (servers from the MCP servers tab)</source>
        <translation>Las herramientas MCP que ofrece una conversación con este preajuste (servidores de la pestaña Servidores MCP)</translation>
    </message>
    <message>
        <source>PROVIDER:MODEL, for example groq:llama-3.3-70b-versatile</source>
        <translation>PROVEEDOR:MODELO, por ejemplo groq:llama-3.3-70b-versatile</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Instrucciones del sistema</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Máx. tokens</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>Esfuerzo de razonamiento</translation>
    </message>
    <message>
        <source>MCP tools</source>
        <translation>Herramientas MCP</translation>
    </message>
    <message>
        <source>Fallbacks, in order</source>
        <translation>Alternativas, en orden</translation>
    </message>
    <message>
        <source>When the provider fails before answering (down, rate limited, overloaded), the fallbacks are tried in order. An entry that cannot be used is flagged here.</source>
        <translation>Cuando el proveedor falla antes de responder (caído, con límite de uso, saturado), se prueban las alternativas en orden. Aquí se marca la entrada que no se puede usar.</translation>
    </message>
    <message>
        <source>Add preset</source>
        <translation>Añadir preajuste</translation>
    </message>
    <message>
        <source>Preset {number}</source>
        <translation>Preajuste {number}</translation>
    </message>
    <message>
        <source>Chats started from this preset search the web with the provider&apos;s own tool and show their sources; each search costs a fee on top of tokens.</source>
        <translation>Las conversaciones que empiezan con este preajuste buscan en la web con la herramienta del propio proveedor y muestran sus fuentes; cada búsqueda cuesta una tarifa además de los tokens.</translation>
    </message>
    <message>
        <source>{flagged} of these fallbacks cannot be used as things stand (marked ⚠): they are kept, and a chat that reaches them reports them. Fix or remove them.</source>
        <translation>{flagged} de estas alternativas no se pueden usar tal como están (marcadas con ⚠): se conservan, y una conversación que llegue a ellas lo indicará. Corrígelas o quítalas.</translation>
    </message>
</context>
<context>
    <name>PromptSetView</name>
    <message>
        <source>Prompts: one per line, or blocks separated by a blank line.</source>
        <translation>Mensajes: uno por línea, o bloques separados por una línea en blanco.</translation>
    </message>
    <message>
        <source>Load file…</source>
        <translation>Cargar archivo…</translation>
    </message>
    <message>
        <source>Run prompt set</source>
        <translation>Ejecutar conjunto</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>Exportar Markdown…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Could not read {name}: {problem}</source>
        <translation>No se pudo leer {name}: {problem}</translation>
    </message>
    <message>
        <source>Loaded {count} prompts from {name}.</source>
        <translation>Cargados {count} mensajes de {name}.</translation>
    </message>
    <message>
        <source>Load prompts</source>
        <translation>Cargar mensajes</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md);;All files (*)</source>
        <translation>Archivos de texto (*.txt *.md);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Type or load some prompts first.</source>
        <translation>Escribe o carga antes algunos mensajes.</translation>
    </message>
    <message>
        <source>Choose a provider and type a model in every pane.</source>
        <translation>Elige un proveedor y escribe un modelo en cada panel.</translation>
    </message>
    <message>
        <source>Running {prompts} × {targets} (at most {limit} at once per provider)…</source>
        <translation>Ejecutando {prompts} × {targets} (como mucho {limit} a la vez por proveedor)…</translation>
    </message>
    <message>
        <source>Stopped: {done} of {total} cells answered in full.</source>
        <translation>Detenido: {done} de {total} celdas respondidas por completo.</translation>
    </message>
    <message>
        <source>Done: {done} of {total} cells answered in full.</source>
        <translation>Hecho: {done} de {total} celdas respondidas por completo.</translation>
    </message>
    <message>
        <source>Export prompt set</source>
        <translation>Exportar conjunto de mensajes</translation>
    </message>
    <message>
        <source>Could not write {name}: {problem}</source>
        <translation>No se pudo escribir {name}: {problem}</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exportado a {path}.</translation>
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
    <name>ProvidersPage</name>
    <message>
        <source>Responses is OpenAI&apos;s newer API: Parley sends store: false (nothing is kept at OpenAI) and asks for reasoning summaries. Models served only there (o3-pro, the codex models) and web search use it anyway.</source>
        <translation>Responses es la API más reciente de OpenAI: Parley envía store: false (OpenAI no guarda nada) y pide resúmenes del razonamiento. Los modelos que solo se sirven ahí (o3-pro, los modelos codex) y la búsqueda web la usan de todos modos.</translation>
    </message>
    <message>
        <source>A key is set. Stored in {keychain}.</source>
        <translation>Hay una clave. Guardada en {keychain}.</translation>
    </message>
    <message>
        <source>A key is set for this session only: it is kept in memory and forgotten when Parley closes.</source>
        <translation>Hay una clave solo para esta sesión: se guarda en memoria y se olvida al cerrar Parley.</translation>
    </message>
    <message>
        <source>A key comes from the environment variable {variable} (read-only here).</source>
        <translation>La clave viene de la variable de entorno {variable} (aquí solo lectura).</translation>
    </message>
    <message>
        <source>No key needed (a local server).</source>
        <translation>No hace falta clave (un servidor local).</translation>
    </message>
    <message>
        <source>No key set.</source>
        <translation>No hay clave.</translation>
    </message>
    <message>
        <source>Key rejected</source>
        <translation>Clave rechazada</translation>
    </message>
    <message>
        <source>Key accepted but not allowed</source>
        <translation>Clave aceptada, pero sin permiso</translation>
    </message>
    <message>
        <source>Out of credit</source>
        <translation>Sin saldo</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Límite de uso alcanzado</translation>
    </message>
    <message>
        <source>The provider is overloaded</source>
        <translation>El proveedor está saturado</translation>
    </message>
    <message>
        <source>The provider failed</source>
        <translation>El proveedor falló</translation>
    </message>
    <message>
        <source>No answer in time</source>
        <translation>Sin respuesta a tiempo</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Inaccesible</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>No encontrado</translation>
    </message>
    <message>
        <source>Test failed</source>
        <translation>La prueba falló</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>Guardar clave</translation>
    </message>
    <message>
        <source>Use for this session only</source>
        <translation>Usar solo en esta sesión</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>Quitar clave</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Which of OpenAI&apos;s APIs Parley speaks to this provider</source>
        <translation>Qué API de OpenAI usa Parley con este proveedor</translation>
    </message>
    <message>
        <source>Timeouts and retries</source>
        <translation>Tiempos de espera y reintentos</translation>
    </message>
    <message>
        <source>the newest general release Parley knows</source>
        <translation>la versión general más reciente que conoce Parley</translation>
    </message>
    <message>
        <source>deployment names, separated by commas</source>
        <translation>nombres de despliegue, separados por comas</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>Pro&amp;bar</translation>
    </message>
    <message>
        <source>Lists the provider&apos;s models with these settings and the stored key</source>
        <translation>Lista los modelos del proveedor con estos ajustes y la clave guardada</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>Admin key</source>
        <translation>Clave de administración</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL base</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>Versión de la API</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>Despliegues</translation>
    </message>
    <message>
        <source> (custom)</source>
        <translation> (personalizado)</translation>
    </message>
    <message>
        <source> (local)</source>
        <translation> (local)</translation>
    </message>
    <message>
        <source>Tick to offer this provider in the chat panel</source>
        <translation>Márcalo para ofrecer este proveedor en el panel de conversación</translation>
    </message>
    <message>
        <source>Paste the key ({hint})</source>
        <translation>Pega la clave ({hint})</translation>
    </message>
    <message>
        <source>Paste the key</source>
        <translation>Pega la clave</translation>
    </message>
    <message>
        <source>Get a key at {link}.</source>
        <translation>Consigue una clave en {link}.</translation>
    </message>
    <message>
        <source>Environment variable: {names}.</source>
        <translation>Variable de entorno: {names}.</translation>
    </message>
    <message>
        <source>Type or paste a key first.</source>
        <translation>Escribe o pega antes una clave.</translation>
    </message>
    <message>
        <source>The key was not saved: {problem}</source>
        <translation>No se guardó la clave: {problem}</translation>
    </message>
    <message>
        <source>Key saved in {keychain}.</source>
        <translation>Clave guardada en {keychain}.</translation>
    </message>
    <message>
        <source>Key kept for this session only; it is forgotten when Parley closes.</source>
        <translation>Clave guardada solo para esta sesión; se olvida al cerrar Parley.</translation>
    </message>
    <message>
        <source>The key was not removed: {problem}</source>
        <translation>No se quitó la clave: {problem}</translation>
    </message>
    <message>
        <source>Key removed.</source>
        <translation>Clave quitada.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>Not tested: {problem}.</source>
        <translation>Sin probar: {problem}.</translation>
    </message>
    <message>
        <source>1 model found</source>
        <translation>1 modelo encontrado</translation>
    </message>
    <message>
        <source>{count} models found</source>
        <translation>{count} modelos encontrados</translation>
    </message>
    <message>
        <source>Key accepted: {found}.</source>
        <translation>Clave aceptada: {found}.</translation>
    </message>
    <message>
        <source>Reachable: {found}.</source>
        <translation>Accesible: {found}.</translation>
    </message>
</context>
<context>
    <name>Reconcile</name>
    <message>
        <source>No cost report from the provider covers this day yet.</source>
        <translation>Ningún informe de costes del proveedor cubre todavía este día.</translation>
    </message>
    <message>
        <source>The provider reports usage but no cost for this day yet (costs can take hours to appear).</source>
        <translation>El proveedor informa del uso pero aún no del coste de este día (los costes pueden tardar horas en aparecer).</translation>
    </message>
    <message>
        <source>The provider&apos;s cost report has nothing for this model on this day yet (costs can take hours to appear).</source>
        <translation>El informe de costes del proveedor aún no tiene nada de este modelo en este día (los costes pueden tardar horas en aparecer).</translation>
    </message>
    <message>
        <source>Parley made no request for this: it was used outside Parley (another app, key or person).</source>
        <translation>Parley no hizo ninguna solicitud de esto: se usó fuera de Parley (otra aplicación, clave o persona).</translation>
    </message>
    <message>
        <source>The provider counted {counted} requests and Parley made {made}: {outside} were made outside Parley.</source>
        <translation>El proveedor contó {counted} solicitudes y Parley hizo {made}: {outside} se hicieron fuera de Parley.</translation>
    </message>
    <message>
        <source>{count} of Parley&apos;s requests could not be priced (no price known), so Parley&apos;s figure leaves them out.</source>
        <translation>{count} de las solicitudes de Parley no se pudieron valorar (sin precio conocido), así que la cifra de Parley no las incluye.</translation>
    </message>
    <message>
        <source>Not a model: a charge the provider lists on its own line.</source>
        <translation>No es un modelo: un cargo que el proveedor muestra en su propia línea.</translation>
    </message>
    <message>
        <source>Parley has never priced {model}: its price catalog has no price for this model, so Parley could not have estimated it.</source>
        <translation>Parley nunca ha valorado {model}: su catálogo no tiene precio para este modelo, así que Parley no pudo estimarlo.</translation>
    </message>
</context>
<context>
    <name>ReconcileView</name>
    <message>
        <source>provider-reported</source>
        <translation>informado por el proveedor</translation>
    </message>
    <message>
        <source>partly provider-reported</source>
        <translation>en parte informado por el proveedor</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>estimado</translation>
    </message>
    <message>
        <source>made outside Parley</source>
        <translation>hecho fuera de Parley</translation>
    </message>
    <message>
        <source>never priced by Parley</source>
        <translation>nunca valorado por Parley</translation>
    </message>
    <message>
        <source>{count} not priced</source>
        <translation>{count} sin precio</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>aún sin informe</translation>
    </message>
    <message>
        <source>No admin key for {provider}. Add one under Settings › Providers › {provider} to compare Parley&apos;s figures with your account&apos;s (optional, read only).</source>
        <translation>No hay clave de administración para {provider}. Añade una en Ajustes › Proveedores › {provider} para comparar las cifras de Parley con las de tu cuenta (opcional, solo lectura).</translation>
    </message>
    <message>
        <source>{provider} rejected the admin key. Check it under Settings › Providers: it must be an admin key, not an ordinary API key.</source>
        <translation>{provider} rechazó la clave de administración. Revísala en Ajustes › Proveedores: debe ser una clave de administración, no una clave de API corriente.</translation>
    </message>
    <message>
        <source>{provider} accepted the admin key but does not let it read usage reports. An owner of the organisation can create one that may.</source>
        <translation>{provider} aceptó la clave de administración pero no le deja leer los informes de uso. Una persona propietaria de la organización puede crear una que sí pueda.</translation>
    </message>
    <message>
        <source>Could not reach {provider}: are you offline? Try again later.</source>
        <translation>No se pudo contactar con {provider}: ¿estás sin conexión? Inténtalo más tarde.</translation>
    </message>
    <message>
        <source>{provider}&apos;s usage reports are down or busy right now. Try again later.</source>
        <translation>Los informes de uso de {provider} no funcionan o están saturados ahora mismo. Inténtalo más tarde.</translation>
    </message>
    <message>
        <source>{provider} sent a report Parley could not read ({detail}). Try again later; if it keeps happening, please report it.</source>
        <translation>{provider} envió un informe que Parley no pudo leer ({detail}). Inténtalo más tarde; si sigue pasando, infórmanos, por favor.</translation>
    </message>
    <message>
        <source>Nothing in the ledger changed; the rows below are from the last report read.</source>
        <translation>Nada cambió en el registro; las filas de abajo son del último informe leído.</translation>
    </message>
    <message>
        <source>Checked against your provider&apos;s account (last 30 days, UTC)</source>
        <translation>Comparado con la cuenta de tu proveedor (últimos 30 días, UTC)</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Comprobar ahora</translation>
    </message>
    <message>
        <source>Read the provider&apos;s usage and cost reports with your admin key (read only) and compare</source>
        <translation>Leer los informes de uso y costes del proveedor con tu clave de administración (solo lectura) y comparar</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <source>Day (UTC)</source>
        <translation>Día (UTC)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Parley</source>
        <translation>Parley</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Reading {provider}&apos;s reports…</source>
        <translation>Leyendo los informes de {provider}…</translation>
    </message>
    <message>
        <source>Reading the ledger…</source>
        <translation>Leyendo el registro…</translation>
    </message>
    <message>
        <source>The ledger cannot be read: {problem}</source>
        <translation>No se puede leer el registro: {problem}</translation>
    </message>
    <message>
        <source>No report from {provider} has been read yet. “Check now” reads it (only read-only report requests leave this computer).</source>
        <translation>Aún no se ha leído ningún informe de {provider}. «Comprobar ahora» lo lee (solo salen de este equipo solicitudes de informes de solo lectura).</translation>
    </message>
    <message>
        <source>From {provider}&apos;s reports read {when} UTC.</source>
        <translation>De los informes de {provider} leídos el {when} UTC.</translation>
    </message>
    <message>
        <source>{provider} reports {billed}; Parley counted {counted}; difference {diff}. Of the provider&apos;s figure, {outside} was used outside Parley.</source>
        <translation>{provider} informa de {billed}; Parley contó {counted}; diferencia {diff}. De la cifra del proveedor, {outside} se usó fuera de Parley.</translation>
    </message>
    <message>
        <source>Nothing spent and nothing reported in these days.</source>
        <translation>Nada gastado ni informado en estos días.</translation>
    </message>
    <message>
        <source>Names behind this row: {names}</source>
        <translation>Nombres detrás de esta fila: {names}</translation>
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
    <name>Setting</name>
    <message>
        <source>Connect</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>How long to wait for the server to accept the connection.</source>
        <translation>Cuánto esperar a que el servidor acepte la conexión.</translation>
    </message>
    <message>
        <source>First byte (local servers may be loading a model)</source>
        <translation>Primer byte (un servidor local puede estar cargando un modelo)</translation>
    </message>
    <message>
        <source>How long to wait for the answer to begin.</source>
        <translation>Cuánto esperar a que empiece la respuesta.</translation>
    </message>
    <message>
        <source>Between chunks</source>
        <translation>Entre fragmentos</translation>
    </message>
    <message>
        <source>How long a streaming answer may pause before it is stalled.</source>
        <translation>Cuánto puede pausar una respuesta en curso antes de darla por detenida.</translation>
    </message>
    <message>
        <source>Retries before the first token</source>
        <translation>Reintentos antes del primer token</translation>
    </message>
    <message>
        <source>Never for a rejected key, a bad request or a content filter.</source>
        <translation>Nunca ante una clave rechazada, una solicitud incorrecta o un filtro de contenido.</translation>
    </message>
    <message>
        <source>First wait (doubles each retry)</source>
        <translation>Primera espera (se duplica en cada reintento)</translation>
    </message>
    <message>
        <source>A Retry-After from the provider is honoured instead.</source>
        <translation>Si el proveedor envía Retry-After, se respeta ese valor.</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Espera máxima</translation>
    </message>
    <message>
        <source>All retries together at most</source>
        <translation>Todos los reintentos juntos, como máximo</translation>
    </message>
    <message>
        <source>A provider asking to wait longer than what is left fails at once, saying when to retry.</source>
        <translation>Si un proveedor pide esperar más de lo que queda, falla enseguida e indica cuándo reintentar.</translation>
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
    <message>
        <source>Removed the {header} header from custom endpoint {endpoint}: keys belong in the keychain (python -m app keys set {id}).</source>
        <translation>Se quitó la cabecera {header} del endpoint personalizado {endpoint}: las claves van en el llavero (python -m app keys set {id}).</translation>
    </message>
    <message>
        <source>Ignored unknown setting {name}.</source>
        <translation>Se ignoró el ajuste desconocido {name}.</translation>
    </message>
    <message>
        <source>Setting {name} was not understood ({problem}); using the default.</source>
        <translation>No se entendió el ajuste {name} ({problem}); se usa el valor predeterminado.</translation>
    </message>
    <message>
        <source>Dropped setting {name} ({problem}).</source>
        <translation>Se descartó el ajuste {name} ({problem}).</translation>
    </message>
    <message>
        <source>The settings folder cannot be made ({problem}); using defaults, and changes will not be saved.</source>
        <translation>No se puede crear la carpeta de ajustes ({problem}); se usan los valores predeterminados y los cambios no se guardarán.</translation>
    </message>
    <message>
        <source>Could not read {path} ({problem}); using defaults and not saving over it.</source>
        <translation>No se pudo leer {path} ({problem}); se usan los valores predeterminados y no se sobrescribirá.</translation>
    </message>
    <message>
        <source>The settings file was damaged and could not be read; using defaults. It could not be kept aside ({problem}): left untouched at {path}; changes will not be saved.</source>
        <translation>El archivo de ajustes estaba dañado y no se pudo leer; se usan los valores predeterminados. No se pudo apartar ({problem}): se deja intacto en {path}; los cambios no se guardarán.</translation>
    </message>
    <message>
        <source>The settings file was damaged and could not be read; using defaults. The damaged file is kept as {name} in {folder}.</source>
        <translation>El archivo de ajustes estaba dañado y no se pudo leer; se usan los valores predeterminados. El archivo dañado se guarda como {name} en {folder}.</translation>
    </message>
    <message>
        <source>The settings file was written by a newer Parley (format {version}; this version knows {known}). Using what it understands; changes will not be saved.</source>
        <translation>El archivo de ajustes lo escribió un Parley más reciente (formato {version}; esta versión conoce el {known}). Se usa lo que entiende; los cambios no se guardarán.</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Optional: a PEM file of extra certificate authorities</source>
        <translation>Opcional: un archivo PEM con autoridades de certificación adicionales</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>TLS certificates are always checked. A CA bundle adds the certificate authorities a company proxy signs with to the usual ones. Proxies come from HTTPS_PROXY, HTTP_PROXY and NO_PROXY.</source>
        <translation>Los certificados TLS siempre se comprueban. Un paquete de CA añade a las habituales las autoridades de certificación con las que firma el proxy de una empresa. Los proxies se toman de HTTPS_PROXY, HTTP_PROXY y NO_PROXY.</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Paquete de CA</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Certificados (*.pem *.crt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Providers and keys</source>
        <translation>Proveedores y claves</translation>
    </message>
    <message>
        <source>&amp;Providers</source>
        <translation>&amp;Proveedores</translation>
    </message>
    <message>
        <source>&amp;Custom endpoints</source>
        <translation>&amp;Endpoints personalizados</translation>
    </message>
    <message>
        <source>Pre&amp;sets</source>
        <translation>Prea&amp;justes</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>&amp;Red</translation>
    </message>
    <message>
        <source>&amp;MCP servers</source>
        <translation>Servidores &amp;MCP</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Custom endpoint {id} needs a name.</source>
        <translation>El endpoint personalizado {id} necesita un nombre.</translation>
    </message>
    <message>
        <source>Not saved:</source>
        <translation>No se guardó:</translation>
    </message>
    <message>
        <source>Fix the problems below, then save again.</source>
        <translation>Corrige los problemas de abajo y vuelve a guardar.</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>No se guardó: {problem}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
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
        <source>unknown model</source>
        <translation>modelo desconocido</translation>
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
        <source>cut off at the token limit</source>
        <translation>cortada en el límite de tokens</translation>
    </message>
    <message>
        <source>stopped by the content filter</source>
        <translation>detenida por el filtro de contenido</translation>
    </message>
</context>
</TS>
