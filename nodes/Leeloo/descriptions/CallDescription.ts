import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { idLocator } from '../shared/locators';
import { leelooRoute } from '../shared/routing';
import { bodyOption, refuse, requireNumber, requireText, sendDate } from '../shared/validation';

// E19 add a call to a communication channel. The API documents every field as required, with
// `record_link` = 'NOT_DEFINED' for a call without a recording. Sent as JSON (see README).

const show = { resource: ['call'] };
const showCreate = { show: { ...show, operation: ['create'] } };

const NO_RECORDING = 'NOT_DEFINED';

// Runs whether or not Additional Fields holds a Record Link, so the field is always sent.
async function sendRecordLink(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const value = this.getNodeParameter('additionalFields.recordLink', '');
	const link = typeof value === 'string' ? value.trim() : value;
	if (link !== '' && link !== NO_RECORDING && !isWebUrl(link)) {
		refuse(
			this,
			'Record Link must be an http(s) URL',
			`Parameter "additionalFields.recordLink" got ${JSON.stringify(value)}. Enter the URL of the recording, or leave it empty for a call without one.`,
		);
	}
	return { ...options, body: { ...(options.body as IDataObject), record_link: link || NO_RECORDING } };
}

function isWebUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

export const callOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Add a call to a communication channel',
				description: 'Record a phone call on a communication channel (E19)',
				routing: leelooRoute('POST', '/calls', 'action'),
			},
		],
		default: 'create',
	},
];

export const callFields: INodeProperties[] = [
	{
		...idLocator('userId', { description: 'The platform user who took or made the call', bodyProperty: 'user_id' }),
		displayOptions: showCreate,
	},
	{
		...idLocator('accountId', {
			description: 'The communication channel (account ID) the call belongs to',
			bodyProperty: 'account_id',
		}),
		displayOptions: showCreate,
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 606',
		description: 'Number or extension the call came from',
		displayOptions: showCreate,
		routing: { send: { type: 'body', property: 'from', preSend: [requireText('from', 'From')] } },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 607',
		description: 'Number or extension the call went to',
		displayOptions: showCreate,
		routing: { send: { type: 'body', property: 'to', preSend: [requireText('to', 'To')] } },
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the call took place (read in the workflow timezone, sent in UTC)',
		displayOptions: showCreate,
		routing: {
			send: { preSend: [sendDate('date', 'Date', { type: 'body', property: 'date', format: 'iso', required: true })] },
		},
	},
	bodyOption(
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			required: true,
			options: [
				{ name: 'Closed By System', value: 'CLOSED_BY_SYSTEM' },
				{ name: 'No Answer', value: 'NO_ANSWER' },
				{ name: 'Success', value: 'SUCCESS' },
				{ name: 'Talking', value: 'TALKING' },
			],
			default: 'SUCCESS',
			description: 'How the call went',
			displayOptions: showCreate,
		},
		'status',
	),
	{
		displayName: 'Duration',
		name: 'duration',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'Length of the call in seconds',
		displayOptions: showCreate,
		routing: {
			send: {
				type: 'body',
				property: 'duration',
				// An expression may hand over text such as "100"; the API takes a number.
				value: '={{ Number($value) }}',
				preSend: [requireNumber('duration', 'Duration', { min: 0 })],
			},
		},
	},
	bodyOption(
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			required: true,
			options: [
				{ name: 'Inbound', value: 'INBOUND' },
				{ name: 'Outbound', value: 'OUTBOUND' },
			],
			default: 'INBOUND',
			description: 'Direction of the call',
			displayOptions: showCreate,
		},
		'type',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showCreate,
		options: [
			{
				displayName: 'Record Link',
				name: 'recordLink',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/recordings/call.mp3',
				description: 'URL of the call recording; without one Leeloo is sent NOT_DEFINED',
			},
		],
		routing: { send: { preSend: [sendRecordLink] } },
	},
];
