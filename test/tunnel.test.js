const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const TUNNEL = '5e3bf3fdb70492000f72cd6c';
const LEAD_GEN_TOOL = '5f0a1b2c3d4e5f6a7b8c9d0e';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const json = (items) => items.map((i) => i.json);

const tunnelAt = (n) => ({ id: n.toString(16).padStart(24, '0'), name: `Tunnel ${n}`, createdAt: '2025-12-01T10:00:00.000Z' });
const tunnels = (from, count) => Array.from({ length: count }, (_, i) => tunnelAt(from + i));

const TUNNEL_RECORD = { id: TUNNEL, name: 'Welcome', createdAt: '2025-12-01T10:00:00.000Z', updatedAt: '2026-01-13T08:21:09.619Z' };
const STATS = { id: TUNNEL, subscribed: 120, unsubscribed: 4, conversions: 9 };

describe('tunnel', () => {
	describe('E23 getAll', () => {
		test('asks for the default Limit of 50 and reads a plain data array', async () => {
			api()
				.get('/tunnels')
				.query({ limit: '50', offset: '0' })
				.reply(200, { data: [TUNNEL_RECORD], meta: { limit: 50, offset: 0, filteredCount: 1, totalCount: 1 }, status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'tunnel', operation: 'getAll' } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([TUNNEL_RECORD]);
		});

		test('reads tunnels from data.tunnels[]', async () => {
			api()
				.get('/tunnels')
				.query({ limit: '50', offset: '0' })
				.reply(200, { data: { tunnels: [TUNNEL_RECORD, tunnelAt(1)] }, status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'tunnel', operation: 'getAll', limit: 50 } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([TUNNEL_RECORD, tunnelAt(1)]);
		});

		test('Return All reads pages of 100 until a short page', async () => {
			api()
				.get('/tunnels')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: { tunnels: tunnels(0, 100) }, status: 1 })
				.get('/tunnels')
				.query({ limit: '100', offset: '100' })
				.reply(200, { data: { tunnels: tunnels(100, 100) }, status: 1 })
				.get('/tunnels')
				.query({ limit: '100', offset: '200' })
				.reply(200, { data: { tunnels: tunnels(200, 1) }, status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'tunnel', operation: 'getAll', returnAll: true } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(tunnels(0, 201));
		});

		test('Return All stops at meta.totalCount on an exact page boundary', async () => {
			const meta = (offset) => ({ limit: 100, offset, filteredCount: 100, totalCount: 200 });
			api()
				.get('/tunnels')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: tunnels(0, 100), meta: meta(0), status: 1 })
				.get('/tunnels')
				.query({ limit: '100', offset: '100' })
				.reply(200, { data: tunnels(100, 100), meta: meta(100), status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'tunnel', operation: 'getAll', returnAll: true } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(tunnels(0, 200));
		});

		test('Limit 150 asks for 100 then 50', async () => {
			api()
				.get('/tunnels')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: tunnels(0, 100), status: 1 })
				.get('/tunnels')
				.query({ limit: '50', offset: '100' })
				.reply(200, { data: tunnels(100, 50), status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'tunnel', operation: 'getAll', returnAll: false, limit: 150 },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(tunnels(0, 150));
		});
	});

	describe('E24 get', () => {
		test('gets one tunnel without include by default', async () => {
			api().get(`/tunnels/${TUNNEL}`).reply(200, { data: TUNNEL_RECORD, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'tunnel', operation: 'get', tunnelId: rl(TUNNEL, 'list') },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([TUNNEL_RECORD]);
		});

		test('sends include=leadgentools when Include Lead Generation Tools is on', async () => {
			const record = { ...TUNNEL_RECORD, leadgentools: [{ id: LEAD_GEN_TOOL, name: 'Landing' }] };
			api()
				.get(`/tunnels/${TUNNEL}`)
				.query({ include: 'leadgentools' })
				.reply(200, { data: record, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'tunnel', operation: 'get', tunnelId: rl(TUNNEL), options: { includeLeadGenTools: true } },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([record]);
		});

		test('sends no include when Include Lead Generation Tools is added and off', async () => {
			api().get(`/tunnels/${TUNNEL}`).reply(200, { data: TUNNEL_RECORD, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'tunnel', operation: 'get', tunnelId: rl(TUNNEL), options: { includeLeadGenTools: false } },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([TUNNEL_RECORD]);
		});

		test('refuses a mapped tunnel id that is not 24 hex before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'tunnel', operation: 'get', tunnelId: rl('={{ "welcome" }}') },
			});
			expect(error.message).toBe('Tunnel must be a Leeloo ID of 24 hexadecimal characters');
		});
	});

	describe('E25 getAllStats', () => {
		test('returns one item per tunnel from a plain data array', async () => {
			const second = { ...STATS, id: '5e18a2a3ed0b7a000d6c948f' };
			api().get('/tunnels/stats').reply(200, { data: [STATS, second], status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'tunnel', operation: 'getAllStats' } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([STATS, second]);
		});

		test('returns one item per tunnel from data.<name>[]', async () => {
			api().get('/tunnels/stats').reply(200, { data: { tunnels: [STATS] }, status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'tunnel', operation: 'getAllStats' } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([STATS]);
		});
	});

	describe('E26 getStats', () => {
		test('gets the statistics of one tunnel', async () => {
			api().get(`/tunnels/${TUNNEL}/stats`).reply(200, { data: STATS, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'tunnel', operation: 'getStats', tunnelId: rl(TUNNEL) },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([STATS]);
		});

		test('refuses an empty tunnel id (mapped) before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'tunnel', operation: 'getStats', tunnelId: rl('={{ "" }}') },
			});
			expect(error.message).toBe('Tunnel must be a Leeloo ID of 24 hexadecimal characters');
		});
	});
});
