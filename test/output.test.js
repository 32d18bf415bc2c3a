// The output vocabulary (nodes/shared/response/vocabulary.ts): exact record in, exact record out, for
// each mapper; NOT_DEFINED at any depth, missing fields, snake_case and camelCase variants.
const path = require('node:path');
const { DIST } = require('./helpers/harness');

const output = require(path.join(DIST, 'nodes/shared/response/vocabulary.js'));
const { simplifyPersonRecord } = require(path.join(DIST, 'nodes/shared/response/personV1.js'));

const PERSON = '5b3f543bb2737000133d25b0';
const ACCOUNT = '5e42be688d4fff000cafe5cc';
const ACCOUNT_2 = '5e42be688d4fff000cafe5cd';
const CONNECTION = '5e3bf3fdb70492000f72cd6c';
const MESSAGE = '5e42be758d4fff000cafe6ef';
const ORDER = '5f1e2d3c4b5a69788796a5b4';
const OFFER = '5f0a1b2c3d4e5f6a7b8c9d0e';
const USER = '5e18a2a3ed0b7a000d6c948f';
const TUNNEL = '5f2a3b4c5d6e7f8091a2b3c4';
const BLOCK = '5f2a3b4c5d6e7f8091a2b3c5';
const TOOL = '5f2a3b4c5d6e7f8091a2b3c6';
const T1 = '2026-01-13T08:21:09.619Z';
const T2 = '2026-01-14T09:00:00.000Z';

const EMPTY_MESSAGE = { id: null, accountId: null, personId: null, text: null, direction: null, type: null, createdAt: null };
const EMPTY_ORDER = {
	id: null,
	title: null,
	status: null,
	type: null,
	price: null,
	currency: null,
	personId: null,
	offerId: null,
	managerId: null,
	paymentCreditsId: null,
	email: null,
	phone: null,
	transactionDate: null,
	paymentDate: null,
	userComments: null,
	createdAt: null,
	updatedAt: null,
};

describe('simplifyMessage', () => {
	test('an E04 record with the channel the caller adds', () => {
		expect(
			output.simplifyMessage({ id: MESSAGE, text: 'Hi', direction: 'INCOMING', type: 'TEXT', createdAt: T1, accountId: ACCOUNT }),
		).toStrictEqual({ ...EMPTY_MESSAGE, id: MESSAGE, accountId: ACCOUNT, text: 'Hi', direction: 'INCOMING', type: 'TEXT', createdAt: T1 });
	});

	test('a trigger item: message plus accountId and personId; unknown fields dropped', () => {
		expect(
			output.simplifyMessage({
				id: MESSAGE,
				text: 'Hello',
				direction: 'OUTGOING',
				type: 'TEMPLATE',
				createdAt: T1,
				accountId: ACCOUNT,
				personId: PERSON,
				internal_flags: { a: 1 },
			}),
		).toStrictEqual({ id: MESSAGE, accountId: ACCOUNT, personId: PERSON, text: 'Hello', direction: 'OUTGOING', type: 'TEMPLATE', createdAt: T1 });
	});

	test('snake_case variants and NOT_DEFINED', () => {
		expect(
			output.simplifyMessage({ id: MESSAGE, account_id: ACCOUNT, person_id: 'NOT_DEFINED', text: 'NOT_DEFINED', created_at: T2 }),
		).toStrictEqual({ ...EMPTY_MESSAGE, id: MESSAGE, accountId: ACCOUNT, createdAt: T2 });
	});

	test('an empty record keeps the shape', () => {
		expect(output.simplifyMessage({})).toStrictEqual(EMPTY_MESSAGE);
	});
});

describe('simplifyOrder', () => {
	const RAW = {
		id: ORDER,
		status: 'PENDING',
		type: 'MANUAL',
		price: 100,
		currency: 'USD',
		title: 'Course',
		offerId: OFFER,
		personId: PERSON,
		email: 'NOT_DEFINED',
		phone: '+380966565556',
		createdAt: T1,
		updatedAt: T2,
		paymentSystemSecrets: { key: 'x' },
	};

	test('the sandbox/E10 shape, NOT_DEFINED email as null, unknown fields dropped', () => {
		expect(output.simplifyOrder(RAW)).toStrictEqual({
			...EMPTY_ORDER,
			id: ORDER,
			title: 'Course',
			status: 'PENDING',
			type: 'MANUAL',
			price: 100,
			currency: 'USD',
			personId: PERSON,
			offerId: OFFER,
			phone: '+380966565556',
			createdAt: T1,
			updatedAt: T2,
		});
	});

	test('snake_case variants, a price as text, the fields E09/E12 write', () => {
		expect(
			output.simplifyOrder({
				order_id: ORDER,
				status: 'RESOLVED',
				price: '250',
				person_id: PERSON,
				offer_id: OFFER,
				manager_id: USER,
				payment_credits_id: 'NOT_DEFINED',
				transaction_date: T1,
				payment_date: '2018-06-27 07:32',
				user_comments: 'paid cash',
				created_at: T1,
				updated_at: T2,
			}),
		).toStrictEqual({
			...EMPTY_ORDER,
			id: ORDER,
			status: 'RESOLVED',
			price: 250,
			personId: PERSON,
			offerId: OFFER,
			managerId: USER,
			transactionDate: T1,
			paymentDate: '2018-06-27 07:32',
			userComments: 'paid cash',
			createdAt: T1,
			updatedAt: T2,
		});
	});

	test('a price that is not a number stays as given; zero stays zero', () => {
		expect(output.simplifyOrder({ price: 'free' }).price).toBe('free');
		expect(output.simplifyOrder({ price: 0 }).price).toBe(0);
		expect(output.simplifyOrder({ price: '' }).price).toBe('');
	});

	test('an empty record keeps the shape', () => {
		expect(output.simplifyOrder({})).toStrictEqual(EMPTY_ORDER);
	});
});

describe('simplifyChannel', () => {
	test('E06 (sandbox shape): person_id and connection_id renamed, beside lastMessageTime and createdAt', () => {
		expect(
			output.simplifyChannel({
				id: ACCOUNT,
				person_id: PERSON,
				name: 'Andrii Smith',
				from: 'WHATSAPP',
				connection_id: CONNECTION,
				lastMessageTime: T1,
				createdAt: T2,
			}),
		).toStrictEqual({
			id: ACCOUNT,
			personId: PERSON,
			name: 'Andrii Smith',
			from: 'WHATSAPP',
			connectionId: CONNECTION,
			connectionStatus: null,
			lastMessageTime: T1,
			createdAt: T2,
		});
	});

	test('camelCase and account_id variants, NOT_DEFINED, UTM fields kept with nested NOT_DEFINED', () => {
		expect(
			output.simplifyChannel({
				account_id: ACCOUNT,
				id: 'some-other-id',
				personId: PERSON,
				name: 'NOT_DEFINED',
				from: 'TELEGRAM',
				connectionId: CONNECTION,
				connection_status: 'ACTIVE',
				last_message_time: T1,
				created_at: T2,
				utm_source: 'google',
				utm: { utm_campaign: 'spring', term: 'NOT_DEFINED' },
				secret: 'dropped',
			}),
		).toStrictEqual({
			id: ACCOUNT,
			personId: PERSON,
			name: null,
			from: 'TELEGRAM',
			connectionId: CONNECTION,
			connectionStatus: 'ACTIVE',
			lastMessageTime: T1,
			createdAt: T2,
			utmSource: 'google',
			utm: { utmCampaign: 'spring', term: null },
		});
	});

	test('an empty record keeps the shape', () => {
		expect(output.simplifyChannel({})).toStrictEqual({
			id: null,
			personId: null,
			name: null,
			from: null,
			connectionId: null,
			connectionStatus: null,
			lastMessageTime: null,
			createdAt: null,
		});
	});
});

describe('simplifyPerson', () => {
	const RAW = {
		id: PERSON,
		name: 'Feliks',
		phone: '+380966565556',
		email: 'NOT_DEFINED',
		tags: ['vip', 'tag2'],
		accounts: [
			{ account_id: ACCOUNT, connection_id: CONNECTION, connection_status: 'CONNECTED', from: 'TELEGRAM' },
			{ account_id: ACCOUNT_2, connection_id: 'NOT_DEFINED', from: 'MANUAL' },
		],
		customFields: { utm_source: 'ads', city: 'NOT_DEFINED', nested: ['NOT_DEFINED', 'x'] },
		lastMessageTime: T1,
		createdAt: T2,
		updatedAt: T2,
		avatarBlob: 'dropped',
	};
	const CHANNELS = [
		{ accountId: ACCOUNT, from: 'TELEGRAM', connectionId: CONNECTION, connectionStatus: 'CONNECTED' },
		{ accountId: ACCOUNT_2, from: 'MANUAL', connectionId: null, connectionStatus: null },
	];
	const SIMPLE = {
		id: PERSON,
		name: 'Feliks',
		phone: '+380966565556',
		email: null,
		tags: ['vip', 'tag2'],
		channels: CHANNELS,
		// Custom field keys are the user's: not renamed.
		customFields: { utm_source: 'ads', city: null, nested: [null, 'x'] },
		lastMessageTime: T1,
		createdAt: T2,
		updatedAt: T2,
	};

	test('E13/E14 shape: channels in simplifyChannel names, NOT_DEFINED nested as null', () => {
		expect(output.simplifyPerson(RAW)).toStrictEqual(SIMPLE);
	});

	test("a person's channels use simplifyChannel's names, the channel id as accountId (what Message → Send takes)", () => {
		const channelKeys = [...Object.keys(output.simplifyChannel({})).filter((key) => key !== 'id'), 'accountId'];
		for (const channel of output.simplifyPerson(RAW).channels) {
			for (const key of Object.keys(channel)) expect(channelKeys).toContain(key);
		}
	});

	test('snake_case variants; tags given as objects give their names', () => {
		expect(
			output.simplifyPerson({
				person_id: PERSON,
				name: 'Olha',
				email: 'olha@example.com',
				tags: [{ id: 'a', name: 'vip' }, 'NOT_DEFINED', { id: 'b' }, 'cold'],
				channels: [{ accountId: ACCOUNT, connectionId: CONNECTION, connectionStatus: 'ACTIVE', from: 'SMS' }],
				custom_fields: { plan: 'pro' },
				last_message_time: T1,
				created_at: T2,
				updated_at: T2,
			}),
		).toStrictEqual({
			id: PERSON,
			name: 'Olha',
			phone: null,
			email: 'olha@example.com',
			tags: ['vip', 'cold'],
			channels: [{ accountId: ACCOUNT, from: 'SMS', connectionId: CONNECTION, connectionStatus: 'ACTIVE' }],
			customFields: { plan: 'pro' },
			lastMessageTime: T1,
			createdAt: T2,
			updatedAt: T2,
		});
	});

	test('E14 include: included users and orders simplified in full', () => {
		const raw = {
			...RAW,
			links: { contactedUsers: [{ type: 'users', id: USER }], orders: [{ type: 'orders', id: ORDER }] },
			included: {
				users: [{ id: USER, name: 'Manager Max', email: 'NOT_DEFINED', role: 'ADMIN', createdAt: T1, updatedAt: T2 }],
				orders: [{ id: ORDER, status: 'RESOLVED', price: 100, currency: 'USD', person_id: PERSON }],
			},
		};
		expect(output.simplifyPerson(raw)).toStrictEqual({
			...SIMPLE,
			contactedUsers: [{ id: USER, name: 'Manager Max', email: null, role: 'ADMIN', createdAt: T1, updatedAt: T2 }],
			orders: [{ ...EMPTY_ORDER, id: ORDER, status: 'RESOLVED', price: 100, currency: 'USD', personId: PERSON }],
		});
	});

	test('E14 include without `included`: the linked ids only', () => {
		const raw = { ...RAW, links: { contactedUsers: [{ type: 'users', id: USER }], orders: [] } };
		expect(output.simplifyPerson(raw)).toStrictEqual({ ...SIMPLE, contactedUsers: [{ id: USER }], orders: [] });
	});

	test('an empty record keeps the shape, lists empty', () => {
		expect(output.simplifyPerson({})).toStrictEqual({
			id: null,
			name: null,
			phone: null,
			email: null,
			tags: [],
			channels: [],
			customFields: null,
			lastMessageTime: null,
			createdAt: null,
			updatedAt: null,
		});
	});

	test("version 1's person output is unchanged", () => {
		expect(simplifyPersonRecord(RAW)).toStrictEqual({
			id: PERSON,
			name: 'Feliks',
			phone: '+380966565556',
			email: null,
			tags: ['vip', 'tag2'],
			lastMessageTime: T1,
			createdAt: T2,
			updatedAt: T2,
			channels: [
				{ accountId: ACCOUNT, from: 'TELEGRAM', connectionId: CONNECTION },
				{ accountId: ACCOUNT_2, from: 'MANUAL', connectionId: null },
			],
		});
	});
});

describe('simplifyUser', () => {
	test('sandbox shape, NOT_DEFINED, unknown fields dropped', () => {
		expect(
			output.simplifyUser({ id: USER, name: 'Max', email: 'NOT_DEFINED', role: 'MANAGER', createdAt: T1, updatedAt: T2, settings: {} }),
		).toStrictEqual({ id: USER, name: 'Max', email: null, role: 'MANAGER', createdAt: T1, updatedAt: T2 });
	});

	test('snake_case variants and missing fields', () => {
		expect(output.simplifyUser({ user_id: USER, created_at: T1 })).toStrictEqual({
			id: USER,
			name: null,
			email: null,
			role: null,
			createdAt: T1,
			updatedAt: null,
		});
	});
});

describe('simplifyTunnel', () => {
	const RAW = {
		id: TUNNEL,
		name: 'Webinar funnel',
		status: 'ACTIVE',
		blocks: [{ id: BLOCK, name: 'Start', type: 'MESSAGE', content: { big: true } }, { id: BLOCK, name: 'NOT_DEFINED' }],
		createdAt: T1,
		updatedAt: T2,
	};

	test('E23 shape: blocks trimmed to id, name, type; no lead generation tools unless asked', () => {
		expect(output.simplifyTunnel(RAW)).toStrictEqual({
			id: TUNNEL,
			name: 'Webinar funnel',
			status: 'ACTIVE',
			blocks: [
				{ id: BLOCK, name: 'Start', type: 'MESSAGE' },
				{ id: BLOCK, name: null, type: null },
			],
			createdAt: T1,
			updatedAt: T2,
		});
	});

	test('E24 include=leadgentools, either spelling', () => {
		const tools = [{ id: TOOL, name: 'Landing', type: 'LANDING', url: 'x' }];
		const expected = { id: TOOL, name: 'Landing', type: 'LANDING' };
		expect(output.simplifyTunnel({ ...RAW, leadgentools: tools }).leadGenTools).toStrictEqual([expected]);
		expect(output.simplifyTunnel({ ...RAW, lead_gen_tools: tools }).leadGenTools).toStrictEqual([expected]);
	});

	test('missing fields and snake_case dates', () => {
		expect(output.simplifyTunnel({ id: TUNNEL, created_at: T1 })).toStrictEqual({
			id: TUNNEL,
			name: null,
			status: null,
			blocks: [],
			createdAt: T1,
			updatedAt: null,
		});
	});
});

describe('simplifyTunnelStats', () => {
	test('sandbox shape kept, renamed', () => {
		expect(
			output.simplifyTunnelStats({ tunnelId: TUNNEL, name: 'Funnel', subscribers: 10, active: 4, finished: 5, unsubscribed: 1 }),
		).toStrictEqual({ tunnelId: TUNNEL, name: 'Funnel', subscribers: 10, active: 4, finished: 5, unsubscribed: 1 });
	});

	test('snake_case counts and NOT_DEFINED', () => {
		expect(output.simplifyTunnelStats({ tunnel_id: TUNNEL, name: 'NOT_DEFINED', total_subscribers: 3 })).toStrictEqual({
			tunnelId: TUNNEL,
			name: null,
			totalSubscribers: 3,
		});
	});

	test('an id alone is the tunnel id; a separate id is kept', () => {
		expect(output.simplifyTunnelStats({ id: TUNNEL, active: 2 })).toStrictEqual({ tunnelId: TUNNEL, name: null, active: 2 });
		expect(output.simplifyTunnelStats({ id: 'stats-1', tunnelId: TUNNEL })).toStrictEqual({ tunnelId: TUNNEL, name: null, id: 'stats-1' });
	});
});

describe('small records: renamed, every field kept', () => {
	test('simplifyCategory (E01)', () => {
		expect(output.simplifyCategory({ id: '5e3bf3fdb70492000f72cd6c', name: 'Category 1' })).toStrictEqual({
			id: '5e3bf3fdb70492000f72cd6c',
			name: 'Category 1',
		});
		expect(output.simplifyCategory({})).toStrictEqual({ id: null, name: null });
	});

	test('simplifyTemplate (E02): message_name becomes name', () => {
		expect(output.simplifyTemplate({ id: MESSAGE, message_name: 'test template 2' })).toStrictEqual({ id: MESSAGE, name: 'test template 2' });
		expect(output.simplifyTemplate({ id: MESSAGE, messageName: 'camel', category_id: 'c1', body_text: 'NOT_DEFINED' })).toStrictEqual({
			id: MESSAGE,
			name: 'camel',
			categoryId: 'c1',
			bodyText: null,
		});
		expect(output.simplifyTemplate({ id: MESSAGE, name: 'plain' })).toStrictEqual({ id: MESSAGE, name: 'plain' });
	});

	test('simplifyTag (E20)', () => {
		expect(output.simplifyTag({ id: USER, name: 'vip', people_count: 3 })).toStrictEqual({ id: USER, name: 'vip', peopleCount: 3 });
		expect(output.simplifyTag({ name: 'NOT_DEFINED' })).toStrictEqual({ id: null, name: null });
	});

	test('simplifyConnection (E29)', () => {
		expect(
			output.simplifyConnection({ id: CONNECTION, name: 'Bot', type: 'TELEGRAM', status: 'ACTIVE', createdAt: T1, bot_settings: { user_name: 'NOT_DEFINED' } }),
		).toStrictEqual({ id: CONNECTION, name: 'Bot', type: 'TELEGRAM', status: 'ACTIVE', createdAt: T1, botSettings: { userName: null } });
		expect(output.simplifyConnection({})).toStrictEqual({ id: null, name: null, type: null, status: null });
	});

	test('simplifyActionResult: ids and flags renamed, NOT_DEFINED as null', () => {
		expect(output.simplifyActionResult({ id: MESSAGE })).toStrictEqual({ id: MESSAGE });
		expect(output.simplifyActionResult({ success: true })).toStrictEqual({ success: true });
		expect(output.simplifyActionResult({ id: ORDER, person_id: PERSON, record_link: 'NOT_DEFINED' })).toStrictEqual({
			id: ORDER,
			personId: PERSON,
			recordLink: null,
		});
	});

	test('simplifyCreatedPerson (E16): the channel id as accountId, the person id as personId', () => {
		expect(output.simplifyCreatedPerson({ id: ACCOUNT, person_id: PERSON })).toStrictEqual({ personId: PERSON, accountId: ACCOUNT });
		expect(output.simplifyCreatedPerson({ accountId: ACCOUNT, personId: PERSON, extra_field: 1 })).toStrictEqual({
			extraField: 1,
			personId: PERSON,
			accountId: ACCOUNT,
		});
		expect(output.simplifyCreatedPerson({ success: true })).toStrictEqual({ success: true, personId: null, accountId: null });
	});
});

describe('helpers', () => {
	test('cleanValue: NOT_DEFINED at any depth, keys unchanged', () => {
		expect(output.cleanValue({ a_b: 'NOT_DEFINED', list: [{ c: 'NOT_DEFINED' }, 'NOT_DEFINED', 1, false], d: null })).toStrictEqual({
			a_b: null,
			list: [{ c: null }, null, 1, false],
			d: null,
		});
	});

	test('camelRecord: keys camelCase at any depth', () => {
		expect(output.camelRecord({ last_message_time: 'NOT_DEFINED', nested_list: [{ connection_id: 'x' }], alreadyCamel: 1 })).toStrictEqual({
			lastMessageTime: null,
			nestedList: [{ connectionId: 'x' }],
			alreadyCamel: 1,
		});
	});
});

describe('registries', () => {
	const KINDS = [
		'actionResult',
		'category',
		'channel',
		'connection',
		'createdPerson',
		'message',
		'order',
		'person',
		'tag',
		'template',
		'tunnel',
		'tunnelStats',
		'user',
	];

	test('OUTPUT_MAPPERS names every mapper', () => {
		expect(Object.keys(output.OUTPUT_MAPPERS).sort()).toStrictEqual(KINDS);
		expect(output.OUTPUT_MAPPERS.person).toBe(output.simplifyPerson);
	});

	test('OPERATION_OUTPUT covers every operation of the node, each with a mapper', () => {
		const { Leeloo } = require(path.join(DIST, 'nodes/Leeloo/Leeloo.node.js'));
		const { OPERATION_OUTPUT } = require(path.join(DIST, 'nodes/Leeloo/assembly.js'));
		const { properties } = new Leeloo().description;
		const operations = properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.displayOptions?.show?.resource ?? []).flatMap((resource) => p.options.map((o) => `${resource}:${o.value}`)));
		expect(Object.keys(OPERATION_OUTPUT).sort()).toStrictEqual([...new Set(operations)].sort());
		const mappers = Object.values(output.OUTPUT_MAPPERS);
		for (const mapper of Object.values(OPERATION_OUTPUT)) expect(mappers).toContain(mapper);
	});
});
