<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>BreakdownChart</name>
    <message>
        <source>Nothing spent yet</source>
        <translation>Aún no hay gastos</translation>
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
</TS>
