'use strict';
// E20–E22: tags. People carry tag names; E21/E22 take the tag id in the body.
const { BodyReader } = require('../lib/input');
const { find } = require('./find');

function listTags({ store }) {
	return { data: store.tags.map(({ id, name }) => ({ id, name })) };
}

function changeTag(add) {
	return ({ store, params, body }) => {
		const person = find(store, 'person', params.person_id, 'Person');
		const reader = new BodyReader(body);
		const tag = reader.ref('tag_id', store.byId.tag, { required: true });
		reader.done();
		const at = person.tags.indexOf(tag);
		if (add && at < 0) person.tags.push(tag);
		if (!add && at >= 0) person.tags.splice(at, 1);
		person.updatedAt = Date.now();
		return { data: {} };
	};
}

module.exports = [
	{ id: 'E20', method: 'GET', path: '/tags', handler: listTags },
	{ id: 'E21', method: 'PUT', path: '/people/:person_id/remove-tag', handler: changeTag(false) },
	{ id: 'E22', method: 'PUT', path: '/people/:person_id/add-tag', handler: changeTag(true) },
];
