'use strict';
// E06, E07, E30: communication channels (a person's account in one messenger).
const { addSubscription, channelsByLastMessage, channelView, personView } = require('../data/model');
const { subscriptionEvent } = require('../data/events');
const { BodyReader, lastMessageRange, pageOf, pageReversed } = require('../lib/input');
const { find } = require('./find');

/** By last message time, newest first ('asc': the same list reversed). */
function listChannels({ store, query, maxPageSize, lists }) {
	const range = lastMessageRange(query);
	let channels = channelsByLastMessage(store);
	if (range) {
		const [from, to] = range;
		channels = channels.filter((c) => c.lastMessageTime !== null && c.lastMessageTime >= from && c.lastMessageTime < to);
	}
	return (lists.channels === 'asc' ? pageReversed : pageOf)(query, maxPageSize, channels, channelView);
}

function getPerson({ store, params }) {
	const channel = find(store, 'channel', params.account_id, 'Communication channel');
	return { data: personView(channel.person) };
}

function subscribe({ store, params, body }) {
	const channel = find(store, 'channel', params.account_id, 'Communication channel');
	const reader = new BodyReader(body);
	const tunnel = reader.ref('tunnel_id', store.byId.tunnel, { required: true });
	const block = reader.ref('tunnel_block_id', store.byId.block, { required: true });
	if (tunnel && block && block.tunnel !== tunnel) reader.missing.tunnel_block_id = 'NOT_FOUND';
	reader.done();
	const subscription = addSubscription(store, channel, tunnel, block);
	return { data: {}, events: [subscriptionEvent(subscription)] };
}

module.exports = [
	{ id: 'E06', method: 'GET', path: '/communication-channels', handler: listChannels, list: 'channels' },
	{ id: 'E07', method: 'GET', path: '/communication-channels/:account_id/person', handler: getPerson },
	{ id: 'E30', method: 'POST', path: '/communication-channels/:account_id/manual-subscribe', handler: subscribe },
];
