'use strict';
// A scripted OpenAI-compatible chat-completions server on 127.0.0.1: no model, only prepared
// answers. Each conversation names its scenario in the user message ("[scenario:<name>]"); the
// scenario's script sees everything the agent sent (messages, tools) and returns the next tool
// calls or the final text. Every request is recorded with the scenario it belongs to.
const http = require('http');

const SCENARIO = /\[scenario:([a-zA-Z0-9_-]+)\]/;

/** The tool results the agent sent back so far, in order: [{ name, content, id }]. */
function toolResults(messages) {
	const calls = new Map();
	for (const m of messages) {
		for (const call of m.tool_calls || []) calls.set(call.id, call.function && call.function.name);
	}
	return messages
		.filter((m) => m.role === 'tool')
		.map((m) => ({ id: m.tool_call_id, name: calls.get(m.tool_call_id), content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content) }));
}

function userText(messages) {
	return messages
		.filter((m) => m.role === 'user')
		.map((m) => (typeof m.content === 'string' ? m.content : (m.content || []).map((p) => p.text || '').join('')))
		.join('\n');
}

function completion(model, { toolCalls, text }, n) {
	const message = toolCalls
		? {
				role: 'assistant',
				content: null,
				tool_calls: toolCalls.map((c, i) => ({ id: `call_${n}_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } })),
			}
		: { role: 'assistant', content: text };
	return {
		id: `chatcmpl-scripted-${n}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: toolCalls ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

// The same answer as server-sent events, for a client that asks for a stream.
function streamChunks(body) {
	const { id, created, model } = body;
	const { message, finish_reason } = body.choices[0];
	const chunk = (delta, finish = null) => ({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] });
	const chunks = [chunk({ role: 'assistant', content: message.content ?? '' })];
	(message.tool_calls || []).forEach((call, index) => chunks.push(chunk({ tool_calls: [{ index, ...call }] })));
	chunks.push(chunk({}, finish_reason));
	return chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
}

/**
 * scripts: { [scenario]: ({ messages, tools, results, turn }) => ({ toolCalls: [{name, args}] } | { text }) }
 * Returns { url (the base URL for the openAiApi credential), requests, close }.
 */
function startModelServer(scripts) {
	const requests = [];
	let n = 0;
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (d) => (raw += d));
		req.on('end', () => {
			const send = (status, json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (req.method === 'GET' && req.url.endsWith('/models')) return send(200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] });
			if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) return send(404, { error: { message: `scripted server: no ${req.method} ${req.url}` } });
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				return send(400, { error: { message: 'scripted server: body is not JSON' } });
			}
			const messages = body.messages || [];
			const scenario = (SCENARIO.exec(userText(messages)) || [])[1];
			const record = { scenario, body, authorization: Boolean(req.headers.authorization), at: Date.now() };
			requests.push(record);
			const script = scripts[scenario];
			if (!script) return send(400, { error: { message: `scripted server: unknown scenario ${scenario}` } });
			let answer;
			try {
				const turn = requests.filter((r) => r.scenario === scenario).length - 1;
				answer = script({ messages, tools: body.tools || [], results: toolResults(messages), turn });
			} catch (err) {
				answer = { text: `scripted model failed: ${err.message}` };
			}
			record.answer = answer;
			const out = completion(body.model || 'gpt-4o-mini', answer, ++n);
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				return res.end(streamChunks(out));
			}
			send(200, out);
		});
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({ url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((r) => server.close(r)) });
		});
	});
}

module.exports = { startModelServer, toolResults };
