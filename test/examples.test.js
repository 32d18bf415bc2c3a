// The example workflows `npm run dev` imports (examples/*.json): every Leeloo node at the version a
// user gets when adding it, and field reads in the output vocabulary (docs/output.md). That they
// run and what they return is checked in real n8n by test-e2e/examples.js.
const path = require('node:path');
const { DIST } = require('./helpers/harness');
const { readExamples, EXAMPLE_CREDENTIAL } = require('../scripts/n8n-harness/examples');

const { Leeloo } = require(path.join(DIST, 'nodes/Leeloo/Leeloo.node.js'));
const { LeelooTrigger } = require(path.join(DIST, 'nodes/LeelooTrigger/LeelooTrigger.node.js'));
const { LeelooWebhookTrigger } = require(path.join(DIST, 'nodes/LeelooWebhookTrigger/LeelooWebhookTrigger.node.js'));

const DEFAULT_VERSION = {
	'n8n-nodes-leeloo.leeloo': new Leeloo().description.defaultVersion,
	'n8n-nodes-leeloo.leelooTrigger': new LeelooTrigger().description.defaultVersion,
	'n8n-nodes-leeloo.leelooWebhookTrigger': new LeelooWebhookTrigger().description.version,
};
const examples = readExamples();
const leelooNodes = examples.flatMap((workflow) => workflow.nodes.filter((node) => node.type in DEFAULT_VERSION).map((node) => ({ workflow, node })));

/** Every field an expression in the node's parameters reads (`$json.x`, `$('Node').item.json.x`). */
function fieldsRead(parameters) {
	return [...JSON.stringify(parameters).matchAll(/(?:\$json|\.json)\.([A-Za-z_$][\w$]*)/g)].map((match) => match[1]);
}

test('the four examples, each with Leeloo nodes', () => {
	expect(examples.map((workflow) => workflow.id)).toEqual(['leelooExPeople01', 'leelooExOrders01', 'leelooExReply001', 'leelooExInstant1']);
	expect(DEFAULT_VERSION).toEqual({ 'n8n-nodes-leeloo.leeloo': 1.1, 'n8n-nodes-leeloo.leelooTrigger': 1.1, 'n8n-nodes-leeloo.leelooWebhookTrigger': 1 });
	for (const workflow of examples) expect(leelooNodes.some((entry) => entry.workflow === workflow)).toBe(true);
});

test.each(leelooNodes.map(({ workflow, node }) => [workflow.id, node.name, node]))('%s: "%s" is at the current version, with the example credential', (_, __, node) => {
	expect(node.typeVersion).toBe(DEFAULT_VERSION[node.type]);
	expect(node.credentials).toEqual({ leelooApi: EXAMPLE_CREDENTIAL });
});

test('expressions read fields by their vocabulary names', () => {
	const reads = leelooNodes.flatMap(({ node }) => fieldsRead(node.parameters));
	expect(reads.sort()).toEqual(['accountId', 'accountId', 'id', 'id', 'id', 'id', 'id', 'name', 'offerId', 'personId', 'personId']);
	for (const field of reads) expect(field).toMatch(/^[a-z][A-Za-z]*$/);
});
