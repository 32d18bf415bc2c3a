'use strict';
// E19: a call on a person's channel.
const { BodyReader } = require('../lib/input');

function createCall({ store, body }) {
	const reader = new BodyReader(body);
	const user = reader.ref('user_id', store.byId.user, { required: true });
	const channel = reader.ref('account_id', store.byId.channel, { required: true });
	const from = reader.text('from', { required: true });
	const to = reader.text('to', { required: true });
	const date = reader.dateTime('date', { required: true });
	const recordLink = reader.text('record_link', { required: true });
	if (recordLink !== undefined && recordLink !== 'NOT_DEFINED' && !/^https?:\/\/\S+$/.test(recordLink)) {
		reader.invalid.record_link = 'INVALID';
	}
	const status = reader.oneOf('status', ['TALKING', 'SUCCESS', 'NO_ANSWER', 'CLOSED_BY_SYSTEM'], { required: true });
	const duration = reader.number('duration', { required: true, integer: true });
	const type = reader.oneOf('type', ['INBOUND', 'OUTBOUND'], { required: true });
	reader.done();
	const call = store.create('call', Date.now(), { user, channel, from, to, date, recordLink, status, duration, type });
	store.calls.push(call);
	return { data: { id: call.id } };
}

module.exports = [{ id: 'E19', method: 'POST', path: '/calls', handler: createCall }];
