'use strict';
// Records and their ids. A record's id is an ObjectId made from its createdAt and a counter
// taken when the record is made; the string is built on first use (most seeded records are
// never shown). Each kind keeps its records in counter order, so a lookup is a binary search
// on the counter part of the id (no 300,000-entry map to build at start).
const { isId } = require('./random');

// Kinds that are looked up by id. Messages are not (and seeded ones are made out of counter order).
const KINDS = ['connection', 'user', 'tag', 'category', 'template', 'tunnel', 'block', 'leadGenTool', 'offer',
	'paymentCredits', 'person', 'channel', 'order', 'trafficSource', 'comment', 'call'];

function createRecords(ids) {
	const lists = Object.fromEntries(KINDS.map((kind) => [kind, []]));

	class Entity {
		constructor(kind, counter, createdAt) {
			this.kind = kind;
			this.counter = counter;
			this.createdAt = createdAt;
			this.cachedId = undefined;
		}

		get id() {
			if (this.cachedId === undefined) this.cachedId = ids.make(this.createdAt, this.counter);
			return this.cachedId;
		}
	}

	// Counters only grow, so pushing keeps each list sorted by counter.
	const register = (record) => {
		lists[record.kind]?.push(record);
		return record;
	};

	/** A new record of `kind`; `counter` is given when it was reserved earlier. */
	const create = (kind, createdAt, fields, counter = ids.reserve()) =>
		register(Object.assign(new Entity(kind, counter, createdAt), fields));

	// People and channels are the many records (100,000 people, ~200,000 channels): fixed
	// classes keep their fields inside the object (less memory, faster start).
	class Person extends Entity {
		constructor(createdAt, { name, phone, email, tags = [], contactedUsers = [], leadGenTool = null }) {
			super('person', ids.reserve(), createdAt);
			this.name = name;
			this.phone = phone;
			this.email = email;
			this.tags = tags;
			this.channels = [];
			this.contactedUsers = contactedUsers;
			this.orders = [];
			this.customFields = null;
			this.leadGenTool = leadGenTool;
			this.updatedAt = createdAt;
			this.lastMessageTime = null;
			register(this);
		}
	}

	class Channel extends Entity {
		constructor(createdAt, { seq, person, connection, connectionStatus = 'ACTIVE', lastMessageTime = null, seedCount = 0 }) {
			super('channel', ids.reserve(), createdAt);
			this.seq = seq;
			this.person = person;
			this.connection = connection;
			this.connectionStatus = connectionStatus;
			this.lastMessageTime = lastMessageTime;
			// Seeded messages are made on first read, from counters reserved now (see seed.js).
			this.messages = seedCount ? null : [];
			this.seedCount = seedCount;
			this.seedBase = ids.reserve(seedCount);
			register(this);
		}
	}

	function lookup(kind, id) {
		if (!isId(id) || !lists[kind]) return undefined;
		const list = lists[kind];
		const counter = parseInt(id.slice(18), 16);
		let low = 0;
		let high = list.length - 1;
		while (low <= high) {
			const mid = (low + high) >>> 1;
			const found = list[mid].counter & 0xffffff;
			if (found === counter) return list[mid].id === id.toLowerCase() ? list[mid] : undefined;
			if (found < counter) low = mid + 1;
			else high = mid - 1;
		}
		return undefined;
	}

	const byId = Object.fromEntries(KINDS.map((kind) => [kind, { get: (id) => lookup(kind, id) }]));
	return { create, lookup, byId, Person, Channel };
}

module.exports = { createRecords };
