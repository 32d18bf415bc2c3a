import type { INodeProperties } from 'n8n-workflow';

// What an AI agent is told about each operation when the node is its tool. n8n sends a node's
// `toolDescription` parameter as the tool's description (else only "<action> in Leeloo"); these
// are shown only in the tool variant ('@tool'), one per operation, and the user may edit them.
// Record fields named here are those of Simplify (shared/response/vocabulary.ts, engine/present.ts).

const PERSON_FIELDS = 'id, name, phone, email, tags (names), lastMessageTime and channels (accountId = the channel ID to send messages to, from = messenger)';

const TEXTS: Record<string, Record<string, string>> = {
	call: {
		create: 'Record a phone call in Leeloo on a communication channel (channel ID), with the platform user (user ID), from and to numbers, date, status, duration in seconds and direction.',
	},
	communicationChannel: {
		getAll: 'List communication channels (a person in one messenger) in Leeloo, optionally only those whose last message is within a date range. Returns for each: id (the channel ID), personId, name, from (messenger), lastMessageTime.',
		getPerson: `Get the person a communication channel belongs to, by the channel ID. Returns ${PERSON_FIELDS}.`,
		subscribe: 'Subscribe a communication channel (channel ID) to a tunnel (tunnel ID), starting at a given block of that tunnel (block ID).',
	},
	connection: {
		getAll: 'List the connections of the Leeloo account: the messengers and other channels people can be reached through.',
	},
	message: {
		getAll: 'Get the chat messages of one communication channel (channel ID = a person\'s channels[].accountId), newest first. Returns id, text, direction (INCOMING or OUTGOING), type and createdAt of each.',
		send: 'Send a text message to a person through one of their communication channels. Communication Channel: the channel ID (a person\'s channels[].accountId, from Find people or Get a person). Text: the message text.',
	},
	messageTemplate: {
		getCategories: 'List the categories of message templates in Leeloo (id and name of each).',
		getAll: 'List the message templates of one category (category ID).',
		send: 'Send a message template to a communication channel (channel ID = a person\'s channels[].accountId), with values for the template\'s variables.',
	},
	order: {
		create: 'Create a manual order in Leeloo for a person (person ID), for an offer (offer ID) and a payment system (payment system ID); optionally email, phone, transaction date, manager.',
		get: 'Get one order by its Leeloo ID. Returns id, title, status, price, currency, personId, email, phone and dates.',
		getAll: 'List the orders of the Leeloo account, newest first. Returns id, title, status, price, currency, personId and createdAt of each.',
		update: 'Resolve or reject a manual order (order ID), optionally with the amount received, currency, payment date and a comment.',
	},
	person: {
		addComment: 'Add a comment to the card of a person (person ID) in Leeloo.',
		addSmsConnection: 'Connect a person (person ID) to SMS messaging on a phone number in international format.',
		create: 'Create a person in Leeloo with a name, and optionally phone, email and tags (names). Returns the new person ID and the ID of their manual channel (accountId).',
		get: `Get one person by their Leeloo ID (the id field of a people search). Returns ${PERSON_FIELDS}.`,
		getAll: `Find people in Leeloo. Optional filters: phone (international format, e.g. +380966565556), email, tags (tag names) and the date of the last message. Returns for each person: ${PERSON_FIELDS}.`,
		update: 'Update the card of a person (person ID): name, phone, email or custom fields.',
		upsert: `Create a person in Leeloo, or update the one who has the same phone or email (the node's Match By says which identifies them). Phone in international format (e.g. +380966565556); optionally the other contact, name (needed to create), tags (names, added) and custom fields. Returns the person: ${PERSON_FIELDS}, and upsert: created or updated.`,
	},
	tag: {
		addToPerson: 'Put a tag on a person. Person: the person\'s ID. Tag: the tag\'s name as it appears in a person\'s tags (e.g. vip), or its ID.',
		getAll: 'List the tags of the Leeloo account (id and name of each).',
		removeFromPerson: 'Take a tag off a person. Person: the person\'s ID. Tag: the tag\'s name as it appears in a person\'s tags (e.g. vip), or its ID.',
	},
	trafficSource: {
		create: 'Create a traffic source with a name (and optionally a description) for a lead generation tool (its ID).',
	},
	tunnel: {
		get: 'Get one tunnel (funnel) by its Leeloo ID, with its blocks (block IDs are what Subscribe takes).',
		getAll: 'List the tunnels (funnels) of the Leeloo account: id, name, status and blocks of each.',
		getAllStats: 'Get the statistics (subscribers, finished, unsubscribed) of every tunnel of the Leeloo account.',
		getStats: 'Get the statistics (subscribers, finished, unsubscribed) of one tunnel (tunnel ID).',
	},
	user: {
		get: 'Get one platform user (manager) of the Leeloo account by ID: id, name, email, role.',
		getAll: 'List the platform users (managers) of the Leeloo account: id, name, email, role of each.',
	},
};

export const toolDescriptionFields: INodeProperties[] = Object.entries(TEXTS).flatMap(([resource, operations]) =>
	Object.entries(operations).map(([operation, text]) => ({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string' as const,
		typeOptions: { rows: 3 },
		default: text,
		description: 'What the AI agent is told this tool does',
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
	})),
);
