// Node version 1.1: every operation answers in the one output vocabulary (shared/response/vocabulary.ts) with
// Simplify on, Leeloo's raw records with it off; version 1 answers as it always did.
const nock = require('nock');
const path = require('node:path');
const { runNode, TOKEN, BASE_URL, DIST } = require('./helpers/harness');

const { simplifyMessage } = require(path.join(DIST, 'nodes/shared/response/vocabulary.js'));
const { OPERATION_OUTPUT } = require(path.join(DIST, 'nodes/Leeloo/assembly.js'));

const hex = (n) => n.toString(16).padStart(24, '0');
const rl = (value) => ({ __rl: true, mode: 'id', value });
const [A, B, C, D] = [hex(0xa), hex(0xb), hex(0xc), hex(0xd)];
const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });

const PERSON = {
	id: A,
	name: 'Feliks',
	phone: '+380966565556',
	email: 'NOT_DEFINED',
	tags: ['vip'],
	accounts: [{ account_id: B, connection_id: C, from: 'TELEGRAM' }],
	lastMessageTime: '2026-01-13T08:21:09.619Z',
	createdAt: '2025-01-01T00:00:00.000Z',
	updatedAt: '2025-01-02T00:00:00.000Z',
};
const CHANNEL = { id: B, person_id: A, name: 'Feliks', from: 'TELEGRAM', connection_id: C, lastMessageTime: '2026-01-13T08:21:09.619Z', createdAt: '2025-01-01T00:00:00.000Z' };
const ORDER = { id: C, title: 'Course', status: 'RESOLVED', price: '250', currency: 'USD', person_id: A, email: 'NOT_DEFINED', createdAt: '2025-01-01T00:00:00.000Z' };
const MESSAGE = { id: D, text: 'Hi', direction: 'INCOMING', type: 'TEXT', createdAt: '2026-01-13T08:21:09.619Z' };
const USER = { id: D, name: 'Max', email: 'NOT_DEFINED', role: 'ADMIN', createdAt: '2025-01-01T00:00:00.000Z' };
const TUNNEL = { id: D, name: 'Welcome', status: 'ACTIVE', blocks: [{ id: A, name: 'Start', type: 'MESSAGE' }] };
const STATS = { tunnel_id: D, subscribers_count: 10, finished_count: 'NOT_DEFINED' };
const ok = (data, extra = {}) => ({ data, status: 1, ...extra });

// resource, operation, parameters, method, path, answer, records the answer holds
const OPERATIONS = [
	['call', 'create', { userId: rl(D), accountId: rl(B), from: '606', to: '607', date: '2026-01-13T10:00:00', status: 'SUCCESS', duration: 5, type: 'INBOUND' }, 'post', '/calls', ok({ call_id: A }), [{ call_id: A }]],
	['communicationChannel', 'getAll', { limit: 1 }, 'get', '/communication-channels', ok([CHANNEL]), [CHANNEL]],
	['communicationChannel', 'getPerson', { accountId: rl(B) }, 'get', `/communication-channels/${B}/person`, ok(PERSON), [PERSON]],
	['communicationChannel', 'subscribe', { accountId: rl(B), tunnelId: rl(D), tunnelBlockId: A }, 'post', `/communication-channels/${B}/manual-subscribe`, ok({}), [{ success: true }]],
	['connection', 'getAll', {}, 'get', '/connections', ok([{ id: C, type: 'TELEGRAM', is_active: true }]), [{ id: C, type: 'TELEGRAM', is_active: true }]],
	['message', 'getAll', { accountId: rl(B), limit: 1 }, 'get', `/communication-channels/${B}/chat-messages`, ok([MESSAGE]), [MESSAGE]],
	['message', 'send', { accountId: rl(B), text: 'Hi' }, 'post', '/messages/send-message', ok({ message_id: D }), [{ message_id: D }]],
	['messageTemplate', 'getCategories', {}, 'get', '/categories/templates', ok({ categories: [{ id: A, name: 'Sales' }] }), [{ id: A, name: 'Sales' }]],
	['messageTemplate', 'getAll', { categoryId: rl(A) }, 'get', `/categories/templates/${A}`, ok({ templates: [{ id: B, name: 'Hello', category_id: A }] }), [{ id: B, name: 'Hello', category_id: A }]],
	['messageTemplate', 'send', { accountId: rl(B), templateId: rl(C) }, 'post', '/messages/send-template', ok({}), [{ success: true }]],
	['order', 'create', { paymentCreditsId: rl(A), offerId: rl(B), personId: rl(A) }, 'post', '/orders', ok({ order_id: C }), [{ order_id: C }]],
	['order', 'get', { orderId: rl(C) }, 'get', `/orders/${C}`, ok(ORDER), [ORDER]],
	['order', 'getAll', { limit: 1 }, 'get', '/orders', ok([ORDER]), [ORDER]],
	['order', 'update', { orderId: rl(C), status: 'RESOLVED' }, 'post', `/orders/${C}`, ok({}), [{ success: true }]],
	['person', 'addComment', { personId: rl(A), comment: 'Called' }, 'put', `/people/${A}/add-comment`, ok({}), [{ success: true }]],
	['person', 'addSmsConnection', { personId: rl(A), phone: '+380966565556' }, 'post', '/people/sms', ok({ account_id: B }), [{ account_id: B }]],
	['person', 'create', { name: 'Feliks' }, 'post', '/people', ok({ person_id: A, account_id: B }), [{ person_id: A, account_id: B }]],
	['person', 'get', { personId: rl(A) }, 'get', `/people/${A}`, ok(PERSON), [PERSON]],
	['person', 'getAll', { limit: 1 }, 'get', '/people', ok([PERSON]), [PERSON]],
	['person', 'update', { personId: rl(A), updateFields: { name: 'F' } }, 'put', `/people/${A}`, ok({}), [{ success: true }]],
	['tag', 'addToPerson', { personId: rl(A), tagId: rl(D) }, 'put', `/people/${A}/add-tag`, ok({}), [{ success: true }]],
	['tag', 'getAll', {}, 'get', '/tags', ok([{ id: D, name: 'vip', created_at: 'NOT_DEFINED' }]), [{ id: D, name: 'vip', created_at: 'NOT_DEFINED' }]],
	['tag', 'removeFromPerson', { personId: rl(A), tagId: rl(D) }, 'put', `/people/${A}/remove-tag`, ok({}), [{ success: true }]],
	['trafficSource', 'create', { leadGenToolId: rl(A), name: 'Ads' }, 'post', `/leadgentools/${A}/create-traffic-source`, ok({ traffic_source_id: B }), [{ traffic_source_id: B }]],
	['tunnel', 'get', { tunnelId: rl(D) }, 'get', `/tunnels/${D}`, ok(TUNNEL), [TUNNEL]],
	['tunnel', 'getAll', { limit: 1 }, 'get', '/tunnels', ok([TUNNEL]), [TUNNEL]],
	['tunnel', 'getAllStats', {}, 'get', '/tunnels/stats', ok([STATS]), [STATS]],
	['tunnel', 'getStats', { tunnelId: rl(D) }, 'get', `/tunnels/${D}/stats`, ok(STATS), [STATS]],
	['user', 'get', { userId: rl(D) }, 'get', `/users/${D}`, ok(USER), [USER]],
	['user', 'getAll', { limit: 1 }, 'get', '/users', ok([USER]), [USER]],
];

function mock(method, pathName, answer) {
	api()[method](pathName).query(true).reply(200, answer);
}

/** Every key camelCase and no NOT_DEFINED, at any depth (custom fields aside). */
function vocabularyProblems(value, where = '') {
	if (Array.isArray(value)) return value.flatMap((entry, i) => vocabularyProblems(entry, `${where}[${i}]`));
	if (value === 'NOT_DEFINED') return [`${where} is NOT_DEFINED`];
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, inner]) => [
		...(/_/.test(key) ? [`${where}.${key} is not camelCase`] : []),
		...(key === 'customFields' ? [] : vocabularyProblems(inner, `${where}.${key}`)),
	]);
}

// Operations that make several requests per item: each has its own test below.
const SEVERAL_REQUESTS = ['person:upsert'];

test('the table covers every operation of the node', () => {
	expect([...OPERATIONS.map(([resource, operation]) => `${resource}:${operation}`), ...SEVERAL_REQUESTS].sort()).toEqual(Object.keys(OPERATION_OUTPUT).sort());
});

describe('person → upsert (E13, then E14 for the person found)', () => {
	const found = () => {
		api().get('/people').query({ 'filter[phone]': '+380966565556', limit: '100', offset: '0' }).reply(200, ok([PERSON]));
		api().get(`/people/${A}`).reply(200, ok(PERSON));
	};
	const parameters = { resource: 'person', operation: 'upsert', matchBy: 'phone', phone: '+380966565556' };

	test('version 1.1, Simplify on (default): the one vocabulary, plus upsert', async () => {
		found();
		const { items, error } = await runNode({ typeVersion: 1.1, parameters });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ ...OPERATION_OUTPUT['person:upsert'](PERSON), upsert: 'updated' }]);
		expect(vocabularyProblems(items.map((item) => item.json))).toEqual([]);
	});

	test('version 1.1, Simplify off: Leeloo\'s record, plus upsert', async () => {
		found();
		const { items, error } = await runNode({ typeVersion: 1.1, parameters: { ...parameters, simplify: false } });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ ...PERSON, upsert: 'updated' }]);
	});
});

describe.each(OPERATIONS)('%s → %s', (resource, operation, parameters, method, pathName, answer, records) => {
	const key = `${resource}:${operation}`;

	test('version 1.1, Simplify on (default): the one vocabulary', async () => {
		mock(method, pathName, answer);
		const { items, error } = await runNode({ typeVersion: 1.1, parameters: { resource, operation, ...parameters } });
		expect(error).toBeUndefined();
		const map = key === 'message:getAll' ? (raw) => simplifyMessage({ ...raw, accountId: B }) : OPERATION_OUTPUT[key];
		expect(items.map((item) => item.json)).toEqual(records.map(map));
		expect(vocabularyProblems(items.map((item) => item.json))).toEqual([]);
	});

	test('version 1.1, Simplify off: Leeloo\'s records', async () => {
		mock(method, pathName, answer);
		const { items, error } = await runNode({ typeVersion: 1.1, parameters: { resource, operation, simplify: false, ...parameters } });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(records);
	});
});

describe('version 1 is unchanged', () => {
	test.each(OPERATIONS.filter(([resource]) => resource !== 'person'))('%s → %s answers Leeloo\'s records', async (resource, operation, parameters, method, pathName, answer, records) => {
		mock(method, pathName, answer);
		const { items, error } = await runNode({ parameters: { resource, operation, ...parameters } });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(records);
	});

	test('person → get keeps version 1\'s Simplify (channels[].accountId, no customFields key)', async () => {
		mock('get', `/people/${A}`, ok(PERSON));
		const { items } = await runNode({ parameters: { resource: 'person', operation: 'get', personId: rl(A) } });
		expect(items.map((item) => item.json)).toEqual([
			{
				id: A,
				name: 'Feliks',
				phone: '+380966565556',
				email: null,
				tags: ['vip'],
				lastMessageTime: '2026-01-13T08:21:09.619Z',
				createdAt: '2025-01-01T00:00:00.000Z',
				updatedAt: '2025-01-02T00:00:00.000Z',
				channels: [{ accountId: B, from: 'TELEGRAM', connectionId: C }],
			},
		]);
	});
});
