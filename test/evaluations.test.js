// Per-item cost: how often each user expression is evaluated per item. n8n's routing engine
// evaluates the value of every top-level definition that carries a parameter's name, once per
// item (routing-node.js, runNode; n8n 2.x twice: it walks them again to resolve the base URL);
// beyond that, each parameter is read once, by the operation's route (engine/routing.ts,
// engine/fields.ts), never again by a check or a transform. That read takes a value that is exactly
// `{{ $json.field }}` from the item when the field holds a string or a number (engine/read.ts):
// no evaluation of its own then.
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

test('Message → Send: each {{ $json.field }} once per definition in n8n\'s loop, and not again by the node', async () => {
	const sent = [];
	api()
		.post('/messages/send-message', (body) => sent.push(body))
		.times(ITEMS)
		.reply(200, { data: {}, status: 1 });
	const { error } = await runNode({
		items,
		parameters: { resource: 'message', operation: 'send', accountId: rl('={{ $json.id }}'), text: '={{ $json.text }}' },
	});
	expect(error).toBeUndefined();
	expect(definitions('accountId')).toBe(2);
	expect(definitions('text')).toBe(1);
	expect(perItem('={{ $json.id }}')).toBe(definitions('accountId'));
	expect(perItem('={{ $json.text }}')).toBe(definitions('text'));
	expect(sent).toEqual(items.map(({ json }) => ({ account_id: json.id, text: json.text })));
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
	expect(perItem('={{ $json.id }}')).toBe(definitions('orderId'));
	// A string and a number field: n8n's loop only. Any other expression: n8n's loop and one read.
	for (const expression of ['={{ $json.n }}', '={{ $json.text }}']) expect(perItem(expression)).toBe(1);
	expect(perItem('={{ "2024-03-22T15:30:00" }}')).toBe(2);
});

test('any other expression is read through n8n, once, and sent as n8n evaluates it', async () => {
	const sent = [];
	api()
		.post('/messages/send-message', (body) => sent.push(body))
		.times(ITEMS)
		.reply(200, { data: {}, status: 1 });
	const padded = items.map(({ json }) => ({ json: { ...json, id: ` ${json.id} ` } }));
	const { error } = await runNode({
		items: padded,
		parameters: { resource: 'message', operation: 'send', accountId: rl('={{ $json.id.trim() }}'), text: '={{ $json.text }}' },
	});
	expect(error).toBeUndefined();
	expect(perItem('={{ $json.id.trim() }}')).toBe(definitions('accountId') + 1);
	expect(perItem('={{ $json.text }}')).toBe(definitions('text'));
	expect(sent).toEqual(items.map(({ json }) => ({ account_id: json.id, text: json.text })));
});

test('a locator in another mode than By ID is read through n8n, once', async () => {
	const sent = [];
	api()
		.post('/messages/send-message', (body) => sent.push(body))
		.times(ITEMS)
		.reply(200, { data: {}, status: 1 });
	const { error } = await runNode({
		items,
		parameters: { resource: 'message', operation: 'send', accountId: { __rl: true, mode: 'list', value: '={{ $json.id }}' }, text: '={{ $json.text }}' },
	});
	expect(error).toBeUndefined();
	expect(perItem('={{ $json.id }}')).toBe(definitions('accountId') + 1);
	expect(sent).toEqual(items.map(({ json }) => ({ account_id: json.id, text: json.text })));
});

test('a {{ $json.field }} that holds neither a string nor a number is read through n8n', async () => {
	const scope = api().post('/messages/send-message').reply(200, { data: {}, status: 1 });
	const listed = items.map(({ json }) => ({ json: { ...json, words: ['a', 'b'] } }));
	const { error } = await runNode({
		items: listed,
		parameters: { resource: 'message', operation: 'send', accountId: rl('={{ $json.id }}'), text: '={{ $json.words }}' },
	});
	expect(perItem('={{ $json.words }}')).toBe(definitions('text') + 1);
	expect(error?.message).toMatch(/text/i);
	expect(scope.isDone()).toBe(false);
	nock.cleanAll();
});

test('person filters: one Filters definition for every Get Many that has them', async () => {
	api().get('/people').query(true).times(ITEMS).reply(200, { data: [], status: 1 });
	const { error } = await runNode({
		items,
		parameters: { resource: 'person', operation: 'getAll', limit: 1, filters: { phone: '={{ $json.text }}', tags: '={{ $json.text }}' } },
	});
	expect(error).toBeUndefined();
	expect(definitions('filters')).toBe(1);
	// Both filters hold the same expression: each is evaluated in n8n's loop; the route takes the
	// field from the item.
	expect(perItem('={{ $json.text }}')).toBe(2);
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

// Simplify is read once per item without evaluation when it is plain, and evaluated per item when it
// is an expression, so one run can simplify some items and not others.
test('Simplify as an expression decides per item', async () => {
	const person = { id: hex(1), name: 'Ann', phone: '+380000000001', channels: [{ accountId: hex(2), from: 'telegram' }] };
	const run = async (simplify, flags) => {
		api().get(`/people/${hex(1)}`).times(flags.length).reply(200, { data: person, status: 1 });
		const result = await runNode({
			items: flags.map((flag) => ({ json: { flag } })),
			typeVersion: 1.1,
			parameters: { resource: 'person', operation: 'get', personId: rl(hex(1)), simplify },
		});
		expect(result.error).toBeUndefined();
		return result.items.map((item) => item.json);
	};
	const [simplified] = await run(true, [true]);
	const [raw] = await run(false, [false]);
	expect(simplified).not.toEqual(raw);
	expect(await run('={{ $json.flag }}', [true, false])).toEqual([simplified, raw]);
	expect(perItem('={{ $json.flag }}')).toBeGreaterThan(0);
});
