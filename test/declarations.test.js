// The operations as declared in nodes/Leeloo/resources/: what nodes/Leeloo/assembly.ts derives from
// them (the order each operation shows its parameters in, one definition per shared parameter), the
// order n8n's lint asks of options (it cannot see derived lists), and the one hop from the API
// reference to each operation's code.
const fs = require('node:fs');
const path = require('node:path');
const { NodeHelpers } = require('n8n-workflow');
const { DIST } = require('./helpers/harness');
const { Leeloo } = require(`${DIST}/nodes/Leeloo/Leeloo.node.js`);
const { RESOURCES } = require(`${DIST}/nodes/Leeloo/resources/index.js`);

const description = new Leeloo().description;
const operations = RESOURCES.flatMap((resource) => resource.operations.map((operation) => ({ resource, operation })));

function shownFor(resource, operation) {
	const node = { name: 'Leeloo', type: 'n8n-nodes-leeloo.leeloo', typeVersion: 1.1, position: [0, 0], parameters: { resource, operation } };
	const values = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
	return description.properties.filter((property) => NodeHelpers.displayParameter(values, property, { ...node, parameters: values }, description, values));
}

test('each operation shows the parameters it declares, in its order, then its collections', () => {
	for (const { resource, operation } of operations) {
		const collections = Object.keys(operation.collections ?? {});
		const declared = [...(operation.parameters ?? []).map((parameter) => parameter.name), ...['additionalFields', 'updateFields', 'filters', 'options'].filter((name) => collections.includes(name))];
		const shown = shownFor(resource.value, operation.value)
			.map((property) => property.name)
			.filter((name) => !['resource', 'operation', 'simplify', 'pacing'].includes(name));
		expect([resource.value, operation.value, shown]).toEqual([resource.value, operation.value, declared]);
	}
});

test('a collection shows exactly the options its operation declares', () => {
	for (const { resource, operation } of operations) {
		const node = { name: 'Leeloo', type: 'n8n-nodes-leeloo.leeloo', typeVersion: 1.1, position: [0, 0], parameters: { resource: resource.value, operation: operation.value } };
		for (const [name, options] of Object.entries(operation.collections ?? {})) {
			const collection = shownFor(resource.value, operation.value).find((property) => property.name === name);
			const shown = collection.options.filter((option) => NodeHelpers.displayParameter(node.parameters, option, node, description, node.parameters));
			expect(shown.map((option) => option.displayName).sort()).toEqual(options.map((option) => option.displayName).sort());
		}
	}
});

test('a shared parameter keeps one definition per description', () => {
	for (const name of ['accountId', 'personId', 'userId', 'tunnelId', 'returnAll', 'limit', 'additionalFields', 'updateFields', 'filters', 'options']) {
		const definitions = description.properties.filter((property) => property.name === name);
		expect([name, new Set(definitions.map((property) => property.description)).size]).toEqual([name, definitions.length]);
	}
});

test('every id of a path or a body is one of the operation\'s parameters', () => {
	for (const { resource, operation } of operations) {
		const ids = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).concat(Object.values(operation.bodyIds ?? {}));
		const names = (operation.parameters ?? []).map((parameter) => parameter.name);
		for (const id of ids) expect([resource.value, operation.value, id, names.includes(id)]).toEqual([resource.value, operation.value, id, true]);
	}
});

// n8n's lint sorts an options list of five or more by name (node-param-options-type-unsorted-items).
test('resources and operations are sorted as n8n\'s lint requires', () => {
	const sorted = (names) => [...names].sort((a, b) => a.localeCompare(b));
	const lists = description.properties.filter((property) => ['resource', 'operation'].includes(property.name)).map((property) => property.options.map((option) => option.name));
	for (const names of lists) expect(names).toEqual(sorted(names));
	for (const collection of description.properties.filter((property) => property.type === 'collection')) {
		const names = collection.options.map((option) => option.displayName);
		expect(names).toEqual(sorted(names));
	}
});

test('docs/leeloo-api.md links each endpoint to the file that declares its operation', () => {
	const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'leeloo-api.md'), 'utf8');
	for (const { resource, operation } of operations.filter(({ operation }) => /^E\d\d$/.test(operation.endpoint))) {
		const row = doc.split('\n').find((line) => line.startsWith(`| [${operation.endpoint}](`));
		const file = `../nodes/Leeloo/resources/${resource.value}.ts`;
		expect([operation.endpoint, row.includes(`(${file})`)]).toEqual([operation.endpoint, true]);
		expect(fs.existsSync(path.join(__dirname, '..', 'docs', file))).toBe(true);
	}
});
