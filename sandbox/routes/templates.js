'use strict';
// E01–E03: message template categories, templates, sending a template.
const { addMessage } = require('../data/model');
const { BodyReader } = require('../lib/input');
const { find } = require('./find');

function listCategories({ store }) {
	return { data: { categories: store.categories.map(({ id, name }) => ({ id, name })) } };
}

function listTemplates({ store, params }) {
	const category = find(store, 'category', params.category_id, 'Template category');
	const templates = store.templates.filter((t) => t.category === category);
	return { data: { templates: templates.map(({ id, messageName }) => ({ id, message_name: messageName })) } };
}

function sendTemplate({ store, body }) {
	const reader = new BodyReader(body);
	const channel = reader.ref('account_id', store.byId.channel, { required: true });
	const template = reader.ref('template_id', store.byId.template, { required: true });
	const variables = reader.object('variables') ?? {};
	reader.done();
	// Placeholders are written {{key}}; a key without a value stays as it is.
	const text = template.text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (placeholder, key) =>
		Object.hasOwn(variables, key) ? String(variables[key]) : placeholder,
	);
	const message = addMessage(store, channel, { text, direction: 'OUTGOING', type: 'TEMPLATE' });
	store.templateSends.push({ message, channel, template, variables });
	return { data: { id: message.id } };
}

module.exports = [
	{ id: 'E01', method: 'GET', path: '/categories/templates', handler: listCategories },
	{ id: 'E02', method: 'GET', path: '/categories/templates/:category_id', handler: listTemplates },
	{ id: 'E03', method: 'POST', path: '/messages/send-template', handler: sendTemplate },
];
