'use strict';
// E09–E12: orders. E10 lists newest first (oldest first when the list settings say so).
const { addOrder, orderView } = require('../data/model');
const { orderEvent, saleEvent } = require('../data/events');
const { ApiError } = require('../lib/http');
const { BodyReader, pageSorted } = require('../lib/input');
const { find } = require('./find');

function createOrder({ store, body }) {
	const reader = new BodyReader(body);
	// Payment systems and offers have no list endpoint, so any well-formed id is taken; a known
	// offer (see /__admin/state) fills in title, price and currency.
	const paymentCreditsId = reader.ref('paymentCreditsId', null, { required: true });
	const offerId = reader.ref('offerId', null, { required: true });
	const person = reader.ref('personId', store.byId.person, { required: true });
	const manager = reader.ref('managerId', store.byId.user);
	const email = reader.email('email');
	const phone = reader.text('phone');
	const transactionDate = reader.dateTime('transactionDate');
	const isNotifyAccount = reader.boolean('isNotifyAccount') ?? false;
	reader.done();
	const offer = store.byId.offer.get(offerId);
	const order = addOrder(store, {
		status: 'PENDING',
		type: 'MANUAL',
		price: offer ? offer.price : 0,
		currency: offer ? offer.currency : 'USD',
		title: offer ? offer.title : 'Manual order',
		offerId,
		person,
		email: email ?? person.email,
		phone: phone ?? person.phone,
		paymentCreditsId,
		manager: manager ?? null,
		transactionDate: transactionDate ?? null,
		isNotifyAccount,
	});
	return { data: { id: order.id }, events: [orderEvent(order)] };
}

function listOrders({ store, query, maxPageSize, lists }) {
	return pageSorted(lists.orders, query, maxPageSize, store.orders, orderView);
}

function getOrder({ store, params }) {
	return { data: orderView(find(store, 'order', params.order_id, 'Order')) };
}

function updateOrder({ store, params, body }) {
	const order = find(store, 'order', params.order_id, 'Order');
	const reader = new BodyReader(body);
	const status = reader.oneOf('status', ['RESOLVED', 'REJECTED'], { required: true });
	const paymentDate = reader.dateTime('paymentDate');
	const currency = reader.text('currency');
	if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) reader.invalid.currency = 'INVALID';
	const price = reader.number('price');
	const userComments = reader.text('userComments');
	reader.done();
	// Leeloo refuses orders that were not created by hand; it answers such refusals with HTTP 200.
	if (order.type !== 'MANUAL') {
		throw new ApiError(200, 'ORDER_NOT_MANUAL', { message: 'Only MANUAL orders can be updated' });
	}
	Object.assign(order, {
		status,
		...(currency !== undefined && { currency }),
		...(price !== undefined && { price }),
		...(paymentDate !== undefined && { paymentDate }),
		...(userComments !== undefined && { userComments }),
		updatedAt: Date.now(),
	});
	// Confirming a manual payment is a sale (webhook SALE), each time it is confirmed.
	return { data: {}, events: status === 'RESOLVED' ? [saleEvent(store, order)] : [] };
}

module.exports = [
	{ id: 'E09', method: 'POST', path: '/orders', handler: createOrder },
	{ id: 'E10', method: 'GET', path: '/orders', handler: listOrders, list: 'orders' },
	{ id: 'E11', method: 'GET', path: '/orders/:order_id', handler: getOrder },
	{ id: 'E12', method: 'POST', path: '/orders/:order_id', handler: updateOrder },
];
