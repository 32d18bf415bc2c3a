'use strict';
// One n8n queue-mode deployment for the e2e: a main instance (`n8n start`, EXECUTIONS_MODE=queue),
// workers (`n8n worker`) and a webhook process (`n8n webhook`), each with its own N8N_USER_FOLDER
// and its own copy of the packed package in <folder>/.n8n/nodes (what a user installs on every
// instance: nothing syncs them), all sharing one Postgres database, one Redis and one encryption
// key. Each role has its own port; the webhook process is started only when a test needs it.
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { N8n, installPackage, freePort } = require('../../scripts/n8n-harness/n8n-runtime');
const { killGroup, sleep } = require('../../scripts/n8n-harness/proc');

// Shorter than n8n's defaults (lock 60 s, renewed every 10 s, stalled check every 30 s) so that
// a killed worker's job is noticed within seconds; the code paths are the same.
const LOCKS = { QUEUE_WORKER_LOCK_DURATION: '15000', QUEUE_WORKER_LOCK_RENEW_TIME: '5000', QUEUE_WORKER_STALLED_INTERVAL: '5000' };
// One execution at a time per worker: two executions started together run on different workers.
const WORKER_CONCURRENCY = 1;

class QueueCluster {
	/** services: { pg, redis }; database: a fresh Postgres database; redisDb: a Redis db index. */
	constructor({ install, pg, redis, database, redisDb, workers = 2, keep = false }) {
		this.install = install;
		this.pg = pg;
		this.database = database;
		this.keep = keep;
		this.root = fs.mkdtempSync(path.join(os.tmpdir(), `leeloo-queue-n8n${install.line}-`));
		if (!keep) process.on('exit', () => fs.rmSync(this.root, { recursive: true, force: true }));
		this.shared = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: pg.host,
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: pg.user,
			DB_POSTGRESDB_PASSWORD: pg.password,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_REDIS_DB: String(redisDb),
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			...LOCKS,
		};
		this.roles = ['main', ...Array.from({ length: workers }, (_, i) => `worker ${i + 1}`), 'webhook'];
		this.folders = Object.fromEntries(this.roles.map((role) => [role, path.join(this.root, role.replace(' ', ''))]));
		this.procs = {};
		// Every pid a role ever had (a restart gets a new one), and the output of past processes.
		this.pids = new Map();
		this.pastOutput = Object.fromEntries(this.roles.map((role) => [role, '']));
	}

	get workerRoles() {
		return this.roles.filter((role) => role.startsWith('worker'));
	}

	/** Settings for every process started from now on (n8n reads them at boot). */
	setEnv(extra) {
		Object.assign(this.shared, extra);
	}

	get main() {
		return this.procs.main;
	}

	/** The package into every instance's own folder, in parallel. */
	async installEverywhere(tgz) {
		for (const folder of Object.values(this.folders)) fs.mkdirSync(folder, { recursive: true });
		return Promise.all(this.roles.map((role) => installPackage(this.folders[role], tgz)));
	}

	/** A fresh N8n handle for a role (new ports each time: a killed process may leave one behind). */
	async handle(role) {
		const port = await freePort();
		const extra = { ...this.shared, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		if (this.workerRoles.includes(role)) Object.assign(extra, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) });
		return new N8n(this.install, this.folders[role], { port, extraEnv: extra, logPrefix: `[${role}] ` });
	}

	/** The main instance's CLI (import, activate): it works on the shared database. */
	async cli() {
		if (!this.cliHandle) this.cliHandle = await this.handle('main');
		return this.cliHandle;
	}

	async start(role) {
		const n8n = await this.handle(role);
		const command = role === 'main' ? ['start'] : role === 'webhook' ? ['webhook'] : ['worker', `--concurrency=${WORKER_CONCURRENCY}`];
		await n8n.start({ command });
		this.procs[role] = n8n;
		this.pids.set(n8n.child.pid, role);
		return n8n;
	}

	async stop(role) {
		const n8n = this.procs[role];
		if (!n8n) return;
		delete this.procs[role];
		await n8n.stop();
		this.pastOutput[role] += n8n.output || '';
	}

	/** SIGKILL to the whole process group (the instance and its task runner): a crash. */
	async kill(role) {
		const n8n = this.procs[role];
		delete this.procs[role];
		const child = n8n.child;
		n8n.child = null;
		killGroup(child.pid, 'SIGKILL');
		await Promise.race([n8n.exitPromise, sleep(10000)]);
		this.pastOutput[role] += n8n.output || '';
	}

	async restart(role) {
		await this.stop(role);
		return this.start(role);
	}

	async stopAll() {
		await Promise.all(Object.keys(this.procs).map((role) => this.stop(role)));
	}

	/** Everything a role printed, across restarts. */
	output(role) {
		return this.pastOutput[role] + (this.procs[role]?.output || '');
	}

	/** execution id → the worker that logged "Worker started execution <id>", in order. */
	startedBy() {
		const map = new Map();
		for (const role of this.workerRoles) {
			for (const m of this.output(role).matchAll(/Worker started execution (\d+)/g)) {
				const id = m[1];
				if (!map.has(id)) map.set(id, []);
				map.get(id).push(role);
			}
		}
		return map;
	}

	query(sql, vars) {
		return this.pg.query(sql, { database: this.database, vars });
	}

	/** Saved executions of a workflow (no data). */
	executions(workflowId) {
		return this.query(
			`SELECT id::text AS id, status, mode, finished, round(extract(epoch FROM ("stoppedAt" - "startedAt")) * 1000) AS ms FROM execution_entity WHERE "workflowId" = :'wf' ORDER BY id`,
			{ wf: workflowId },
		);
	}

	/** The run data n8n saved for an execution (stored in the "flatted" format). */
	async executionData(id) {
		const [row] = await this.query(`SELECT data FROM execution_data WHERE "executionId" = :'id'`, { id });
		if (!row) return undefined;
		const flatted = require(require.resolve('flatted', { paths: [this.install.dir] }));
		return flatted.parse(row.data);
	}

	async staticData(workflowId) {
		const [row] = await this.query(`SELECT "staticData" AS s FROM workflow_entity WHERE id = :'wf'`, { wf: workflowId });
		const value = row?.s;
		return typeof value === 'string' ? JSON.parse(value) : value || {};
	}

	cleanup() {
		if (!this.keep) fs.rmSync(this.root, { recursive: true, force: true });
	}
}

module.exports = { QueueCluster, LOCKS, WORKER_CONCURRENCY };
