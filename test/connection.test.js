const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const CONNECTIONS = [
	{ id: '5e3bf3fdb70492000f72cd6c', type: 'TELEGRAM', name: 'Support bot' },
	{ id: '5e18a2a3ed0b7a000d6c948f', type: 'FACEBOOK', name: 'Page' },
];
const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const run = () => runNode({ parameters: { resource: 'connection', operation: 'getAll' } });

describe('connection', () => {
	test('E29 getAll lists connections from a plain data array, without limit/offset', async () => {
		api().get('/connections').reply(200, { data: CONNECTIONS, status: 1 });
		const { items, error } = await run();
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(CONNECTIONS);
	});

	test('E29 getAll lists connections from data.connections', async () => {
		api().get('/connections').reply(200, { data: { connections: CONNECTIONS }, status: 1 });
		const { items, error } = await run();
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(CONNECTIONS);
	});

	test('E29 getAll returns no items for an empty list', async () => {
		api().get('/connections').reply(200, { data: [], status: 1 });
		const { items, error } = await run();
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});
});
