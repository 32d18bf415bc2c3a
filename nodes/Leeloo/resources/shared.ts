import type { INodeProperties } from 'n8n-workflow';
import { sendAs } from '../engine/fields';
import { date, text } from '../engine/validation';
import { idLocator } from '../parameters/locators';

// Parameters that operations of several resources share. Each has one definition: n8n's routing
// engine evaluates every definition that carries a parameter's name, for every item, so one
// definition means one evaluation. The operations that list a parameter (resources/<resource>.ts)
// are the ones that show it (nodes/Leeloo/assembly.ts derives its displayOptions). Where a name
// has two definitions here, the operations need two descriptions.

/** A person's channel in one messenger: what E03, E05, E07, E19 and E30 take. */
export const ACCOUNT_ID = idLocator('accountId', { description: "The ID of a person's communication channel in one messenger (a person's channels[].accountId)" });

/** E04's channel. */
export const MESSAGES_CHANNEL = idLocator('accountId', { description: 'The ID of the communication channel whose messages to get' });

/** The person an operation of Person is about. */
export const PERSON_ID = idLocator('personId', { description: "The person's Leeloo ID (the id of a person found with Person → Get Many)" });

/** The person of an order or a tag. */
export const SUBJECT_PERSON_ID = idLocator('personId', { description: 'The Leeloo ID of the person who buys, or who gets or loses the tag' });

export const USER_ID = idLocator('userId', { description: 'The ID of the platform user (manager)' });

export const TUNNEL_ID = idLocator('tunnelId', { description: 'The ID of the tunnel (funnel)' });

/** The name of what Person → Create and Traffic Source → Create make. */
export const NAME: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	description: 'Name of the person or of the traffic source',
	...sendAs('body', 'name', text('name', 'Name', { required: true })),
};

/** Return All and Limit of every Get Many that pages (limit/offset). */
export const RETURN_ALL: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const LIMIT: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	displayOptions: { show: { returnAll: [false] } },
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	routing: { output: { maxResults: '={{$value}}' } },
};

/** The Last Message From / To filters of E06 and E13: dates sent as UTC days in `filter[last_message]`. */
export const LAST_MESSAGE_FILTERS: INodeProperties[] = (
	[
		['lastMessageFrom', 'Last Message From', 'from', 'on or after'],
		['lastMessageTo', 'Last Message To', 'to', 'on or before'],
	] as const
).map(([name, displayName, bound, relation]) => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description: `Only records whose last message is ${relation} this day (read in the workflow timezone, sent as a UTC day)`,
	...sendAs('query', `filter[last_message][${bound}]`, date(`filters.${name}`, displayName, 'day')),
}));

/** What the tool descriptions say a person holds (the fields of Simplify). */
export const PERSON_FIELDS = 'id, name, phone, email, tags (names), lastMessageTime and channels (accountId = the channel ID to send messages to, from = messenger)';
