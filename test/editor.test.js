// What n8n's editor shows of the package: the entry in the node picker and the Docs link of each
// node, computed from the built package (as n8n-core's PackageDirectoryLoader reads it, codex
// included) the way the editor computes them in n8n 1.123 and 2.41 (editor-ui source cited below).
const fs = require('node:fs');
const path = require('node:path');
const { PackageDirectoryLoader } = require('n8n-core');

const ROOT = path.join(__dirname, '..');
const PACKAGE = 'n8n-nodes-leeloo';

let nodeTypes;
beforeAll(async () => {
	const loader = new PackageDirectoryLoader(ROOT);
	await loader.loadAll();
	// n8n serves each node under its package-qualified name.
	nodeTypes = loader.types.nodes.map((description) => ({ ...description, name: `${PACKAGE}.${description.name}` }));
});

const byName = (name) => nodeTypes.find((nodeType) => nodeType.name === `${PACKAGE}.${name}`);

// useActionsGeneration.ts, generateMergedNodesAndActions: a trigger whose name without "Trigger"
// is a node that has actions is listed inside that node's entry, and the entry takes the
// TRIGGER's description; any other trigger is an entry of its own. A node has actions when it has
// operations (generateNodeActions).
function pickerEntries(types) {
	const hasActions = (nodeType) => nodeType.properties.some((property) => property.name === 'operation' && property.options?.length);
	const entries = types.filter((nodeType) => !nodeType.group.includes('trigger')).map((nodeType) => ({ name: nodeType.name, description: nodeType.description, triggers: [] }));
	for (const trigger of types.filter((nodeType) => nodeType.group.includes('trigger'))) {
		const app = entries.find((entry) => entry.name === trigger.name.replace('Trigger', ''));
		if (app && hasActions(types.find((nodeType) => nodeType.name === app.name))) {
			app.description = trigger.description;
			app.triggers.push(trigger.name);
		} else {
			entries.push({ name: trigger.name, description: trigger.description, triggers: [trigger.name] });
		}
	}
	return entries;
}

// useNodeDocsUrl.ts: documentationUrl is used as it is; a codex URL gets a query appended.
function docsUrl(nodeType) {
	if (nodeType.documentationUrl?.startsWith('http')) return nodeType.documentationUrl;
	const utm = new URLSearchParams({ utm_source: 'n8n_app', utm_medium: 'node_settings_modal-credential_link', utm_campaign: nodeType.name });
	const primary = nodeType.codex?.resources?.primaryDocumentation?.[0]?.url;
	if (primary) return `${primary}?${utm.toString()}`;
	return `https://www.npmjs.com/package/${PACKAGE}`;
}

// The anchors npm (like GitHub) gives README headings.
function readmeAnchors() {
	const headings = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').match(/^#{1,6} .+$/gm) ?? [];
	return headings.map((heading) =>
		heading
			.replace(/^#+ /, '')
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-'),
	);
}

describe('node picker', () => {
	test('the Leeloo entry holds the trigger and describes the Leeloo node first', () => {
		const entries = pickerEntries(nodeTypes);
		const leeloo = entries.find((entry) => entry.name === `${PACKAGE}.leeloo`);
		expect(leeloo.triggers).toEqual([`${PACKAGE}.leelooTrigger`]);
		expect(leeloo.description).toBe(
			'Work with people, channels, messages, orders, tags and tunnels in Leeloo.ai, or start a workflow on a new message or order',
		);
		expect(leeloo.description.startsWith(byName('leeloo').description)).toBe(true);
	});

	test('every entry that holds actions describes its action node; a trigger of its own describes itself', () => {
		for (const entry of pickerEntries(nodeTypes)) {
			const own = nodeTypes.find((nodeType) => nodeType.name === entry.name);
			expect(entry.description.startsWith(own.description)).toBe(true);
		}
	});
});

describe('Docs links', () => {
	test('each node\'s Docs link is its documentationUrl, untouched, and every anchor is a README heading', () => {
		const anchors = readmeAnchors();
		for (const nodeType of nodeTypes) {
			const url = new URL(docsUrl(nodeType));
			expect(url.href).toBe(nodeType.documentationUrl);
			expect(`${url.origin}${url.pathname}`).toBe(`https://www.npmjs.com/package/${PACKAGE}`);
			expect(url.search).toBe('');
			if (url.hash) expect(anchors).toContain(url.hash.slice(1));
		}
		expect(new URL(docsUrl(byName('leelooTrigger'))).hash).toBe('#leeloo-trigger-polling');
		expect(new URL(docsUrl(byName('leelooWebhookTrigger'))).hash).toBe('#leeloo-webhook-trigger-instant');
	});

	test('codex URLs have no anchor, so a query n8n appends still reaches the page', () => {
		for (const nodeType of nodeTypes) {
			const { primaryDocumentation = [], credentialDocumentation = [] } = nodeType.codex.resources;
			for (const { url } of [...primaryDocumentation, ...credentialDocumentation]) expect(url).toBe(`https://www.npmjs.com/package/${PACKAGE}`);
			const appended = new URL(docsUrl({ ...nodeType, documentationUrl: undefined }));
			expect(appended.hash).toBe('');
			expect(appended.searchParams.get('utm_source')).toBe('n8n_app');
		}
	});

	test('the credential\'s Docs link (not on docs.n8n.io, so n8n uses it as it is) keeps its README anchor', () => {
		const { LeelooApi } = require(path.join(ROOT, 'dist/credentials/LeelooApi.credentials.js'));
		const url = new URL(new LeelooApi().documentationUrl);
		expect(url.hostname).not.toBe('docs.n8n.io');
		expect(readmeAnchors()).toContain(url.hash.slice(1));
	});
});
