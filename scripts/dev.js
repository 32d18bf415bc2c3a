#!/usr/bin/env node
'use strict';
// npm run dev — a real n8n with this package loaded the way n8n loads a community package,
// a "Leeloo sandbox" credential and the example workflows, on http://127.0.0.1:5678.
//
//   1. builds and packs the package          4. installs the package into the dev user folder
//   2. starts the sandbox (unless a token)   5. imports the credential and examples/*.json,
//   3. installs n8n into .cache on first use    activates the webhook example (sandbox only)
//                                            6. starts n8n, sets up the login, prints the URL
// The sandbox sends its webhooks to the webhook example's production URL in that n8n.
// Ctrl-C stops n8n and the sandbox.
//
// Env: N8N_LINE=1|2 (default 1) · N8N_VERSION=x.y.z · N8N_UPDATE=1 · N8N_PORT (5678) ·
// SANDBOX_PORT (5690) · SANDBOX_PEOPLE (200) · LEELOO_API_TOKEN [+ LEELOO_BASE_URL] (real Leeloo
// instead of the sandbox) · N8N_DEV_EMAIL / N8N_DEV_PASSWORD (the login) · N8N_DEV_FOLDER.
// `--smoke`: also runs the manual examples with `n8n execute`, checks the running n8n, then stops.
// Sandbox flags (see `npm run sandbox -- --help`): --rate-limit <n/s> · --rate-burst <n> · --latency-ms <ms>.
const fs = require('fs');
const path = require('path');
const { ensureN8n, CACHE, REPO } = require('./n8n-harness/n8n-install');
const { N8n, buildAndPack, installPackage, freePort, PACKAGE_NAME } = require('./n8n-harness/n8n-runtime');
const { log, httpRequest, waitFor } = require('./n8n-harness/proc');
const { EXAMPLE_CREDENTIAL: CREDENTIAL, readExamples, runExamples, webhookExample, answersInstantly } = require('./n8n-harness/examples');

const DEFAULT_BASE_URL = 'https://api.leeloo.ai/api/v2';
const WEBHOOK_TRIGGER = `${PACKAGE_NAME}.leelooWebhookTrigger`;

const SANDBOX_FLAGS = { 'rate-limit': 'rateLimit', 'rate-burst': 'rateBurst', 'latency-ms': 'latencyMs' };

/** The sandbox flags passed through to startSandbox(); any other flag but --smoke is refused. */
function sandboxOptions(argv) {
	const options = {};
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--smoke') continue;
		const [flag, inline] = argv[i].startsWith('--') ? argv[i].slice(2).split(/=(.*)/s) : [];
		if (!(flag in SANDBOX_FLAGS)) throw new Error(`unknown option ${argv[i]} (known: --smoke, ${Object.keys(SANDBOX_FLAGS).map((f) => `--${f} <n>`).join(', ')})`);
		const value = Number(inline ?? argv[++i]);
		if (!Number.isInteger(value)) throw new Error(`option --${flag} takes an integer`);
		options[SANDBOX_FLAGS[flag]] = value;
	}
	return options;
}

function settings(argv) {
	const line = Number(process.env.N8N_LINE || 1);
	return {
		smoke: argv.includes('--smoke'),
		sandbox: sandboxOptions(argv),
		line,
		version: process.env.N8N_VERSION || undefined,
		update: process.env.N8N_UPDATE === '1',
		port: Number(process.env.N8N_PORT || 5678),
		sandboxPort: Number(process.env.SANDBOX_PORT || 5690),
		people: Number(process.env.SANDBOX_PEOPLE || 200),
		token: process.env.LEELOO_API_TOKEN || '',
		baseUrl: process.env.LEELOO_BASE_URL || DEFAULT_BASE_URL,
		email: process.env.N8N_DEV_EMAIL || 'dev@example.com',
		password: process.env.N8N_DEV_PASSWORD || 'LeelooDev1',
		userFolder: path.resolve(process.env.N8N_DEV_FOLDER || path.join(CACHE, 'dev', `n8n-${line}.x`)),
	};
}

async function portIsFree(port) {
	const net = require('net');
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

async function main() {
	const s = settings(process.argv.slice(2));
	const started = Date.now();
	const cleanups = [];
	let stopping = false;
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		log('stopping…');
		for (const fn of cleanups.reverse()) {
			try {
				await fn();
			} catch (err) {
				console.error(err.message);
			}
		}
		process.exit(code);
	};
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));

	if (!(await portIsFree(s.port))) throw new Error(`port ${s.port} on 127.0.0.1 is taken (another n8n?). Stop it or set N8N_PORT.`);

	const tgz = await buildAndPack();
	const examples = readExamples();
	const hook = webhookExample(examples, s.port);

	// The API the credential points at: the sandbox, or the real Leeloo when a token is given.
	let api;
	if (s.token) {
		api = { token: s.token, baseUrl: s.baseUrl, name: 'Leeloo', real: true };
		log(`using the real Leeloo API at ${s.baseUrl} (LEELOO_API_TOKEN is set; no sandbox)`);
	} else {
		const { startSandbox } = require('../sandbox/server');
		const port = (await portIsFree(s.sandboxPort)) ? s.sandboxPort : 0;
		const sandbox = await startSandbox({ port, people: s.people, seed: 1, ...s.sandbox, webhookUrl: hook?.url ?? null });
		cleanups.push(() => sandbox.close());
		api = { token: sandbox.token, baseUrl: sandbox.baseUrl, adminUrl: sandbox.adminUrl, name: CREDENTIAL.name, sandbox, hook };
		const extras = [s.sandbox.rateLimit && `${s.sandbox.rateLimit} requests/s`, s.sandbox.latencyMs && `${s.sandbox.latencyMs} ms latency`].filter(Boolean);
		log(`sandbox on ${sandbox.baseUrl} (token ${sandbox.token}, ${s.people} people${extras.map((e) => `, ${e}`).join('')})`);
		if (hook) log(`sandbox webhooks → ${hook.url}`);
	}

	const install = await ensureN8n({ line: s.line, version: s.version, update: s.update });
	fs.mkdirSync(s.userFolder, { recursive: true });
	await installPackage(s.userFolder, tgz);
	log(`${PACKAGE_NAME} installed into ${path.relative(REPO, s.userFolder)}/.n8n/nodes/node_modules/${PACKAGE_NAME}`);

	const n8n = new N8n(install, s.userFolder, { port: s.port, extraEnv: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
	cleanups.push(() => n8n.stop());
	log('importing the credential and the example workflows…');
	await n8n.importCredentials([{ ...CREDENTIAL, name: api.name, type: 'leelooApi', data: { apiToken: api.token, baseUrl: api.baseUrl } }]);
	await n8n.importWorkflows(examples);
	// Importing deactivates every workflow; the webhook example answers only while active.
	if (api.sandbox && hook) {
		log(`activating "${hook.workflow.name}"…`);
		await n8n.activate(hook.workflow.id);
	}

	const smokeProblems = [];
	if (s.smoke) {
		if (api.real) log('--smoke: not executing the examples against the real Leeloo (they send messages and create orders)');
		else for (const outcome of await runExamples(n8n, examples)) smokeProblems.push(...outcome.problems);
	}

	log(`starting n8n ${install.version}…`);
	await n8n.start();
	await waitFor(async () => (await httpRequest(`${n8n.url}/rest/settings`, { timeoutMs: 5000 })).status === 200, {
		timeoutMs: 180000,
		intervalMs: 500,
		what: 'the n8n editor',
	});
	const auth = await n8n.login(s);
	if (!auth.ok) auth.detail += '; set N8N_DEV_EMAIL/N8N_DEV_PASSWORD to the login of this user folder, or delete it';
	if (!auth.ok) smokeProblems.push(auth.detail);
	let types = [];
	if (auth.ok) {
		const res = await httpRequest(`${n8n.url}/types/nodes.json`, { headers: { cookie: auth.cookie }, timeoutMs: 30000 });
		types = Array.isArray(res.json) ? res.json.map((t) => t.name) : [];
		for (const type of [`${PACKAGE_NAME}.leeloo`, `${PACKAGE_NAME}.leelooTrigger`, WEBHOOK_TRIGGER]) {
			if (!types.includes(type)) smokeProblems.push(`n8n does not know the node type ${type}`);
		}
	}

	if (s.smoke && api.sandbox && hook) smokeProblems.push(...(await answersInstantly(api.adminUrl, hook.url)));

	banner(s, install, n8n, api, examples, auth, started);
	if (smokeProblems.length) log(`problems:\n  ${smokeProblems.join('\n  ')}`);

	if (s.smoke) {
		log(smokeProblems.length ? 'smoke check FAILED' : 'smoke check passed');
		return stopAll(smokeProblems.length ? 1 : 0);
	}
	// Stream n8n's log from here on; if n8n dies, stop the rest too.
	n8n.child.stdout.on('data', (d) => process.stdout.write(d));
	n8n.child.stderr.on('data', (d) => process.stderr.write(d));
	n8n.exitPromise.then(() => {
		if (!stopping) {
			log('n8n exited');
			stopAll(1);
		}
	});
}

function banner(s, install, n8n, api, examples, auth, started) {
	const lines = [
		'',
		'='.repeat(78),
		`  n8n ${install.version} with ${PACKAGE_NAME} is running (ready in ${Math.round((Date.now() - started) / 1000)} s)`,
		'',
		`  Open:        ${n8n.url}`,
		auth.ok ? `  Log in:      ${s.email} / ${s.password}${auth.created ? ' (owner created now)' : ''}` : '  Log in:      (see the problem below)',
		`  Credential:  "${api.name}" → ${api.baseUrl}`,
		`  Workflows:   ${examples.map((w) => `"${w.name}"`).join('\n               ')}`,
	];
	if (api.sandbox) {
		lines.push(
			'',
			`  Sandbox:     ${api.baseUrl}  (token ${api.token})`,
			'  New message: ' + `curl -X POST ${api.adminUrl}/messages -H 'content-type: application/json' -d '{"text":"Hi!"}'`,
			...(api.hook
				? [
						`               "${api.hook.workflow.name}" (active) answers it within a second:`,
						`               curl ${api.adminUrl}/sends   (webhook deliveries: curl ${api.adminUrl}/webhooks)`,
						`  Webhooks:    sandbox → ${api.hook.url}`,
					]
				: []),
			'  New order:   ' + `curl -X POST ${api.adminUrl}/orders -H 'content-type: application/json' -d '{"price":42}'`,
			`  Requests:    curl ${api.adminUrl}/requests`,
			'  Faults:      ' + `curl -X POST ${api.adminUrl}/fault -H 'content-type: application/json' -d '{"mode":"processedThen502","count":1}'`,
			`  Stats:       curl ${api.adminUrl}/stats   (more: npm run sandbox -- --help)`,
		);
	}
	lines.push('', `  Data: ${path.relative(REPO, s.userFolder)} (delete it to start over)   Stop: Ctrl-C`, '='.repeat(78), '');
	console.log(lines.join('\n'));
}

main().catch((err) => {
	console.error(`npm run dev failed: ${err.message}`);
	process.exit(1);
});
