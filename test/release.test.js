// The release pipeline, as far as it can be checked without GitHub and npm: the workflows parse and
// name existing scripts, publish.yml publishes with provenance, the pack holds exactly the package,
// the release rules and the publish guard refuse what they must.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const YAML = require('yaml');

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const RELEASE = path.join(ROOT, 'scripts', 'release.js');

function readWorkflow(name) {
	const text = fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8');
	const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
	expect(doc.errors.map(String)).toEqual([]);
	expect(doc.warnings.map(String)).toEqual([]);
	return doc.toJS();
}

const stepsOf = (workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const commandsOf = (workflow) => stepsOf(workflow).filter((step) => step.run).map((step) => step.run);

// Only what a child process needs: no CI markers, no npm tokens or user config of this machine.
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'leeloo-home-'));
afterAll(() => fs.rmSync(HOME, { recursive: true, force: true }));
const cleanEnv = (extra = {}) => ({ PATH: process.env.PATH, HOME, ...extra });

describe('workflows', () => {
	const ci = readWorkflow('ci.yml');
	const publish = readWorkflow('publish.yml');

	test.each([
		['ci.yml', ci],
		['publish.yml', publish],
	])('%s: every job runs on a runner and every step uses an action or runs a command', (_, workflow) => {
		expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
		for (const job of Object.values(workflow.jobs)) {
			expect(typeof job['runs-on']).toBe('string');
			expect(job['timeout-minutes']).toBeGreaterThan(0);
			for (const step of job.steps) expect(typeof (step.uses ?? step.run)).toBe('string');
		}
	});

	test('every npm command the workflows name exists in package.json', () => {
		const named = [ci, publish].flatMap(commandsOf).flatMap((command) => [
			...[...command.matchAll(/\bnpm run ([\w:-]+)/g)].map((match) => match[1]),
			...(/\bnpm test\b/.test(command) ? ['test'] : []),
		]);
		expect(new Set(named)).toEqual(new Set(['lint', 'build', 'test', 'release']));
		for (const script of named) expect(pkg.scripts[script]).toEqual(expect.any(String));
	});

	test('ci.yml: on pushes and pull requests, npm ci, lint, build, test, on Node 20 and 22', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push.branches).toEqual(['**']);
		expect(ci.permissions).toEqual({ contents: 'read' });
		const [job] = Object.values(ci.jobs);
		expect(job.strategy.matrix.node).toEqual([20, 22]);
		expect(commandsOf(ci)).toEqual(['npm ci --no-audit --no-fund', 'npm run lint', 'npm run build', 'npm test']);
	});

	test('publish.yml: on version tags only, id-token write, checks and tests first, then npm publish --provenance', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*.*.*'] } });
		expect(publish.permissions).toBeUndefined();
		const [job] = Object.values(publish.jobs);
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		const setup = job.steps.find((step) => String(step.uses).startsWith('actions/setup-node@'));
		expect(setup.with['registry-url']).toBe('https://registry.npmjs.org');
		expect(commandsOf(publish)).toEqual([
			'npm run release -- --check "$GITHUB_REF_NAME"',
			'npm ci --no-audit --no-fund',
			'npm run lint',
			'npm run build',
			'npm test',
			'npm publish --provenance --access public --ignore-scripts=false',
		]);
		const publishStep = job.steps.find((step) => String(step.run).startsWith('npm publish'));
		expect(publishStep.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
	});
});

describe('package', () => {
	test('no runtime dependencies, MIT, provenance required for every publish', () => {
		for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
			expect(pkg[field]).toBeUndefined();
		}
		expect(pkg.license).toBe('MIT');
		expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
		expect(pkg.scripts.prepublishOnly).toBe('node scripts/release.js --guard-publish');
	});

	test('npm pack holds exactly package.json, README, LICENSE and the built dist', () => {
		const [{ files }] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv() }),
		);
		const walk = (dir) =>
			fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
				const file = `${dir}/${entry.name}`;
				return entry.isDirectory() ? walk(file) : [file];
			});
		const packed = files.map((file) => file.path).sort();
		expect(packed).toEqual(['LICENSE', 'README.md', 'package.json', ...walk('dist')].sort());
		// What n8n loads: the declared node and credential files, each node's codex file, the icons.
		const needed = [
			...pkg.n8n.nodes,
			...pkg.n8n.credentials,
			...pkg.n8n.nodes.map((file) => file.replace(/\.js$/, '.json')),
			'dist/icons/leeloo.svg',
			'dist/icons/leeloo.dark.svg',
		];
		for (const file of needed) expect(packed).toContain(file);
		expect(packed.filter((file) => /\.ts$/.test(file) && !/\.d\.ts$/.test(file))).toEqual([]);
		expect(packed.filter((file) => /(^|\/)(test|test-e2e|sandbox|scripts|bench|examples)\//.test(file))).toEqual([]);
	});
});

describe('publish guard (prepublishOnly)', () => {
	const tagRun = {
		GITHUB_ACTIONS: 'true',
		npm_config_provenance: 'true',
		GITHUB_REF_TYPE: 'tag',
		GITHUB_REF_NAME: `v${pkg.version}`,
	};
	const guard = (env) => spawnSync('npm', ['run', '--silent', 'prepublishOnly'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv(env) });

	test('outside CI it refuses, says why and where publishing happens', () => {
		const result = guard({});
		expect(result.status).not.toBe(0);
		expect(result.stderr).toContain(
			`Refusing to publish n8n-nodes-leeloo@${pkg.version}: not running in GitHub Actions; npm publish was not given --provenance; not a run for the tag v${pkg.version}.`,
		);
		expect(result.stderr).toContain('published only by .github/workflows/publish.yml');
	});

	test.each([
		['GITHUB_ACTIONS', 'not running in GitHub Actions'],
		['npm_config_provenance', 'npm publish was not given --provenance'],
		['GITHUB_REF_NAME', `not a run for the tag v${pkg.version}`],
	])('in the tag run without %s it refuses', (missing, reason) => {
		const { [missing]: _, ...env } = tagRun;
		const result = guard(env);
		expect(result.status).not.toBe(0);
		expect(result.stderr).toContain(`Refusing to publish n8n-nodes-leeloo@${pkg.version}: ${reason}.`);
	});

	test('in the publish workflow run for this version it lets npm go on', () => {
		const result = guard(tagRun);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});
});

// .npmrc keeps ignore-scripts=true, so a plain `npm publish` skips prepublishOnly; what stops it is
// publishConfig.provenance, which npm cannot honour outside CI. A registry on 127.0.0.1 records
// whether anything would have been uploaded (npm 11 reads the package's versions first, npm 10 not).
test('a plain npm publish outside CI fails on provenance before uploading anything', async () => {
	const requests = [];
	const registry = http.createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		req.resume();
		req.on('end', () => {
			res.writeHead(req.method === 'GET' ? 404 : 500, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise((resolve) => registry.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${registry.address().port}/`;
	try {
		const result = await new Promise((resolve) => {
			const { execFile } = require('node:child_process');
			execFile(
				'npm',
				['publish', '--no-update-notifier', `--registry=${url}`, `--${url.slice(5)}:_authToken=not-a-token`],
				{ cwd: ROOT, encoding: 'utf8', env: cleanEnv(), timeout: 60000 },
				(error, stdout, stderr) => resolve({ code: error ? error.code : 0, stderr }),
			);
		});
		expect(result.code).not.toBe(0);
		expect(result.stderr).toContain('Automatic provenance generation not supported for provider: null');
		expect(requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
	} finally {
		await new Promise((resolve) => registry.close(resolve));
	}
});

describe('release rules (scripts/release.js in a scratch git repository)', () => {
	const GOOD = {
		name: 'n8n-nodes-leeloo',
		version: '1.2.3',
		license: 'MIT',
		keywords: ['n8n-community-node-package'],
		repository: { type: 'git', url: 'https://github.com/example/n8n-nodes-leeloo.git' },
		publishConfig: { access: 'public', provenance: true },
	};
	const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n## [1.2.3] - 2026-12-01\n\n### Added\n\n- Something.\n\n## [1.2.2] - 2026-11-01\n\n- Older.\n';
	let dir;

	const git = (...args) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
	const release = (...args) => spawnSync(process.execPath, ['scripts/release.js', ...args], { cwd: dir, encoding: 'utf8', env: cleanEnv() });

	function scratch({ pkg: overrides = {}, changelog = CHANGELOG } = {}) {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeloo-release-'));
		fs.mkdirSync(path.join(dir, 'scripts'));
		fs.copyFileSync(RELEASE, path.join(dir, 'scripts', 'release.js'));
		fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(dir, 'LICENSE'));
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...GOOD, ...overrides }, null, 2));
		fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
		git('init', '--quiet');
		git('add', '.');
		git('commit', '--quiet', '-m', 'scratch');
	}

	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('--check passes for the tag of the version and refuses any other tag', () => {
		scratch();
		expect(release('--check', 'v1.2.3')).toMatchObject({ status: 0, stdout: 'release: v1.2.3 satisfies the release rules\n' });
		const wrong = release('--check', 'v1.2.4');
		expect(wrong.status).toBe(1);
		expect(wrong.stderr).toBe('release: refused\n  - tag "v1.2.4" does not equal v1.2.3 (package.json version)\n');
	});

	test('every broken rule is named', () => {
		scratch({
			pkg: {
				license: 'ISC',
				dependencies: { luxon: '3.0.0' },
				keywords: [],
				publishConfig: { access: 'public' },
				repository: { type: 'git', url: 'git@example.com:x/y.git' },
			},
			changelog: '# Changelog\n\n## [Unreleased]\n\n- Not moved yet.\n',
		});
		const result = release('--check', 'v1.2.3');
		expect(result.status).toBe(1);
		expect(result.stderr.split('\n').filter(Boolean)).toEqual([
			'release: refused',
			'  - package.json license is "ISC", n8n requires MIT',
			'  - package.json has dependencies (luxon): n8n allows no runtime dependencies',
			'  - package.json keywords lack "n8n-community-node-package"',
			'  - package.json publishConfig.provenance must be true',
			'  - package.json repository.url must be the https URL of the GitHub repository',
			'  - CHANGELOG.md has no "## [1.2.3] - YYYY-MM-DD" section',
			'  - CHANGELOG.md "Unreleased" still lists changes: move them into the 1.2.3 section',
		]);
	});

	test('a version section needs a date and at least one change', () => {
		scratch({ changelog: '# Changelog\n\n## [1.2.3]\n\n- Something.\n' });
		expect(release('--check', 'v1.2.3').stderr).toContain('CHANGELOG.md section 1.2.3 needs a date: "## [1.2.3] - YYYY-MM-DD"');
		fs.rmSync(dir, { recursive: true, force: true });
		scratch({ changelog: '# Changelog\n\n## [1.2.3] - 2026-12-01\n\n### Added\n\n## [1.2.2] - 2026-11-01\n\n- Older.\n' });
		expect(release('--check', 'v1.2.3').stderr).toContain('CHANGELOG.md section 1.2.3 lists no changes');
	});

	test('npm run release refuses a dirty tree, a version already tagged or not above the newest tag, before building', () => {
		scratch();
		fs.writeFileSync(path.join(dir, 'notes.txt'), 'not committed');
		let result = release();
		expect(result.status).toBe(1);
		expect(result.stderr).toBe('release: refused\n  - the git tree is not clean (commit or remove first):\n      ?? notes.txt\n');
		fs.rmSync(path.join(dir, 'notes.txt'));

		git('tag', 'v1.2.3');
		result = release();
		expect(result.stderr).toBe('release: refused\n  - tag v1.2.3 exists already: bump the version in package.json\n');

		git('tag', '--delete', 'v1.2.3');
		git('tag', 'v1.10.0');
		result = release();
		expect(result.stderr).toBe('release: refused\n  - version 1.2.3 is not above the newest release tag v1.10.0\n');
		expect(result.stdout).toBe('');
		expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
	});
});
