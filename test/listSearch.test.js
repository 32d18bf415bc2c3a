// "From List" modes of the resource locators and the multi-select option lists
// (nodes/Leeloo/listSearch/index.ts), called through n8n-core's LoadOptionsContext.
const path = require('node:path');
const nock = require('nock');
const { loadOptions, TOKEN, BASE_URL, DIST } = require('./helpers/harness');

const { READ_AHEAD, shortDate, shortDateTime, messengerName, labelMatches } = require(path.join(DIST, 'nodes/Leeloo/listSearch/index.js'));

const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const id = (n) => n.toString(16).padStart(24, '0');
const records = (count, make, start = 0) => Array.from({ length: count }, (_, i) => make(start + i));
const page = (data, totalCount) => ({ data, ...(totalCount !== undefined && { meta: { totalCount } }), status: 1 });

/** Mocks GET /people pages of 100 from `from` on: person i is named "Anna i" when `isAnna(i)`. */
function peoplePages(offsets, total, isAnna) {
	for (const offset of offsets) {
		const count = Math.min(100, total - offset);
		api()
			.get('/people')
			.query({ limit: 100, offset })
			.reply(200, page(records(count, (i) => ({ id: id(i + 1), name: isAnna(i) ? `Anna ${i}` : `Bob ${i}` }), offset), total));
	}
}

const annas = (list) => list.map((i) => ({ name: `Anna ${i}`, value: id(i + 1) }));
const range = (from, to, step = 1) => records(Math.ceil((to - from) / step), (i) => from + i * step);

afterEach(() => jest.restoreAllMocks());

describe('labels', () => {
	test('E13 people: name with phone, else email, else when added; first page of 100, then the next offset', async () => {
		const first = records(100, (i) => ({ id: id(i + 1), name: `Person ${i}`, phone: 'NOT_DEFINED', email: 'NOT_DEFINED' }));
		first[0] = { id: id(1), name: 'Olha', phone: '+380966565556', email: 'olha@example.com' };
		first[1] = { id: id(2), name: 'Feliks', phone: 'NOT_DEFINED', email: 'feliks@gmail.com' };
		first[2] = { id: id(3), name: 'Andrii', phone: 'NOT_DEFINED', email: 'NOT_DEFINED', createdAt: '2025-12-01T10:00:00.000Z' };
		first[3] = { id: id(4), name: 'NOT_DEFINED', phone: '+380501112233' };
		api().get('/people').query({ limit: 100, offset: 0 }).reply(200, page(first, 150));
		const result = await loadOptions({ method: 'searchPeople' });
		expect(result.results).toHaveLength(100);
		expect(result.results.slice(0, 5)).toEqual([
			{ name: 'Olha · +380966565556', value: id(1) },
			{ name: 'Feliks · feliks@gmail.com', value: id(2) },
			{ name: 'Andrii · added 1 Dec 2025', value: id(3) },
			{ name: '+380501112233', value: id(4) },
			{ name: 'Person 4', value: id(5) },
		]);
		expect(result.paginationToken).toBe('100');

		api().get('/people').query({ limit: 100, offset: 100 }).reply(200, page(records(50, (i) => ({ id: id(i + 1), name: `P${i}` }), 100), 150));
		const second = await loadOptions({ method: 'searchPeople', paginationToken: '100' });
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
	});

	test('E06 channels: name, messenger and the day added (UTC); the last-message time, which changes, is left out', async () => {
		api()
			.get('/communication-channels')
			.query({ limit: 100, offset: 0 })
			.reply(
				200,
				page(
					[
						{ id: id(1), person_id: id(9), name: 'Andrii Smith', from: 'WHATSAPP', lastMessageTime: '2026-01-13T08:21:09.619Z', createdAt: '2025-11-02T23:30:00.000Z' },
						{ id: id(2), person_id: id(9), name: 'Andrii Smith', from: 'WHATSAPP', lastMessageTime: '2026-01-10T17:05:00.000Z', createdAt: '2025-12-24T09:30:00.000Z' },
						{ id: id(3), person_id: id(9), name: 'Andrii Smith', from: 'TELEGRAM', lastMessageTime: null, createdAt: '2025-11-02T09:30:00.000Z' },
						{ id: id(4), name: 'Anna', from: 'VK_GROUP' },
						{ id: id(5), name: 'NOT_DEFINED', from: 'sms', created_at: '2024-02-29T12:00:00.000Z' },
					],
					5,
				),
			);
		expect(await loadOptions({ method: 'searchChannels' })).toEqual({
			results: [
				{ name: 'Andrii Smith · WhatsApp · 2 Nov 2025', value: id(1) },
				{ name: 'Andrii Smith · WhatsApp · 24 Dec 2025', value: id(2) },
				{ name: 'Andrii Smith · Telegram · 2 Nov 2025', value: id(3) },
				{ name: 'Anna · Vk group', value: id(4) },
				{ name: 'SMS · 29 Feb 2024', value: id(5) },
			],
			paginationToken: undefined,
		});
	});

	test('labels are the same in any workflow timezone (n8n saves them with the workflow)', async () => {
		const channel = { id: id(1), name: 'Andrii Smith', from: 'WHATSAPP', createdAt: '2025-11-02T23:30:00.000Z' };
		for (const timezone of ['UTC', 'Asia/Tokyo', 'America/New_York']) {
			api().get('/communication-channels').query({ limit: 100, offset: 0 }).reply(200, page([channel], 1));
			expect((await loadOptions({ method: 'searchChannels', timezone })).results).toEqual([{ name: 'Andrii Smith · WhatsApp · 2 Nov 2025', value: id(1) }]);
		}
	});

	// The dropdown is as wide as the parameter: in n8n's node panel at its default width (390 px)
	// about 310 px of 12 px text, some 48 characters; longer labels are cut off at the end.
	test('a channel label of a long usual name fits the dropdown of the default-width panel (48 characters)', async () => {
		api()
			.get('/communication-channels')
			.query({ limit: 100, offset: 0 })
			.reply(200, page([{ id: id(1), name: 'Oleksandra Kovalenko', from: 'INSTAGRAM', createdAt: '2025-12-24T09:30:00.000Z' }], 1));
		const [{ name }] = (await loadOptions({ method: 'searchChannels' })).results;
		expect(name).toBe('Oleksandra Kovalenko · Instagram · 24 Dec 2025');
		expect(name.length).toBeLessThanOrEqual(48);
	});

	test.each([
		[
			'searchOrders',
			'/orders',
			[
				{ id: id(2), title: 'Course', status: 'RESOLVED', price: 100, currency: 'RUB', createdAt: '2026-01-13T08:21:00.000Z' },
				{ id: id(3), title: 'NOT_DEFINED', status: 'PENDING', price: 0, currency: 'NOT_DEFINED' },
			],
			['Course · 13 Jan 2026 08:21 UTC', id(3)],
		],
		['searchTunnels', '/tunnels', [{ id: id(3), name: 'Webinar funnel', status: 'ACTIVE' }, { id: id(5), name: 'Old' }], ['Webinar funnel', 'Old']],
		[
			'searchUsers',
			'/users',
			[{ id: id(4), name: 'Manager Max', email: 'max@example.com' }, { id: id(6), name: 'NOT_DEFINED', email: 'ops@example.com' }],
			['Manager Max · max@example.com', 'ops@example.com'],
		],
	])('%s reads %s', async (method, listPath, data, names) => {
		api().get(listPath).query({ limit: 100, offset: 0 }).reply(200, page(data, data.length));
		expect(await loadOptions({ method })).toEqual({
			results: names.map((name, i) => ({ name, value: data[i].id })),
			paginationToken: undefined,
		});
	});

	test('a record without an id is left out; one without any label shows its id', async () => {
		api().get('/tunnels').query({ limit: 100, offset: 0 }).reply(200, page([{ name: 'No id' }, { id: id(7) }]));
		expect((await loadOptions({ method: 'searchTunnels' })).results).toEqual([{ name: id(7), value: id(7) }]);
	});

	test('dates and times in labels are UTC and say so; no time, no text', () => {
		expect(shortDate('2026-01-13T23:21:09.619Z')).toBe('13 Jan 2026');
		expect(shortDateTime('2026-01-13T08:21:09.619Z')).toBe('13 Jan 2026 08:21 UTC');
		expect(shortDateTime('2026-07-01T23:30:00.000+02:00')).toBe('1 Jul 2026 21:30 UTC');
		for (const nothing of ['NOT_DEFINED', 'yesterday', undefined, null, '']) {
			expect(shortDate(nothing)).toBe('');
			expect(shortDateTime(nothing)).toBe('');
		}
	});

	test('messengers as people write them', () => {
		expect(['WHATSAPP', 'TELEGRAM', 'FACEBOOK', 'INSTAGRAM', 'VIBER', 'MANUAL', 'SMS', 'whatsapp', 'LINE', 'NOT_DEFINED'].map(messengerName)).toEqual([
			'WhatsApp',
			'Telegram',
			'Facebook',
			'Instagram',
			'Viber',
			'Manual',
			'SMS',
			'WhatsApp',
			'Line',
			'',
		]);
	});
});

describe('name search reads ahead', () => {
	test('the bounds are a screenful, 10 pages, 5 seconds', () => {
		expect(READ_AHEAD).toEqual({ matches: 30, pages: 10, ms: 5000 });
	});

	test('E13: reads pages until a screenful of matches, then continues where it stopped', async () => {
		// Every 10th person is an Anna: 10 matches per page, so 3 pages make a screenful.
		peoplePages([0, 100, 200], 350, (i) => i % 10 === 0);
		expect(await loadOptions({ method: 'searchPeople', filter: 'anna' })).toEqual({
			results: annas(range(0, 300, 10)),
			paginationToken: '300',
		});
		// The rest of the list: 5 more, and the end.
		peoplePages([300], 350, (i) => i % 10 === 0);
		expect(await loadOptions({ method: 'searchPeople', filter: 'Anna', paginationToken: '300' })).toEqual({
			results: annas(range(300, 350, 10)),
			paginationToken: undefined,
		});
	});

	test('E13: a full page of matches is one request', async () => {
		peoplePages([0], 1000, () => true);
		const result = await loadOptions({ method: 'searchPeople', filter: 'ann' });
		expect(result.results).toEqual(annas(range(0, 100)));
		expect(result.paginationToken).toBe('100');
	});

	test('E13: stops after 10 pages with what it found, the token continues after them', async () => {
		peoplePages(range(0, 1000, 100), 5000, (i) => i === 42 || i === 777);
		expect(await loadOptions({ method: 'searchPeople', filter: 'anna' })).toEqual({
			results: annas([42, 777]),
			paginationToken: '1000',
		});
		peoplePages(range(1000, 2000, 100), 5000, () => false);
		expect(await loadOptions({ method: 'searchPeople', filter: 'anna', paginationToken: '1000' })).toEqual({
			results: [],
			paginationToken: '2000',
		});
	});

	test('E13: starts no page after 5 seconds', async () => {
		// Each page takes 3 s of the clock: after the second the time bound is reached.
		let elapsed = 0;
		const start = Date.now();
		jest.spyOn(Date, 'now').mockImplementation(() => start + elapsed);
		for (const offset of [0, 100]) {
			api()
				.get('/people')
				.query({ limit: 100, offset })
				.reply(() => {
					elapsed += 3000;
					return [200, page(records(100, (i) => ({ id: id(i + 1), name: i === offset + 5 ? 'Anna' : 'Bob' }), offset), 900)];
				});
		}
		expect(await loadOptions({ method: 'searchPeople', filter: 'anna' })).toEqual({
			results: [
				{ name: 'Anna', value: id(6) },
				{ name: 'Anna', value: id(106) },
			],
			paginationToken: '200',
		});
	});

	test('E13: stops at the end of the list, by a short page or by totalCount', async () => {
		peoplePages([0, 100], 200, (i) => i === 150);
		expect(await loadOptions({ method: 'searchPeople', filter: 'anna' })).toEqual({ results: annas([150]), paginationToken: undefined });
		api().get('/people').query({ limit: 100, offset: 0 }).reply(200, page([{ id: id(1), name: 'Bob' }]));
		expect(await loadOptions({ method: 'searchPeople', filter: 'anna' })).toEqual({ results: [], paginationToken: undefined });
	});

	test('a failing later page ends the call with the matches so far and a token that retries it', async () => {
		peoplePages([0], 900, (i) => i === 3);
		api().get('/people').query({ limit: 100, offset: 100 }).reply(400, { status: 0, error: { code: 'FORMAT_ERROR' } });
		expect(await loadOptions({ method: 'searchPeople', filter: 'anna' })).toEqual({ results: annas([3]), paginationToken: '100' });
	});

	test('a failing page before any match is shown as the error', async () => {
		peoplePages([0], 900, () => false);
		api().get('/people').query({ limit: 100, offset: 100 }).reply(400, { status: 0, error: { code: 'FORMAT_ERROR' } });
		await expect(loadOptions({ method: 'searchPeople', filter: 'anna' })).rejects.toThrow('Leeloo refused GET /people: FORMAT_ERROR');
	});

	test('E13: an email or a phone is Leeloo\'s filter, not matched again against the labels', async () => {
		api()
			.get('/people')
			.query({ limit: 100, offset: 0, 'filter[email]': 'feliks@gmail.com' })
			.reply(200, page([{ id: id(7), name: 'Feliks', email: 'feliks@gmail.com' }]));
		expect(await loadOptions({ method: 'searchPeople', filter: 'feliks@gmail.com' })).toEqual({
			results: [{ name: 'Feliks · feliks@gmail.com', value: id(7) }],
			paginationToken: undefined,
		});
		api()
			.get('/people')
			.query({ limit: 100, offset: 0, 'filter[phone]': '+380966565556' })
			.reply(200, page([{ id: id(8), name: 'Olha', phone: '+380966565556' }]));
		expect(await loadOptions({ method: 'searchPeople', filter: '+380 96 656-55-56' })).toEqual({
			results: [{ name: 'Olha · +380966565556', value: id(8) }],
			paginationToken: undefined,
		});
	});

	test('E06 channels: the name search reads ahead too; an id finds its record', async () => {
		for (const offset of [0, 100]) {
			api()
				.get('/communication-channels')
				.query({ limit: 100, offset })
				.reply(200, page(records(100, (i) => ({ id: id(i + 1), name: i % 50 === 7 ? 'Andrii' : 'Olha', from: 'SMS' }), offset), 200));
		}
		expect(await loadOptions({ method: 'searchChannels', filter: 'andrii' })).toEqual({
			results: [7, 57, 107, 157].map((i) => ({ name: 'Andrii · SMS', value: id(i + 1) })),
			paginationToken: undefined,
		});
		api().get('/communication-channels').query({ limit: 100, offset: 0 }).reply(200, page([{ id: id(300), name: 'X', from: 'SMS' }], 1));
		expect((await loadOptions({ method: 'searchChannels', filter: id(300).toUpperCase() })).results).toEqual([{ name: 'X · SMS', value: id(300) }]);
	});

	test('E10 orders: the search matches the label (title, when made)', async () => {
		api()
			.get('/orders')
			.query({ limit: 100, offset: 0 })
			.reply(
				200,
				page(
					[
						{ id: id(1), title: 'Course', status: 'RESOLVED', price: 100, currency: 'RUB', createdAt: '2026-01-13T08:21:00.000Z' },
						{ id: id(2), title: 'Course', status: 'PENDING', createdAt: '2026-02-01T10:00:00.000Z' },
						{ id: id(3), title: 'Book', status: 'PENDING', createdAt: '2026-01-20T10:00:00.000Z' },
					],
					3,
				),
			);
		expect((await loadOptions({ method: 'searchOrders', filter: 'jan course' })).results).toEqual([
			{ name: 'Course · 13 Jan 2026 08:21 UTC', value: id(1) },
		]);
	});

	test('the search ignores case and accents and takes the words in any order', async () => {
		const channels = [
			{ id: id(1), name: 'Jürgen Müller', from: 'TELEGRAM' },
			{ id: id(2), name: 'John Smith', from: 'WHATSAPP' },
			{ id: id(3), name: 'John Smith', from: 'TELEGRAM' },
			{ id: id(4), name: 'Zoë Ångström', from: 'SMS' },
		];
		const search = async (filter) => {
			api().get('/communication-channels').query({ limit: 100, offset: 0 }).reply(200, page(channels, channels.length));
			return (await loadOptions({ method: 'searchChannels', filter })).results.map((r) => r.value);
		};
		expect(await search('muller')).toEqual([id(1)]);
		expect(await search('MÜLLER')).toEqual([id(1)]);
		expect(await search('smith whatsapp')).toEqual([id(2)]);
		expect(await search('  WhatsApp   SMITH ')).toEqual([id(2)]);
		expect(await search('john')).toEqual([id(2), id(3)]);
		expect(await search('zoe angstrom')).toEqual([id(4)]);
		expect(await search('smith viber')).toEqual([]);
	});

	test('labelMatches: every word somewhere in the label', () => {
		expect(labelMatches('John Smith · WhatsApp', 'smith whatsapp')).toBe(true);
		expect(labelMatches('John Smith · WhatsApp', 'smi wha')).toBe(true);
		expect(labelMatches('François Öz · Telegram', 'francois oz')).toBe(true);
		expect(labelMatches('Ольга Шевченко · Viber', 'ольга viber')).toBe(true);
		expect(labelMatches('John Smith · WhatsApp', 'smith telegram')).toBe(false);
		expect(labelMatches('John Smith', 'johnsmith')).toBe(false);
	});
});

describe('whole lists', () => {
	test('E20 tags: whole list, filtered by name locally, both envelopes', async () => {
		api().get('/tags').reply(200, { data: [{ id: id(1), name: 'VIP' }, { id: id(2), name: 'new lead' }], status: 1 });
		expect((await loadOptions({ method: 'searchTags', filter: 'vi' })).results).toEqual([{ name: 'VIP', value: id(1) }]);
		api().get('/tags').reply(200, { data: { tags: [{ id: id(3), name: 'cold' }] }, status: 1 });
		expect((await loadOptions({ method: 'searchTags' })).results).toEqual([{ name: 'cold', value: id(3) }]);
	});

	test('E01 categories', async () => {
		api()
			.get('/categories/templates')
			.reply(200, { data: { categories: [{ id: id(1), name: 'Category 1' }, { id: id(2), name: 'Category 2' }] }, status: 1 });
		expect((await loadOptions({ method: 'searchCategories' })).results).toEqual([
			{ name: 'Category 1', value: id(1) },
			{ name: 'Category 2', value: id(2) },
		]);
	});

	test('a failing list search shows the guard\'s message', async () => {
		api().get('/tags').reply(401, { status: 0, error: { code: 'FORMAT_ERROR', fields: { authToken: 'REQUIRED' } } });
		await expect(loadOptions({ method: 'searchTags' })).rejects.toThrow('Leeloo rejected the API token (HTTP 401)');
	});
});

describe('templates (E01 + E02): categories read ahead like pages', () => {
	const CATEGORIES = { data: { categories: [{ id: id(1), name: 'Sales' }, { id: id(2), name: 'Support' }, { id: id(3), name: 'Empty' }] }, status: 1 };
	const templates = (count, start) => ({ data: { templates: records(count, (i) => ({ id: id(100 + i), message_name: `T${i}` }), start) }, status: 1 });

	test('few templates: every category in one call', async () => {
		api().get('/categories/templates').reply(200, CATEGORIES);
		api().get(`/categories/templates/${id(1)}`).reply(200, { data: { templates: [{ id: id(11), message_name: 'Welcome' }] }, status: 1 });
		api().get(`/categories/templates/${id(2)}`).reply(200, { data: { templates: [{ id: id(12), name: 'Sorry' }] }, status: 1 });
		api().get(`/categories/templates/${id(3)}`).reply(200, { data: { templates: [] }, status: 1 });
		expect(await loadOptions({ method: 'searchTemplates' })).toEqual({
			results: [
				{ name: 'Welcome (Sales)', value: id(11) },
				{ name: 'Sorry (Support)', value: id(12) },
			],
			paginationToken: undefined,
		});
	});

	test('a screenful stops the call; the token is the next category', async () => {
		api().get('/categories/templates').reply(200, CATEGORIES);
		api().get(`/categories/templates/${id(1)}`).reply(200, templates(30, 0));
		const first = await loadOptions({ method: 'searchTemplates' });
		expect(first.results).toHaveLength(30);
		expect(first.results[0]).toEqual({ name: 'T0 (Sales)', value: id(100) });
		expect(first.paginationToken).toBe('1');

		api().get('/categories/templates').reply(200, CATEGORIES);
		api().get(`/categories/templates/${id(2)}`).reply(200, templates(2, 30));
		api().get(`/categories/templates/${id(3)}`).reply(200, { data: { templates: [] }, status: 1 });
		expect(await loadOptions({ method: 'searchTemplates', paginationToken: '1' })).toEqual({
			results: [
				{ name: 'T30 (Support)', value: id(130) },
				{ name: 'T31 (Support)', value: id(131) },
			],
			paginationToken: undefined,
		});
	});

	test('the name search matches across categories', async () => {
		api().get('/categories/templates').reply(200, CATEGORIES);
		api().get(`/categories/templates/${id(1)}`).reply(200, templates(20, 0));
		api().get(`/categories/templates/${id(2)}`).reply(200, templates(20, 20));
		api().get(`/categories/templates/${id(3)}`).reply(200, { data: { templates: [] }, status: 1 });
		expect((await loadOptions({ method: 'searchTemplates', filter: 't1' })).results.map((r) => r.name)).toEqual([
			'T1 (Sales)',
			...range(10, 20).map((i) => `T${i} (Sales)`),
		]);
	});

	test('a token past the last category gives nothing', async () => {
		api().get('/categories/templates').reply(200, CATEGORIES);
		expect(await loadOptions({ method: 'searchTemplates', paginationToken: '3' })).toEqual({ results: [] });
	});
});

describe('load options', () => {
	test('getTagNames: tag names as values (Leeloo filters and creates by name)', async () => {
		api().get('/tags').reply(200, { data: [{ id: id(1), name: 'vip' }, { id: id(2), name: 'cold' }], status: 1 });
		expect(await loadOptions({ kind: 'loadOptions', method: 'getTagNames' })).toEqual([
			{ name: 'vip', value: 'vip' },
			{ name: 'cold', value: 'cold' },
		]);
	});

	test('getUsers: all pages of E27, labelled as in the user picker', async () => {
		api()
			.get('/users')
			.query({ limit: 100, offset: 0 })
			.reply(200, { data: records(100, (i) => ({ id: id(i + 1), name: `U${i}` })), status: 1 });
		api()
			.get('/users')
			.query({ limit: 100, offset: 100 })
			.reply(200, { data: [{ id: id(500), name: 'Last', email: 'last@example.com' }], status: 1 });
		const users = await loadOptions({ kind: 'loadOptions', method: 'getUsers' });
		expect(users).toHaveLength(101);
		expect(users[0]).toEqual({ name: 'U0', value: id(1) });
		expect(users[100]).toEqual({ name: 'Last · last@example.com', value: id(500) });
	});
});
