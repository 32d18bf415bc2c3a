import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from './locators';
import { leelooRoute } from '../engine/routing';
import { sendAs } from '../engine/fields';
import type { Convert } from '../engine/fields';
import { emailAddress, idList, keyValues, list, phoneNumber, refuse, text } from '../engine/validation';
import { upsertRoute } from './PersonUpsert';

// E13 list people (limit/offset, filters) · E14 one person · E15 update · E16 create · E17 add an SMS
// connection · E18 add a comment · Create or Update (E13 + E15/E16: PersonUpsert.ts). The API text
// lists no body fields for E15–E18; the fields sent here are the ones public client code sends
// (docs/leeloo-api.md#e15). personId, name, returnAll, limit: SharedFields.ts; the collections
// below join the shared Additional Fields, Update Fields, Filters and Options.

const show = { resource: ['person'] };
const showOn = (...operation: string[]) => ({ show: { ...show, operation } });

const INCLUDES = ['contactedUsers', 'orders'];

// E14 takes the related records as one comma-separated `include`.
const include: Convert = (ctx, value) => {
	const entries = list()(ctx, value) as string[] | undefined;
	const wrong = entries?.find((entry) => !INCLUDES.includes(entry));
	if (wrong !== undefined) {
		refuse(ctx, `Include must be one of ${INCLUDES.join(', ')}`, `Parameter "options.include" got "${wrong}".`);
	}
	return entries?.join(',');
};

// Tags by name: repeated `filter[tags]` in the query (E13), an array in the body (E16).
const tagNames = (what: string, send: ReturnType<typeof sendAs>): INodeProperties => ({
	displayName: 'Tag Names or IDs',
	name: 'tags',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTagNames' },
	default: [],
	description: `${what}; Leeloo identifies tags by name. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	...send,
});

export const personOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Add Comment',
				value: 'addComment',
				action: 'Add a comment to a person',
				description: 'Add a comment to the card of a person',
				routing: leelooRoute('PUT', '/people/{personId}/add-comment', 'action'),
			},
			{
				name: 'Add SMS Connection',
				value: 'addSmsConnection',
				action: 'Add an SMS connection to a person',
				description: 'Connect a person to SMS messaging on a phone number',
				routing: leelooRoute('POST', '/people/sms', 'action', { bodyIds: { person_id: 'personId' } }),
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a person',
				description: 'Add a person; Leeloo answers with the new manual channel and the person ID',
				routing: leelooRoute('POST', '/people', 'action'),
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a person',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				routing: upsertRoute,
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a person',
				description: 'Get one person by ID, optionally with contacted users and orders',
				routing: leelooRoute('GET', '/people/{personId}', 'record'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many people',
				description: 'Get many people, optionally filtered by tags, last message date, phone or email',
				routing: leelooRoute('GET', '/people', 'paged'),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a person',
				description: 'Update the card of a person: name, phone, email, custom fields',
				routing: leelooRoute('PUT', '/people/{personId}', 'action'),
			},
		],
		default: 'getAll',
	},
];

export const personFields: INodeProperties[] = [
	// E17: the API text lists no fields; `person_id` and `phone` in the body are this package's assumption.
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +380966565556',
		description: 'Phone number to send SMS to, in international format',
		displayOptions: showOn('addSmsConnection'),
		...sendAs('body', 'phone', text('phone', 'Phone', { required: true })),
	},
	// E18
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'Text of the comment',
		displayOptions: showOn('addComment'),
		...sendAs('body', 'comment', text('comment', 'Comment', { required: true })),
	},
	// Create or Update: the field named by Match By identifies the person (required, checked by the
	// route), the other is set on them.
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Email', value: 'email', description: 'The person with this email address (compared ignoring case)' },
			{ name: 'Phone', value: 'phone', description: 'The person with this phone number' },
		],
		default: 'phone',
		description: 'How to find the person to update; when nobody matches, the person is created',
		displayOptions: showOn('upsert'),
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +380966565556',
		description: 'Phone number in international format. Required with Match By Phone; otherwise set on the person.',
		displayOptions: showOn('upsert'),
		...sendAs('body', 'phone', phoneNumber('phone', 'Phone')),
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email address. Required with Match By Email; otherwise set on the person.',
		displayOptions: showOn('upsert'),
		...sendAs('body', 'email', emailAddress('email', 'Email')),
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Full name of the person. Needed when the person is created; on an update it replaces the name when set.',
		displayOptions: showOn('upsert'),
		...sendAs('body', 'name', text('name', 'Name')),
	},
];

// E16
export const personAdditionalFields: INodeProperties[] = [
	{
		displayName: 'Connected User Names or IDs',
		name: 'connectedUserIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getUsers' },
		default: [],
		description:
			'Platform users connected to the person. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		...sendAs('body', 'connected_users_ids', idList('additionalFields.connectedUserIds', 'Connected Users')),
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email address of the person',
		...sendAs('body', 'email'),
	},
	idLocator('leadGenToolId', {
		description: 'The lead generation tool the person came from',
		bodyProperty: 'leadgentool_id',
		required: false,
		collection: 'additionalFields',
	}),
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +380966565556',
		description: 'Phone number of the person, in international format',
		...sendAs('body', 'phone'),
	},
	tagNames('Tags to put on the person', sendAs('body', 'tags', list())),
];

// E15 custom_fields, as key/value rows (Update Fields of Update, Additional Fields of Create or Update).
const customFields = (collection: string): INodeProperties => ({
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	placeholder: 'Add Custom Field',
	typeOptions: { multipleValues: true },
	default: {},
	description: 'Custom fields of the person card to set, by key',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Key',
					name: 'key',
					type: 'string',
					default: '',
					description: 'Key of the custom field, as named in Leeloo',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Value to store in the custom field',
				},
			],
		},
	],
	...sendAs('body', 'custom_fields', keyValues(`${collection}.customFields`, 'Custom Fields', 'field')),
});

// E15
export const personUpdateFields: INodeProperties[] = [
	customFields('updateFields'),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'New email address of the person',
		...sendAs('body', 'email'),
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'New full name of the person',
		...sendAs('body', 'name'),
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +380966565556',
		description: 'New phone number of the person, in international format',
		...sendAs('body', 'phone'),
	},
];

// Create or Update
export const personUpsertAdditionalFields: INodeProperties[] = [
	customFields('additionalFields'),
	tagNames('Tags to add to the person (the tags they have stay)', sendAs('body', 'tags', list())),
];

export const personUpsertOptions: INodeProperties[] = [
	{
		displayName: 'Multiple Matches',
		name: 'multipleMatches',
		type: 'options',
		options: [
			{ name: 'Stop With an Error', value: 'error', description: 'The item fails, naming the people that match' },
			{ name: 'Update All', value: 'updateAll', description: 'Update every person that matches; one output item each' },
		],
		default: 'error',
		description: 'What to do when several people have the phone or email',
	},
];

// E14
export const personOptions: INodeProperties[] = [
	{
		displayName: 'Include',
		name: 'include',
		type: 'multiOptions',
		options: [
			{ name: 'Contacted Users', value: 'contactedUsers' },
			{ name: 'Orders', value: 'orders' },
		],
		default: [],
		description: 'Related records to return with the person',
		...sendAs('query', 'include', include),
	},
];

// E13 (beside the shared last-message filters)
export const personFilters: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Only the people with this email address',
		...sendAs('query', 'filter[email]'),
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +380966565556',
		description: 'Only the people with this phone number',
		...sendAs('query', 'filter[phone]'),
	},
	tagNames('Only people with these tags', sendAs('query', 'filter[tags]', list())),
];
