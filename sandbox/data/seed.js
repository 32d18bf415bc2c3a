'use strict';
// The seeded world: people with channels and (lazily generated) messages, orders, tags, tunnels,
// users, template categories, connections. Dates lie in 2025 (fixed, so the same seed always
// gives the same data); everything written at run time is stamped with the real clock.
const { createRandom, mixSeed, createIdFactory } = require('./random');
const { createRecords } = require('./records');

const { floor, min, max } = Math; // local: global lookups are slow in a vm context (jest)
const START = Date.UTC(2025, 0, 1);
const END = Date.UTC(2025, 11, 31, 23, 59, 59);
const DAY = 86400000;
const MAX_PEOPLE = 100000;

const FIRST = ['Anna', 'Oleh', 'Maria', 'Ivan', 'Sofia', 'Taras', 'Olena', 'Dmytro', 'Iryna', 'Andrii',
	'Kateryna', 'Maksym', 'Yulia', 'Serhii', 'Nataliia', 'Pavlo', 'Viktoriia', 'Roman', 'Alina', 'Bohdan',
	'Emma', 'Liam', 'Olivia', 'Noah', 'Mia', 'Lucas', 'Chloe', 'Leon', 'Zoe', 'Felix'];
const LAST = ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boyko',
	'Koval', 'Oliynyk', 'Lysenko', 'Marchenko', 'Moroz', 'Petrenko', 'Savchenko', 'Rudenko', 'Smith',
	'Müller', 'Rossi', 'Dubois', 'García', 'Novak', 'Nowak', 'Horvat', 'Jensen', 'Silva'];
const ascii = (name) => name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const FIRST_ASCII = FIRST.map(ascii);
const LAST_ASCII = LAST.map(ascii);
const OPERATORS = ['50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'];
const TAGS = ['vip', 'new', 'lead', 'customer', 'webinar', 'newsletter', 'cold', 'hot', 'partner', 'trial',
	'churned', 'black-friday'];
const USERS = [['Olga Manager', 'ADMIN'], ['Petro Sales', 'MANAGER'], ['Nina Support', 'OPERATOR'],
	['Artem Sales', 'MANAGER'], ['Lena Support', 'OPERATOR'], ['Max Marketing', 'MANAGER'],
	['Ira Finance', 'ADMIN'], ['Vlad Night Shift', 'OPERATOR']];
const CONNECTIONS = [['TELEGRAM', 'Telegram bot @leeloo_sandbox_bot'], ['FACEBOOK', 'Facebook page Leeloo Sandbox'],
	['INSTAGRAM', 'Instagram @leeloo.sandbox'], ['WHATSAPP', 'WhatsApp +380 44 000 0000'],
	['VIBER', 'Viber Leeloo Sandbox'], ['SMS', 'SMS gateway'], ['MANUAL', 'Manual']];
const MESSENGERS = 5; // the first five connections: a person has at most one channel in each
const CATEGORIES = [
	['Greetings', [['Welcome', 'Hello {{name}}! Welcome to Leeloo Sandbox.'], ['Good morning', 'Good morning, {{name}}!']]],
	['Reminders', [['Webinar reminder', 'Hi {{name}}, the webinar starts at {{time}}.'],
		['Payment reminder', 'Hi {{name}}, your payment of {{amount}} is due on {{date}}.'],
		['Cart reminder', 'You left {{item}} in your cart.']]],
	['Promotions', [['Discount', 'Only today: {{discount}} off everything!'], ['Black Friday', 'Black Friday is here, {{name}}. Code: {{code}}']]],
	['Service', [['Order confirmed', 'Order {{order}} is confirmed. Thank you!'], ['Survey', 'How did we do, {{name}}? Reply 1–5.'],
		['Operator', 'An operator will answer you shortly.']]],
];
const TUNNELS = ['Welcome series', 'Webinar funnel', 'Abandoned cart', 'Black Friday', 'Onboarding', 'Re-engagement'];
const BLOCK_TYPES = ['MESSAGE', 'DELAY', 'CONDITION', 'ACTION'];
const LGT_TYPES = ['LINK', 'WIDGET', 'QR_CODE', 'LANDING'];
const OFFERS = [['Starter course', 49, 'USD'], ['Pro course', 199, 'USD'], ['Consultation', 1500, 'UAH'],
	['Annual subscription', 990, 'EUR'], ['E-book', 9, 'USD'], ['Workshop ticket', 3000, 'RUB']];
const INCOMING = ['Hi! How much is the course?', 'Hello, is this still available?', 'Thanks!', 'Can I pay by card?',
	'When does it start?', 'I did not get the link', 'Ok', 'Please call me back', 'Where is my order?', 'Great, thank you 🙂'];
const OUTGOING = ['Hello! Thanks for your message.', 'Here is the link to pay.', 'The course starts on Monday.',
	'Sure, card payments are accepted.', 'An operator will call you shortly.', 'Your order is on its way.',
	'Welcome aboard!', 'You are welcome!'];

/** Up to `count` different items of `list`, as an exact-size array. */
function pickSome(random, list, count) {
	const picked = [];
	for (let k = 0; k < count; k++) {
		const item = random.pick(list);
		if (!picked.includes(item)) picked.push(item);
	}
	return picked.slice();
}

function createStore({ seed = 1, people = 200 } = {}) {
	if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
	// 0 people: an empty account (no channels, messages or orders), for tests that add their own.
	if (!Number.isInteger(people) || people < 0 || people > MAX_PEOPLE) {
		throw new Error(`people must be an integer from 0 to ${MAX_PEOPLE}, got ${people}`);
	}
	const random = createRandom(seed);
	const ids = createIdFactory(random);
	const { create, byId, Person, Channel } = createRecords(ids);
	const at = (from, to) => from + floor(random.next() * max(0, to - from));
	const before = (days) => at(START - days * DAY, START);
	const store = {
		seed,
		size: people,
		ids,
		create,
		byId,
		Person,
		Channel,
		connections: [], users: [], tags: [], categories: [], templates: [], tunnels: [], leadGenTools: [],
		offers: [], paymentCredits: [], people: [], channels: [], orders: [],
		trafficSources: [], comments: [], calls: [], subscriptions: [], templateSends: [],
		messageCount: 0,
		cache: { channelsByLastMessage: null },
	};

	for (const [type, name] of CONNECTIONS) {
		store.connections.push(create('connection', before(90), { name, type, status: 'ACTIVE' }));
	}
	for (const [name, role] of USERS) {
		const createdAt = before(300);
		const email = `${name.split(' ')[0].toLowerCase()}@sandbox.leeloo.test`;
		store.users.push(create('user', createdAt, { name, email, role, updatedAt: createdAt + DAY }));
	}
	for (const name of TAGS) store.tags.push(create('tag', before(60), { name }));
	for (const [name, templates] of CATEGORIES) {
		const category = create('category', before(60), { name });
		store.categories.push(category);
		for (const [messageName, text] of templates) {
			store.templates.push(create('template', before(60), { category, messageName, text }));
		}
	}
	for (const name of TUNNELS) {
		const createdAt = before(120);
		const subscribers = random.int(50, 5000);
		const finished = random.int(0, floor(subscribers / 2));
		const unsubscribed = random.int(0, floor(subscribers / 10));
		const tunnel = create('tunnel', createdAt, {
			name,
			status: random.chance(0.8) ? 'ACTIVE' : 'INACTIVE',
			blocks: [],
			leadGenTools: [],
			updatedAt: createdAt + random.int(1, 30) * DAY,
			stats: { subscribers, active: subscribers - finished - unsubscribed, finished, unsubscribed },
		});
		store.tunnels.push(tunnel);
		const blockCount = random.int(3, 6);
		for (let k = 1; k <= blockCount; k++) {
			const type = k === 1 ? 'MESSAGE' : random.pick(BLOCK_TYPES);
			tunnel.blocks.push(create('block', createdAt, { name: `Step ${k}: ${type.toLowerCase()}`, type, tunnel }));
		}
		const toolCount = random.int(1, 3);
		for (let k = 1; k <= toolCount; k++) {
			const type = random.pick(LGT_TYPES);
			const tool = create('leadGenTool', createdAt, { name: `${name} ${type.toLowerCase().replace('_', ' ')} ${k}`, type, tunnel });
			tunnel.leadGenTools.push(tool);
			store.leadGenTools.push(tool);
		}
	}
	for (const [title, price, currency] of OFFERS) store.offers.push(create('offer', before(60), { title, price, currency }));
	for (const name of ['Manual payments', 'Card (sandbox)']) store.paymentCredits.push(create('paymentCredits', before(60), { name }));

	// People are created in time order, so the array is sorted by createdAt.
	const step = ((END - START) * 0.8) / people;
	for (let i = 0; i < people; i++) {
		const first = random.int(0, FIRST.length - 1);
		const last = random.int(0, LAST.length - 1);
		const createdAt = START + floor(i * step + random.next() * step);
		const person = new Person(createdAt, {
			name: `${FIRST[first]} ${LAST[last]}`,
			phone: random.chance(0.85) ? `+380${random.pick(OPERATORS)}${String(i).padStart(7, '0')}` : 'NOT_DEFINED',
			email: random.chance(0.8) ? `${FIRST_ASCII[first]}.${LAST_ASCII[last]}${i}@example.com` : 'NOT_DEFINED',
			tags: pickSome(random, store.tags, random.int(0, 3)),
			contactedUsers: pickSome(random, store.users, random.int(0, 2)),
		});
		store.people.push(person);
		const channelCount = random.int(1, 3);
		const channels = [];
		let used = 0; // bit per messenger
		for (let k = 0; k < channelCount; k++) {
			let m = random.int(0, MESSENGERS - 1);
			while (used & (1 << m)) m = (m + 1) % MESSENGERS; // ends: fewer than 5 bits are set
			used |= 1 << m;
			const connection = store.connections[m];
			const channelCreated = at(createdAt, min(createdAt + 7 * DAY, END));
			const lastMessageTime = at(channelCreated, END);
			const count = random.int(1, 5);
			const channel = new Channel(channelCreated, {
				seq: store.channels.length,
				person,
				connection,
				connectionStatus: random.chance(0.95) ? 'ACTIVE' : 'BLOCKED',
				lastMessageTime,
				seedCount: count,
			});
			store.messageCount += count;
			store.channels.push(channel);
			channels.push(channel);
			if (person.lastMessageTime === null || lastMessageTime > person.lastMessageTime) person.lastMessageTime = lastMessageTime;
		}
		person.channels = channels.slice(); // exact-size arrays: 100,000 people × small lists
		person.updatedAt = at(createdAt, person.lastMessageTime);
	}

	for (const person of store.people) {
		if (!random.chance(0.25)) continue;
		const orderCount = random.int(1, 2);
		const orders = [];
		for (let k = 0; k < orderCount; k++) {
			const offer = random.pick(store.offers);
			const createdAt = at(person.createdAt, END);
			const roll = random.next();
			const order = create('order', createdAt, {
				status: roll < 0.6 ? 'RESOLVED' : roll < 0.85 ? 'PENDING' : 'REJECTED',
				type: random.chance(0.7) ? 'MANUAL' : 'ONLINE',
				price: offer.price,
				currency: offer.currency,
				title: offer.title,
				offerId: offer.id,
				person,
				email: person.email,
				phone: person.phone,
				updatedAt: at(createdAt, END),
			});
			store.orders.push(order);
			orders.push(order);
		}
		person.orders = orders.slice();
	}
	store.orders.sort((a, b) => a.createdAt - b.createdAt || a.counter - b.counter);
	return store;
}

/** Messages of a seeded channel, oldest first, generated on first use from the channel's own sub-seed. */
function ensureMessages(store, channel) {
	if (channel.messages) return channel.messages;
	const random = createRandom(mixSeed(store.seed, channel.seq + 1));
	const { seedCount: count, seedBase: base, createdAt: from, lastMessageTime: to } = channel;
	const messages = [];
	for (let j = 0; j < count; j++) {
		const createdAt = count === 1 ? to : from + floor(((to - from) * j) / (count - 1));
		const direction = j === 0 || random.chance(0.5) ? 'INCOMING' : 'OUTGOING';
		const text = random.pick(direction === 'INCOMING' ? INCOMING : OUTGOING);
		messages.push(store.create('message', createdAt, { text, direction, type: 'TEXT' }, base + j));
	}
	channel.messages = messages;
	return messages;
}

module.exports = { createStore, ensureMessages, MAX_PEOPLE };
