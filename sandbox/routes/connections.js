'use strict';
// E29: connections (the account's messenger integrations).
const { connectionView } = require('../data/model');

module.exports = [
	{ id: 'E29', method: 'GET', path: '/connections', handler: ({ store }) => ({ data: store.connections.map(connectionView) }) },
];
