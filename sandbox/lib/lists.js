'use strict';
// How the paged lists answer, switchable because Leeloo documents neither its sort orders nor one
// envelope: the order of E04 messages, E06 channels and E10 orders, and the shape of every paged
// list's envelope (data a list or {<name>: list}; meta with or without totalCount, or none).

const DEFAULTS = { orders: 'desc', messages: 'desc', channels: 'desc', data: 'array', meta: 'full' };
const CHOICES = {
	orders: ['desc', 'asc'],
	messages: ['desc', 'asc'],
	channels: ['desc', 'asc'],
	data: ['array', 'named'],
	meta: ['full', 'noTotal', 'none'],
};

/** `{orders?, messages?, channels?, data?, meta?}` over `base`; throws a message naming the bad key. */
function mergeLists(base, next) {
	if (!next || typeof next !== 'object' || Array.isArray(next)) throw new Error('list settings must be an object');
	for (const [key, value] of Object.entries(next)) {
		if (!(key in CHOICES)) throw new Error(`unknown list setting ${key} (known: ${Object.keys(CHOICES).join(', ')})`);
		if (!CHOICES[key].includes(value)) throw new Error(`${key} must be one of ${CHOICES[key].join(', ')}`);
	}
	return { ...base, ...next };
}

/** The `data` and `meta` of a paged list named `name` (e.g. "orders"), as the settings shape them. */
function shapeList(settings, name, { data, meta }) {
	const shaped = { data: settings.data === 'named' ? { [name]: data } : data };
	if (settings.meta === 'full') shaped.meta = meta;
	else if (settings.meta === 'noTotal') {
		shaped.meta = { ...meta };
		delete shaped.meta.totalCount;
	}
	return shaped;
}

module.exports = { LIST_DEFAULTS: DEFAULTS, LIST_CHOICES: CHOICES, mergeLists, shapeList };
