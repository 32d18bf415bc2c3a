'use strict';
// What the API shows of the in-memory records (views), and the writes that keep them consistent.
const { ensureMessages } = require('./seed');

const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

function personView(person) {
	return {
		id: person.id,
		name: person.name,
		phone: person.phone,
		email: person.email,
		tags: person.tags.map((tag) => tag.name),
		accounts: person.channels.map((channel) => ({
			account_id: channel.id,
			connection_id: channel.connection.id,
			connection_status: channel.connectionStatus,
			from: channel.connection.type,
		})),
		customFields: { ...person.customFields },
		lastMessageTime: iso(person.lastMessageTime),
		createdAt: iso(person.createdAt),
		updatedAt: iso(person.updatedAt),
	};
}

const channelView = (channel) => ({
	id: channel.id,
	person_id: channel.person.id,
	name: channel.person.name,
	from: channel.connection.type,
	connection_id: channel.connection.id,
	lastMessageTime: iso(channel.lastMessageTime),
	createdAt: iso(channel.createdAt),
});

const messageView = (message) => ({
	id: message.id,
	text: message.text,
	direction: message.direction,
	type: message.type,
	createdAt: iso(message.createdAt),
});

const orderView = (order) => ({
	id: order.id,
	status: order.status,
	type: order.type,
	price: order.price,
	currency: order.currency,
	title: order.title,
	offerId: order.offerId,
	personId: order.person.id,
	email: order.email,
	phone: order.phone,
	createdAt: iso(order.createdAt),
	updatedAt: iso(order.updatedAt),
});

const userView = (user) => ({
	id: user.id,
	name: user.name,
	email: user.email,
	role: user.role,
	createdAt: iso(user.createdAt),
	updatedAt: iso(user.updatedAt),
});

const connectionView = (c) => ({ id: c.id, name: c.name, type: c.type, status: c.status, createdAt: iso(c.createdAt) });

function tunnelView(tunnel, withLeadGenTools = false) {
	return {
		id: tunnel.id,
		name: tunnel.name,
		status: tunnel.status,
		blocks: tunnel.blocks.map(({ id, name, type }) => ({ id, name, type })),
		...(withLeadGenTools && { leadgentools: tunnel.leadGenTools.map(({ id, name, type }) => ({ id, name, type })) }),
		createdAt: iso(tunnel.createdAt),
		updatedAt: iso(tunnel.updatedAt),
	};
}

function tunnelStatsView(store, tunnel) {
	const manual = store.subscriptions.filter((s) => s.tunnel === tunnel).length;
	const { subscribers, active, finished, unsubscribed } = tunnel.stats;
	return {
		tunnelId: tunnel.id,
		name: tunnel.name,
		subscribers: subscribers + manual,
		active: active + manual,
		finished,
		unsubscribed,
	};
}

/** Index of the first element whose createdAt is greater than `ms` (lists kept oldest first). */
function insertionIndex(list, ms) {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (list[mid].createdAt <= ms) low = mid + 1;
		else high = mid;
	}
	return low;
}

/**
 * Adds a message to a channel's history. The channel's and person's lastMessageTime become its
 * time, even when it is older than a message stored before (a late one): every new message
 * changes its channel's E06 record, as the package assumes (docs/leeloo-api.md, E06).
 */
function addMessage(store, channel, { text, direction, type = 'TEXT', createdAt = Date.now() }) {
	const messages = ensureMessages(store, channel);
	const message = store.create('message', createdAt, { text, direction, type });
	messages.splice(insertionIndex(messages, createdAt), 0, message);
	store.messageCount += 1;
	channel.lastMessageTime = createdAt;
	channel.person.lastMessageTime = createdAt;
	store.cache.channelsByLastMessage = null;
	return message;
}

/** A new person (fields as store.Person takes them), without channels yet. */
function addPerson(store, fields, createdAt = Date.now()) {
	const person = new store.Person(createdAt, fields);
	store.people.push(person);
	return person;
}

function addChannel(store, person, connectionType, createdAt = Date.now()) {
	const channel = new store.Channel(createdAt, {
		seq: store.channels.length,
		person,
		connection: store.connections.find((c) => c.type === connectionType),
	});
	store.channels.push(channel);
	person.channels.push(channel);
	store.cache.channelsByLastMessage = null;
	return channel;
}

function addOrder(store, fields, createdAt = Date.now()) {
	const order = store.create('order', createdAt, { ...fields, updatedAt: createdAt });
	store.orders.splice(insertionIndex(store.orders, createdAt), 0, order);
	order.person.orders.push(order);
	return order;
}

/** A channel subscribed to a tunnel (from its first block), through the tunnel's first lead generation tool. */
function addSubscription(store, channel, tunnel, block = tunnel.blocks[0], createdAt = Date.now()) {
	const subscription = { channel, tunnel, block, leadGenTool: tunnel.leadGenTools[0] ?? null, createdAt };
	store.subscriptions.push(subscription);
	return subscription;
}

/** Channels by lastMessageTime, newest first (channels without messages last); cached until a write. */
function channelsByLastMessage(store) {
	if (!store.cache.channelsByLastMessage) {
		store.cache.channelsByLastMessage = store.channels
			.slice()
			.sort((a, b) => (b.lastMessageTime ?? -Infinity) - (a.lastMessageTime ?? -Infinity) || a.seq - b.seq);
	}
	return store.cache.channelsByLastMessage;
}

module.exports = {
	personView,
	channelView,
	messageView,
	orderView,
	userView,
	connectionView,
	tunnelView,
	tunnelStatsView,
	addMessage,
	addPerson,
	addChannel,
	addOrder,
	addSubscription,
	channelsByLastMessage,
	ensureMessages,
};
