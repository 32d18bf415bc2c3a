import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { simplifyActionResult } from '../../shared/response/vocabulary';
import { sendAs } from '../engine/fields';
import { date, number, refuse, text } from '../engine/validation';
import { optionAs } from '../parameters/options';
import type { Resource } from './declaration';
import { ACCOUNT_ID, USER_ID } from './shared';

// E19 add a call to a communication channel. The API documents every field as required, with
// `record_link` = 'NOT_DEFINED' for a call without a recording (docs/leeloo-api.md#e19). Sent as JSON.

const NO_RECORDING = 'NOT_DEFINED';

function isWebUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

// Part of the route, so `record_link` is sent whether or not Additional Fields holds one.
async function sendRecordLink(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const body = { ...(options.body as IDataObject) };
	const value = body.record_link ?? '';
	const link = typeof value === 'string' ? value.trim() : value;
	if (link !== '' && link !== NO_RECORDING && !isWebUrl(link)) {
		refuse(
			this,
			'Record Link must be an http(s) URL',
			`Parameter "additionalFields.recordLink" got ${JSON.stringify(value)}. Enter the URL of the recording, or leave it empty for a call without one.`,
		);
	}
	return { ...options, body: { ...body, record_link: (link as string) || NO_RECORDING } };
}

const FROM: INodeProperties = {
	displayName: 'From',
	name: 'from',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 606',
	description: 'Number or extension the call came from',
	...sendAs('body', 'from', text('from', 'From', { required: true })),
};

const TO: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 607',
	description: 'Number or extension the call went to',
	...sendAs('body', 'to', text('to', 'To', { required: true })),
};

const DATE: INodeProperties = {
	displayName: 'Date',
	name: 'date',
	type: 'dateTime',
	required: true,
	default: '',
	description: 'When the call took place (read in the workflow timezone, sent in UTC)',
	...sendAs('body', 'date', date('date', 'Date', 'iso', { required: true })),
};

const STATUS = optionAs('body', 'status', {
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
});

const DURATION: INodeProperties = {
	displayName: 'Duration',
	name: 'duration',
	type: 'number',
	required: true,
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description: 'Length of the call in seconds',
	...sendAs('body', 'duration', number('duration', 'Duration', { min: 0 })),
};

const TYPE = optionAs('body', 'type', {
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
});

const RECORD_LINK: INodeProperties = {
	displayName: 'Record Link',
	name: 'recordLink',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/recordings/call.mp3',
	description: 'URL of the call recording; without one Leeloo is sent NOT_DEFINED',
	...sendAs('body', 'record_link'),
};

export const call: Resource = {
	value: 'call',
	displayName: 'Call',
	records: 'calls',
	defaultOperation: 'create',
	operations: [
		{
			endpoint: 'E19',
			value: 'create',
			name: 'Create',
			action: 'Add a call to a communication channel',
			description: 'Record a phone call on a communication channel',
			method: 'POST',
			path: '/calls',
			response: 'action',
			bodyIds: { user_id: 'userId', account_id: 'accountId' },
			preSend: [sendRecordLink],
			parameters: [ACCOUNT_ID, USER_ID, FROM, TO, DATE, STATUS, DURATION, TYPE],
			collections: { additionalFields: [RECORD_LINK] },
			output: simplifyActionResult,
			tool: 'Record a phone call in Leeloo on a communication channel (channel ID), with the platform user (user ID), from and to numbers, date, status, duration in seconds and direction.',
		},
	],
};
