'use strict';
// E23–E26: tunnels (automation funnels) with their blocks, lead generation tools and statistics.
const { tunnelStatsView, tunnelView } = require('../data/model');
const { pageOf } = require('../lib/input');
const { find } = require('./find');

function listTunnels({ store, query, maxPageSize }) {
	return pageOf(query, maxPageSize, store.tunnels, (tunnel) => tunnelView(tunnel));
}

function getTunnel({ store, params, query }) {
	const tunnel = find(store, 'tunnel', params.tunnel_id, 'Tunnel');
	const include = [].concat(query.include ?? []).flatMap((v) => v.split(','));
	return { data: tunnelView(tunnel, include.includes('leadgentools')) };
}

function allStats({ store }) {
	return { data: store.tunnels.map((tunnel) => tunnelStatsView(store, tunnel)) };
}

function oneStats({ store, params }) {
	return { data: tunnelStatsView(store, find(store, 'tunnel', params.tunnel_id, 'Tunnel')) };
}

module.exports = [
	{ id: 'E23', method: 'GET', path: '/tunnels', handler: listTunnels, list: 'tunnels' },
	{ id: 'E25', method: 'GET', path: '/tunnels/stats', handler: allStats },
	{ id: 'E24', method: 'GET', path: '/tunnels/:tunnel_id', handler: getTunnel },
	{ id: 'E26', method: 'GET', path: '/tunnels/:tunnel_id/stats', handler: oneStats },
];
