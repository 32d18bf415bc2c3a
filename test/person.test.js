const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const PERSON = '5b3f543bb2737000133d25b0';
const ACCOUNT = '5e42be688d4fff000cafe5cc';
const CONNECTION = '5e3bf3fdb70492000f72cd6c';
const USER_1 = '5e18a2a3ed0b7a000d6c948f';
const USER_2 = '5e42be758d4fff000cafe6ef';
const LEAD_GEN_TOOL = '5f0a1b2c3d4e5f6a7b8c9d0e';
const ORDER = '5f1e2d3c4b5a69788796a5b4';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const apiJson = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, 'content-type': /application\/json/ } });
const json = (items) => items.map((i) => i.json);

const RAW_PERSON = {
	id: PERSON,
	name: 'Feliks',
	phone: '+380966565556',
	email: 'NOT_DEFINED',
	tags: ['vip', 'tag2'],
	accounts: [
		{ account_id: ACCOUNT, connection_id: CONNECTION, connection_status: 'CONNECTED', from: 'TELEGRAM' },
		{ account_id: '5e42be688d4fff000cafe5cd', connection_id: CONNECTION, connection_status: 'CONNECTED', from: 'MANUAL' },
	],
	lastMessageTime: '2026-01-13T08:21:09.619Z',
	createdAt: '2025-12-01T10:00:00.000Z',
	updatedAt: '2026-01-13T08:21:10.000Z',
	custom_fields: { city: 'Kyiv' },
};

const SIMPLE_PERSON = {
	id: PERSON,
	name: 'Feliks',
	phone: '+380966565556',
	email: null,
	tags: ['vip', 'tag2'],
	lastMessageTime: '2026-01-13T08:21:09.619Z',
	createdAt: '2025-12-01T10:00:00.000Z',
	updatedAt: '2026-01-13T08:21:10.000Z',
	channels: [
		{ accountId: ACCOUNT, from: 'TELEGRAM', connectionId: CONNECTION },
		{ accountId: '5e42be688d4fff000cafe5cd', from: 'MANUAL', connectionId: CONNECTION },
	],
};

// Minimal people for paging: simplified, each one keeps its id and name, the rest is null/empty.
const personAt = (n) => ({ id: n.toString(16).padStart(24, '0'), name: `Person ${n}` });
const people = (from, count) => Array.from({ length: count }, (_, i) => personAt(from + i));
const simplified = (person) => ({
	id: person.id,
	name: person.name,
	phone: null,
	email: null,
	tags: [],
	lastMessageTime: null,
	createdAt: null,
	updatedAt: null,
	channels: [],
});

describe('person', () => {
	describe('E13 getAll', () => {
		test('asks for the default Limit of 50 and simplifies by default', async () => {
			api()
				.get('/people')
				.query({ limit: '50', offset: '0' })
				.reply(200, { data: [RAW_PERSON], meta: { limit: 50, offset: 0, filteredCount: 1, totalCount: 1 }, status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'person', operation: 'getAll' } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([SIMPLE_PERSON]);
		});

		test('returns the raw records with Simplify off', async () => {
			api()
				.get('/people')
				.query({ limit: '50', offset: '0' })
				.reply(200, { data: [RAW_PERSON], status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'person', operation: 'getAll', simplify: false },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([RAW_PERSON]);
		});

		test('sends every filter; tags repeated, last-message days in UTC (workflow in Europe/Berlin)', async () => {
			api()
				.get('/people')
				.query({
					limit: '50',
					offset: '0',
					'filter[tags]': ['vip', 'tag2'],
					'filter[last_message][from]': '2024-05-09',
					'filter[last_message][to]': '2024-05-20',
					'filter[phone]': '+380966565556',
					'filter[email]': 'feliks@gmail.com',
				})
				.reply(200, { data: [RAW_PERSON], status: 1 });
			const { items, error } = await runNode({
				timezone: 'Europe/Berlin',
				parameters: {
					resource: 'person',
					operation: 'getAll',
					filters: {
						tags: ['vip', 'tag2'],
						// 00:30 in Berlin (UTC+2) is still the previous day in UTC.
						lastMessageFrom: '2024-05-10T00:30:00',
						lastMessageTo: '2024-05-20T23:30:00',
						phone: '+380966565556',
						email: 'feliks@gmail.com',
					},
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([SIMPLE_PERSON]);
		});

		test('takes tags mapped as comma-separated text', async () => {
			api()
				.get('/people')
				.query({ limit: '50', offset: '0', 'filter[tags]': ['vip', 'tag2'] })
				.reply(200, { data: [], status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'person', operation: 'getAll', filters: { tags: '={{ "vip, tag2" }}' } },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([]);
		});

		test('Return All reads pages of 100 until a short page, simplifying every page', async () => {
			api()
				.get('/people')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: people(0, 100), status: 1 })
				.get('/people')
				.query({ limit: '100', offset: '100' })
				.reply(200, { data: people(100, 100), status: 1 })
				.get('/people')
				.query({ limit: '100', offset: '200' })
				.reply(200, { data: people(200, 42), status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'person', operation: 'getAll', returnAll: true } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(people(0, 242).map(simplified));
		});

		test('Return All stops at meta.totalCount on an exact page boundary', async () => {
			const meta = (offset) => ({ limit: 100, offset, filteredCount: 100, totalCount: 200 });
			api()
				.get('/people')
				.query({ limit: '100', offset: '0', 'filter[email]': 'a@b.co' })
				.reply(200, { data: people(0, 100), meta: meta(0), status: 1 })
				.get('/people')
				.query({ limit: '100', offset: '100', 'filter[email]': 'a@b.co' })
				.reply(200, { data: people(100, 100), meta: meta(100), status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'person', operation: 'getAll', returnAll: true, simplify: false, filters: { email: 'a@b.co' } },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(people(0, 200));
		});

		test('Limit 150 asks for 100 then 50', async () => {
			api()
				.get('/people')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: people(0, 100), status: 1 })
				.get('/people')
				.query({ limit: '50', offset: '100' })
				.reply(200, { data: people(100, 50), status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'person', operation: 'getAll', returnAll: false, limit: 150, simplify: false },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(people(0, 150));
		});

		test('refuses an impossible Last Message From date before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'person', operation: 'getAll', filters: { lastMessageFrom: '2024-02-30' } },
			});
			expect(error.message).toBe('Last Message From is not a valid date and time');
		});

		test('refuses an impossible Last Message To date before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'person', operation: 'getAll', filters: { lastMessageTo: '2024-13-01T00:00:00' } },
			});
			expect(error.message).toBe('Last Message To is not a valid date and time');
		});
	});

	describe('E14 get', () => {
		test('gets one person, simplified by default', async () => {
			api().get(`/people/${PERSON}`).reply(200, { data: RAW_PERSON, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'person', operation: 'get', personId: rl(PERSON, 'list') },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([SIMPLE_PERSON]);
		});

		test('with Include asks for include=contactedUsers,orders and keeps the included records (Simplify off)', async () => {
			const links = { contactedUsers: [{ type: 'users', id: USER_1 }], orders: [{ type: 'orders', id: ORDER }] };
			const included = { users: [{ id: USER_1, name: 'Manager' }], orders: [{ id: ORDER, status: 'RESOLVED' }] };
			api()
				.get(`/people/${PERSON}`)
				.query({ include: 'contactedUsers,orders' })
				.reply(200, { data: { ...RAW_PERSON, links }, included, status: 1 });
			const { items, error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'get',
					personId: rl(PERSON),
					simplify: false,
					options: { include: ['contactedUsers', 'orders'] },
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ ...RAW_PERSON, links, included }]);
		});

		test('with Include and Simplify on, the simplified person keeps the included records', async () => {
			const included = { orders: [{ id: ORDER, status: 'RESOLVED' }] };
			api()
				.get(`/people/${PERSON}`)
				.query({ include: 'orders' })
				.reply(200, { data: RAW_PERSON, included, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'person', operation: 'get', personId: rl(PERSON), options: { include: ['orders'] } },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ ...SIMPLE_PERSON, included }]);
		});

		test('Simplify tolerates a person with missing fields and accounts without ids', async () => {
			api()
				.get(`/people/${PERSON}`)
				.reply(200, { data: { id: PERSON, phone: 'NOT_DEFINED', accounts: [{ from: 'MANUAL' }] }, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'person', operation: 'get', personId: rl(PERSON) },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([
				{
					id: PERSON,
					name: null,
					phone: null,
					email: null,
					tags: [],
					lastMessageTime: null,
					createdAt: null,
					updatedAt: null,
					channels: [{ accountId: null, from: 'MANUAL', connectionId: null }],
				},
			]);
		});

		test('refuses an Include value outside contactedUsers/orders (mapped) before any request', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'get',
					personId: rl(PERSON),
					options: { include: '={{ ["orders", "payments"] }}' },
				},
			});
			expect(error.message).toBe('Include must be one of contactedUsers, orders');
		});

		test('refuses a mapped person id that is not 24 hex before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'person', operation: 'get', personId: rl('={{ "feliks" }}') },
			});
			expect(error.message).toBe('Person must be a Leeloo ID of 24 hexadecimal characters');
		});
	});

	describe('E15 update', () => {
		test('sends the update fields and custom fields as custom_fields in a JSON body', async () => {
			apiJson()
				.put(`/people/${PERSON}`, {
					name: 'Feliks K.',
					phone: '+380966565557',
					email: 'feliks@gmail.com',
					custom_fields: { city: 'Kyiv', plan: 'gold' },
				})
				.reply(200, { data: {}, status: 1 });
			const { items, error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'update',
					personId: rl(PERSON),
					updateFields: {
						customFields: {
							field: [
								{ key: 'city', value: 'Kyiv' },
								{ key: 'plan', value: 'gold' },
							],
						},
						email: 'feliks@gmail.com',
						name: 'Feliks K.',
						phone: '+380966565557',
					},
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ success: true }]);
		});

		test('sends only custom_fields when that is the only update field', async () => {
			apiJson()
				.put(`/people/${PERSON}`, { custom_fields: { city: 'Lviv' } })
				.reply(200, { data: { id: PERSON }, status: 1 });
			const { items, error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'update',
					personId: rl(PERSON),
					updateFields: { customFields: { field: [{ key: 'city', value: 'Lviv' }] } },
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ id: PERSON }]);
		});

		test('refuses a custom field row without a key before any request', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'update',
					personId: rl(PERSON),
					updateFields: { customFields: { field: [{ key: ' ', value: 'Lviv' }] } },
				},
			});
			expect(error.message).toBe('Custom Fields: every row needs a key');
		});

		test('refuses a mapped person id that is not 24 hex before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'person', operation: 'update', personId: rl('={{ "" }}'), updateFields: { name: 'X' } },
			});
			expect(error.message).toBe('Person must be a Leeloo ID of 24 hexadecimal characters');
		});
	});

	describe('E16 create', () => {
		test('sends name and every additional field as JSON and returns the channel and person ids', async () => {
			apiJson()
				.post('/people', {
					name: 'Feliks',
					phone: '+380966565556',
					email: 'feliks@gmail.com',
					leadgentool_id: LEAD_GEN_TOOL,
					connected_users_ids: [USER_1, USER_2],
					tags: ['vip', 'new'],
				})
				.reply(200, { data: { id: ACCOUNT, person_id: PERSON }, status: 1 });
			const { items, error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'create',
					name: 'Feliks',
					additionalFields: {
						connectedUserIds: [USER_1, USER_2],
						email: 'feliks@gmail.com',
						leadGenToolId: rl(LEAD_GEN_TOOL),
						phone: '+380966565556',
						tags: ['vip', 'new'],
					},
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ id: ACCOUNT, person_id: PERSON }]);
		});

		test('sends only the name when no additional field is set', async () => {
			apiJson().post('/people', { name: 'Feliks' }).reply(200, { data: {}, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'person', operation: 'create', name: 'Feliks' },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ success: true }]);
		});

		test('takes connected users and tags mapped as comma-separated text', async () => {
			apiJson()
				.post('/people', { name: 'Feliks', connected_users_ids: [USER_1, USER_2], tags: ['vip', 'new'] })
				.reply(200, { data: { id: ACCOUNT, person_id: PERSON }, status: 1 });
			const { items, error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'create',
					name: 'Feliks',
					additionalFields: {
						connectedUserIds: `={{ "${USER_1}, ${USER_2}" }}`,
						tags: '={{ "vip,new" }}',
					},
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ id: ACCOUNT, person_id: PERSON }]);
		});

		test('refuses an empty name (mapped) before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'person', operation: 'create', name: '={{ "  " }}' },
			});
			expect(error.message).toBe('Name is required');
		});

		test('refuses connected users that are not Leeloo ids before any request', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'create',
					name: 'Feliks',
					additionalFields: { connectedUserIds: `={{ ["${USER_1}", "manager"] }}` },
				},
			});
			expect(error.message).toBe('Connected Users must be Leeloo IDs of 24 hexadecimal characters');
		});

		test('refuses a lead generation tool id that is not 24 hex before any request', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'create',
					name: 'Feliks',
					additionalFields: { leadGenToolId: rl('5f0a1b2c') },
				},
			});
			expect(error.message).toBe('Lead Generation Tool must be a Leeloo ID of 24 hexadecimal characters');
		});
	});

	describe('E17 addSmsConnection', () => {
		test('sends person_id and phone as JSON', async () => {
			apiJson()
				.post('/people/sms', { person_id: PERSON, phone: '+380966565556' })
				.reply(200, { data: { id: ACCOUNT }, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'person', operation: 'addSmsConnection', personId: rl(PERSON), phone: '+380966565556' },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ id: ACCOUNT }]);
		});

		test('refuses an empty phone (mapped) before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'person', operation: 'addSmsConnection', personId: rl(PERSON), phone: '={{ "" }}' },
			});
			expect(error.message).toBe('Phone is required');
		});

		test('refuses a mapped person id that is not 24 hex before any request', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'addSmsConnection',
					personId: rl(`={{ "${PERSON}0" }}`),
					phone: '+380966565556',
				},
			});
			expect(error.message).toBe('Person must be a Leeloo ID of 24 hexadecimal characters');
		});
	});

	describe('E18 addComment', () => {
		test('sends the comment as JSON to the person path', async () => {
			apiJson()
				.put(`/people/${PERSON}/add-comment`, { comment: 'Called back, interested' })
				.reply(200, { data: {}, status: 1 });
			const { items, error } = await runNode({
				parameters: {
					resource: 'person',
					operation: 'addComment',
					personId: rl(PERSON, 'list'),
					comment: 'Called back, interested',
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ success: true }]);
		});

		test('refuses an empty comment (mapped) before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'person', operation: 'addComment', personId: rl(PERSON), comment: '={{ "" }}' },
			});
			expect(error.message).toBe('Comment is required');
		});

		test('refuses a mapped person id that is not 24 hex before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'person', operation: 'addComment', personId: rl('={{ "abc" }}'), comment: 'Hi' },
			});
			expect(error.message).toBe('Person must be a Leeloo ID of 24 hexadecimal characters');
		});
	});
});
