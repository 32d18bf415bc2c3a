import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { sendKeyValues } from '../shared/body';
import { idLocator } from '../shared/locators';
import { returnAllAndLimit } from '../shared/pagination';
import { leelooRoute } from '../shared/routing';
import { simplifyPeople } from '../shared/simplify';
import { lastMessageFilters } from '../shared/filters';
import { readIdList, readList, refuse, requireText, type PreSend } from '../shared/validation';

// E13 list people (limit/offset, filters) · E14 one person · E15 update · E16 create · E17 add an SMS
// connection · E18 add a comment. The API text lists no body fields for E15–E18; the fields sent
// here are the ones public client code sends (see /work/shared/leeloo-api-v2.md).

const show = { resource: ['person'] };
const showOn = (...operation: string[]) => ({ show: { ...show, operation } });

const INCLUDES = ['contactedUsers', 'orders'];

// Tags are sent by name: repeated `filter[tags]` in the query (E13), an array in the body (E16).
function sendTagNames(name: string, type: 'body' | 'query', property: string): PreSend {
	return async function (this: IExecuteSingleFunctions, options) {
		const tags = readList(this, name);
		if (!tags.length) return options;
		return type === 'query'
			? { ...options, qs: { ...(options.qs as IDataObject), [property]: tags } }
			: { ...options, body: { ...(options.body as IDataObject), [property]: tags } };
	};
}

// E14 takes the related records as one comma-separated `include`.
async function sendInclude(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const include = readList(this, 'options.include');
	const wrong = include.find((entry) => !INCLUDES.includes(entry));
	if (wrong !== undefined) {
		refuse(this, `Include must be one of ${INCLUDES.join(', ')}`, `Parameter "options.include" got "${wrong}".`);
	}
	if (!include.length) return options;
	return { ...options, qs: { ...(options.qs as IDataObject), include: include.join(',') } };
}

async function sendConnectedUsers(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const ids = readIdList(this, 'additionalFields.connectedUserIds', 'Connected Users');
	if (!ids.length) return options;
	return { ...options, body: { ...(options.body as IDataObject), connected_users_ids: ids } };
}

const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
	displayOptions: showOn('get', 'getAll'),
};

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
				description: 'Add a comment to the card of a person (E18)',
				routing: leelooRoute('PUT', '/people/{personId}/add-comment', 'action'),
			},
			{
				name: 'Add SMS Connection',
				value: 'addSmsConnection',
				action: 'Add an SMS connection to a person',
				description: 'Connect a person to SMS messaging on a phone number (E17)',
				routing: leelooRoute('POST', '/people/sms', 'action'),
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a person',
				description: 'Add a person; Leeloo answers with the new manual channel and the person ID (E16)',
				routing: leelooRoute('POST', '/people', 'action'),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a person',
				description: 'Get one person by ID, optionally with contacted users and orders (E14)',
				routing: leelooRoute('GET', '/people/{personId}', 'record', simplifyPeople),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many people',
				description: 'Get many people, optionally filtered by tags, last message date, phone or email (E13)',
				routing: leelooRoute('GET', '/people', 'paged', simplifyPeople),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a person',
				description: 'Update the card of a person: name, phone, email, custom fields (E15)',
				routing: leelooRoute('PUT', '/people/{personId}', 'action'),
			},
		],
		default: 'getAll',
	},
];

export const personFields: INodeProperties[] = [
	// ----- person in the path: get (E14), update (E15), addComment (E18)
	{
		...idLocator('personId', { description: 'The person' }),
		displayOptions: showOn('get', 'update', 'addComment'),
	},

	// ----- addSmsConnection (E17): the API text lists no fields; `person_id` and `phone` in the
	// body are this package's assumption.
	{
		...idLocator('personId', { description: 'The person who gets the SMS connection', bodyProperty: 'person_id' }),
		displayOptions: showOn('addSmsConnection'),
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +380966565556',
		description: 'Phone number to send SMS to, in international format',
		displayOptions: showOn('addSmsConnection'),
		routing: { send: { type: 'body', property: 'phone', preSend: [requireText('phone', 'Phone')] } },
	},

	// ----- addComment (E18)
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'Text of the comment',
		displayOptions: showOn('addComment'),
		routing: { send: { type: 'body', property: 'comment', preSend: [requireText('comment', 'Comment')] } },
	},

	// ----- create (E16)
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Full name of the person',
		displayOptions: showOn('create'),
		routing: { send: { type: 'body', property: 'name', preSend: [requireText('name', 'Name')] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showOn('create'),
		options: [
			{
				displayName: 'Connected User Names or IDs',
				name: 'connectedUserIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: [],
				description:
					'Platform users connected to the person. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { preSend: [sendConnectedUsers] } },
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Email address of the person',
				routing: { send: { type: 'body', property: 'email' } },
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
				routing: { send: { type: 'body', property: 'phone' } },
			},
			{
				displayName: 'Tag Names or IDs',
				name: 'tags',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTagNames' },
				default: [],
				description:
					'Tags to put on the person; Leeloo identifies tags by name. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { preSend: [sendTagNames('additionalFields.tags', 'body', 'tags')] } },
			},
		],
	},

	// ----- update (E15)
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showOn('update'),
		options: [
			{
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
				routing: {
					send: { preSend: [sendKeyValues('updateFields.customFields.field', 'custom_fields', 'Custom Fields')] },
				},
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'New email address of the person',
				routing: { send: { type: 'body', property: 'email' } },
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New full name of the person',
				routing: { send: { type: 'body', property: 'name' } },
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +380966565556',
				description: 'New phone number of the person, in international format',
				routing: { send: { type: 'body', property: 'phone' } },
			},
		],
	},

	// ----- get (E14)
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showOn('get'),
		options: [
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
				routing: { send: { preSend: [sendInclude] } },
			},
		],
	},

	// ----- getAll (E13)
	...returnAllAndLimit({ ...show, operation: ['getAll'] }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showOn('getAll'),
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the people with this email address',
				routing: { send: { type: 'query', property: 'filter[email]', propertyInDotNotation: false } },
			},
			...lastMessageFilters('people'),
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +380966565556',
				description: 'Only the people with this phone number',
				routing: { send: { type: 'query', property: 'filter[phone]', propertyInDotNotation: false } },
			},
			{
				displayName: 'Tag Names or IDs',
				name: 'tags',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTagNames' },
				default: [],
				description:
					'Only people with these tags; Leeloo identifies tags by name. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { preSend: [sendTagNames('filters.tags', 'query', 'filter[tags]')] } },
			},
		],
	},
	simplify,
];
