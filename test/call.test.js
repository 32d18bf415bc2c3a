const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const USER = '5b3f543bb2737000133d25b0';
const ACCOUNT = '5e42be688d4fff000cafe5cc';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });
const expr = (value) => `={{ ${JSON.stringify(value)} }}`;
const jsonApi = () =>
	nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, 'content-type': /application\/json/ } });
const create = (extra = {}) => ({
	resource: 'call',
	operation: 'create',
	userId: rl(USER, 'list'),
	accountId: rl(ACCOUNT, 'list'),
	from: '606',
	to: '607',
	date: '2024-03-22T15:30:17',
	status: 'SUCCESS',
	duration: 100,
	type: 'INBOUND',
	...extra,
});
const body = (extra = {}) => ({
	user_id: USER,
	account_id: ACCOUNT,
	from: '606',
	to: '607',
	date: '2024-03-22T15:30:17.000Z',
	record_link: 'NOT_DEFINED',
	status: 'SUCCESS',
	duration: 100,
	type: 'INBOUND',
	...extra,
});

describe('call', () => {
	test('E19 create posts every field as JSON, the date converted from Europe/Berlin to UTC', async () => {
		// 22 March 2024 is before the switch to summer time: Berlin is UTC+1.
		jsonApi()
			.post('/calls', body({ date: '2024-03-22T14:30:17.000Z', record_link: 'https://calls.example.com/r/1.mp3', status: 'NO_ANSWER', type: 'OUTBOUND', duration: 0 }))
			.reply(200, { data: { id: '65a0c0ffee0000000000beef' }, status: 1 });
		const { items, error } = await runNode({
			timezone: 'Europe/Berlin',
			parameters: create({
				status: 'NO_ANSWER',
				type: 'OUTBOUND',
				duration: 0,
				additionalFields: { recordLink: 'https://calls.example.com/r/1.mp3' },
			}),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ id: '65a0c0ffee0000000000beef' }]);
	});

	test('E19 create converts a summer date in Europe/Berlin (UTC+2)', async () => {
		jsonApi().post('/calls', body({ date: '2024-07-01T08:00:00.000Z' })).reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({ timezone: 'Europe/Berlin', parameters: create({ date: '2024-07-01T10:00:00' }) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true }]);
	});

	test.each([
		['no Additional Fields', {}],
		['an empty Record Link', { additionalFields: { recordLink: '  ' } }],
	])('E19 create sends record_link NOT_DEFINED with %s', async (_, extra) => {
		jsonApi().post('/calls', body()).reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({ parameters: create(extra) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true }]);
	});

	test('E19 create sends a duration given as text by an expression as a number', async () => {
		jsonApi().post('/calls', body({ duration: 42, status: 'CLOSED_BY_SYSTEM' })).reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({
			items: [{ json: { seconds: '42', status: 'CLOSED_BY_SYSTEM' } }],
			parameters: create({ duration: '={{ $json.seconds }}', status: '={{ $json.status }}' }),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true }]);
	});

	test.each([
		['a bad user ID', { userId: rl(expr('user-1')) }, 'User must be a Leeloo ID'],
		['a bad communication channel ID', { accountId: rl(expr('5e42be688d4fff000cafe5c')) }, 'Communication Channel must be a Leeloo ID'],
		['an empty From', { from: expr('') }, 'From is required'],
		['a blank To', { to: '   ' }, 'To is required'],
		['an empty date', { date: expr('') }, 'Date is required'],
		['an impossible date', { date: '2024-02-30T10:00:00' }, 'Date is not a valid date and time'],
		['an unknown status', { status: expr('DONE') }, 'Status must be one of CLOSED_BY_SYSTEM, NO_ANSWER, SUCCESS, TALKING'],
		['an unknown type', { type: expr('inbound') }, 'Type must be one of INBOUND, OUTBOUND'],
		['a negative duration', { duration: -5 }, 'Duration must be a number of at least 0'],
		['a non-numeric duration', { duration: expr('long') }, 'Duration must be a number of at least 0'],
		['a record link that is not a URL', { additionalFields: { recordLink: 'call 1.mp3' } }, 'Record Link must be an http(s) URL'],
	])('E19 create refuses %s without a request', async (_, extra, message) => {
		const { error } = await runNode({ parameters: create(extra) });
		expect(error.message).toContain(message);
	});
});
