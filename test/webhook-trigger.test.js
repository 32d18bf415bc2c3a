// The Leeloo Webhook Trigger (nodes/LeelooWebhookTrigger) through n8n-core's WebhookContext, as n8n's
// webhook server calls it once it has parsed the request: what it answers Leeloo, and the items it
// hands n8n to start the workflow (none when it refuses). Payloads: docs/leeloo-api.md#webhooks.
const nock = require('nock');
const { receiveWebhook, TOKEN, BASE_URL } = require('./helpers/harness');

const ACCOUNT = '5e9eed3c8b2dc7000faff207';
const PERSON = '5b3f543bb2737000133d25b0';
const SECRET = 'n8n-leeloo-hook-3f9a';
const ALL = ['order', 'sale', 'subscription', 'incomingMessage'];

// Leeloo's documented ORDER example, and SALE = the same plus payment_method.
const ORDER = {
	type: 'ORDER',
	data: {
		order_id: '5eabfdfb4eee28000e33dac7',
		account_id: ACCOUNT,
		offer_name: '1111',
		price: 10770,
		currency: 'RUB',
		email: 'test@gmai.com',
		phone: '+380952938955',
		created_at: '2020-05-01T10:47:06.474Z',
	},
};
const SALE = { type: 'SALE', data: { ...ORDER.data, payment_method: '5e9eed3c8b2dc7000faff2aa' } };
const SUBSCRIPTION = {
	type: 'SUBSCRIPTION',
	data: { account_id: ACCOUNT, person_id: PERSON, tunnel_id: '5e3bf3fdb70492000f72cd6c', lead_gen_tool_id: '5e3bf3fdb70492000f72cd99', created_at: '2026-12-04T09:00:00.000Z' },
};
const MESSAGE = {
	type: 'INCOMING_MESSAGE',
	data: { account_id: ACCOUNT, message_id: '6a1b2c3d4e5f60718293a4b5', text: 'Hi, is it in stock?', created_at: '2026-12-04T09:01:02.000Z' },
};

const ORDER_ITEM = {
	event: 'order',
	orderId: '5eabfdfb4eee28000e33dac7',
	accountId: ACCOUNT,
	personId: null,
	offerName: '1111',
	price: 10770,
	currency: 'RUB',
	email: 'test@gmai.com',
	phone: '+380952938955',
	createdAt: '2020-05-01T10:47:06.474Z',
};
const MESSAGE_ITEM = {
	event: 'incomingMessage',
	id: '6a1b2c3d4e5f60718293a4b5',
	accountId: ACCOUNT,
	personId: null,
	text: 'Hi, is it in stock?',
	direction: null,
	type: null,
	createdAt: '2026-12-04T09:01:02.000Z',
};

const params = (extra = {}) => ({ events: ALL, ...extra });
const started = (result) => result.workflowData?.[0]?.map((item) => item.json);

describe('Leeloo Webhook Trigger: events', () => {
	test('W1 ORDER: one item in the output vocabulary, Leeloo answered 200 before the workflow runs', async () => {
		const { response, result } = await receiveWebhook({ parameters: params(), body: ORDER });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ received: 1, started: true });
		expect(response.writes).toBe(1);
		expect(result.noWebhookResponse).toBe(true);
		expect(started(result)).toEqual([ORDER_ITEM]);
	});

	test('W2 SALE: the order fields plus paymentMethod', async () => {
		const { result } = await receiveWebhook({ parameters: params(), body: SALE });
		expect(started(result)).toEqual([{ ...ORDER_ITEM, event: 'sale', paymentMethod: '5e9eed3c8b2dc7000faff2aa' }]);
	});

	test('W3 SUBSCRIPTION: channel, person, tunnel and lead generation tool', async () => {
		const { result } = await receiveWebhook({ parameters: params(), body: SUBSCRIPTION });
		expect(started(result)).toEqual([
			{
				event: 'subscription',
				accountId: ACCOUNT,
				personId: PERSON,
				tunnelId: '5e3bf3fdb70492000f72cd6c',
				leadGenToolId: '5e3bf3fdb70492000f72cd99',
				createdAt: '2026-12-04T09:00:00.000Z',
			},
		]);
	});

	test('W4 INCOMING_MESSAGE: the Leeloo Trigger New Message fields', async () => {
		const { result } = await receiveWebhook({ parameters: params(), body: MESSAGE });
		expect(started(result)).toEqual([MESSAGE_ITEM]);
	});

	test('NOT_DEFINED becomes null; fields the docs do not name pass through, camelCased', async () => {
		const body = { type: 'ORDER', data: { ...ORDER.data, phone: 'NOT_DEFINED', utm_source: 'ads', extra_info: { promo_code: 'NOT_DEFINED' } } };
		const { result } = await receiveWebhook({ parameters: params(), body });
		expect(started(result)).toEqual([{ ...ORDER_ITEM, phone: null, utmSource: 'ads', extraInfo: { promoCode: null } }]);
	});

	test('a price sent as text becomes a number', async () => {
		const { result } = await receiveWebhook({ parameters: params(), body: { type: 'SALE', data: { ...SALE.data, price: '10770.50' } } });
		expect(started(result)[0].price).toBe(10770.5);
	});

	test.each([
		['order', 'Order'],
		['sale', 'sale'],
		['subscription', 'subscribe'],
		['subscription', 'NEW_SUBSCRIBER'],
		['incomingMessage', 'MESSAGE'],
		['incomingMessage', 'incoming_message'],
		['incomingMessage', 'IncomingMessage'],
		['incomingMessage', 'incoming-message'],
		['incomingMessage', 'NEW_MESSAGE'],
	])('type variants: %s from "%s"', async (event, type) => {
		const { result } = await receiveWebhook({ parameters: params(), body: { type, data: { account_id: ACCOUNT } } });
		expect(started(result)).toHaveLength(1);
		expect(started(result)[0]).toMatchObject({ event, accountId: ACCOUNT });
	});

	test('an array of events in one body: one item each, in order', async () => {
		const { response, result } = await receiveWebhook({ parameters: params(), body: [ORDER, MESSAGE, SALE] });
		expect(response.body).toEqual({ received: 3, started: true });
		expect(started(result).map((item) => item.event)).toEqual(['order', 'incomingMessage', 'sale']);
	});

	test('{"events": [...]} is read as a list of events', async () => {
		const { result } = await receiveWebhook({ parameters: params(), body: { events: [ORDER, SALE] } });
		expect(started(result).map((item) => item.event)).toEqual(['order', 'sale']);
	});

	test('an event whose fields stand beside "type" (no "data") is read the same', async () => {
		const { result } = await receiveWebhook({ parameters: params(), body: { type: 'ORDER', ...ORDER.data } });
		expect(started(result)).toEqual([ORDER_ITEM]);
	});

	test('Raw Event: Leeloo\'s event unchanged', async () => {
		const body = { type: 'ORDER', data: { ...ORDER.data, phone: 'NOT_DEFINED' } };
		const { result } = await receiveWebhook({ parameters: params({ options: { raw: true } }), body });
		expect(started(result)).toEqual([body]);
	});

	test('a body sent as text (n8n leaves it unparsed) is read from its raw bytes', async () => {
		const text = JSON.stringify(SALE);
		const { result } = await receiveWebhook({ parameters: params(), body: {}, rawBody: Buffer.from(text), headers: { 'content-type': 'text/plain' } });
		expect(started(result)).toEqual([{ ...ORDER_ITEM, event: 'sale', paymentMethod: '5e9eed3c8b2dc7000faff2aa' }]);
	});

	test('listening in the editor (test URL): the same item', async () => {
		const { response, result } = await receiveWebhook({ parameters: params(), body: MESSAGE, mode: 'manual' });
		expect(response.status).toBe(200);
		expect(started(result)).toEqual([MESSAGE_ITEM]);
	});
});

describe('Leeloo Webhook Trigger: events not selected', () => {
	test('an event not selected is answered 200 and starts nothing', async () => {
		const { response, result } = await receiveWebhook({ parameters: params({ events: ['order'] }), body: MESSAGE });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ received: 1, started: false });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	test('a type the package does not know is answered 200 and starts nothing', async () => {
		const { response, result } = await receiveWebhook({ parameters: params(), body: { type: 'REFUND', data: {} } });
		expect(response.status).toBe(200);
		expect(result.workflowData).toBeUndefined();
	});

	test('of several events, only the selected ones become items', async () => {
		const { response, result } = await receiveWebhook({ parameters: params({ events: ['sale', 'incomingMessage'] }), body: [ORDER, SALE, MESSAGE] });
		expect(response.body).toEqual({ received: 3, started: true });
		expect(started(result).map((item) => item.event)).toEqual(['sale', 'incomingMessage']);
	});
});

describe('Leeloo Webhook Trigger: secret', () => {
	const withSecret = params({ options: { secret: SECRET } });

	test('missing secret: 401, nothing started, the secret in no answer', async () => {
		const { response, result } = await receiveWebhook({ parameters: withSecret, body: ORDER });
		expect(response.status).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.text).not.toContain(SECRET);
	});

	test.each([['wrong'], [`${SECRET}x`], [SECRET.slice(0, -1)], ['']])('wrong secret "%s": 403, nothing started', async (given) => {
		const { response, result } = await receiveWebhook({ parameters: withSecret, body: ORDER, query: { secret: given } });
		expect(response.status).toBe(403);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.text).not.toContain(SECRET);
	});

	test('a secret given twice (an array) is refused', async () => {
		const { response } = await receiveWebhook({ parameters: withSecret, body: ORDER, query: { secret: [SECRET, SECRET] } });
		expect(response.status).toBe(403);
	});

	test('right secret: accepted, and the secret is in no item', async () => {
		const { response, result } = await receiveWebhook({ parameters: withSecret, body: ORDER, query: { secret: SECRET } });
		expect(response.status).toBe(200);
		expect(started(result)).toEqual([ORDER_ITEM]);
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});

	test('the secret is checked before the body: a wrong secret with a bad body is 403', async () => {
		const { response } = await receiveWebhook({ parameters: withSecret, body: 'nonsense', query: { secret: 'nope' } });
		expect(response.status).toBe(403);
	});

	test('without a Secret set, any request is accepted', async () => {
		const { response } = await receiveWebhook({ parameters: params(), body: ORDER, query: { secret: 'anything' } });
		expect(response.status).toBe(200);
	});
});

describe('Leeloo Webhook Trigger: malformed bodies', () => {
	test.each([
		['no body at all', {}, Buffer.alloc(0)],
		['text that is not JSON', 'order received', undefined],
		['raw bytes that are not JSON', {}, Buffer.from('<html>hello</html>')],
		['JSON without "type"', { data: ORDER.data }, undefined],
		['"type" that is not text', { type: 7, data: {} }, undefined],
		['"type" empty', { type: '  ', data: {} }, undefined],
		['an array with one event without "type"', [ORDER, { data: {} }], undefined],
		['an empty array', [], Buffer.from('[]')],
		['a JSON number', {}, Buffer.from('42')],
	])('%s: 400, nothing started', async (_, body, rawBody) => {
		const { response, result } = await receiveWebhook({ parameters: params(), body, rawBody });
		expect(response.status).toBe(400);
		expect(response.body.message).toMatch(/type|JSON|body/);
		expect(result).toEqual({ noWebhookResponse: true });
	});
});

describe('Leeloo Webhook Trigger: Look Up Person (E07)', () => {
	const api = () => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
	const lookUp = params({ lookUpPerson: true });

	test('an incoming message without a person gets personId from E07, answered before the lookup', async () => {
		let requestedAt;
		const scope = api()
			.get(`/communication-channels/${ACCOUNT}/person`)
			.reply(() => {
				requestedAt = process.hrtime.bigint();
				return [200, { data: { id: PERSON, name: 'Olena' }, status: 1 }];
			});
		const { response, result } = await receiveWebhook({ parameters: lookUp, body: MESSAGE });
		expect(scope.isDone()).toBe(true);
		expect(response.status).toBe(200);
		expect(response.answeredAt < requestedAt).toBe(true);
		expect(started(result)).toEqual([{ ...MESSAGE_ITEM, personId: PERSON }]);
	});

	test('one request per channel for several events of the same channel; events with a person are left alone', async () => {
		const scope = api().get(`/communication-channels/${ACCOUNT}/person`).once().reply(200, { data: { id: PERSON }, status: 1 });
		const { result } = await receiveWebhook({ parameters: lookUp, body: [MESSAGE, ORDER, SUBSCRIPTION] });
		expect(scope.isDone()).toBe(true);
		expect(started(result).map((item) => item.personId)).toEqual([PERSON, PERSON, PERSON]);
	});

	test('the token travels only in the header', async () => {
		let seen;
		api()
			.get(`/communication-channels/${ACCOUNT}/person`)
			.reply(function () {
				seen = { path: this.req.path, token: this.req.headers['x-leeloo-authtoken'] };
				return [200, { data: { id: PERSON }, status: 1 }];
			});
		const { result } = await receiveWebhook({ parameters: lookUp, body: MESSAGE });
		expect(seen).toEqual({ path: `/api/v2/communication-channels/${ACCOUNT}/person`, token: TOKEN });
		expect(JSON.stringify(result)).not.toContain(TOKEN);
	});

	test('a failed lookup keeps the event: personId null and personLookupError says why', async () => {
		api().get(`/communication-channels/${ACCOUNT}/person`).reply(404, { status: 0, error: { code: 'NOT_FOUND' } });
		const { response, result } = await receiveWebhook({ parameters: lookUp, body: MESSAGE });
		expect(response.status).toBe(200);
		const [item] = started(result);
		expect(item.personId).toBeNull();
		expect(item.personLookupError).toMatch(/404|not found/i);
		expect(item.personLookupError).not.toContain(TOKEN);
	});

	test('a lookup whose answer has no id: personId null, with the reason', async () => {
		api().get(`/communication-channels/${ACCOUNT}/person`).reply(200, { data: {}, status: 1 });
		const { result } = await receiveWebhook({ parameters: lookUp, body: MESSAGE });
		expect(started(result)[0]).toMatchObject({ personId: null, personLookupError: 'Leeloo answered without a person ID' });
	});

	test('Look Up Person off: no request', async () => {
		const { result } = await receiveWebhook({ parameters: params(), body: MESSAGE });
		expect(started(result)[0].personId).toBeNull();
	});

	test('a refused request makes no lookup', async () => {
		const { response } = await receiveWebhook({ parameters: { ...lookUp, options: { secret: SECRET } }, body: MESSAGE });
		expect(response.status).toBe(401);
	});
});
