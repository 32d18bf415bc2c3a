import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from './locators';
import { leelooRoute } from '../engine/routing';
import { sendAs } from '../engine/fields';
import { date, number } from '../engine/validation';
import { optionAs } from './options';

// E09 create a manual order · E10 list orders (limit/offset) · E11 one order · E12 update a manual
// order. E12 is documented as form-data; it is sent as JSON like every other body
// (docs/leeloo-api.md#e12). personId, returnAll, limit: SharedFields.ts; the Additional Fields
// and Update Fields below join the shared collections.

const show = { resource: ['order'] };
const showCreate = { show: { ...show, operation: ['create'] } };
const showUpdate = { show: { ...show, operation: ['update'] } };

export const orderOperations: INodeProperties[] = [
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
				action: 'Create a manual order',
				description: 'Create a manual order for a person',
				routing: leelooRoute('POST', '/orders', 'action', {
					bodyIds: { paymentCreditsId: 'paymentCreditsId', offerId: 'offerId', personId: 'personId' },
				}),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an order',
				description: 'Get one order by its ID',
				routing: leelooRoute('GET', '/orders/{orderId}', 'record'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many orders',
				description: 'Get the orders of the account, newest first',
				routing: leelooRoute('GET', '/orders', 'paged'),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a manual order',
				description: 'Resolve or reject a manual order and record the payment',
				routing: leelooRoute('POST', '/orders/{orderId}', 'action'),
			},
		],
		default: 'getAll',
	},
];

export const orderFields: INodeProperties[] = [
	{
		...idLocator('paymentCreditsId', { description: 'The payment system of the order, from the platform settings' }),
		displayOptions: showCreate,
	},
	{
		...idLocator('offerId', { description: 'The offer being sold' }),
		displayOptions: showCreate,
	},
	{
		...idLocator('orderId', { description: 'The order' }),
		displayOptions: { show: { ...show, operation: ['get', 'update'] } },
	},
	optionAs('body', 'status', {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		required: true,
		options: [
			{ name: 'Rejected', value: 'REJECTED' },
			{ name: 'Resolved', value: 'RESOLVED' },
		],
		default: 'RESOLVED',
		description: 'New status of the order: resolved (paid) or rejected. Only manual orders without partial payments can be updated.',
		displayOptions: showUpdate,
	}),
];

// E09
export const orderAdditionalFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email address of the buyer for this order',
		...sendAs('body', 'email'),
	},
	idLocator('managerId', {
		description: 'The platform user the order is assigned to. Without one, Leeloo shows the sale as "System".',
		bodyProperty: 'managerId',
		required: false,
		collection: 'additionalFields',
	}),
	{
		displayName: 'Notify Person',
		name: 'notifyPerson',
		type: 'boolean',
		default: false,
		description: 'Whether Leeloo notifies the person about the order',
		...sendAs('body', 'isNotifyAccount'),
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +380966565556',
		description: 'Phone number of the buyer for this order',
		...sendAs('body', 'phone'),
	},
	{
		displayName: 'Transaction Date',
		name: 'transactionDate',
		type: 'dateTime',
		default: '',
		description: 'When the payment was made (read in the workflow timezone, sent in UTC)',
		...sendAs('body', 'transactionDate', date('additionalFields.transactionDate', 'Transaction Date', 'iso')),
	},
];

// E12
export const orderUpdateFields: INodeProperties[] = [
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: '',
		placeholder: 'e.g. RUB',
		description: 'Currency of the amount received',
		...sendAs('body', 'currency'),
	},
	{
		displayName: 'Payment Date',
		name: 'paymentDate',
		type: 'dateTime',
		default: '',
		description: 'When the payment was received (read in the workflow timezone, sent in UTC to the minute)',
		...sendAs('body', 'paymentDate', date('updateFields.paymentDate', 'Payment Date', 'minute')),
	},
	{
		displayName: 'Price',
		name: 'price',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'The amount actually received',
		...sendAs('body', 'price', number('updateFields.price', 'Price')),
	},
	{
		displayName: 'User Comments',
		name: 'userComments',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: 'Comment on the order, visible to the platform users',
		...sendAs('body', 'userComments'),
	},
];
