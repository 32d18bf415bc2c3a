const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const ORDER = '5e42be758d4fff000cafe6ef';
const PAYMENT = '5e3bf3fdb70492000f72cd6c';
const OFFER = '5e18a2a3ed0b7a000d6c948f';
const PERSON = '5b3f543bb2737000133d25b0';
const MANAGER = '5e42be688d4fff000cafe5cc';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
const apiJson = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, 'content-type': /application\/json/ } });

const orderAt = (n) => ({
	id: n.toString(16).padStart(24, '0'),
	status: 'RESOLVED',
	price: 100 + n,
	currency: 'RUB',
	createdAt: '2026-01-13T08:21:09.619Z',
});
const orders = (from, count) => Array.from({ length: count }, (_, i) => orderAt(from + i));
const json = (items) => items.map((i) => i.json);

const ORDER_RECORD = {
	id: ORDER,
	status: 'RESOLVED',
	price: 100,
	currency: 'RUB',
	title: 'Course',
	offerId: OFFER,
	personId: PERSON,
	email: 'feliks@gmail.com',
	phone: '+380966565556',
	createdAt: '2026-01-13T08:21:09.619Z',
	updatedAt: '2026-01-13T08:25:00.000Z',
};

describe('order', () => {
	describe('E09 create', () => {
		test('sends the ids and every additional field as JSON, dates in UTC (workflow in Europe/Berlin)', async () => {
			apiJson()
				.post('/orders', {
					paymentCreditsId: PAYMENT,
					offerId: OFFER,
					personId: PERSON,
					email: 'feliks@gmail.com',
					phone: '+380966565556',
					transactionDate: '2024-03-22T14:30:00.000Z',
					isNotifyAccount: true,
					managerId: MANAGER,
				})
				.reply(200, { data: { id: ORDER }, status: 1 });
			const { items, error } = await runNode({
				timezone: 'Europe/Berlin',
				parameters: {
					resource: 'order',
					operation: 'create',
					paymentCreditsId: rl(PAYMENT),
					offerId: rl(OFFER),
					personId: rl(PERSON, 'list'),
					additionalFields: {
						email: 'feliks@gmail.com',
						phone: '+380966565556',
						transactionDate: '2024-03-22T15:30:00',
						notifyPerson: true,
						managerId: rl(MANAGER, 'list'),
					},
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ id: ORDER }]);
		});

		test('sends only the ids when no additional field is set (isNotifyAccount left out)', async () => {
			apiJson()
				.post('/orders', { paymentCreditsId: PAYMENT, offerId: OFFER, personId: PERSON })
				.reply(200, { data: {}, status: 1 });
			const { items, error } = await runNode({
				parameters: {
					resource: 'order',
					operation: 'create',
					paymentCreditsId: rl(PAYMENT),
					offerId: rl(OFFER),
					personId: rl(PERSON),
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ success: true }]);
		});

		test('sends isNotifyAccount false when Notify Person is added and off', async () => {
			apiJson()
				.post('/orders', { paymentCreditsId: PAYMENT, offerId: OFFER, personId: PERSON, isNotifyAccount: false })
				.reply(200, { data: { id: ORDER }, status: 1 });
			const { items, error } = await runNode({
				parameters: {
					resource: 'order',
					operation: 'create',
					paymentCreditsId: rl(PAYMENT),
					offerId: rl(OFFER),
					personId: rl(PERSON),
					additionalFields: { notifyPerson: false },
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ id: ORDER }]);
		});

		test.each([
			['paymentCreditsId', '={{ "not-an-id" }}', 'Payment System'],
			['offerId', '={{ "" }}', 'Offer'],
			['personId', '={{ "5b3f543bb2737000133d25bZ" }}', 'Person'],
		])('refuses a bad %s (mapped as %p) before any request', async (name, value, label) => {
			const parameters = {
				resource: 'order',
				operation: 'create',
				paymentCreditsId: rl(PAYMENT),
				offerId: rl(OFFER),
				personId: rl(PERSON),
				[name]: rl(value),
			};
			const { error } = await runNode({ parameters });
			expect(error.message).toBe(`${label} must be a Leeloo ID of 24 hexadecimal characters`);
		});

		test('refuses a bad Manager id before any request', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'order',
					operation: 'create',
					paymentCreditsId: rl(PAYMENT),
					offerId: rl(OFFER),
					personId: rl(PERSON),
					additionalFields: { managerId: rl('={{ "12345" }}') },
				},
			});
			expect(error.message).toBe('Manager must be a Leeloo ID of 24 hexadecimal characters');
		});

		test('refuses an impossible Transaction Date before any request', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'order',
					operation: 'create',
					paymentCreditsId: rl(PAYMENT),
					offerId: rl(OFFER),
					personId: rl(PERSON),
					additionalFields: { transactionDate: '2024-02-30T10:00:00' },
				},
			});
			expect(error.message).toBe('Transaction Date is not a valid date and time');
		});
	});

	describe('E10 getAll', () => {
		test('asks for the default Limit of 50 and reads a plain data array', async () => {
			api()
				.get('/orders')
				.query({ limit: '50', offset: '0' })
				.reply(200, { data: [ORDER_RECORD], meta: { limit: 50, offset: 0, filteredCount: 1, totalCount: 1 }, status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'order', operation: 'getAll' } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([ORDER_RECORD]);
		});

		test('reads orders from data.orders[]', async () => {
			api()
				.get('/orders')
				.query({ limit: '50', offset: '0' })
				.reply(200, { data: { orders: [ORDER_RECORD, orderAt(1)] }, status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'order', operation: 'getAll', limit: 50 } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([ORDER_RECORD, orderAt(1)]);
		});

		test('Return All reads pages of 100 until a short page', async () => {
			api()
				.get('/orders')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: orders(0, 100), status: 1 })
				.get('/orders')
				.query({ limit: '100', offset: '100' })
				.reply(200, { data: orders(100, 100), status: 1 })
				.get('/orders')
				.query({ limit: '100', offset: '200' })
				.reply(200, { data: orders(200, 7), status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'order', operation: 'getAll', returnAll: true } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(orders(0, 207));
		});

		test('Return All stops at meta.totalCount on an exact page boundary', async () => {
			const meta = (offset) => ({ limit: 100, offset, filteredCount: 100, totalCount: 200 });
			api()
				.get('/orders')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: { orders: orders(0, 100) }, meta: meta(0), status: 1 })
				.get('/orders')
				.query({ limit: '100', offset: '100' })
				.reply(200, { data: { orders: orders(100, 100) }, meta: meta(100), status: 1 });
			const { items, error } = await runNode({ parameters: { resource: 'order', operation: 'getAll', returnAll: true } });
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(orders(0, 200));
		});

		test('Limit 150 asks for 100 then 50', async () => {
			api()
				.get('/orders')
				.query({ limit: '100', offset: '0' })
				.reply(200, { data: orders(0, 100), status: 1 })
				.get('/orders')
				.query({ limit: '50', offset: '100' })
				.reply(200, { data: orders(100, 50), status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 150 },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual(orders(0, 150));
		});
	});

	describe('E11 get', () => {
		test('gets one order by id', async () => {
			api().get(`/orders/${ORDER}`).reply(200, { data: ORDER_RECORD, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'order', operation: 'get', orderId: rl(ORDER, 'list') },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([ORDER_RECORD]);
		});

		test('refuses a mapped order id that is not 24 hex before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'order', operation: 'get', orderId: rl('={{ "5e42be758d4fff000cafe6e" }}') },
			});
			expect(error.message).toBe('Order must be a Leeloo ID of 24 hexadecimal characters');
		});

		test('a typed order id that is not 24 hex is stopped by n8n itself (the By ID regex)', async () => {
			const { error } = await runNode({
				parameters: { resource: 'order', operation: 'get', orderId: rl('5e42be758d4fff000cafe6e') },
			});
			expect(error.message).toMatch(/workflow has issues/);
		});
	});

	describe('E12 update', () => {
		test('sends status and every update field as JSON, payment date in UTC to the minute (Europe/Berlin)', async () => {
			apiJson()
				.post(`/orders/${ORDER}`, {
					status: 'RESOLVED',
					currency: 'RUB',
					paymentDate: '2024-06-30 23:30',
					price: 100,
					userComments: 'Paid by card',
				})
				.reply(200, { data: {}, status: 1 });
			const { items, error } = await runNode({
				timezone: 'Europe/Berlin',
				parameters: {
					resource: 'order',
					operation: 'update',
					orderId: rl(ORDER),
					status: 'RESOLVED',
					updateFields: {
						currency: 'RUB',
						paymentDate: '2024-07-01T01:30:00',
						price: 100,
						userComments: 'Paid by card',
					},
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ success: true }]);
		});

		test('a price mapped as text ("250") is sent as a number', async () => {
			apiJson().post(`/orders/${ORDER}`, { status: 'RESOLVED', price: 250 }).reply(200, { data: {}, status: 1 });
			const { items, error } = await runNode({
				parameters: {
					resource: 'order',
					operation: 'update',
					orderId: rl(ORDER),
					status: 'RESOLVED',
					updateFields: { price: '={{ "250" }}' },
				},
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ success: true }]);
		});

		test('sends only the status when no update field is set and returns Leeloo data', async () => {
			apiJson()
				.post(`/orders/${ORDER}`, { status: 'REJECTED' })
				.reply(200, { data: { id: ORDER, status: 'REJECTED' }, status: 1 });
			const { items, error } = await runNode({
				parameters: { resource: 'order', operation: 'update', orderId: rl(ORDER), status: 'REJECTED' },
			});
			expect(error).toBeUndefined();
			expect(json(items)).toEqual([{ id: ORDER, status: 'REJECTED' }]);
		});

		test('refuses a status outside RESOLVED/REJECTED (set by expression) before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'order', operation: 'update', orderId: rl(ORDER), status: '={{ "PAID" }}' },
			});
			expect(error.message).toBe('Status must be one of REJECTED, RESOLVED');
		});

		test('refuses an impossible Payment Date before any request', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'order',
					operation: 'update',
					orderId: rl(ORDER),
					status: 'RESOLVED',
					updateFields: { paymentDate: '2024-02-30T10:00:00' },
				},
			});
			expect(error.message).toBe('Payment Date is not a valid date and time');
		});

		test('refuses a Price that is not a number before any request', async () => {
			const { error } = await runNode({
				parameters: {
					resource: 'order',
					operation: 'update',
					orderId: rl(ORDER),
					status: 'RESOLVED',
					updateFields: { price: '={{ "a hundred" }}' },
				},
			});
			expect(error.message).toBe('Price must be a number of at least 0');
		});

		test('refuses a bad order id before any request', async () => {
			const { error } = await runNode({
				parameters: { resource: 'order', operation: 'update', orderId: rl('={{ "order-1" }}'), status: 'RESOLVED' },
			});
			expect(error.message).toBe('Order must be a Leeloo ID of 24 hexadecimal characters');
		});
	});
});
