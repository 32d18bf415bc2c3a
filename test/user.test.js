const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const USER = '5e18a2a3ed0b7a000d6c948f';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const json = (items) => items.map((i) => i.json);

const userAt = (n) => ({ id: n.toString(16).padStart(24, '0'), name: `User ${n}`, createdAt: '2025-12-01T10:00:00.000Z' });
const users = (from, count) => Array.from({ length: count }, (_, i) => userAt(from + i));

const USER_RECORD = { id: USER, name: 'Olena', createdAt: '2025-12-01T10:00:00.000Z', updatedAt: '2026-01-13T08:21:09.619Z' };

describe('user', () => {
	describe('E27 getAll', () => {
		test('asks for the default Limit of 50 and returns one item per user', async () => {
			api()
				.get('/users')
				.query({ limit: '50', offset: '0' })
				.reply(200, { data: [USER_RECORD, userAt(1)], meta: { limit: 50, offset: 0, filteredCount: 2, totalCount: 2 }, status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'user', operation: 'getAll' } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([USER_RECORD, userAt(1)]);
		});

		test('Return All reads pages of 100 until a short page', async () => {
			api()
				.get('/users')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: users(0, 100), status: 1 })
				.get('/users')
				.query({ limit: '100', offset: '100' })
				.reply(200, { data: users(100, 100), status: 1 })
				.get('/users')
				.query({ limit: '100', offset: '200' })
				.reply(200, { data: [], status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'user', operation: 'getAll', returnAll: true } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(users(0, 200));
		});

		test('Return All stops at meta.totalCount on an exact page boundary', async () => {
			const meta = (offset) => ({ limit: 100, offset, filteredCount: 100, totalCount: 200 });
			api()
				.get('/users')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: users(0, 100), meta: meta(0), status: 1 })
				.get('/users')
				.query({ limit: '100', offset: '100' })
				.reply(200, { data: users(100, 100), meta: meta(100), status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'user', operation: 'getAll', returnAll: true } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(users(0, 200));
		});

		test('Limit 150 asks for 100 then 50', async () => {
			api()
				.get('/users')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: users(0, 100), status: 1 })
				.get('/users')
				.query({ limit: '50', offset: '100' })
				.reply(200, { data: users(100, 50), status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 150 },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(users(0, 150));
		});
	});

	describe('E28 get', () => {
		test('gets one platform user by id', async () => {
			api().get(`/users/${USER}`).reply(200, { data: USER_RECORD, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'user', operation: 'get', userId: rl(USER, 'list') },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([USER_RECORD]);
		});

		test('refuses a mapped user id that is not 24 hex before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'user', operation: 'get', userId: rl('={{ "olena@example.com" }}') },
			});
			expect(error.message).toBe('User must be a Leeloo ID of 24 hexadecimal characters');
		});

		test('refuses an empty user id (mapped) before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'user', operation: 'get', userId: rl('={{ "" }}') },
			});
			expect(error.message).toBe('User must be a Leeloo ID of 24 hexadecimal characters');
		});
	});
});
