import type { INodeProperties } from 'n8n-workflow';
import { simplifyPersonRecord } from '../../shared/response/personV1';
import { simplifyActionResult, simplifyCreatedPerson, simplifyPerson } from '../../shared/response/vocabulary';
import { sendAs } from '../engine/fields';
import type { Convert } from '../engine/fields';
import { emailAddress, idList, keyValues, list, phoneNumber, refuse, text } from '../engine/validation';
import { idLocator } from '../parameters/locators';
import type { Resource } from './declaration';
import { upsert } from './personUpsert';
import { LAST_MESSAGE_FILTERS, LIMIT, NAME, PERSON_FIELDS, PERSON_ID, RETURN_ALL } from './shared';

// E13 list people (limit/offset, filters) · E14 one person · E15 update · E16 create · E17 add an SMS
// connection · E18 add a comment · Create or Update (E13 + E15/E16: personUpsert.ts). The API text
// lists no body fields for E15–E18; the fields sent here are the ones public client code sends
// (docs/leeloo-api.md#e15).

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

// E17: the API text lists no fields; `person_id` and `phone` in the body are this package's assumption.
const SMS_PHONE: INodeProperties = {
	displayName: 'Phone',
	name: 'phone',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +380966565556',
	description: 'Phone number to send SMS to, in international format',
	...sendAs('body', 'phone', text('phone', 'Phone', { required: true })),
};

// E18
const COMMENT: INodeProperties = {
	displayName: 'Comment',
	name: 'comment',
	type: 'string',
	required: true,
	default: '',
	typeOptions: { rows: 3 },
	description: 'Text of the comment',
	...sendAs('body', 'comment', text('comment', 'Comment', { required: true })),
};

// Create or Update: the field named by Match By identifies the person (required, checked by the
// route), the other is set on them.
const UPSERT_PARAMETERS: INodeProperties[] = [
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
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +380966565556',
		description: 'Phone number in international format. Required with Match By Phone; otherwise set on the person.',
		...sendAs('body', 'phone', phoneNumber('phone', 'Phone')),
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email address. Required with Match By Email; otherwise set on the person.',
		...sendAs('body', 'email', emailAddress('email', 'Email')),
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Full name of the person. Needed when the person is created; on an update it replaces the name when set.',
		...sendAs('body', 'name', text('name', 'Name')),
	},
];

// E16
const CREATE_FIELDS: INodeProperties[] = [
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
const UPDATE_FIELDS: INodeProperties[] = [
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

const UPSERT_FIELDS: INodeProperties[] = [
	customFields('additionalFields'),
	tagNames('Tags to add to the person (the tags they have stay)', sendAs('body', 'tags', list())),
];

const UPSERT_OPTIONS: INodeProperties[] = [
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
const GET_OPTIONS: INodeProperties[] = [
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
const FILTERS: INodeProperties[] = [
	...LAST_MESSAGE_FILTERS,
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

export const person: Resource = {
	value: 'person',
	displayName: 'Person',
	records: 'people',
	defaultOperation: 'getAll',
	operations: [
		{
			endpoint: 'E18',
			value: 'addComment',
			name: 'Add Comment',
			action: 'Add a comment to a person',
			description: 'Add a comment to the card of a person',
			method: 'PUT',
			path: '/people/{personId}/add-comment',
			response: 'action',
			parameters: [PERSON_ID, COMMENT],
			output: simplifyActionResult,
			tool: 'Add a comment to the card of a person (person ID) in Leeloo.',
		},
		{
			endpoint: 'E17',
			value: 'addSmsConnection',
			name: 'Add SMS Connection',
			action: 'Add an SMS connection to a person',
			description: 'Connect a person to SMS messaging on a phone number',
			method: 'POST',
			path: '/people/sms',
			response: 'action',
			bodyIds: { person_id: 'personId' },
			parameters: [PERSON_ID, SMS_PHONE],
			output: simplifyActionResult,
			tool: 'Connect a person (person ID) to SMS messaging on a phone number in international format.',
		},
		{
			endpoint: 'E16',
			value: 'create',
			name: 'Create',
			action: 'Create a person',
			description: 'Add a person; Leeloo answers with the new manual channel and the person ID',
			method: 'POST',
			path: '/people',
			response: 'action',
			parameters: [NAME],
			collections: { additionalFields: CREATE_FIELDS },
			output: simplifyCreatedPerson,
			tool: 'Create a person in Leeloo with a name, and optionally phone, email and tags (names). Returns the new person ID and the ID of their manual channel (accountId).',
		},
		{
			endpoint: 'E13 + E15 / E16',
			value: 'upsert',
			name: 'Create or Update',
			action: 'Create or update a person',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			// Its route places the fields as for any write; personUpsert.ts then makes the requests.
			method: 'GET',
			path: '/people',
			response: 'record',
			...upsert,
			parameters: UPSERT_PARAMETERS,
			collections: { additionalFields: UPSERT_FIELDS, options: UPSERT_OPTIONS },
			output: simplifyPerson,
			tool: `Create a person in Leeloo, or update the one who has the same phone or email (the node's Match By says which identifies them). Phone in international format (e.g. +380966565556); optionally the other contact, name (needed to create), tags (names, added) and custom fields. Returns the person: ${PERSON_FIELDS}, and upsert: created or updated.`,
		},
		{
			endpoint: 'E14',
			value: 'get',
			name: 'Get',
			action: 'Get a person',
			description: 'Get one person by ID, optionally with contacted users and orders',
			method: 'GET',
			path: '/people/{personId}',
			response: 'record',
			parameters: [PERSON_ID],
			collections: { options: GET_OPTIONS },
			output: simplifyPerson,
			outputV1: simplifyPersonRecord,
			tool: `Get one person by their Leeloo ID (the id field of a people search). Returns ${PERSON_FIELDS}.`,
		},
		{
			endpoint: 'E13',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many people',
			description: 'Get many people, optionally filtered by tags, last message date, phone or email',
			method: 'GET',
			path: '/people',
			response: 'paged',
			parameters: [RETURN_ALL, LIMIT],
			collections: { filters: FILTERS },
			output: simplifyPerson,
			outputV1: simplifyPersonRecord,
			tool: `Find people in Leeloo. Optional filters: phone (international format, e.g. +380966565556), email, tags (tag names) and the date of the last message. Returns for each person: ${PERSON_FIELDS}.`,
		},
		{
			endpoint: 'E15',
			value: 'update',
			name: 'Update',
			action: 'Update a person',
			description: 'Update the card of a person: name, phone, email, custom fields',
			method: 'PUT',
			path: '/people/{personId}',
			response: 'action',
			parameters: [PERSON_ID],
			collections: { updateFields: UPDATE_FIELDS },
			output: simplifyActionResult,
			tool: 'Update the card of a person (person ID): name, phone, email or custom fields.',
		},
	],
};
