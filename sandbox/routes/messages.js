'use strict';
// E04–E05: chat history of a channel (newest first) and sending a text message.
const { addMessage, ensureMessages, messageView } = require('../data/model');
const { BodyReader, pageNewestFirst } = require('../lib/input');
const { find } = require('./find');

function listMessages({ store, params, query, maxPageSize }) {
	// The API names this path id person_id, but it is the communication channel id.
	const channel = find(store, 'channel', params.person_id, 'Communication channel');
	return pageNewestFirst(query, maxPageSize, ensureMessages(store, channel), messageView);
}

function sendMessage({ store, body }) {
	const reader = new BodyReader(body);
	const channel = reader.ref('account_id', store.byId.channel, { required: true });
	const text = reader.text('text', { required: true });
	reader.done();
	const message = addMessage(store, channel, { text, direction: 'OUTGOING', type: 'TEXT' });
	return { data: { id: message.id } };
}

module.exports = [
	{ id: 'E04', method: 'GET', path: '/communication-channels/:person_id/chat-messages', handler: listMessages },
	{ id: 'E05', method: 'POST', path: '/messages/send-message', handler: sendMessage },
];
