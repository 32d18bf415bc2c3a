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

const keep = () => process.env.E2E_KEEP === '1';

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
	if (!keep()) process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
	return folder;
}

/**
 * The cached n8n of `line` (N8N_UPDATE=1 looks for a newer one). A failed install throws an error
 * marked `notInstalled`, which abortChecks reports as such.
 */
async function installLine(line) {
	let install;
	try {
		install = await ensureN8n({ line, update: process.env.N8N_UPDATE === '1' });
	} catch (err) {
		throw Object.assign(new Error(`n8n ${line}.x did not install: ${err.message}`), { notInstalled: true });
	}
	log(`=== n8n ${install.version} (Node ${install.node.version}) ===`);
	return install;
}

/**
 * Takes `install` (or installs n8n of `line`), starts a sandbox (`sandbox` options, or a function
 * of the n8n port returning them) and a recorder, installs the package `tgz` into a fresh user
 * folder and imports the sandbox credential plus those `credentials(stage)` returns; then
 * `body(stage)` with stage = { install, installedAt, n8n, sandbox, recorder, userFolder }.
 * n8n is not started: the body imports its workflows and starts it. `extraEnv` and `logPrefix`
 * go to n8n. Stops everything afterwards and removes the user folder; E2E_KEEP=1 keeps it, with
 * n8n's last output in n8n-output.log.
 */
async function withStage(
	{ line, install, tgz, sandbox: sandboxOptions = {}, credentials = () => [], extraEnv = {}, logPrefix, prefix = 'leeloo-e2e-' },
	body,
) {
	install = install ?? (await installLine(line));
	const installedAt = Date.now();
	const port = await freePort();
	const sandbox = await startSandbox(typeof sandboxOptions === 'function' ? sandboxOptions(port) : sandboxOptions);
	let recorder;
	let n8n;
	let userFolder;
	try {
		recorder = await startRecorder();
		userFolder = tempFolder(`${prefix}n8n${install.line}-`);
		n8n = new N8n(install, userFolder, { port, logPrefix, extraEnv: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv } });
		const stage = { install, installedAt, n8n, sandbox, recorder, userFolder };
		await installPackage(userFolder, tgz);
		await n8n.importCredentials([
			{ ...CREDENTIAL, type: 'leelooApi', data: { apiToken: sandbox.token, baseUrl: sandbox.baseUrl } },
			...(await credentials(stage)),
		]);
		return await body(stage);
	} finally {
		await n8n?.stop();
		await recorder?.close();
		await sandbox.close();
		if (userFolder && keep()) {
			fs.writeFileSync(path.join(userFolder, 'n8n-output.log'), n8n?.output || '');
			log(`kept ${userFolder}`);
		} else if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/**
 * Fails every check not passed yet with why the run stopped: n8n did not install, or the run
 * aborted (its first line); `more(check)` may add detail to a check.
 */
function abortChecks(results, checks, err, more = () => '') {
	const first = err.message.split('\n')[0];
	const why = err.notInstalled ? first : `run aborted: ${first}`;
	for (const [check] of checks) if (results.get(check).ok !== true) results.fail(check, `${why}${more(check)}`);
}

/**
 * The frame of an e2e script: builds and packs the package once, runs `runLine(line, tgz)` for
 * each line, prints the summary and exits 0 or 1. The summary is the table of `checks` × runs
 * (each run { label, results, timings }), or what `report(runs)` prints (it returns the number of
 * failures). `limitMs` bounds the whole script.
 */
async function runScript({ name, lines, checks, runLine, summary = {}, report, limitMs }) {
	process.on('SIGINT', () => process.exit(130));
	process.on('SIGTERM', () => process.exit(143));
	if (limitMs) {
		setTimeout(() => {
			console.error(`${name} exceeded ${limitMs / 60000} minutes; stopping`);
			process.exit(1);
		}, limitMs).unref();
	}
	const started = Date.now();
	try {
		const tgz = await buildAndPack();
		const runs = [];
		for (const line of lines) runs.push(await runLine(line, tgz));
		const failures = report ? report(runs) : printSummary(checks, runs, summary);
		log(`${name} finished in ${Math.round((Date.now() - started) / 1000)} s`);
		process.exit(failures ? 1 : 0);
	} catch (err) {
		console.error(err.stack || err.message);
		process.exit(1);
	}
}

module.exports = { withStage, runScript, installLine, abortChecks, linesFrom, tempFolder, admin };
