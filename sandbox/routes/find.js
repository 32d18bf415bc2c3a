'use strict';
const { notFound } = require('../lib/http');

/** The record behind a path id (already checked to be 24 hex), or a 404 with a status:0 body. */
function find(store, kind, id, label) {
	const record = store.byId[kind].get(id);
	if (!record) throw notFound(`${label} ${id} not found`);
	return record;
}

module.exports = { find };
