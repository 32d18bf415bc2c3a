'use strict';
// E27–E28: platform users (the account's staff).
const { userView } = require('../data/model');
const { pageOf } = require('../lib/input');
const { find } = require('./find');

module.exports = [
	{
		id: 'E27',
		method: 'GET',
		path: '/users',
		handler: ({ store, query, maxPageSize }) => pageOf(query, maxPageSize, store.users, userView),
		list: 'users',
	},
	{
		id: 'E28',
		method: 'GET',
		path: '/users/:user_id',
		handler: ({ store, params }) => ({ data: userView(find(store, 'user', params.user_id, 'User')) }),
	},
];
