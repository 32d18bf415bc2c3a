import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../objects';

// The one output vocabulary (node version 1.1 with Simplify on, and the trigger): one pure mapper
// per kind of Leeloo record. Every mapper
// - names a record's own id `id` and every reference `<kind>Id` (`accountId` is a communication
//   channel, as in the node's parameters; `personId`, `connectionId`, `userId`, …), all camelCase;
// - turns Leeloo's "NOT_DEFINED" placeholder into null, at any depth;
// - accepts each field in snake_case or camelCase: Leeloo mixes both (a person is camelCase, its
//   accounts[] snake_case) and nobody has published most record shapes (docs/leeloo-api.md);
// - returns every field it names, null when the raw record lacks it, so items keep one shape.
// Big records (people, channels, orders, messages, tunnels, users) keep the fields most workflows
// need; small ones (tags, categories, templates, connections, statistics, action results) are
// only renamed and keep every field.
// Version 1's person output is simplifyPersonRecord (simplify.ts), which stays as it is.

export type RecordMapper = (raw: IDataObject) => IDataObject;

type Value = IDataObject[string];

const NOT_DEFINED = 'NOT_DEFINED';


/** NOT_DEFINED as null, inside arrays and objects too; keys stay as they are. */
export function cleanValue(value: unknown): Value {
	if (value === NOT_DEFINED || value === undefined) return null;
	if (Array.isArray(value)) return value.map(cleanValue) as Value;
	if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cleanValue(inner)]));
	return value as Value;
}

const camel = (key: string) => key.replace(/_+([a-zA-Z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** Keys in camelCase at every depth, NOT_DEFINED as null: the renaming applied to small records. */
export function camelRecord(value: unknown): Value {
	if (Array.isArray(value)) return value.map(camelRecord) as Value;
	if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [camel(key), camelRecord(inner)]));
	return cleanValue(value);
}

/** The first of `keys` that holds a value (not missing, null or NOT_DEFINED), cleaned; else null. */
function pick(raw: IDataObject, ...keys: string[]): Value {
	for (const key of keys) {
		const value = raw[key];
		if (value !== undefined && value !== null && value !== NOT_DEFINED) return cleanValue(value);
	}
	return null;
}

// Field names are few and read for every record of a page: each snake_case variant is made once.
const snakeNames = new Map<string, string>();
const snakeOf = (name: string): string => {
	let snake = snakeNames.get(name);
	if (snake === undefined) {
		snake = name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
		snakeNames.set(name, snake);
	}
	return snake;
};

/** A field in its camelCase name or its snake_case variant (`createdAt` / `created_at`). */
const field = (raw: IDataObject, name: string) => pick(raw, name, snakeOf(name));

function listOfRecords(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A number given as a numeric string becomes a number (Leeloo clients send prices as strings). */
function numeric(value: Value): Value {
	if (typeof value !== 'string' || value.trim() === '') return value;
	const number = Number(value);
	return Number.isFinite(number) ? number : value;
}

/**
 * A small record: every field kept, renamed; `fields` are always present (null when missing) and
 * replace the raw fields they were read from (`replaced`, camelCase names).
 */
function renamed(raw: IDataObject, fields: IDataObject, replaced: string[] = []): IDataObject {
	const rest = camelRecord(raw) as IDataObject;
	for (const key of [...Object.keys(fields), ...replaced]) delete rest[key];
	return { ...fields, ...rest };
}

// ---- Messages (E04, the trigger's New Message items) ----

/**
 * A chat message. E04 records carry `id`, `text`, `direction`, `type`, `createdAt`; the trigger adds
 * `accountId` and `personId` (for E04 the caller knows the channel: pass `{...raw, accountId}`).
 */
export function simplifyMessage(raw: IDataObject): IDataObject {
	return {
		id: pick(raw, 'id', 'message_id', 'messageId'),
		accountId: pick(raw, 'accountId', 'account_id'),
		personId: pick(raw, 'personId', 'person_id'),
		text: field(raw, 'text'),
		direction: field(raw, 'direction'),
		type: field(raw, 'type'),
		createdAt: field(raw, 'createdAt'),
	};
}

// ---- Orders (E10, E11, E14 included orders, the trigger's New Order items) ----

/**
 * An order. Documented by public code: `id`, `status`, `price`, `currency`; assumed from the person's
 * naming: `title`, `type`, `offerId`, `personId`, `email`, `phone`, `createdAt`, `updatedAt`. The
 * fields E09/E12 write (`managerId`, `paymentCreditsId`, `transactionDate`, `paymentDate`,
 * `userComments`) are read back under the same names when Leeloo shows them.
 */
export function simplifyOrder(raw: IDataObject): IDataObject {
	return {
		id: pick(raw, 'id', 'order_id', 'orderId'),
		title: field(raw, 'title'),
		status: field(raw, 'status'),
		type: field(raw, 'type'),
		price: numeric(field(raw, 'price')),
		currency: field(raw, 'currency'),
		personId: field(raw, 'personId'),
		offerId: field(raw, 'offerId'),
		managerId: field(raw, 'managerId'),
		paymentCreditsId: field(raw, 'paymentCreditsId'),
		email: field(raw, 'email'),
		phone: field(raw, 'phone'),
		transactionDate: field(raw, 'transactionDate'),
		paymentDate: field(raw, 'paymentDate'),
		userComments: field(raw, 'userComments'),
		createdAt: field(raw, 'createdAt'),
		updatedAt: field(raw, 'updatedAt'),
	};
}

// ---- Webhook events (the Leeloo Webhook Trigger; docs/leeloo-api.md#webhooks) ----

// Each event keeps every field Leeloo sent (camelCased, NOT_DEFINED as null); the fields named
// here are always present, null when missing, so items of one event type keep one shape.

const orderEventFields = (raw: IDataObject): IDataObject => ({
	orderId: pick(raw, 'order_id', 'orderId', 'id'),
	accountId: field(raw, 'accountId'),
	personId: field(raw, 'personId'),
	offerName: field(raw, 'offerName'),
	price: numeric(field(raw, 'price')),
	currency: field(raw, 'currency'),
	email: field(raw, 'email'),
	phone: field(raw, 'phone'),
	createdAt: field(raw, 'createdAt'),
});

/** W1 ORDER (documented). */
export const simplifyOrderEvent: RecordMapper = (raw) => renamed(raw, orderEventFields(raw), ['id']);

/** W2 SALE (documented): an order's fields plus `paymentMethod`. */
export const simplifySaleEvent: RecordMapper = (raw) =>
	renamed(raw, { ...orderEventFields(raw), paymentMethod: field(raw, 'paymentMethod') }, ['id']);

/** W3 SUBSCRIPTION (payload unpublished: the fields a subscription to a tunnel's lead-generation tool implies). */
export const simplifySubscriptionEvent: RecordMapper = (raw) =>
	renamed(raw, {
		accountId: field(raw, 'accountId'),
		personId: field(raw, 'personId'),
		tunnelId: field(raw, 'tunnelId'),
		leadGenToolId: pick(raw, 'lead_gen_tool_id', 'leadGenToolId', 'leadgentool_id', 'leadgentoolId'),
		createdAt: field(raw, 'createdAt'),
	}, ['leadgentoolId']);

/** W4 INCOMING MESSAGE (payload unpublished): the Leeloo Trigger's New Message fields. */
export const simplifyIncomingMessageEvent: RecordMapper = (raw) => renamed(raw, simplifyMessage(raw), ['messageId']);

// ---- Communication channels (E06; a person's accounts[] in E07, E13, E14) ----

/** What a person's accounts[] items and E06 channels share. */
function channelCore(raw: IDataObject): IDataObject {
	return {
		// In a person's accounts[] the channel id is `account_id`; an E06 record names it `id`.
		// account_id wins when both exist: it is the id E03/E04/E05/E07/E30 take.
		id: pick(raw, 'account_id', 'accountId', 'id'),
		from: field(raw, 'from'),
		connectionId: field(raw, 'connectionId'),
		connectionStatus: field(raw, 'connectionStatus'),
	};
}

/**
 * A communication channel (E06). Assumed shape (nobody has published it): `id`, `person_id`, `name`
 * (the person's name), `from` (messenger), `connection_id`, `lastMessageTime`, `createdAt`. E06 says
 * it lists channels "with external UTM tags" without naming them: fields whose name starts with
 * `utm` are kept, renamed.
 */
export function simplifyChannel(raw: IDataObject): IDataObject {
	const { id, from, connectionId, connectionStatus } = channelCore(raw);
	const utm = Object.keys(raw).filter((key) => /^utm/i.test(key));
	return {
		id,
		personId: field(raw, 'personId'),
		name: field(raw, 'name'),
		from,
		connectionId,
		connectionStatus,
		lastMessageTime: field(raw, 'lastMessageTime'),
		createdAt: field(raw, 'createdAt'),
		...Object.fromEntries(utm.map((key) => [camel(key), camelRecord(raw[key])])),
	};
}

// ---- Users (E27, E28, E14 included contactedUsers) ----

/** A platform user. Public code shows `id`, `name`, `createdAt`, `updatedAt`; `email`, `role` assumed. */
export function simplifyUser(raw: IDataObject): IDataObject {
	return {
		id: pick(raw, 'id', 'user_id', 'userId'),
		name: field(raw, 'name'),
		email: field(raw, 'email'),
		role: field(raw, 'role'),
		createdAt: field(raw, 'createdAt'),
		updatedAt: field(raw, 'updatedAt'),
	};
}

// ---- People (E07, E13, E14) ----

/** Tags are names (E13 filters and E16 creates by name); a tag given as `{id, name}` gives its name. */
function tagNames(value: unknown): Value {
	if (!Array.isArray(value)) return [];
	return value
		.map((tag) => (isObject(tag) ? pick(tag, 'name') : cleanValue(tag)))
		.filter((name): name is string => typeof name === 'string' && name !== '');
}

/**
 * Records asked for with Include (E14): `included.users` / `included.orders` in full, or only the
 * ids in `links.contactedUsers` / `links.orders` when Leeloo sends no `included`.
 */
function related(raw: IDataObject, includedKey: string, linkKey: string, mapper: RecordMapper): IDataObject | undefined {
	const included = isObject(raw.included) ? raw.included[includedKey] : undefined;
	const links = isObject(raw.links) ? raw.links[linkKey] : undefined;
	if (Array.isArray(included)) return { [linkKey]: listOfRecords(included).map(mapper) };
	if (Array.isArray(links)) return { [linkKey]: listOfRecords(links).map((link) => ({ id: pick(link, 'id') })) };
	return undefined;
}

/** A person's channel: a reference, so its id is `accountId`, as every operation that takes a channel names it. */
function personChannel(raw: IDataObject): IDataObject {
	const { id, ...rest } = channelCore(raw);
	return { accountId: id, ...rest };
}

/**
 * A person. Public code shows camelCase `id`, `name`, `phone`, `email`, `tags` (names),
 * `lastMessageTime`, `createdAt`, `updatedAt`, and snake_case `accounts[]`; custom fields are
 * `customFields` or `custom_fields` (their own keys are the user's and stay as they are).
 * `channels` use simplifyChannel's names, with the channel's id as `accountId`.
 */
export function simplifyPerson(raw: IDataObject): IDataObject {
	const customFields = field(raw, 'customFields');
	return {
		id: pick(raw, 'id', 'person_id', 'personId'),
		name: field(raw, 'name'),
		phone: field(raw, 'phone'),
		email: field(raw, 'email'),
		tags: tagNames(raw.tags),
		channels: listOfRecords(raw.accounts ?? raw.channels).map(personChannel),
		customFields: isObject(customFields) ? customFields : null,
		lastMessageTime: field(raw, 'lastMessageTime'),
		createdAt: field(raw, 'createdAt'),
		updatedAt: field(raw, 'updatedAt'),
		...related(raw, 'users', 'contactedUsers', simplifyUser),
		...related(raw, 'orders', 'orders', simplifyOrder),
	};
}

// ---- Tunnels (E23, E24) and their statistics (E25, E26) ----

const part = (raw: IDataObject): IDataObject => ({ id: field(raw, 'id'), name: field(raw, 'name'), type: field(raw, 'type') });

/**
 * A tunnel (assumed: `id`, `name`, `status`, `blocks[]`, `createdAt`, `updatedAt`). Blocks keep
 * `id`, `name`, `type` (E30 takes a block id); lead generation tools appear only when asked for
 * (E24 `include=leadgentools`).
 */
export function simplifyTunnel(raw: IDataObject): IDataObject {
	const tools = raw.leadgentools ?? raw.leadGenTools ?? raw.lead_gen_tools;
	return {
		id: field(raw, 'id'),
		name: field(raw, 'name'),
		status: field(raw, 'status'),
		blocks: listOfRecords(raw.blocks).map(part),
		...(tools !== undefined ? { leadGenTools: listOfRecords(tools).map(part) } : {}),
		createdAt: field(raw, 'createdAt'),
		updatedAt: field(raw, 'updatedAt'),
	};
}

/** Statistics of a tunnel (E26 sandbox: `tunnelId`, `name`, counts); an `id` alone is assumed to be the tunnel's. */
export function simplifyTunnelStats(raw: IDataObject): IDataObject {
	const tunnelId = field(raw, 'tunnelId');
	return tunnelId === null
		? renamed(raw, { tunnelId: field(raw, 'id'), name: field(raw, 'name') }, ['id'])
		: renamed(raw, { tunnelId, name: field(raw, 'name') });
}

// ---- Small records: renamed only ----

/** A template category (E01: `id`, `name`). */
export const simplifyCategory: RecordMapper = (raw) => renamed(raw, { id: field(raw, 'id'), name: field(raw, 'name') });

/** A message template (E02: `id`, `message_name`, here `name`). */
export const simplifyTemplate: RecordMapper = (raw) =>
	renamed(raw, { id: field(raw, 'id'), name: pick(raw, 'message_name', 'messageName', 'name') }, ['messageName']);

/** A tag (E20: assumed `id`, `name`). */
export const simplifyTag: RecordMapper = (raw) => renamed(raw, { id: field(raw, 'id'), name: field(raw, 'name') });

/** A connection, the account's messenger integration (E29: assumed `id`, `name`, `type`, `status`). */
export const simplifyConnection: RecordMapper = (raw) =>
	renamed(raw, { id: field(raw, 'id'), name: field(raw, 'name'), type: field(raw, 'type'), status: field(raw, 'status') });

/**
 * What an action returns (E03, E05, E08, E09, E12, E15, E17–E19, E21, E22, E30): Leeloo's `data`
 * (`{id}` of what was created) or `{success: true}`, renamed.
 */
export const simplifyActionResult: RecordMapper = (raw) => camelRecord(raw) as IDataObject;

/**
 * E16 answers `data.id` = the new MANUAL channel and `data.person_id` = the new person: named
 * `accountId` and `personId` here, since `id` alone would read as the person's.
 */
export function simplifyCreatedPerson(raw: IDataObject): IDataObject {
	const { id, account_id, accountId, person_id, personId, ...rest } = raw;
	return {
		...(camelRecord(rest) as IDataObject),
		personId: pick({ personId, person_id }, 'personId', 'person_id'),
		accountId: pick({ accountId, account_id, id }, 'accountId', 'account_id', 'id'),
	};
}

/** The mapper of each record kind, by name. */
export const OUTPUT_MAPPERS = {
	actionResult: simplifyActionResult,
	category: simplifyCategory,
	channel: simplifyChannel,
	connection: simplifyConnection,
	createdPerson: simplifyCreatedPerson,
	message: simplifyMessage,
	order: simplifyOrder,
	person: simplifyPerson,
	tag: simplifyTag,
	template: simplifyTemplate,
	tunnel: simplifyTunnel,
	tunnelStats: simplifyTunnelStats,
	user: simplifyUser,
} satisfies Record<string, RecordMapper>;
