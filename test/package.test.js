// The package as n8n installs it: the built dist/ loads through n8n-core's PackageDirectoryLoader,
// and package.json follows n8n's community-package rules.
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
		expect(Object.keys(loader.known.nodes).sort()).toEqual(
			pkg.n8n.nodes.map((file) => (file.includes('LeelooTrigger') ? 'leelooTrigger' : 'leeloo')).sort(),
		);
		const node = loader.getNode('leeloo');
		expect(node.type.description.displayName).toBe('Leeloo');
		expect(node.type.description.usableAsTool).toBe(true);
		expect(node.type.description.execute).toBeUndefined();
		expect(typeof node.type.execute).toBe('undefined');
		expect(loader.getCredential('leelooApi').type.displayName).toBe('Leeloo API');
		// n8n serves icons from the paths it resolved; the gulp step must have put them there.
		const fs = require('node:fs');
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
