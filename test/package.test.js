// The package as n8n installs it: the built dist/ loads through n8n-core's PackageDirectoryLoader,
// and package.json follows n8n's community-package rules.
const fs = require('node:fs');
const path = require('node:path');
const { PackageDirectoryLoader } = require('n8n-core');

const ROOT = path.join(__dirname, '..');
const pkg = require(path.join(ROOT, 'package.json'));

describe('package', () => {
	test('dist loads through PackageDirectoryLoader with the public names', async () => {
		const loader = new PackageDirectoryLoader(ROOT);
		await loader.loadAll();
		expect(loader.packageName).toBe('n8n-nodes-leeloo');
		expect(Object.keys(loader.known.credentials)).toEqual(['leelooApi']);
		expect(Object.keys(loader.known.nodes).sort()).toEqual(['leeloo', 'leelooTrigger', 'leelooWebhookTrigger']);
		expect(pkg.n8n.nodes).toHaveLength(3);
		const webhook = loader.getNode('leelooWebhookTrigger').type.description;
		expect(webhook.displayName).toBe('Leeloo Webhook Trigger');
		expect(webhook.properties.find((p) => p.name === 'events').options.map((o) => o.value).sort()).toEqual(['incomingMessage', 'order', 'sale', 'subscription']);
		expect(webhook.properties.find((p) => p.name === 'options').options.find((o) => o.name === 'secret').typeOptions).toEqual({ password: true });
		const node = loader.getNode('leeloo');
		expect(node.type.description.displayName).toBe('Leeloo');
		expect(node.type.description.usableAsTool).toBe(true);
		expect(node.type.description.execute).toBeUndefined();
		expect(typeof node.type.execute).toBe('undefined');
		expect(loader.getCredential('leelooApi').type.displayName).toBe('Leeloo API');
		// n8n serves icons from the paths it resolved; the gulp step must have put them there.
		for (const { iconUrl } of [node.type.description, loader.getCredential('leelooApi').type]) {
			for (const url of [iconUrl.light, iconUrl.dark]) {
				expect(url).toMatch(/^icons\/n8n-nodes-leeloo\/dist\/icons\/leeloo(\.dark)?\.svg$/);
				expect(fs.existsSync(path.join(ROOT, url.replace('icons/n8n-nodes-leeloo/', '')))).toBe(true);
			}
		}
	});

	test('community-package rules: no runtime dependencies, n8n-workflow as a peer, only dist published', () => {
		expect(pkg.name).toBe('n8n-nodes-leeloo');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist']);
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[script]).toBeUndefined();
	});
});

test('npm pack ships only dist, README, LICENSE and package.json', () => {
	const { execFileSync } = require('node:child_process');
	const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
	const outside = files.map((file) => file.path).filter((file) => !file.startsWith('dist/'));
	expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
	expect(files.some((file) => file.path === 'dist/nodes/Leeloo/Leeloo.node.js')).toBe(true);
	expect(files.some((file) => /\.(test|spec)\.|sandbox\//.test(file.path))).toBe(false);
});

describe('credential', () => {
	const { LeelooApi } = require(path.join(ROOT, 'dist/credentials/LeelooApi.credentials.js'));
	const credential = new LeelooApi();

	test('fields and header authentication', () => {
		expect(credential.name).toBe('leelooApi');
		expect(credential.properties.map((p) => [p.name, p.type, p.typeOptions?.password === true])).toEqual([
			['apiToken', 'string', true],
			['baseUrl', 'string', false],
		]);
		expect(credential.properties[1].default).toBe('https://api.leeloo.ai/api/v2');
	});

	test('authenticate() adds the token header, keeps the request as it was and evaluates no expression', async () => {
		const request = { url: '/tags', method: 'GET', headers: { accept: 'application/json' }, qs: { limit: 1 } };
		const authenticated = await credential.authenticate({ apiToken: 'tok-1', baseUrl: 'https://x.test' }, request);
		expect(authenticated).toEqual({ url: '/tags', method: 'GET', headers: { accept: 'application/json', 'X-Leeloo-AuthToken': 'tok-1' }, qs: { limit: 1 } });
		expect(request.headers).toEqual({ accept: 'application/json' });
		expect(await credential.authenticate({ apiToken: 'tok-2' }, { url: '/x' })).toEqual({ url: '/x', headers: { 'X-Leeloo-AuthToken': 'tok-2' } });
	});

	test('the credential test calls E20 and fails on a status 0 body', () => {
		expect(credential.test.request).toEqual({
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/tags',
			method: 'GET',
		});
		// n8n fails the test when body[key] === value, so the rule names the failure value.
		expect(credential.test.rules).toEqual([
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 0, message: expect.stringMatching(/token/) },
			},
		]);
	});
});

// nodes/shared is the package level every node imports; a node never imports a sibling node's
// folder, shared code never imports a node's, and no module imports itself back through others.
describe('module graph under nodes/', () => {
	const NODES = path.join(ROOT, 'nodes');
	const sources = (dir) =>
		fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const full = path.join(dir, entry.name);
			return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
		});
	const graph = new Map(
		sources(NODES).map((file) => {
			const imports = [...fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => {
				const target = path.resolve(path.dirname(file), m[1]);
				return fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts');
			});
			return [file, imports];
		}),
	);
	const area = (file) => path.relative(NODES, file).split(path.sep)[0];

	test('every relative import resolves to a source file', () => {
		for (const [file, imports] of graph) for (const target of imports) expect([file, fs.existsSync(target)]).toEqual([file, true]);
	});

	test('no node imports another node\'s folder; nodes/shared imports no node', () => {
		const crossings = [...graph].flatMap(([file, imports]) =>
			imports.filter((target) => area(target) !== area(file) && area(target) !== 'shared').map((target) => `${path.relative(NODES, file)} → ${path.relative(NODES, target)}`),
		);
		expect(crossings).toEqual([]);
	});

	test('no import cycles', () => {
		const state = new Map();
		const cycles = [];
		const visit = (file, trail) => {
			if (state.get(file) === 'done') return;
			if (state.get(file) === 'open') {
				cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(NODES, f)).join(' → '));
				return;
			}
			state.set(file, 'open');
			for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
			state.set(file, 'done');
		};
		for (const file of graph.keys()) visit(file, []);
		expect(cycles).toEqual([]);
	});
});
