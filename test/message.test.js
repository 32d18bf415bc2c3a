const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const ACCOUNT = '5e42be688d4fff000cafe5cc';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });
const api = (headers = {}) => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, ...headers } });
const jsonApi = () => api({ 'content-type': /application\/json/ });
const hex = (n) => n.toString(16).padStart(24, '0');
const messages = (count, start = 0) =>
	Array.from({ length: count }, (_, i) => ({ id: hex(start + i), text: `message ${start + i}`, direction: 'INCOMING' }));
const PATH = `/communication-channels/${ACCOUNT}/chat-messages`;
const getAll = (extra = {}) => ({ resource: 'message', operation: 'getAll', accountId: rl(ACCOUNT, 'list'), ...extra });

describe('message', () => {
	test('E04 getAll with Return All reads pages of 100 until a short page (plain data array)', async () => {
		const first = messages(100);
		const second = messages(30, 100);
		api().get(PATH).query({ limit: '100', offset: '0' }).reply(200, { data: first, status: 1 });
		api().get(PATH).query({ limit: '100', offset: '100' }).reply(200, { data: second, status: 1 });
		const { items, error } = await runNode({ parameters: getAll({ returnAll: true }) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([...first, ...second]);
	});

	test('E04 getAll with Limit asks only for what is missing (data.messages envelope)', async () => {
		const first = messages(100);
		const second = messages(50, 100);
		const meta = (offset, count) => ({ limit: count, offset, filteredCount: count, totalCount: 500 });
		api().get(PATH).query({ limit: '100', offset: '0' }).reply(200, { data: { messages: first }, meta: meta(0, 100), status: 1 });
		api().get(PATH).query({ limit: '50', offset: '100' }).reply(200, { data: { messages: second }, meta: meta(100, 50), status: 1 });
		const { items, error } = await runNode({ parameters: getAll({ returnAll: false, limit: 150 }) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([...first, ...second]);
	});

	test('E04 getAll with a small Limit sends one request', async () => {
		const page = messages(3);
		api().get(PATH).query({ limit: '3', offset: '0' }).reply(200, { data: { messages: page }, status: 1 });
		const { items, error } = await runNode({ parameters: getAll({ limit: 3 }) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(page);
	});

	test('E04 getAll stops when meta.totalCount is reached', async () => {
		const page = messages(100);
		api()
			.get(PATH)
			.query({ limit: '100', offset: '0' })
			.reply(200, { data: page, meta: { limit: 100, offset: 0, filteredCount: 100, totalCount: 100 }, status: 1 });
		const { items, error } = await runNode({ parameters: getAll({ returnAll: true }) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(100);
	});

	test('E04 getAll sends no field of another operation left in the parameters', async () => {
		// Switching Send to Get Many can leave Text in a saved node; only the fields shown are sent.
		api()
			.get(PATH)
			.query((query) => JSON.stringify(query) === JSON.stringify({ limit: '3', offset: '0' }))
			.reply(200, { data: messages(3), status: 1 });
		const { items, error } = await runNode({ parameters: getAll({ limit: 3, text: 'left over from Send' }) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
	});

	test('E04 getAll refuses a bad communication channel ID without a request', async () => {
		const { error } = await runNode({ parameters: getAll({ accountId: rl('={{ "5e42be688d4fff000cafe5cz" }}') }) });
		expect(error.message).toContain('Communication Channel must be a Leeloo ID');
	});

	test('E05 send posts account_id and text as JSON', async () => {
		jsonApi()
			.post('/messages/send-message', { account_id: ACCOUNT, text: 'Hello!' })
			.reply(200, { data: { id: '65a0c0ffee0000000000beef' }, status: 1 });
		const { items, error } = await runNode({
			parameters: { resource: 'message', operation: 'send', accountId: rl(ACCOUNT, 'list'), text: 'Hello!' },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ id: '65a0c0ffee0000000000beef' }]);
	});

	test('E05 send sends one request per input item, reading expressions per item', async () => {
		const other = '5b3f543bb2737000133d25b0';
		jsonApi().post('/messages/send-message', { account_id: ACCOUNT, text: 'Hi Ann' }).reply(200, { data: {}, status: 1 });
		jsonApi().post('/messages/send-message', { account_id: other, text: 'Hi Bob' }).reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({
			items: [{ json: { account: ACCOUNT, name: 'Ann' } }, { json: { account: other, name: 'Bob' } }],
			parameters: {
				resource: 'message',
				operation: 'send',
				accountId: rl('={{ $json.account }}'),
				text: '=Hi {{ $json.name }}',
			},
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true }, { success: true }]);
	});

	test.each([['blank', '   '], ['an expression that yields nothing', '={{ $json.missing }}']])(
		'E05 send refuses a %s text without a request',
		async (_, text) => {
			const { error } = await runNode({
				parameters: { resource: 'message', operation: 'send', accountId: rl(ACCOUNT), text },
			});
			expect(error.message).toContain('Text is required');
		},
	);

	test('E05 send refuses a bad communication channel ID without a request', async () => {
		const { error } = await runNode({
			parameters: { resource: 'message', operation: 'send', accountId: rl('={{ "abc" }}'), text: 'Hello' },
		});
		expect(error.message).toContain('Communication Channel must be a Leeloo ID');
	});
});
