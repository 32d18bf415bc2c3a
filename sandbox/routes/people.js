'use strict';
// E13–E18: people.
const { addChannel, addPerson, orderView, personView, userView } = require('../data/model');
const { formatError } = require('../lib/http');
const { BodyReader, lastMessageRange, pageOf } = require('../lib/input');
const { find } = require('./find');

const digits = (value) => String(value).replace(/\D/g, '');
const values = (query, ...keys) => keys.flatMap((key) => [].concat(query[key] ?? [])).filter((v) => v !== '');

/** E13 filters: every listed tag (by name), last message day range, exact phone (digits) and email. */
function peopleFilter(store, query) {
	const tagNames = values(query, 'filter[tags]', 'filter[tags][]');
	const range = lastMessageRange(query);
	const [phone] = values(query, 'filter[phone]');
	const [email] = values(query, 'filter[email]');
	if (phone !== undefined && !digits(phone)) throw formatError({ 'filter[phone]': 'INVALID' });
	if (!tagNames.length && !range && phone === undefined && email === undefined) return undefined;
	const tags = tagNames.map((name) => store.tags.find((t) => t.name === name));
	return (person) =>
		tags.every((tag) => tag && person.tags.includes(tag)) &&
		(!range || (person.lastMessageTime !== null && person.lastMessageTime >= range[0] && person.lastMessageTime < range[1])) &&
		(phone === undefined || digits(person.phone) === digits(phone)) &&
		(email === undefined || person.email.toLowerCase() === email.trim().toLowerCase());
}

function listPeople({ store, query, maxPageSize }) {
	const filter = peopleFilter(store, query);
	const people = filter ? store.people.filter(filter) : store.people;
	return pageOf(query, maxPageSize, people, personView);
}

function getPerson({ store, params, query }) {
	const person = find(store, 'person', params.person_id, 'Person');
	const include = values(query, 'include').flatMap((v) => v.split(',')).map((v) => v.trim());
	const data = personView(person);
	if (!include.includes('contactedUsers') && !include.includes('orders')) return { data };
	const links = {};
	const included = {};
	if (include.includes('contactedUsers')) {
		links.contactedUsers = person.contactedUsers.map(({ id }) => ({ type: 'users', id }));
		included.users = person.contactedUsers.map(userView);
	}
	if (include.includes('orders')) {
		links.orders = person.orders.map(({ id }) => ({ type: 'orders', id }));
		included.orders = person.orders.map(orderView);
	}
	return { data: { ...data, links }, included };
}

function updatePerson({ store, params, body }) {
	const person = find(store, 'person', params.person_id, 'Person');
	const reader = new BodyReader(body);
	const name = reader.text('name');
	const phone = reader.text('phone');
	const email = reader.email('email');
	const customFields = reader.object('custom_fields');
	reader.done();
	Object.assign(person, {
		...(name !== undefined && { name }),
		...(phone !== undefined && { phone }),
		...(email !== undefined && { email }),
		...(customFields !== undefined && { customFields: { ...person.customFields, ...customFields } }),
		updatedAt: Date.now(),
	});
	return { data: {} };
}

function createPerson({ store, body }) {
	const reader = new BodyReader(body);
	const name = reader.text('name', { required: true });
	const phone = reader.text('phone');
	const email = reader.email('email');
	const leadGenTool = reader.ref('leadgentool_id', store.byId.leadGenTool);
	const users = reader.refList('connected_users_ids', store.byId.user);
	const tagNames = [].concat(reader.body.tags ?? reader.body['tags[]'] ?? []);
	if (!tagNames.every((t) => typeof t === 'string' && t.trim())) reader.invalid.tags = 'INVALID';
	reader.done();
	const createdAt = Date.now();
	// Unknown tag names become new tags, as tagging in the Leeloo UI does.
	const tags = [...new Set(tagNames.map((t) => t.trim()))].map((tagName) => {
		let tag = store.tags.find((t) => t.name === tagName);
		if (!tag) {
			tag = store.create('tag', createdAt, { name: tagName });
			store.tags.push(tag);
		}
		return tag;
	});
	const person = addPerson(store, {
		name,
		phone: phone ?? 'NOT_DEFINED',
		email: email ?? 'NOT_DEFINED',
		tags,
		contactedUsers: users,
		leadGenTool: leadGenTool ?? null,
	}, createdAt);
	const channel = addChannel(store, person, 'MANUAL', createdAt);
	return { data: { id: channel.id, person_id: person.id } };
}

function addSmsConnection({ store, body }) {
	const reader = new BodyReader(body);
	const person = reader.ref('person_id', store.byId.person, { required: true });
	const phone = reader.text('phone', { required: true });
	reader.done();
	const channel = addChannel(store, person, 'SMS');
	if (person.phone === 'NOT_DEFINED') person.phone = phone;
	person.updatedAt = channel.createdAt;
	return { data: { id: channel.id } };
}

function addComment({ store, params, body }) {
	const person = find(store, 'person', params.person_id, 'Person');
	const reader = new BodyReader(body);
	const comment = reader.text('comment', { required: true });
	reader.done();
	const record = store.create('comment', Date.now(), { person, comment });
	store.comments.push(record);
	return { data: { id: record.id } };
}

module.exports = [
	{ id: 'E13', method: 'GET', path: '/people', handler: listPeople, list: 'people' },
	{ id: 'E17', method: 'POST', path: '/people/sms', handler: addSmsConnection },
	{ id: 'E14', method: 'GET', path: '/people/:person_id', handler: getPerson },
	{ id: 'E15', method: 'PUT', path: '/people/:person_id', handler: updatePerson },
	{ id: 'E16', method: 'POST', path: '/people', handler: createPerson },
	{ id: 'E18', method: 'PUT', path: '/people/:person_id/add-comment', handler: addComment },
];
