'use strict';
// Throw-away PostgreSQL and Redis servers for tests: each in a temporary folder of its own, on
// 127.0.0.1 and a free port (unix sockets inside that folder), stopped by stop() — and, if the
// script dies first, killed and removed when it exits. Installs the Debian packages when missing.
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');
const { log, track, run, mustRun, killGroup, waitFor } = require('./proc');

const PG_MAJOR = 15;
// Folders of servers still running; removed when this process exits however it exits.
const liveDirs = new Set();
process.on('exit', () => {
	for (const dir of liveDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Installs a Debian package with apt-get when `probe()` finds nothing. While it installs, a
 * policy-rc.d that denies service starts keeps the package from starting a system-wide server
 * (Debian's documented switch for that); an existing policy-rc.d is left as it is.
 */
async function ensureDebianPackage(pkg, probe) {
	const found = probe();
	if (found) return found;
	if (!isRoot()) throw new Error(`${pkg} is not installed; install it (sudo apt-get install ${pkg}) and run again`);
	log(`${pkg} is missing: installing it with apt-get…`);
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !fs.existsSync(policy);
	if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\n# written by n8n-nodes-leeloo tests while apt-get runs\nexit 101\n', { mode: 0o755 });
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		await mustRun('apt-get', ['update'], { env, timeoutMs: 10 * 60 * 1000 });
		await mustRun('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, timeoutMs: 10 * 60 * 1000 });
	} finally {
		if (ownPolicy) fs.rmSync(policy, { force: true });
	}
	const installed = probe();
	if (!installed) throw new Error(`apt-get installed ${pkg} but its programs are still not found`);
	return installed;
}

function findPostgresBin() {
	const dirs = [`/usr/lib/postgresql/${PG_MAJOR}/bin`];
	if (fs.existsSync('/usr/lib/postgresql')) {
		for (const v of fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))) dirs.push(`/usr/lib/postgresql/${v}/bin`);
	}
	return dirs.find((d) => ['initdb', 'postgres', 'psql'].every((b) => fs.existsSync(path.join(d, b))));
}

function findRedisServer() {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
}

/** A temporary folder; owned by `owner` (uid/gid) when given. */
function tempDir(prefix, owner) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	if (owner) fs.chownSync(dir, owner.uid, owner.gid);
	liveDirs.add(dir);
	return dir;
}

/** uid/gid of the `postgres` account (PostgreSQL refuses to run as root). */
function postgresAccount() {
	const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('running as root but there is no `postgres` account to run PostgreSQL as');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/** Spawns a server in its own process group, output kept (bounded) for error messages. */
function spawnServer(bin, args, { owner, cwd, env } = {}) {
	const child = track(spawn(bin, args, { cwd, env: env || process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...(owner || {}) }));
	child.output = '';
	const keep = (d) => {
		child.output += d;
		if (child.output.length > 200000) child.output = child.output.slice(-100000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	child.exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
	return child;
}

/** The promise's value, or `fallback` after ms (the timer does not outlive the promise). */
function within(promise, ms, fallback) {
	let timer;
	const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Signal, then SIGKILL after timeoutMs; removes the folder. */
async function stopServer(child, dir, signal, timeoutMs = 20000) {
	if (child.exitCode === null && child.signalCode === null) {
		killGroup(child.pid, signal);
		const done = await within(child.exited.then(() => true), timeoutMs, false);
		if (!done) {
			killGroup(child.pid, 'SIGKILL');
			await within(child.exited, 5000);
		}
	}
	fs.rmSync(dir, { recursive: true, force: true });
	liveDirs.delete(dir);
}

/** Waits for check() to hold; fails at once when the server exits. */
async function untilReady(child, check, what, timeoutMs) {
	const gone = () => child.exitCode !== null || child.signalCode !== null;
	await waitFor(async () => gone() || (await check()), { timeoutMs, intervalMs: 250, what });
	if (gone()) throw new Error(`${what} exited before it was ready (exit ${child.exitCode ?? child.signalCode})`);
}

const tail = (text, n = 20) => String(text || '').trim().split('\n').slice(-n).join('\n');

/**
 * Starts PostgreSQL: initdb into a temporary folder, one superuser with a random password
 * (scram-sha-256 for TCP and socket), listening on 127.0.0.1:<port> and a socket in that folder.
 * Returns { host, port, user, password, socketDir, createDatabase(name), query(sql, {database, vars}), stop() }.
 */
async function startPostgres({ port, user = 'leeloo' } = {}) {
	if (!port) throw new Error('startPostgres needs a port');
	const bin = await ensureDebianPackage('postgresql', findPostgresBin);
	const owner = isRoot() ? postgresAccount() : undefined;
	const dir = tempDir('leeloo-pg-', owner);
	const data = path.join(dir, 'data');
	const password = crypto.randomBytes(18).toString('hex');
	const pwfile = path.join(dir, 'pwfile');
	fs.writeFileSync(pwfile, password + '\n', { mode: 0o600 });
	if (owner) fs.chownSync(pwfile, owner.uid, owner.gid);
	const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
	const env = { ...process.env, LC_ALL: 'C', HOME: dir };
	const initdb = spawnServer(path.join(bin, 'initdb'), ['-D', data, '-U', user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'], {
		owner: asOwner,
		cwd: dir,
		env,
	});
	const init = await within(initdb.exited, 120000, { code: 'TIMEOUT' });
	fs.rmSync(pwfile, { force: true });
	if (init.code !== 0) {
		await stopServer(initdb, dir, 'SIGKILL');
		throw new Error(`initdb failed (exit ${init.code}):\n${tail(initdb.output)}`);
	}
	// A test cluster that nobody crashes: durability settings off for speed.
	const child = spawnServer(
		path.join(bin, 'postgres'),
		['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'],
		{ owner: asOwner, cwd: dir, env },
	);
	const server = {
		host: '127.0.0.1',
		port,
		user,
		password,
		socketDir: dir,
		/** Rows of one SELECT as JSON objects; `vars` are psql variables (:'name' in the SQL). */
		async query(sql, { database = 'postgres', vars = {} } = {}) {
			const script = `SELECT coalesce(json_agg(q), '[]'::json) FROM (${sql}) q;\n`;
			const args = ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database];
			for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
			const res = await run(path.join(bin, 'psql'), args, { env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' }, input: script, timeoutMs: 60000 });
			if (res.code !== 0) throw new Error(`psql failed (exit ${res.code}): ${tail(res.stderr, 5)}\nSQL: ${sql.slice(0, 300)}`);
			return JSON.parse(res.stdout.trim() || '[]');
		},
		async exec(sql, { database = 'postgres' } = {}) {
			const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-c', sql];
			await mustRun(path.join(bin, 'psql'), args, { env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' }, timeoutMs: 60000 });
		},
		async createDatabase(name) {
			if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name}: lower-case letters, digits and _ only`);
			await server.exec(`CREATE DATABASE ${name}`);
		},
		// SIGINT is PostgreSQL's fast shutdown: clients are disconnected, no waiting for them.
		stop: () => stopServer(child, dir, 'SIGINT'),
	};
	try {
		await untilReady(child, () => server.query('SELECT 1 AS ok').then(() => true), `PostgreSQL on 127.0.0.1:${port}`, 60000);
	} catch (err) {
		await server.stop();
		throw new Error(`${err.message}\n--- postgres output ---\n${tail(child.output)}`);
	}
	log(`PostgreSQL ${PG_MAJOR} on 127.0.0.1:${port} (data in ${dir})`);
	return server;
}

/**
 * Starts Redis in a temporary folder: 127.0.0.1:<port> and a socket there, no persistence.
 * Returns { host, port, socket, cli(args), stop() }.
 */
async function startRedis({ port } = {}) {
	if (!port) throw new Error('startRedis needs a port');
	const bin = await ensureDebianPackage('redis-server', findRedisServer);
	const cliBin = path.join(path.dirname(bin), 'redis-cli');
	const dir = tempDir('leeloo-redis-');
	const socket = path.join(dir, 'redis.sock');
	const child = spawnServer(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--unixsocket', socket, '--unixsocketperm', '700', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
		{ cwd: dir },
	);
	const server = {
		host: '127.0.0.1',
		port,
		socket,
		async cli(args) {
			const res = await mustRun(cliBin, ['-s', socket, ...args], { timeoutMs: 30000 });
			return res.stdout.trim();
		},
		stop: () => stopServer(child, dir, 'SIGTERM'),
	};
	try {
		await untilReady(child, async () => (await server.cli(['PING'])) === 'PONG', `Redis on 127.0.0.1:${port}`, 30000);
	} catch (err) {
		await server.stop();
		throw new Error(`${err.message}\n--- redis output ---\n${tail(child.output)}`);
	}
	log(`Redis on 127.0.0.1:${port} (socket in ${dir})`);
	return server;
}

module.exports = { startPostgres, startRedis, ensureDebianPackage };
