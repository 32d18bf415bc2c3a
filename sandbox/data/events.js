'use strict';
// Webhook events as Leeloo sends them: {type, data}. ORDER and SALE follow Leeloo's help wiki;
// SUBSCRIPTION and INCOMING_MESSAGE payloads are not published: these are the package's assumptions
// (INCOMING_MESSAGE deliberately carries no person_id).
const EVENT_TYPES = ['ORDER', 'SALE', 'SUBSCRIPTION', 'INCOMING_MESSAGE'];

const iso = (ms) => new Date(ms).toISOString();

/** The channel an order is told about: the one it was made from, else the person's first. */
const orderChannel = (order) => order.channel ?? order.person.channels[0] ?? null;

function orderData(order) {
	return {
		order_id: order.id,
		account_id: orderChannel(order)?.id ?? null,
		offer_name: order.title,
		price: order.price,
		currency: order.currency,
		email: order.email,
		phone: order.phone,
		created_at: iso(order.createdAt),
	};
}

const orderEvent = (order) => ({ type: 'ORDER', data: orderData(order) });

/** Seeded orders name no payment system: manual ones count as paid by hand, online ones by card. */
function saleEvent(store, order) {
	const paymentMethod = order.paymentCreditsId ?? store.paymentCredits[order.type === 'MANUAL' ? 0 : 1].id;
	return { type: 'SALE', data: { ...orderData(order), payment_method: paymentMethod } };
}

const subscriptionEvent = (subscription) => ({
	type: 'SUBSCRIPTION',
	data: {
		account_id: subscription.channel.id,
		person_id: subscription.channel.person.id,
		tunnel_id: subscription.tunnel.id,
		lead_gen_tool_id: subscription.leadGenTool?.id ?? null,
		created_at: iso(subscription.createdAt),
	},
});

const incomingMessageEvent = (channel, message) => ({
	type: 'INCOMING_MESSAGE',
	data: { account_id: channel.id, message_id: message.id, text: message.text, created_at: iso(message.createdAt) },
});

module.exports = { EVENT_TYPES, orderEvent, saleEvent, subscriptionEvent, incomingMessageEvent };
