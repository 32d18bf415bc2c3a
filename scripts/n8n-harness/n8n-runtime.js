'use strict';
// Drives a cached n8n (see n8n-install.js) in one user folder: installs this package the way
// n8n installs a community package, imports credentials/workflows, runs `execute`, starts and
// stops `n8n start`, and reads n8n's SQLite database.
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { log, track, run, mustRun, killGroup, httpRequest, waitFor, sleep } = require('./proc');
const { npm, cleanEnv, REPO } = require('./n8n-install');

const PACKAGE_NAME = require(path.join(REPO, 'package.json')).name;

/** Builds the package (tsc + icons) and packs it; returns the .tgz path. */
async function buildAndPack({ quiet = false } = {}) {
	const started = Date.now();
	log('building the package (npm run build)…');
	const build = await npm(['run', 'build', '--silent'], { cwd: REPO, timeoutMs: 10 * 60 * 1000 });
	if (build.code !== 0) throw new Error(`npm run build failed:\n${(build.stdout + build.stderr).trim().split('\n').slice(-40).join('\n')}`);
	// A folder of this process's own, so that a dev run and an e2e run never share a tarball.
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'leeloo-pack-'));
	process.on('exit', () => fs.rmSync(dest, { recursive: true, force: true }));
	const packed = await npm(['pack', '--pack-destination', dest, '--json', '--ignore-scripts'], { cwd: REPO, timeoutMs: 120000 });
	if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr.trim().split('\n').slice(-20).join('\n')}`);
	const info = JSON.parse(packed.stdout)[0];
	const tgz = path.join(dest, info.filename);
	if (!quiet) log(`packed ${info.filename} (${info.entryCount} files, ${Math.round(info.size / 1024)} kB) in ${Math.round((Date.now() - started) / 1000)} s`);
	return tgz;
}

/**
 * Installs the packed package into <userFolder>/.n8n/nodes/node_modules/<name>, where n8n looks
 * for community packages at boot (the same folder its community-package installer uses).
 */
async function installPackage(userFolder, tgz) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgFile = path.join(nodesDir, 'package.json');
	const pkg = fs.existsSync(pkgFile) ? JSON.parse(fs.readFileSync(pkgFile, 'utf8')) : { name: 'installed-nodes', private: true, dependencies: {} };
	pkg.dependencies = { ...(pkg.dependencies || {}), [PACKAGE_NAME]: `file:${tgz}` };
	fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
	// Always a fresh copy of this build, whatever npm thinks of the version number.
	fs.rmSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
	// n8n-workflow is a peer dependency that n8n itself provides: do not fetch a second copy.
	const res = await npm(['install', '--ignore-scripts', '--legacy-peer-deps', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error', '--no-package-lock'], {
		cwd: nodesDir,
		timeoutMs: 5 * 60 * 1000,
	});
	if (res.code !== 0) throw new Error(`installing ${path.basename(tgz)} into ${nodesDir} failed:\n${res.stderr.slice(-3000)}`);
	const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
	if (!fs.existsSync(installed)) throw new Error(`${installed} missing after npm install`);
	return path.dirname(installed);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Environment for every n8n command of one user folder (`version`: the n8n version it runs). */
function n8nEnv({ userFolder, port = 5678, timezone, version = '', extra = {} }) {
	return cleanEnv({
		N8N_USER_FOLDER: userFolder,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		// The login cookie must work over plain http on 127.0.0.1.
		N8N_SECURE_COOKIE: 'false',
		// Nothing here may call home (the network is closed anyway; this keeps boots quick and quiet).
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		// n8n's vetted community-node list (api.n8n.io), fetched when the editor lists node types.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// n8n 2.x fetches the MCP server registry (api.n8n.io) at boot; 1.x has no such module and
		// refuses to start when told to disable an unknown one.
		...(Number(version.split('.')[0]) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		DB_SQLITE_POOL_SIZE: '2',
		...(timezone ? { GENERIC_TIMEZONE: timezone } : {}),
		...extra,
	});
}

class N8n {
	/** install: from ensureN8n(); userFolder: N8N_USER_FOLDER (n8n keeps its data in <it>/.n8n). */
	constructor(install, userFolder, { port = 5678, timezone, extraEnv, logPrefix } = {}) {
		this.install = install;
		this.userFolder = userFolder;
		this.port = port;
		this.env = n8nEnv({ userFolder, port, timezone, version: install.version, extra: extraEnv });
		this.logPrefix = logPrefix || `[n8n ${install.version}] `;
		this.boots = 0;
		this.bootSeconds = 0;
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Runs one n8n CLI command (each one boots n8n). */
	async cli(args, { timeoutMs = 5 * 60 * 1000, echo = false, allowFail = false } = {}) {
		const started = Date.now();
		this.boots += 1;
		const res = await run(this.install.node.bin, [this.install.n8nBin, ...args], {
			env: this.env,
			cwd: this.userFolder,
			timeoutMs,
			echo,
			prefix: this.logPrefix,
		});
		this.bootSeconds += (Date.now() - started) / 1000;
		if (res.code !== 0 && !allowFail) {
			const tail = (res.stdout + '\n' + res.stderr).trim().split('\n').slice(-40).join('\n');
			throw new Error(`n8n ${args.join(' ')} failed (exit ${res.code}):\n${tail}`);
		}
		return res;
	}

	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'import-credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Imports workflows (array of workflow objects) in one boot. */
	async importWorkflows(workflows) {
		const dir = path.join(this.userFolder, 'import-workflows');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		workflows.forEach((wf, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}.json`), JSON.stringify(wf, null, 2)));
		try {
			await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}

	/** Marks a workflow active so that `n8n start` activates it (2.x calls this publishing). */
	async activate(workflowId) {
		if (this.install.line >= 2 && fs.existsSync(path.join(path.dirname(this.install.n8nBin), '..', 'dist', 'commands', 'publish', 'workflow.js'))) {
			await this.cli(['publish:workflow', `--id=${workflowId}`]);
		} else {
			await this.cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
		}
	}

	/** `n8n execute --id`: returns the IRun object (resultData.runData per node). */
	async execute(workflowId) {
		const res = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { allowFail: true, timeoutMs: 10 * 60 * 1000 });
		const run = extractJson(res.stdout);
		if (!run) {
			const tail = (res.stdout + '\n' + res.stderr).trim().split('\n').slice(-60).join('\n');
			throw new Error(`n8n execute --id=${workflowId} printed no run data (exit ${res.code}):\n${tail}`);
		}
		return run;
	}

	/**
	 * Starts `n8n start` (or `command`, e.g. ['worker'] with QUEUE_HEALTH_CHECK_PORT = this.port)
	 * and waits until /healthz answers.
	 */
	async start({ echo = false, timeoutMs = 180000, command = ['start'] } = {}) {
		const started = Date.now();
		this.boots += 1;
		this.output = '';
		const child = track(
			spawn(this.install.node.bin, [this.install.n8nBin, ...command], {
				env: this.env,
				cwd: this.userFolder,
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
			}),
		);
		this.child = child;
		const onData = (d) => {
			this.output += d;
			if (this.output.length > 2e6) this.output = this.output.slice(-1e6);
			if (echo) for (const line of d.toString().split('\n')) if (line.trim()) console.log(`${this.logPrefix}${line}`);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		let exited = null;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
		});
		this.exitPromise = new Promise((resolve) => child.on('close', resolve));
		try {
			await waitFor(
				async () => {
					if (exited) throw Object.assign(new Error(`n8n start exited (${JSON.stringify(exited)})`), { fatal: true });
					const res = await httpRequest(`${this.url}/healthz`, { timeoutMs: 3000 });
					return res.status === 200;
				},
				{ timeoutMs, intervalMs: 500, what: `n8n at ${this.url}/healthz` },
			);
		} catch (err) {
			const tail = this.output.trim().split('\n').slice(-40).join('\n');
			await this.stop();
			throw new Error(`${err.message}\n--- n8n output ---\n${tail}`);
		}
		this.bootSeconds += (Date.now() - started) / 1000;
		return this;
	}

	/** Sends SIGTERM to `n8n start` (and its task runner), SIGKILL after a bounded wait. */
	async stop({ timeoutMs = 30000 } = {}) {
		const child = this.child;
		if (!child) return;
		this.child = null;
		if (child.exitCode !== null || child.signalCode !== null) return;
		killGroup(child.pid, 'SIGTERM');
		const done = await Promise.race([this.exitPromise.then(() => true), sleep(timeoutMs).then(() => false)]);
		if (!done) {
			killGroup(child.pid, 'SIGKILL');
			await Promise.race([this.exitPromise, sleep(5000)]);
		}
	}

	/**
	 * Logs in to the running n8n's REST API as its owner, creating the owner on first start.
	 * Returns { ok, created, cookie } or { ok: false, detail }.
	 */
	async login({ email, password }) {
		const setup = await httpRequest(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			body: { email, firstName: 'Leeloo', lastName: 'Developer', password },
		});
		const res =
			setup.status === 200 ? setup : await httpRequest(`${this.url}/rest/login`, { method: 'POST', body: { emailOrLdapLoginId: email, password } });
		if (res.status !== 200) return { ok: false, detail: `login as ${email} failed (HTTP ${res.status})` };
		const cookie = (res.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
		return { ok: true, created: setup.status === 200, cookie };
	}

	/** Node types n8n serves to its editor (public endpoint). */
	async nodeTypes() {
		const res = await httpRequest(`${this.url}/types/nodes.json`, { timeoutMs: 30000 });
		if (res.status !== 200 || !Array.isArray(res.json)) throw new Error(`GET /types/nodes.json: HTTP ${res.status}`);
		return res.json.map((t) => t.name);
	}

	/** Runs SQL against n8n's SQLite database with n8n's own sqlite3 module; returns rows. */
	async query(sql, params = []) {
		const db = path.join(this.userFolder, '.n8n', 'database.sqlite');
		const script = `
			const sqlite3 = require(require.resolve('sqlite3', { paths: [${JSON.stringify(path.dirname(path.dirname(this.install.n8nBin)))}] }));
			const db = new sqlite3.Database(${JSON.stringify(db)}, sqlite3.OPEN_READONLY, (err) => {
				if (err) { console.error(err.message); process.exit(1); }
				db.configure('busyTimeout', 10000);
				db.all(${JSON.stringify(sql)}, ${JSON.stringify(params)}, (err, rows) => {
					if (err) { console.error(err.message); process.exit(1); }
					process.stdout.write(JSON.stringify(rows));
					db.close();
				});
			});`;
		const res = await mustRun(this.install.node.bin, ['-e', script], { cwd: this.install.dir, timeoutMs: 60000 });
		return JSON.parse(res.stdout);
	}
}

/** The last top-level JSON object printed by a command whose logs share stdout. */
function extractJson(stdout) {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		const end = lines.lastIndexOf('}');
		if (end <= i) break;
		try {
			return JSON.parse(lines.slice(i, end + 1).join('\n'));
		} catch {
			// a log line that happened to be "{": try the next start
		}
	}
	return null;
}

module.exports = { N8n, PACKAGE_NAME, buildAndPack, installPackage, freePort, n8nEnv, extractJson };
