// Every item the node outputs names the input item it came from (`pairedItem`), so that a later
// node can reach back with `$('Source').item`. Each test runs the workflow Source → Leeloo → Read
// through n8n-core; Read evaluates `{{ $('Source').item.json.note }}` for each Leeloo item with
// n8n's own expression machinery, which fails ("Paired item data … is unavailable") without the link.
// Item counts differ from the input counts on purpose: n8n links items by itself only when every
// input item gave exactly one.
const nock = require('nock');
const { runLinked, TOKEN, BASE_URL } = require('./helpers/harness');

const hex = (n) => n.toString(16).padStart(24, '0');
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });
const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const person = (n) => ({ id: hex(n), name: `Person ${n}` });
const people = (from, count) => Array.from({ length: count }, (_, i) => person(from + i));
const tags = (from, count) => Array.from({ length: count }, (_, i) => ({ id: hex(0x7000 + from + i), name: `tag ${from + i}` }));
/** Input items: one per entry, `note i` each. */
const inputs = (...fields) => fields.map((field, i) => ({ ...field, note: `note ${i}` }));
/** The expected output: [json, input index] pairs. */
const linked = (pairs) => pairs.map(([json, item]) => ({ json, pairedItem: { item } }));
const output = (items) => items.map(({ json, pairedItem }) => ({ json, pairedItem }));
const notesOf = (pairs) => pairs.map(([, item]) => `note ${item}`);
const PHONES = ['+380501000001', '+380501000002', '+380501000003'];
const byPhone = { resource: 'person', operation: 'getAll', simplify: false, filters: { phone: '={{ $json.phone }}' } };

describe.each([1, 1.1])('version %s', (typeVersion) => {
	test('Person Get Many with a Limit: each person names the item whose phone found it', async () => {
		api().get('/people').query({ 'filter[phone]': PHONES[0], limit: '5', offset: '0' }).reply(200, { data: people(0, 2), status: 1 });
		api().get('/people').query({ 'filter[phone]': PHONES[1], limit: '5', offset: '0' }).reply(200, { data: [], status: 1 });
		api().get('/people').query({ 'filter[phone]': PHONES[2], limit: '5', offset: '0' }).reply(200, { data: people(2, 1), status: 1 });
		const result = await runLinked({
			typeVersion,
			items: inputs(...PHONES.map((phone) => ({ phone }))),
			parameters: { ...byPhone, returnAll: false, limit: 5 },
		});
		expect(result.error).toBeUndefined();
		const expected = [
			[person(0), 0],
			[person(1), 0],
			[person(2), 2],
		];
		expect(output(result.items)).toEqual(linked(expected));
		expect(result.read).toEqual(notesOf(expected));
	});

	test('Person Get Many with Return All: every record of every page names its item', async () => {
		api()
			.get('/people')
			.query({ 'filter[phone]': PHONES[0], limit: '100', offset: '0' })
			.reply(200, { data: people(0, 100), status: 1 })
			.get('/people')
			.query({ 'filter[phone]': PHONES[0], limit: '100', offset: '100' })
			.reply(200, { data: people(100, 50), status: 1 });
		api().get('/people').query({ 'filter[phone]': PHONES[1], limit: '100', offset: '0' }).reply(200, { data: people(150, 3), status: 1 });
		const result = await runLinked({
			typeVersion,
			items: inputs(...PHONES.slice(0, 2).map((phone) => ({ phone }))),
			parameters: { ...byPhone, returnAll: true },
		});
		expect(result.error).toBeUndefined();
		const expected = [...people(0, 150).map((json) => [json, 0]), ...people(150, 3).map((json) => [json, 1])];
		expect(output(result.items)).toEqual(linked(expected));
		expect(result.read).toEqual(notesOf(expected));
	});

	test('Tag Get Many over 3 items: 30 tags, ten per item', async () => {
		for (const from of [0, 10, 20]) api().get('/tags').reply(200, { data: tags(from, 10), status: 1 });
		const result = await runLinked({ typeVersion, items: inputs({}, {}, {}), parameters: { resource: 'tag', operation: 'getAll' } });
		expect(result.error).toBeUndefined();
		const expected = [0, 10, 20].flatMap((from, item) => tags(from, 10).map((json) => [json, item]));
		expect(output(result.items)).toEqual(linked(expected));
		expect(result.read).toEqual(notesOf(expected));
	});

	test('Continue On Fail (regular output): an error item names the item that failed, among the records of the others', async () => {
		api().get('/tags').reply(200, { data: tags(0, 2), status: 1 });
		api().get('/tags').reply(500, { status: 0 });
		api().get('/tags').reply(200, { data: tags(2, 1), status: 1 });
		const result = await runLinked({
			typeVersion,
			items: inputs({}, {}, {}),
			parameters: { resource: 'tag', operation: 'getAll', pacing: { retry: false } },
			onError: 'continueRegularOutput',
		});
		expect(result.error).toBeUndefined();
		const message = 'Leeloo server error (HTTP 500) on GET /tags: gave up after 1 attempt over 0 s (retries are off)';
		const expected = [
			[tags(0, 1)[0], 0],
			[tags(1, 1)[0], 0],
			[{ error: message }, 1],
			[tags(2, 1)[0], 2],
		];
		expect(output(result.items)).toEqual(linked(expected));
		expect(result.items[2].error.message).toBe(message);
		expect(result.read).toEqual(notesOf(expected));
	});

	test('a single-record operation with Continue On Fail (error output): records and both kinds of error items name their item', async () => {
		const [FOUND, MISSING] = [hex(0xa1), hex(0xa2)];
		const RAW = { id: FOUND, name: 'Feliks' };
		api().get(`/people/${FOUND}`).reply(200, { data: RAW, status: 1 });
		api().get(`/people/${MISSING}`).reply(404, { status: 0, error: { code: 'NOT_FOUND' } });
		const result = await runLinked({
			typeVersion,
			items: inputs({ person: FOUND }, { person: 'not-an-id' }, { person: MISSING }),
			parameters: { resource: 'person', operation: 'get', personId: rl('={{ $json.person }}'), simplify: false },
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		expect(output(result.items)).toEqual(linked([[RAW, 0]]));
		expect(result.read).toEqual(['note 0']);
		const refused = 'Person must be a Leeloo ID of 24 hexadecimal characters';
		const missing = `Leeloo has no Person ${MISSING} (HTTP 404 on GET /people/${MISSING})`;
		expect(output(result.errors)).toEqual(
			linked([
				[{ error: refused }, 1],
				[{ error: missing }, 2],
			]),
		);
		expect(result.errors.map((item) => item.error.message)).toEqual([refused, missing]);
	});
});

describe('as a tool of an AI agent', () => {
	test('records, "nothing found", error and refusal answers each name their item', async () => {
		api().get('/people').query({ 'filter[phone]': PHONES[0], limit: '5', offset: '0' }).reply(200, { data: people(0, 2), status: 1 });
		api().get('/people').query({ 'filter[phone]': PHONES[1], limit: '5', offset: '0' }).reply(200, { data: [], status: 1 });
		api().get('/people').query({ 'filter[phone]': PHONES[2], limit: '5', offset: '0' }).reply(500, { status: 0 });
		const result = await runLinked({
			tool: true,
			typeVersion: 1.1,
			items: inputs(...PHONES.map((phone) => ({ phone, from: '' })), { phone: PHONES[0], from: 'someday' }),
			parameters: { ...byPhone, returnAll: false, limit: 5, pacing: { retry: false }, filters: { ...byPhone.filters, lastMessageFrom: '={{ $json.from }}' } },
		});
		expect(result.error).toBeUndefined();
		const expected = [
			[person(0), 0],
			[person(1), 0],
			[{ found: 0, message: 'No people match in Leeloo' }, 1],
			[
				{
					error: `Leeloo server error (HTTP 500) on GET /people: gave up after 1 attempt over 0 s (retries are off)`,
					hint: expect.any(String),
				},
				2,
			],
			[{ error: 'Last Message From is not a valid date and time', hint: expect.stringMatching(/^Parameter "filters.lastMessageFrom" got "someday"/) }, 3],
		];
		expect(output(result.items)).toEqual(linked(expected));
		expect(result.read).toEqual(notesOf(expected));
	});
});
