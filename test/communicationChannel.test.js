const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const ACCOUNT = '5e42be688d4fff000cafe5cc';
const PERSON = '5b3f543bb2737000133d25b0';
const TUNNEL = '5e3bf3fdb70492000f72cd6c';
const BLOCK = '5e18a2a3ed0b7a000d6c948f';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });
const expr = (value) => `={{ ${JSON.stringify(value)} }}`;
const api = (headers = {}) => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, ...headers } });
const jsonApi = () => api({ 'content-type': /application\/json/ });
const hex = (n) => n.toString(16).padStart(24, '0');
const channels = (count, start = 0) =>
	Array.from({ length: count }, (_, i) => ({ id: hex(start + i), person_id: PERSON, name: `Channel ${start + i}`, from: 'TELEGRAM' }));
const getAll = (extra = {}) => ({ resource: 'communicationChannel', operation: 'getAll', ...extra });
const subscribe = (extra = {}) => ({
	resource: 'communicationChannel',
	operation: 'subscribe',
	accountId: rl(ACCOUNT, 'list'),
	tunnelId: rl(TUNNEL, 'list'),
	tunnelBlockId: BLOCK,
	...extra,
});

describe('communicationChannel', () => {
	test('E06 getAll with Return All reads pages of 100 until a short page (plain data array)', async () => {
		const first = channels(100);
		const second = channels(7, 100);
		api().get('/communication-channels').query({ limit: '100', offset: '0' }).reply(200, { data: first, status: 1 });
		api().get('/communication-channels').query({ limit: '100', offset: '100' }).reply(200, { data: second, status: 1 });
		const { items, error } = await runNode({ parameters: getAll({ returnAll: true }) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([...first, ...second]);
	});

	test('E06 getAll with Limit over two pages (data.channels envelope)', async () => {
		const first = channels(100);
		const second = channels(20, 100);
		api().get('/communication-channels').query({ limit: '100', offset: '0' }).reply(200, { data: { channels: first }, status: 1 });
		api().get('/communication-channels').query({ limit: '20', offset: '100' }).reply(200, { data: { channels: second }, status: 1 });
		const { items, error } = await runNode({ parameters: getAll({ returnAll: false, limit: 120 }) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([...first, ...second]);
	});

	test('E06 getAll sends the last-message filter as UTC days, on every page', async () => {
		// Europe/Berlin is UTC+1 in February and UTC+2 in April: 00:30 on 10 Feb is 9 Feb in UTC.
		const filter = { 'filter[last_message][from]': '2020-02-09', 'filter[last_message][to]': '2020-04-14' };
		const first = channels(100);
		const second = channels(1, 100);
		api().get('/communication-channels').query({ ...filter, limit: '100', offset: '0' }).reply(200, { data: first, status: 1 });
		api().get('/communication-channels').query({ ...filter, limit: '100', offset: '100' }).reply(200, { data: second, status: 1 });
		const { items, error } = await runNode({
			timezone: 'Europe/Berlin',
			parameters: getAll({
				returnAll: true,
				filters: { lastMessageFrom: '2020-02-10T00:30:00', lastMessageTo: '2020-04-14T23:00:00' },
			}),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([...first, ...second]);
	});

	test('E06 getAll with only one filter date sends only that one', async () => {
		api()
			.get('/communication-channels')
			.query({ 'filter[last_message][to]': '2020-04-13', limit: '5', offset: '0' })
			.reply(200, { data: [], status: 1 });
		const { items, error } = await runNode({
			timezone: 'Europe/Berlin',
			parameters: getAll({ limit: 5, filters: { lastMessageTo: '2020-04-14T01:59:00' } }),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	test.each([
		['lastMessageFrom', 'Last Message From', '2020-02-30T00:00:00'],
		['lastMessageTo', 'Last Message To', 'yesterday'],
	])('E06 getAll refuses an impossible %s without a request', async (name, label, value) => {
		const { error } = await runNode({ parameters: getAll({ returnAll: true, filters: { [name]: value } }) });
		expect(error.message).toContain(`${label} is not a valid date and time`);
	});

	test('E07 getPerson returns the person record of the channel', async () => {
		const person = { id: PERSON, name: 'Ann', phone: '+380966565556', email: 'NOT_DEFINED', accounts: [{ account_id: ACCOUNT, from: 'TELEGRAM' }] };
		api().get(`/communication-channels/${ACCOUNT}/person`).reply(200, { data: person, status: 1 });
		const { items, error } = await runNode({
			parameters: { resource: 'communicationChannel', operation: 'getPerson', accountId: rl(ACCOUNT, 'list') },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([person]);
	});

	test('E07 getPerson refuses a bad communication channel ID without a request', async () => {
		const { error } = await runNode({
			parameters: { resource: 'communicationChannel', operation: 'getPerson', accountId: rl(expr('12345')) },
		});
		expect(error.message).toContain('Communication Channel must be a Leeloo ID');
	});

	test('E30 subscribe posts tunnel_id and tunnel_block_id as JSON to the channel path', async () => {
		jsonApi()
			.post(`/communication-channels/${ACCOUNT}/manual-subscribe`, { tunnel_id: TUNNEL, tunnel_block_id: BLOCK })
			.reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({ parameters: subscribe() });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true }]);
	});

	test('E30 subscribe trims a tunnel block ID given by an expression', async () => {
		jsonApi()
			.post(`/communication-channels/${ACCOUNT}/manual-subscribe`, { tunnel_id: TUNNEL, tunnel_block_id: BLOCK })
			.reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({
			items: [{ json: { block: ` ${BLOCK}\n` } }],
			parameters: subscribe({ accountId: rl(ACCOUNT), tunnelId: rl(TUNNEL), tunnelBlockId: '={{ $json.block }}' }),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true }]);
	});

	test.each([
		['a malformed tunnel block ID', { tunnelBlockId: 'block-1' }, 'Tunnel Block ID must be a Leeloo ID'],
		['an empty tunnel block ID', { tunnelBlockId: expr('') }, 'Tunnel Block ID must be a Leeloo ID'],
		['a bad tunnel ID', { tunnelId: rl(expr('5e3bf3fdb70492000f72cd6g')) }, 'Tunnel must be a Leeloo ID'],
		['an empty channel ID', { accountId: rl(expr('')) }, 'Communication Channel must be a Leeloo ID'],
	])('E30 subscribe refuses %s without a request', async (_, extra, message) => {
		const { error } = await runNode({ parameters: subscribe(extra) });
		expect(error.message).toContain(message);
	});
});
