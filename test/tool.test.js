// The node as a tool of n8n's AI Agent (type leelooTool): what the model is told, what it gets back.
const nock = require('nock');
const { NodeHelpers } = require('n8n-workflow');
const { runNode, TOKEN, BASE_URL, TOOL_TYPE, NODE_TYPE, DIST } = require('./helpers/harness');
const { Leeloo } = require(`${DIST}/nodes/Leeloo/Leeloo.node.js`);

const hex = (n) => n.toString(16).padStart(24, '0');
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });
const [PERSON, CHANNEL, TAG] = [hex(0xa), hex(0xb), hex(0xc)];
const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const RAW_PERSON = {
	id: PERSON,
	name: 'Feliks',
	phone: '+380966565556',
	email: 'NOT_DEFINED',
	tags: ['vip'],
	accounts: [{ account_id: CHANNEL, connection_id: hex(0xd), from: 'TELEGRAM' }],
	lastMessageTime: '2026-01-13T08:21:09.619Z',
	createdAt: '2025-01-01T00:00:00.000Z',
	updatedAt: '2025-01-02T00:00:00.000Z',
};
const asTool = (parameters, extra = {}) => runNode({ tool: true, typeVersion: 1.1, parameters, ...extra });

function parametersOf(type, parameters) {
	const description = { ...new Leeloo().description, name: type === TOOL_TYPE ? 'leelooTool' : 'leeloo' };
	const node = { name: 'Leeloo', type, typeVersion: 1.1, position: [0, 0], parameters };
	return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description);
}

describe('what the model is told', () => {
	test('each operation of the tool has its own description, with the filters and the fields it returns', () => {
		const { toolDescription } = parametersOf(TOOL_TYPE, { resource: 'person', operation: 'getAll' });
		expect(toolDescription).toMatch(/^Find people in Leeloo\. Optional filters: phone .*email, tags \(tag names\)/);
		expect(toolDescription).toMatch(/Returns for each person: id, name, phone, email, tags \(names\), lastMessageTime and channels \(accountId = the channel ID/);
		expect(parametersOf(TOOL_TYPE, { resource: 'tag', operation: 'addToPerson' }).toolDescription).toMatch(/the tag's name as it appears in a person's tags/);
		const operations = new Leeloo().description.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options.map((o) => [p.displayOptions.show.resource[0], o.value]));
		for (const [resource, operation] of operations) {
			const text = parametersOf(TOOL_TYPE, { resource, operation }).toolDescription;
			expect(typeof text === 'string' && text.length > 40 && text.length <= 1024).toBe(true);
		}
	});

	test('the plain node shows no tool description', () => {
		expect(parametersOf(NODE_TYPE, { resource: 'person', operation: 'getAll' })).not.toHaveProperty('toolDescription');
	});
});

describe('what the model gets back', () => {
	test('people are trimmed to what an agent acts on', async () => {
		api().get('/people').query({ 'filter[phone]': '+380966565556', limit: '10', offset: '0' }).reply(200, { data: [RAW_PERSON], status: 1 });
		const { items, error } = await asTool({ resource: 'person', operation: 'getAll', limit: 10, filters: { phone: '+380966565556' } });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ id: PERSON, name: 'Feliks', phone: '+380966565556', email: null, tags: ['vip'], lastMessageTime: '2026-01-13T08:21:09.619Z', channels: [{ accountId: CHANNEL, from: 'TELEGRAM' }] },
		]);
	});

	test('an empty search says so in words', async () => {
		api().get('/people').query(true).reply(200, { data: [], status: 1 });
		const { items, error } = await asTool({ resource: 'person', operation: 'getAll', limit: 10, filters: { phone: '+1000' } });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ found: 0, message: 'No people match in Leeloo' }]);
	});

	test('a 404 is the tool\'s answer, naming the field and the value; the run goes on', async () => {
		api().get(`/people/${PERSON}`).reply(404, { status: 0, error: { code: 'NOT_FOUND' } });
		const { items, error } = await asTool({ resource: 'person', operation: 'get', personId: rl(PERSON) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{
				error: `Leeloo has no Person ${PERSON} (HTTP 404 on GET /people/${PERSON})`,
				hint: 'Check the ID in this request: it must belong to the Leeloo account of this credential. Pick it from the list to be sure.',
			},
		]);
	});

	test('an invalid id is the tool\'s answer, and nothing is sent', async () => {
		const { items, error } = await asTool({ resource: 'person', operation: 'get', personId: rl('={{ "person-42" }}') });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{
				error: 'Person must be a Leeloo ID of 24 hexadecimal characters',
				hint: 'Parameter "personId" got "person-42". Pick it from the list, or copy the ID from Leeloo (for example 5b3f543bb2737000133d25b0).',
			},
		]);
	});

	test('a refused write is the tool\'s answer too', async () => {
		const { items, error } = await asTool({ resource: 'message', operation: 'send', accountId: rl(CHANNEL), text: '={{ "" }}' });
		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe('Text is required');
	});
});

describe('tags by name (people carry tag names)', () => {
	test.each([
		['By Name mode', rl('VIP', 'name')],
		['a name in By ID mode (from an agent)', rl('={{ "vip" }}')],
	])('%s: looked up once per run in E20, then sent by id', async (_, tagId) => {
		api().get('/tags').reply(200, { data: [{ id: hex(1), name: 'new' }, { id: TAG, name: 'vip' }], status: 1 });
		api().put(`/people/${PERSON}/add-tag`, { tag_id: TAG }).times(2).reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({
			typeVersion: 1.1,
			items: [{ json: {} }, { json: {} }],
			parameters: { resource: 'tag', operation: 'addToPerson', personId: rl(PERSON), tagId },
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ success: true }, { success: true }]);
	});
});
