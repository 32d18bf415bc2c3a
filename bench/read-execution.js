'use strict';
// Reads the newest saved execution of a workflow from n8n's SQLite database and prints, per node
// asked for, only what the benchmark needs: {startTime, executionTime, error, items, errorItems,
// distinct ids}. (`n8n execute` prints the whole run data, megabytes for 10,000 people, and its
// output can end cut off.) Run with the Node binary of that n8n: node read-execution.js, JSON
// {db, n8nDir, workflowId, nodes} on stdin.
const { createRequire } = require('node:module');
const path = require('node:path');

async function main() {
	const chunks = [];
	for await (const chunk of process.stdin) chunks.push(chunk);
	const { db: file, n8nDir, workflowId, nodes } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
	const fromN8n = createRequire(path.join(n8nDir, 'package.json'));
	const sqlite3 = fromN8n('sqlite3');
	const { parse } = createRequire(fromN8n.resolve('n8n-workflow'))('flatted');
	const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
	const row = await new Promise((resolve, reject) =>
		db.get(
			'SELECT e.id, e.status, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1',
			[workflowId],
			(error, found) => (error ? reject(error) : resolve(found)),
		),
	);
	db.close();
	if (!row) throw new Error(`no saved execution of workflow ${workflowId}`);
	const runData = parse(row.data).resultData?.runData ?? {};
	const summary = {};
	for (const name of nodes) {
		const task = runData[name]?.[0];
		if (!task) continue;
		const items = task.data?.main?.[0] ?? [];
		summary[name] = {
			startTime: task.startTime,
			executionTime: task.executionTime,
			error: task.error ? String(task.error.message ?? task.error) : undefined,
			items: items.length,
			errorItems: items.filter((item) => item.json?.error !== undefined).length,
			distinct: new Set(items.map((item) => item.json?.id)).size,
		};
	}
	process.stdout.write(JSON.stringify({ id: row.id, status: row.status, nodes: summary }));
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
