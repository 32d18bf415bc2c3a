import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from './locators';
import { sendAs } from '../engine/fields';
import { text } from '../engine/validation';

// Parameters that several operations share have one definition each: n8n's routing engine
// evaluates every definition that carries a parameter's name, for every item, so one definition
// means one evaluation. Where a name needs two (different operations that a resource × operation
// rule cannot tell apart), there are two. Which operation sends a parameter where (path or
// body) is declared by its route in the resource's file.

const on = (resource: string[], operation: string[]) => ({ show: { resource, operation } });

export const sharedIdFields: INodeProperties[] = [
	// E03, E05, E07, E19, E30
	{
		...idLocator('accountId', { description: "The ID of a person's communication channel in one messenger (a person's channels[].accountId)" }),
		displayOptions: on(['message', 'messageTemplate', 'communicationChannel', 'call'], ['send', 'getPerson', 'subscribe', 'create']),
	},
	// E04
	{
		...idLocator('accountId', { description: 'The ID of the communication channel whose messages to get' }),
		displayOptions: on(['message'], ['getAll']),
	},
	// E14, E15, E17, E18
	{
		...idLocator('personId', { description: "The person's Leeloo ID (the id of a person found with Person → Get Many)" }),
		displayOptions: on(['person'], ['get', 'update', 'addComment', 'addSmsConnection']),
	},
	// E09, E21, E22
	{
		...idLocator('personId', { description: "The Leeloo ID of the person who buys, or who gets or loses the tag" }),
		displayOptions: on(['order', 'tag'], ['create', 'addToPerson', 'removeFromPerson']),
	},
	// E19, E28
	{
		...idLocator('userId', { description: 'The ID of the platform user (manager)' }),
		displayOptions: on(['call', 'user'], ['create', 'get']),
	},
	// E24, E26, E30
	{
		...idLocator('tunnelId', { description: 'The ID of the tunnel (funnel)' }),
		displayOptions: on(['communicationChannel', 'tunnel'], ['subscribe', 'get', 'getStats']),
	},
];

// E08, E16
export const sharedNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	description: 'Name of the person or of the traffic source',
	displayOptions: on(['trafficSource', 'person'], ['create']),
	...sendAs('body', 'name', text('name', 'Name', { required: true })),
};

// E04, E06, E10, E13, E23, E27
export const sharedListFields: INodeProperties[] = returnAllAndLimit({
	resource: ['message', 'communicationChannel', 'order', 'person', 'tunnel', 'user'],
	operation: ['getAll'],
});

/** The options of a shared collection, each shown only where its operation uses it. */
export function only(resource: string, operation: string[], options: INodeProperties[]): INodeProperties[] {
	return options.map((option) => ({ ...option, displayOptions: { show: { '/resource': [resource], '/operation': operation } } }));
}

export function collection(
	name: 'additionalFields' | 'updateFields' | 'filters' | 'options',
	show: { resource: string[]; operation: string[] },
	options: INodeProperties[],
): INodeProperties {
	const labels = {
		additionalFields: ['Additional Fields', 'Add Field'],
		updateFields: ['Update Fields', 'Add Field'],
		filters: ['Filters', 'Add Filter'],
		options: ['Options', 'Add Option'],
	} as const;
	return {
		displayName: labels[name][0],
		name,
		type: 'collection',
		placeholder: labels[name][1],
		default: {},
		displayOptions: { show },
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

// Simplify: version 1 had it for people only; from 1.1 every operation answers in the one output
// vocabulary (shared/response/vocabulary.ts) unless it is turned off.
const SIMPLIFY = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
} as const;

export const simplifyFields: INodeProperties[] = [
	{ ...SIMPLIFY, displayOptions: { show: { '@version': [1], resource: ['person'], operation: ['get', 'getAll'] } } },
	{ ...SIMPLIFY, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
];

/** Return All + Limit of every Get Many (one definition each, shown for every resource that pages). */
export function returnAllAndLimit(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			routing: { output: { maxResults: '={{$value}}' } },
		},
	];
}
