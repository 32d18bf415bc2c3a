'use strict';
// E08: a traffic source of a lead generation tool.
const { BodyReader } = require('../lib/input');
const { find } = require('./find');

function createTrafficSource({ store, params, body }) {
	const tool = find(store, 'leadGenTool', params.leadgentool_id, 'Lead generation tool');
	const reader = new BodyReader(body);
	const name = reader.text('name', { required: true });
	const description = reader.text('description') ?? '';
	reader.done();
	const source = store.create('trafficSource', Date.now(), { leadGenTool: tool, name, description });
	store.trafficSources.push(source);
	return { data: { id: source.id } };
}

module.exports = [
	{ id: 'E08', method: 'POST', path: '/leadgentools/:leadgentool_id/create-traffic-source', handler: createTrafficSource },
];
