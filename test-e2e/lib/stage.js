'use strict';
// The one way the e2e scripts set up and tear down what they test against: the packed package
// installed into a real n8n in a fresh user folder, a credential pointing at a fresh sandbox, and
// a recorder for what workflows post. Everything is stopped and removed again, also on failure;
// Ctrl-C and SIGTERM end the process through process.exit, whose handlers remove the folders.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureN8n } = require('../../scripts/n8n-harness/n8n-install');
const { N8n, buildAndPack, installPackage, freePort } = require('../../scripts/n8n-harness/n8n-runtime');
const { log, httpRequest } = require('../../scripts/n8n-harness/proc');
const { startSandbox } = require('../../sandbox/server');
const { CREDENTIAL } = require('../workflows');
const { printSummary } = require('./report');
const { startRecorder } = require('./http-taps');

/** One call to the sandbox's /__admin API; throws unless it answered 200. */
async function admin(sandbox, method, p, body) {
	const res = await httpRequest(`${sandbox.adminUrl}${p}`, { method, body, timeoutMs: 120000 });
	if (res.status !== 200) throw new Error(`sandbox admin ${method} ${p}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
	return res.json;
}

/** The n8n lines to run (env `name`, e.g. E2E_LINES=1,2; default both). */
function linesFrom(name, fallback = '1,2') {
	return (process.env[name] || fallback)
		.split(',')
		.map((s) => Number(s.trim()))
		.filter(Boolean);
}

/** A temporary folder removed at exit (unless E2E_KEEP=1). */
function tempFolder(prefix) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	if (process.env.E2E_KEEP !== '1') process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
	return folder;
}

/**
 * Installs n8n of `line` (cached), starts a sandbox (`sandbox` options, or a function of the n8n
 * port returning them) and a recorder, installs the package `tgz` into a fresh user folder and
 * imports the sandbox credential; then `body({ install, n8n, sandbox, recorder, userFolder })`.
 * n8n is not started: the body imports its workflows and starts it. Stops everything afterwards.
 */
async function withStage({ line, tgz, sandbox: sandboxOptions = {}, extraEnv = {}, prefix = 'leeloo-e2e-' }, body) {
	const install = await ensureN8n({ line, update: process.env.N8N_UPDATE === '1' });
	const port = await freePort();
	const sandbox = await startSandbox(typeof sandboxOptions === 'function' ? sandboxOptions(port) : sandboxOptions);
	let recorder;
	let n8n;
	try {
		recorder = await startRecorder();
		const userFolder = tempFolder(`${prefix}n8n${line}-`);
		n8n = new N8n(install, userFolder, { port, extraEnv: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv } });
		await installPackage(userFolder, tgz);
		await n8n.importCredentials([{ ...CREDENTIAL, type: 'leelooApi', data: { apiToken: sandbox.token, baseUrl: sandbox.baseUrl } }]);
		return await body({ install, n8n, sandbox, recorder, userFolder });
	} finally {
		await n8n?.stop();
		await recorder?.close();
		await sandbox.close();
	}
}

/**
 * The frame of an e2e script: builds and packs the package once, runs `runLine(line, tgz)` for
 * each line (each returns { label, results, timings }), prints the summary table and exits 0 or 1.
 */
async function runScript({ name, lines, checks, runLine, summary = {} }) {
	process.on('SIGINT', () => process.exit(130));
	process.on('SIGTERM', () => process.exit(143));
	const started = Date.now();
	try {
		const tgz = await buildAndPack();
		const runs = [];
		for (const line of lines) runs.push(await runLine(line, tgz));
		const failures = printSummary(checks, runs, summary);
		log(`${name} finished in ${Math.round((Date.now() - started) / 1000)} s`);
		process.exit(failures ? 1 : 0);
	} catch (err) {
		console.error(err.stack || err.message);
		process.exit(1);
	}
}

module.exports = { withStage, runScript, linesFrom, tempFolder, admin };
