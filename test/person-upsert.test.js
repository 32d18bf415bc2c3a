// Person → Create or Update (upsert): E13 to find by phone or email, then E15 (+ E22 per tag) or
// E16 (+ E15 for custom fields), then E14 to return the person. Every request is asserted in order.
const nock = require('nock');
const { runNode, credentialReads, TOKEN, BASE_URL } = require('./helpers/harness');

const PERSON = '5b3f543bb2737000133d25b0';
const OTHER = '5b3f543bb2737000133d25b1';
const CREATED = '5b3f543bb2737000133d25b2';
const ACCOUNT = '5e42be688d4fff000cafe5cc';
const CONNECTION = '5e3bf3fdb70492000f72cd6c';
const TAG_VIP = '5f0a1b2c3d4e5f6a7b8c9d01';
const TAG_NEW = '5f0a1b2c3d4e5f6a7b8c9d02';
const TAGS = { data: [{ id: TAG_VIP, name: 'VIP' }, { id: TAG_NEW, name: 'new' }], status: 1 };
const PHONE = '+380966565556';

// A person as Leeloo answers it (E13, E14), and as version 1.1 returns it with Simplify on.
const raw = ({ id = PERSON, name = 'Feliks', phone = PHONE, email = 'NOT_DEFINED', tags = ['vip'], customFields = { city: 'Kyiv' } } = {}) => ({
	id,
	name,
	phone,
	email,
	tags,
	accounts: [{ account_id: ACCOUNT, connection_id: CONNECTION, connection_status: 'CONNECTED', from: 'TELEGRAM' }],
	lastMessageTime: '2026-01-13T08:21:09.619Z',
	createdAt: '2025-12-01T10:00:00.000Z',
	updatedAt: '2026-01-13T08:21:10.000Z',
	customFields,
});
const simple = (person, upsert) => ({
	id: person.id,
	name: person.name,
	phone: person.phone === 'NOT_DEFINED' ? null : person.phone,
	email: person.email === 'NOT_DEFINED' ? null : person.email,
	tags: person.tags,
	channels: [{ accountId: ACCOUNT, from: 'TELEGRAM', connectionId: CONNECTION, connectionStatus: 'CONNECTED' }],
	customFields: person.customFields,
	lastMessageTime: '2026-01-13T08:21:09.619Z',
	createdAt: '2025-12-01T10:00:00.000Z',
	updatedAt: '2026-01-13T08:21:10.000Z',
	upsert,
});

// Every request must carry the token; writes must be JSON. `sent` lists what reached the mock, in order.
let sent;
beforeEach(() => {
	sent = [];
});
const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const apiJson = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, 'content-type': /application\/json/ } });
// Bodies are logged with sorted keys: nock's body matchers above already compare them exactly.
const sorted = (value) =>
	value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])])) : value;
const answer = (status, body) =>
	function (uri, requestBody) {
		const path = decodeURIComponent(uri).replace(new URL(BASE_URL).pathname, '');
		sent.push(`${this.req.method} ${path}${requestBody ? ` ${JSON.stringify(sorted(requestBody))}` : ''}`);
		return [status, body];
	};
const ok = (data, extra = {}) => answer(200, { data, status: 1, ...extra });

const find = (filter, people) =>
	api()
		.get('/people')
		.query({ ...filter, limit: '100', offset: '0' })
		.reply(ok(people, { meta: { limit: 100, offset: 0, filteredCount: people.length, totalCount: people.length } }));
const read = (person) => api().get(`/people/${person.id}`).reply(ok(person));

const upsert = (parameters, options = {}) => runNode({ typeVersion: 1.1, ...options, parameters: { resource: 'person', operation: 'upsert', ...parameters } });
const json = (items) => items.map((item) => item.json);

describe('a person is found → updated', () => {
	test('by phone: the phone is sent compacted, the other contact and the name go to E15, the person is read back', async () => {
		const updated = raw({ name: 'Feliks K.', email: 'feliks@gmail.com' });
		find({ 'filter[phone]': PHONE }, [raw()]);
		apiJson().put(`/people/${PERSON}`, { name: 'Feliks K.', email: 'Feliks@Gmail.com' }).reply(ok({}));
		read(updated);
		const { items, error } = await upsert({ matchBy: 'phone', phone: ' +380 (96) 656-55-56 ', email: ' Feliks@Gmail.com ', name: 'Feliks K.' });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(updated, 'updated')]);
		expect(sent).toEqual([
			`GET /people?filter[phone]=${PHONE}&limit=100&offset=0`,
			`PUT /people/${PERSON} {"email":"Feliks@Gmail.com","name":"Feliks K."}`,
			`GET /people/${PERSON}`,
		]);
	});

	test('by email: the email is the filter, the phone is set; nothing else is sent when nothing else is given', async () => {
		const person = raw({ email: 'feliks@gmail.com' });
		find({ 'filter[email]': 'Feliks@Gmail.com' }, [person]);
		apiJson().put(`/people/${PERSON}`, { phone: '+380501112233' }).reply(ok({}));
		read(person);
		const { items, error } = await upsert({ matchBy: 'email', email: 'Feliks@Gmail.com', phone: '+380 50 111 22 33' });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(person, 'updated')]);
		expect(sent).toHaveLength(3);
	});

	test('only the match value: no E15 at all, the person is returned as Leeloo has them', async () => {
		find({ 'filter[phone]': PHONE }, [raw()]);
		read(raw());
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(raw(), 'updated')]);
		expect(sent).toEqual([`GET /people?filter[phone]=${PHONE}&limit=100&offset=0`, `GET /people/${PERSON}`]);
	});

	test('tags are looked up by name (once per run) and added with E22; custom fields go to E15', async () => {
		const other = raw({ id: OTHER, phone: '+380501112233' });
		const tagged = raw({ tags: ['vip', 'new'], customFields: { city: 'Lviv', plan: 'gold' } });
		find({ 'filter[phone]': PHONE }, [raw()]);
		find({ 'filter[phone]': '+380501112233' }, [other]);
		api().get('/tags').reply(ok(TAGS.data));
		apiJson().put(`/people/${PERSON}`, { custom_fields: { city: 'Lviv', plan: 'gold' } }).reply(ok({}));
		apiJson().put(`/people/${PERSON}/add-tag`, { tag_id: TAG_VIP }).reply(ok({}));
		apiJson().put(`/people/${PERSON}/add-tag`, { tag_id: TAG_NEW }).reply(ok({}));
		apiJson().put(`/people/${OTHER}`, { custom_fields: { city: 'Lviv', plan: 'gold' } }).reply(ok({}));
		apiJson().put(`/people/${OTHER}/add-tag`, { tag_id: TAG_VIP }).reply(ok({}));
		apiJson().put(`/people/${OTHER}/add-tag`, { tag_id: TAG_NEW }).reply(ok({}));
		read(tagged);
		read(other);
		const { items, error } = await upsert(
			{
				matchBy: 'phone',
				phone: '={{ $json.phone }}',
				additionalFields: {
					tags: ['vip', ' New '],
					customFields: { field: [{ key: 'city', value: 'Lviv' }, { key: 'plan', value: 'gold' }] },
				},
			},
			{ items: [{ json: { phone: PHONE } }, { json: { phone: '+380501112233' } }] },
		);
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(tagged, 'updated'), simple(other, 'updated')]);
		expect(sent.filter((request) => request === 'GET /tags')).toHaveLength(1);
		// Each item's writes in order: the card, then each tag.
		for (const id of [PERSON, OTHER]) {
			expect(sent.filter((request) => request.includes(`/people/${id} `) || request.includes(`/people/${id}/`))).toEqual([
				`PUT /people/${id} {"custom_fields":{"city":"Lviv","plan":"gold"}}`,
				`PUT /people/${id}/add-tag {"tag_id":"${TAG_VIP}"}`,
				`PUT /people/${id}/add-tag {"tag_id":"${TAG_NEW}"}`,
			]);
		}
		expect(sent).toHaveLength(11);
	});

	test('a tag this account does not have fails the item before any write', async () => {
		find({ 'filter[phone]': PHONE }, [raw()]);
		api().get('/tags').reply(ok(TAGS.data));
		const { error } = await upsert({ matchBy: 'phone', phone: PHONE, name: 'Feliks K.', additionalFields: { tags: ['vip', 'gold'] } });
		expect(error.message).toBe('Tag "gold" was not found in Leeloo');
		expect(error.description).toBe('Parameter "additionalFields.tags" names a tag this account does not have, and a person who is found gets existing tags only. Use a tag\'s exact name (Tag → Get Many lists them).');
		expect(sent).toEqual([`GET /people?filter[phone]=${PHONE}&limit=100&offset=0`, 'GET /tags']);
	});
});

describe('nobody matches → created', () => {
	test('E16 with the name and both contacts, then the new person is read back', async () => {
		const created = raw({ id: CREATED, email: 'feliks@gmail.com', tags: [], customFields: {} });
		find({ 'filter[phone]': PHONE }, []);
		apiJson().post('/people', { name: 'Feliks', phone: PHONE, email: 'feliks@gmail.com' }).reply(ok({ id: ACCOUNT, person_id: CREATED }));
		read(created);
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE, email: 'feliks@gmail.com', name: 'Feliks' });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(created, 'created')]);
		expect(sent).toEqual([
			`GET /people?filter[phone]=${PHONE}&limit=100&offset=0`,
			`POST /people {"email":"feliks@gmail.com","name":"Feliks","phone":"${PHONE}"}`,
			`GET /people/${CREATED}`,
		]);
	});

	test('tags go to E16 by name (not looked up); custom fields follow with E15, which E16 does not take', async () => {
		const created = raw({ id: CREATED, tags: ['vip', 'brand new'], customFields: { city: 'Lviv' } });
		find({ 'filter[email]': 'feliks@gmail.com' }, []);
		apiJson().post('/people', { name: 'Feliks', email: 'feliks@gmail.com', tags: ['vip', 'brand new'] }).reply(ok({ id: ACCOUNT, person_id: CREATED }));
		apiJson().put(`/people/${CREATED}`, { custom_fields: { city: 'Lviv' } }).reply(ok({}));
		read(created);
		const { items, error } = await upsert({
			matchBy: 'email',
			email: 'feliks@gmail.com',
			name: 'Feliks',
			additionalFields: { tags: '={{ "vip, brand new" }}', customFields: { field: [{ key: 'city', value: 'Lviv' }] } },
		});
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(created, 'created')]);
		expect(sent).toEqual([
			'GET /people?filter[email]=feliks@gmail.com&limit=100&offset=0',
			'POST /people {"email":"feliks@gmail.com","name":"Feliks","tags":["vip","brand new"]}',
			`PUT /people/${CREATED} {"custom_fields":{"city":"Lviv"}}`,
			`GET /people/${CREATED}`,
		]);
	});

	test('E16 answering data: {} — the new person is found by the match value', async () => {
		const created = raw({ id: CREATED });
		find({ 'filter[phone]': PHONE }, []);
		apiJson().post('/people', { name: 'Feliks', phone: PHONE }).reply(ok({}));
		find({ 'filter[phone]': PHONE }, [created]);
		read(created);
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE, name: 'Feliks' });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(created, 'created')]);
		expect(sent).toHaveLength(4);
	});

	test('E16 answering data: {} and nobody found afterwards: the item fails, saying the person was created', async () => {
		find({ 'filter[phone]': PHONE }, []);
		apiJson().post('/people', { name: 'Feliks', phone: PHONE }).reply(ok({}));
		find({ 'filter[phone]': PHONE }, []);
		const { error } = await upsert({ matchBy: 'phone', phone: PHONE, name: 'Feliks' });
		expect(error.message).toBe(`Leeloo created the person but did not say their ID, and 0 people have the phone ${PHONE}`);
		expect(error.description).toBe('The person was created. Check them in Leeloo before running this item again.');
	});

	test('without a name nothing is created: the item fails after the search', async () => {
		find({ 'filter[phone]': PHONE }, []);
		const { error } = await upsert({ matchBy: 'phone', phone: PHONE });
		expect(error.message).toBe('Name is required to create a person');
		expect(error.description).toBe(`No person in Leeloo has the phone ${PHONE}, so one is created, and it needs a name. Parameter "name" is empty.`);
		expect(sent).toEqual([`GET /people?filter[phone]=${PHONE}&limit=100&offset=0`]);
	});
});

describe('one run', () => {
	test('two items with the same phone (written differently): one search, one create, then an update of the created person', async () => {
		const first = raw({ id: CREATED, name: 'Ann', tags: [], customFields: {} });
		const second = { ...first, name: 'Ann B.' };
		find({ 'filter[phone]': PHONE }, []);
		apiJson().post('/people', { name: 'Ann', phone: PHONE }).reply(ok({ id: ACCOUNT, person_id: CREATED }));
		api().get(`/people/${CREATED}`).reply(ok(first));
		apiJson().put(`/people/${CREATED}`, { name: 'Ann B.' }).reply(ok({}));
		api().get(`/people/${CREATED}`).reply(ok(second));
		const { items, error } = await upsert(
			{ matchBy: 'phone', phone: '={{ $json.phone }}', name: '={{ $json.name }}' },
			{ items: [{ json: { phone: PHONE, name: 'Ann' } }, { json: { phone: '380 96 656 55 56', name: 'Ann B.' } }] },
		);
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(first, 'created'), simple(second, 'updated')]);
		expect(sent).toEqual([
			`GET /people?filter[phone]=${PHONE}&limit=100&offset=0`,
			`POST /people {"name":"Ann","phone":"${PHONE}"}`,
			`GET /people/${CREATED}`,
			`PUT /people/${CREATED} {"name":"Ann B."}`,
			`GET /people/${CREATED}`,
		]);
	});

	test('emails that differ only in case and spaces are one person', async () => {
		const person = raw({ email: 'ann@example.com' });
		find({ 'filter[email]': 'Ann@Example.com' }, [person]);
		api().get(`/people/${PERSON}`).times(2).reply(ok(person));
		const { items, error } = await upsert(
			{ matchBy: 'email', email: '={{ $json.email }}' },
			{ items: [{ json: { email: 'Ann@Example.com' } }, { json: { email: ' ann@EXAMPLE.com' } }] },
		);
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(person, 'updated'), simple(person, 'updated')]);
		expect(sent.filter((request) => request.startsWith('GET /people?'))).toHaveLength(1);
	});

	test('the credential is read twice per run (n8n once, the node once), whatever the number of requests', async () => {
		const other = raw({ id: OTHER, phone: '+380501112233' });
		find({ 'filter[phone]': PHONE }, [raw()]);
		find({ 'filter[phone]': '+380501112233' }, [other]);
		apiJson().put(`/people/${PERSON}`, { name: 'X' }).reply(ok({}));
		apiJson().put(`/people/${OTHER}`, { name: 'X' }).reply(ok({}));
		read(raw());
		read(other);
		const before = credentialReads();
		const { items, error } = await upsert({ matchBy: 'phone', phone: '={{ $json.phone }}', name: 'X' }, { items: [{ json: { phone: PHONE } }, { json: { phone: '+380501112233' } }] });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(sent).toHaveLength(6);
		expect(credentialReads() - before).toBe(2);
	});

	test('a failed create is not remembered: the next item with that phone searches again', async () => {
		const created = raw({ id: CREATED });
		find({ 'filter[phone]': PHONE }, []);
		apiJson().post('/people', { name: 'Ann', phone: PHONE }).reply(answer(400, { status: 0, error: { code: 'FORMAT_ERROR', fields: { name: 'INVALID' } } }));
		find({ 'filter[phone]': PHONE }, []);
		apiJson().post('/people', { name: 'Ann B.', phone: PHONE }).reply(ok({ id: ACCOUNT, person_id: CREATED }));
		read(created);
		const { items, error } = await upsert(
			{ matchBy: 'phone', phone: PHONE, name: '={{ $json.name }}' },
			{ items: [{ json: { name: 'Ann' } }, { json: { name: 'Ann B.' } }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([{ error: 'Leeloo refused POST /people: FORMAT_ERROR (name: INVALID)' }, simple(created, 'created')]);
	});
});

describe('several people match', () => {
	const twins = [raw(), raw({ id: OTHER, name: 'Feliks K.' })];

	test('by default the item fails, naming them, and nothing is written', async () => {
		find({ 'filter[phone]': PHONE }, twins);
		const { error } = await upsert({ matchBy: 'phone', phone: PHONE, name: 'Feliks' });
		expect(error.message).toBe(`2 people in Leeloo have the phone ${PHONE}: Feliks (${PERSON}), Feliks K. (${OTHER})`);
		expect(error.description).toBe('Create or Update changes one person, and it cannot tell which. Merge them in Leeloo, or set Options → Multiple Matches to "Update All".');
		expect(sent).toHaveLength(1);
	});

	test('with Multiple Matches "Update All" each is updated and returned', async () => {
		find({ 'filter[phone]': PHONE }, twins);
		apiJson().put(`/people/${PERSON}`, { name: 'Feliks' }).reply(ok({}));
		apiJson().put(`/people/${OTHER}`, { name: 'Feliks' }).reply(ok({}));
		read(raw());
		read(raw({ id: OTHER }));
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE, name: 'Feliks', options: { multipleMatches: 'updateAll' } });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(raw(), 'updated'), simple(raw({ id: OTHER }), 'updated')]);
		expect(sent).toEqual([
			`GET /people?filter[phone]=${PHONE}&limit=100&offset=0`,
			`PUT /people/${PERSON} {"name":"Feliks"}`,
			`PUT /people/${OTHER} {"name":"Feliks"}`,
			`GET /people/${PERSON}`,
			`GET /people/${OTHER}`,
		]);
	});
});

describe('bad input is refused before any request', () => {
	test.each([
		['an empty phone to match by', { matchBy: 'phone', phone: '={{ "  " }}', email: 'a@b.co' }, 'Phone is required'],
		['an empty email to match by', { matchBy: 'email', phone: PHONE }, 'Email is required'],
		['a phone that is not one', { matchBy: 'phone', phone: 'call me' }, 'Phone must be a phone number'],
		['a phone too short', { matchBy: 'phone', phone: '+38 05' }, 'Phone must be a phone number'],
		['an email that is not one', { matchBy: 'email', email: 'feliks@gmail' }, 'Email must be an email address'],
		['a bad email beside the phone', { matchBy: 'phone', phone: PHONE, email: 'feliks' }, 'Email must be an email address'],
		['a custom field without a key', { matchBy: 'phone', phone: PHONE, additionalFields: { customFields: { field: [{ key: '', value: 'x' }] } } }, 'Custom Fields: every row needs a key'],
		['an unknown Multiple Matches', { matchBy: 'phone', phone: PHONE, options: { multipleMatches: '={{ "updateFirst" }}' } }, 'Multiple Matches must be one of error, updateAll'],
	])('%s', async (_, parameters, message) => {
		const { error } = await upsert(parameters);
		expect(error.message).toBe(message);
		expect(sent).toEqual([]);
	});

	test('the refusal names the parameter', async () => {
		const { error } = await upsert({ matchBy: 'phone', phone: 'call me' });
		expect(error.description).toBe('Parameter "phone" got "call me". Use the international format: + and the country code, then the number (for example +380966565556).');
	});

	test('as an AI agent\'s tool the refusal is the answer, and nothing is sent', async () => {
		const { items, error } = await upsert({ matchBy: 'email', email: '={{ "nobody" }}' }, { tool: true });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([{ error: 'Email must be an email address', hint: 'Parameter "email" got "nobody". Use an address such as name@example.com.' }]);
	});
});

describe('failures', () => {
	test('an HTTP error on the search fails the item; nothing is written', async () => {
		api().get('/people').query(true).reply(answer(403, { status: 0, error: { code: 'FORBIDDEN' } }));
		const { error } = await upsert({ matchBy: 'phone', phone: PHONE, name: 'Feliks' });
		expect(error.message).toBe('Leeloo rejected the API token (HTTP 403)');
		expect(sent).toEqual([`GET /people?filter[phone]=${PHONE}&limit=100&offset=0`]);
	});

	test('the search is a read: a 500 is retried', async () => {
		api().get('/people').query(true).reply(answer(500, { status: 0 }));
		find({ 'filter[phone]': PHONE }, [raw()]);
		read(raw());
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([simple(raw(), 'updated')]);
		expect(sent).toHaveLength(3);
	});

	test('a create answered 502 is not sent again', async () => {
		find({ 'filter[phone]': PHONE }, []);
		apiJson().post('/people', { name: 'Feliks', phone: PHONE }).reply(answer(502, '<html>502 Bad Gateway</html>'));
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE, name: 'Feliks' }, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([{ error: 'Leeloo server error (HTTP 502) on POST /people: it may or may not have been applied, so it was not sent again' }]);
		expect(items[0].error.description).toMatch(/sending it again could apply it twice/);
		expect(sent).toEqual([`GET /people?filter[phone]=${PHONE}&limit=100&offset=0`, `POST /people {"name":"Feliks","phone":"${PHONE}"}`]);
	});

	test('an update answered 502 is not sent again, and no tag is added after it', async () => {
		find({ 'filter[phone]': PHONE }, [raw()]);
		api().get('/tags').reply(ok(TAGS.data));
		apiJson().put(`/people/${PERSON}`, { name: 'Feliks K.' }).reply(answer(502, '<html>502 Bad Gateway</html>'));
		const { error } = await upsert({ matchBy: 'phone', phone: PHONE, name: 'Feliks K.', additionalFields: { tags: ['vip'] } });
		expect(error.message).toBe(`Leeloo server error (HTTP 502) on PUT /people/${PERSON}: it may or may not have been applied, so it was not sent again`);
		expect(sent).toHaveLength(3);
	});
});

describe('output', () => {
	test('Simplify off: Leeloo\'s record, with upsert', async () => {
		find({ 'filter[phone]': PHONE }, [raw()]);
		read(raw());
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE, simplify: false });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([{ ...raw(), upsert: 'updated' }]);
	});

	test('version 1: Leeloo\'s record, with upsert', async () => {
		find({ 'filter[phone]': PHONE }, [raw()]);
		read(raw());
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE }, { typeVersion: 1 });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([{ ...raw(), upsert: 'updated' }]);
	});

	test('as a tool: the compact person an agent acts on, with upsert', async () => {
		find({ 'filter[phone]': PHONE }, []);
		apiJson().post('/people', { name: 'Feliks', phone: PHONE }).reply(ok({ id: ACCOUNT, person_id: CREATED }));
		read(raw({ id: CREATED }));
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE, name: 'Feliks' }, { tool: true });
		expect(error).toBeUndefined();
		expect(json(items)).toEqual([
			{
				id: CREATED,
				name: 'Feliks',
				phone: PHONE,
				email: null,
				tags: ['vip'],
				lastMessageTime: '2026-01-13T08:21:09.619Z',
				channels: [{ accountId: ACCOUNT, from: 'TELEGRAM' }],
				customFields: { city: 'Kyiv' },
				upsert: 'created',
			},
		]);
	});

	test('as a tool, several matches are the answer', async () => {
		find({ 'filter[phone]': PHONE }, [raw(), raw({ id: OTHER })]);
		const { items, error } = await upsert({ matchBy: 'phone', phone: PHONE }, { tool: true });
		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe(`2 people in Leeloo have the phone ${PHONE}: Feliks (${PERSON}), Feliks (${OTHER})`);
	});
});
