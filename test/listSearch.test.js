// "From List" modes of the resource locators and the multi-select option lists
// (nodes/Leeloo/listSearch/index.ts), called through n8n-core's LoadOptionsContext.
const nock = require('nock');
const { loadOptions, TOKEN, BASE_URL } = require('./helpers/harness');

const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const id = (n) => n.toString(16).padStart(24, '0');
const records = (count, make, start = 0) => Array.from({ length: count }, (_, i) => make(start + i));

describe('list search', () => {
	test('E13 people: first page of 100, then the next offset as token', async () => {
		api()
			.get('/people')
			.query({ limit: 100, offset: 0 })
			.reply(200, {
				data: records(100, (i) => ({ id: id(i + 1), name: `Person ${i}`, phone: i ? 'NOT_DEFINED' : '+380966565556', email: 'NOT_DEFINED' })),
				meta: { limit: 100, offset: 0, filteredCount: 100, totalCount: 150 },
				status: 1,
			});
		const first = await loadOptions({ method: 'searchPeople' });
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Person 0 · +380966565556', value: id(1) });
		expect(first.results[1]).toEqual({ name: 'Person 1', value: id(2) });
		expect(first.paginationToken).toBe('100');

		api()
			.get('/people')
			.query({ limit: 100, offset: 100 })
			.reply(200, { data: records(50, (i) => ({ id: id(i + 1), name: `P${i}` }), 100), meta: { totalCount: 150 }, status: 1 });
		const second = await loadOptions({ method: 'searchPeople', paginationToken: '100' });
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
	});

	test('E13 people: an email or a phone becomes the server-side filter', async () => {
		api()
			.get('/people')
			.query({ limit: 100, offset: 0, 'filter[email]': 'feliks@gmail.com' })
			.reply(200, { data: [{ id: id(7), name: 'Feliks', email: 'feliks@gmail.com' }], status: 1 });
		expect((await loadOptions({ method: 'searchPeople', filter: 'feliks@gmail.com' })).results).toEqual([
			{ name: 'Feliks · feliks@gmail.com', value: id(7) },
		]);
		api()
			.get('/people')
			.query({ limit: 100, offset: 0, 'filter[phone]': '+380966565556' })
			.reply(200, { data: [{ id: id(8), name: 'Olha', phone: '+380966565556' }], status: 1 });
		expect((await loadOptions({ method: 'searchPeople', filter: '+380 96 656-55-56' })).results).toEqual([
			{ name: 'Olha · +380966565556', value: id(8) },
		]);
	});

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

	test('E01 + E02 templates: one category per page', async () => {
		const categories = { data: { categories: [{ id: id(1), name: 'Sales' }, { id: id(2), name: 'Support' }] }, status: 1 };
		api().get('/categories/templates').reply(200, categories);
		api()
			.get(`/categories/templates/${id(1)}`)
			.reply(200, { data: { templates: [{ id: id(11), message_name: 'Welcome' }] }, status: 1 });
		expect(await loadOptions({ method: 'searchTemplates' })).toEqual({
			results: [{ name: 'Welcome (Sales)', value: id(11) }],
			paginationToken: '1',
		});
		api().get('/categories/templates').reply(200, categories);
		api()
			.get(`/categories/templates/${id(2)}`)
			.reply(200, { data: { templates: [{ id: id(12), message_name: 'Sorry' }] }, status: 1 });
		expect(await loadOptions({ method: 'searchTemplates', paginationToken: '1' })).toEqual({
			results: [{ name: 'Sorry (Support)', value: id(12) }],
			paginationToken: undefined,
		});
	});

	test.each([
		['searchChannels', '/communication-channels', { id: id(1), name: 'Anna', from: 'TELEGRAM' }, 'Anna (TELEGRAM)'],
		['searchOrders', '/orders', { id: id(2), title: 'Course', status: 'RESOLVED', price: 100, currency: 'RUB' }, 'Course · RESOLVED · 100 RUB'],
		['searchTunnels', '/tunnels', { id: id(3), name: 'Webinar funnel' }, 'Webinar funnel'],
		['searchUsers', '/users', { id: id(4), name: 'Manager Max' }, 'Manager Max'],
	])('%s reads %s', async (method, path, record, name) => {
		api().get(path).query({ limit: 100, offset: 0 }).reply(200, { data: [record], meta: { totalCount: 1 }, status: 1 });
		expect(await loadOptions({ method })).toEqual({ results: [{ name, value: record.id }], paginationToken: undefined });
	});

	test('a failing list search shows the guard\'s message', async () => {
		api().get('/tags').reply(401, { status: 0, error: { code: 'FORMAT_ERROR', fields: { authToken: 'REQUIRED' } } });
		await expect(loadOptions({ method: 'searchTags' })).rejects.toThrow('Leeloo rejected the API token (HTTP 401)');
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

	test('getUsers: all pages of E27', async () => {
		api()
			.get('/users')
			.query({ limit: 100, offset: 0 })
			.reply(200, { data: records(100, (i) => ({ id: id(i + 1), name: `U${i}` })), status: 1 });
		api()
			.get('/users')
			.query({ limit: 100, offset: 100 })
			.reply(200, { data: [{ id: id(500), name: 'Last' }], status: 1 });
		const users = await loadOptions({ kind: 'loadOptions', method: 'getUsers' });
		expect(users).toHaveLength(101);
		expect(users[100]).toEqual({ name: 'Last', value: id(500) });
	});
});
