'use strict';
// E04–E05: chat history of a channel (newest first, unless the list settings say oldest first) and
// sending a text message.
const { addMessage, ensureMessages, messageView } = require('../data/model');
const { BodyReader, pageSorted } = require('../lib/input');
const { find } = require('./find');

function listMessages({ store, params, query, maxPageSize, lists }) {
	// The API names this path id person_id, but it is the communication channel id.
	const channel = find(store, 'channel', params.person_id, 'Communication channel');
	return pageSorted(lists.messages, query, maxPageSize, ensureMessages(store, channel), messageView);
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
	{ id: 'E04', method: 'GET', path: '/communication-channels/:person_id/chat-messages', handler: listMessages, list: 'messages' },
	{ id: 'E05', method: 'POST', path: '/messages/send-message', handler: sendMessage },
];
