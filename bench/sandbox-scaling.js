// Sandbox scaling, measured side by side in one run: start-up time and the cost of reading the
// first vs. the last page of E13, for 1,000 / 10,000 / 100,000 seeded people. Prints ratios
// against the smallest size, so the figures compare within this machine and this moment.
// Run: node bench/sandbox-scaling.js
const http = require('node:http');
const { startSandbox } = require('../sandbox/server');

function get(url, token) {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		http
			.get(url, { headers: { 'X-Leeloo-AuthToken': token } }, (res) => {
				res.resume();
				res.on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
			})
			.on('error', reject);
	});
}

async function measure(people) {
	const started = process.hrtime.bigint();
	const sandbox = await startSandbox({ people });
	const startMs = Number(process.hrtime.bigint() - started) / 1e6;
	try {
		const firstPage = await get(`${sandbox.baseUrl}/people?limit=100&offset=0`, sandbox.token);
		const lastPage = await get(`${sandbox.baseUrl}/people?limit=100&offset=${people - 100}`, sandbox.token);
		return { people, startMs, firstPage, lastPage };
	} finally {
		await sandbox.close();
	}
}

(async () => {
	const rows = [];
	for (const people of [1000, 10000, 100000]) rows.push(await measure(people));
	const base = rows[0];
	console.log('people   start ms  ×1k-start  start/person µs  first page ms  last page ms');
	for (const r of rows) {
		console.log(
			`${String(r.people).padStart(7)}  ${r.startMs.toFixed(0).padStart(8)}  ${(r.startMs / base.startMs).toFixed(1).padStart(9)}` +
				`  ${((r.startMs * 1000) / r.people).toFixed(1).padStart(15)}  ${r.firstPage.toFixed(1).padStart(13)}  ${r.lastPage.toFixed(1).padStart(12)}`,
		);
	}
})();
