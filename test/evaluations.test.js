// Per-item cost: how often each user expression is evaluated per item. n8n's routing engine
// evaluates the value of every top-level definition that carries a parameter's name, once per
// item (routing-node.js, runNode; n8n 2.x twice: it walks them again to resolve the base URL);
// beyond that, each parameter is read once, by the operation's route (engine/routing.ts,
// engine/fields.ts), never again by a check or a transform.
const { Expression } = require('n8n-workflow');
const nock = require('nock');
const { runNode, loadOptions, credentialReads, TOKEN, BASE_URL, DIST } = require('./helpers/harness');
const { Leeloo } = require(`${DIST}/nodes/Leeloo/Leeloo.node.js`);

const hex = (n) => n.toString(16).padStart(24, '0');
const rl = (value) => ({ __rl: true, mode: 'id', value });
const ITEMS = 5;
const definitions = (name) => new Leeloo().description.properties.filter((property) => property.name === name).length;

let counts;
const evaluate = Expression.prototype.getParameterValue;
beforeAll(() => {
	Expression.prototype.getParameterValue = function (value, ...rest) {
		const walk = (v) => {
			if (typeof v === 'string' && v.startsWith('=')) counts.set(v, (counts.get(v) ?? 0) + 1);
			else if (v && typeof v === 'object') Object.values(v).forEach(walk);
		};
		walk(value);
		return evaluate.call(this, value, ...rest);
	};
});
afterAll(() => {
	Expression.prototype.getParameterValue = evaluate;
});
beforeEach(() => {
	counts = new Map();
});

const perItem = (expression) => (counts.get(expression) ?? 0) / ITEMS;
const items = Array.from({ length: ITEMS }, (_, i) => ({ json: { id: hex(i + 1), text: `t${i}`, n: i } }));
const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });

test('Message → Send: each expression once per definition in n8n\'s loop, plus one read', async () => {
	api().post('/messages/send-message').times(ITEMS).reply(200, { data: {}, status: 1 });
	const { error } = await runNode({
		items,
		parameters: { resource: 'message', operation: 'send', accountId: rl('={{ $json.id }}'), text: '={{ $json.text }}' },
	});
	expect(error).toBeUndefined();
	expect(definitions('accountId')).toBe(2);
	expect(definitions('text')).toBe(1);
	expect(perItem('={{ $json.id }}')).toBe(definitions('accountId') + 1);
	expect(perItem('={{ $json.text }}')).toBe(definitions('text') + 1);
	// Nothing else is an expression evaluated per item: the base URL is read once per run, the token
	// header is set by the credential's authenticate() without one.
	expect([...counts.keys()].filter((expression) => !expression.includes('$json'))).toEqual([]);
});

test('fields in collections, numbers and dates are read once, by the route', async () => {
	api().post(/\/orders\/.+/).times(ITEMS).reply(200, { data: {}, status: 1 });
	const { error } = await runNode({
		items,
		parameters: {
			resource: 'order',
			operation: 'update',
			orderId: rl('={{ $json.id }}'),
			status: 'RESOLVED',
			updateFields: { price: '={{ $json.n }}', paymentDate: '={{ "2024-03-22T15:30:00" }}', userComments: '={{ $json.text }}' },
		},
	});
	expect(error).toBeUndefined();
	expect(definitions('updateFields')).toBe(1);
	expect(perItem('={{ $json.id }}')).toBe(definitions('orderId') + 1);
	for (const expression of ['={{ $json.n }}', '={{ "2024-03-22T15:30:00" }}', '={{ $json.text }}']) expect(perItem(expression)).toBe(2);
});

test('person filters: one Filters definition for every Get Many that has them', async () => {
	api().get('/people').query(true).times(ITEMS).reply(200, { data: [], status: 1 });
	const { error } = await runNode({
		items,
		parameters: { resource: 'person', operation: 'getAll', limit: 1, filters: { phone: '={{ $json.text }}', tags: '={{ $json.text }}' } },
	});
	expect(error).toBeUndefined();
	expect(definitions('filters')).toBe(1);
	// Both filters hold the same expression: each is evaluated in n8n's loop and read once.
	expect(perItem('={{ $json.text }}')).toBe(4);
});

// n8n's routing reads the credential once when the node starts; the node reads it once more for
// the run and hands it to n8n's request helper, which would otherwise read it for every request.
test('the credential is read twice per node run, whatever the number of items and pages', async () => {
	api().post('/messages/send-message').times(ITEMS).reply(200, { data: {}, status: 1 });
	let before = credentialReads();
	const sent = await runNode({ items, parameters: { resource: 'message', operation: 'send', accountId: rl('={{ $json.id }}'), text: '={{ $json.text }}' } });
	expect(sent.error).toBeUndefined();
	expect(sent.items).toHaveLength(ITEMS);
	expect(credentialReads() - before).toBe(2);

	const page = (offset) => ({ data: Array.from({ length: 100 }, (_, i) => ({ id: hex(offset + i + 1) })), meta: { totalCount: 300 }, status: 1 });
	for (const offset of [0, 100, 200]) api().get('/people').query({ limit: 100, offset }).reply(200, page(offset));
	before = credentialReads();
	const listed = await runNode({ parameters: { resource: 'person', operation: 'getAll', returnAll: true, simplify: false } });
	expect(listed.error).toBeUndefined();
	expect(listed.items).toHaveLength(300);
	expect(credentialReads() - before).toBe(2);
});

test('a request made outside the routing engine (a picker) reads the credential once, not again in n8n\'s helper', async () => {
	api().get('/tags').reply(200, { data: [{ id: hex(1), name: 'vip' }], status: 1 });
	const before = credentialReads();
	const listed = await loadOptions({ method: 'searchTags' });
	expect(listed.results).toEqual([expect.objectContaining({ value: hex(1) })]);
	expect(credentialReads() - before).toBe(1);
});
