'use strict';
// The floor for the benchmark: the same requests from a plain Node loop over one keep-alive
// agent, no n8n. Reads {mode, baseUrl, token, items?, concurrency?, pageSize?} as JSON on stdin,
// prints {ms, items, errors} as JSON. Started by bench/run.js with the Node binary of the n8n it
// compares against.
//   send: E05 per item, at most `concurrency` requests at once, one channel's items one after
//         another in item order (the same guarantee the node must give).
//   list: E13 page after page (limit pageSize, offset += pageSize) until totalCount, sequential.
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call(method, url, token, body) {
	const payload = body === undefined ? undefined : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method,
				agent,
				timeout: 30000,
				headers: { 'X-Leeloo-AuthToken': token, ...(payload && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					if (res.statusCode !== 200 || json.status !== 1) reject(new Error(`HTTP ${res.statusCode}`));
					else resolve(json);
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
		req.end(payload);
	});
}

/** Runs fn() with at most n running at once, in the order asked. */
function limiter(n) {
	let running = 0;
	const waiting = [];
	const next = () => {
		if (running >= n || !waiting.length) return;
		running += 1;
		const { fn, resolve, reject } = waiting.shift();
		fn()
			.then(resolve, reject)
			.finally(() => {
				running -= 1;
				next();
			});
	};
	return (fn) =>
		new Promise((resolve, reject) => {
			waiting.push({ fn, resolve, reject });
			next();
		});
}

async function send({ baseUrl, token, items, concurrency }) {
	const slot = limiter(concurrency);
	const tails = new Map();
	let errors = 0;
	const done = items.map((item) => {
		const previous = tails.get(item.accountId) ?? Promise.resolve();
		const mine = previous.then(() =>
			slot(() => call('POST', `${baseUrl}/messages/send-message`, token, { account_id: item.accountId, text: item.text })).catch(() => {
				errors += 1;
			}),
		);
		tails.set(item.accountId, mine);
		return mine;
	});
	await Promise.all(done);
	return { items: items.length - errors, errors };
}

async function list({ baseUrl, token, pageSize }) {
	const people = [];
	for (let offset = 0; ; offset += pageSize) {
		const { data, meta } = await call('GET', `${baseUrl}/people?limit=${pageSize}&offset=${offset}`, token);
		people.push(...data);
		if (!data.length || meta.offset + meta.filteredCount >= meta.totalCount) break;
	}
	return { items: people.length, errors: 0 };
}

async function main() {
	const chunks = [];
	for await (const chunk of process.stdin) chunks.push(chunk);
	const task = JSON.parse(Buffer.concat(chunks).toString('utf8'));
	const started = process.hrtime.bigint();
	const result = task.mode === 'send' ? await send(task) : await list(task);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	agent.destroy();
	process.stdout.write(JSON.stringify({ ms, ...result }));
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
