import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from '../shared/locators';
import { returnAllAndLimit } from '../shared/pagination';
import { leelooRoute } from '../shared/routing';
import { bodyOption, requireNumber, sendDate } from '../shared/validation';

// E09 create a manual order · E10 list orders (limit/offset) · E11 one order · E12 update a manual
// order. E12 is documented as form-data; it is sent as JSON like every other body (see README).

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
				description: 'Create a manual order for a person (E09)',
				routing: leelooRoute('POST', '/orders', 'action'),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an order',
				description: 'Get one order by its ID (E11)',
				routing: leelooRoute('GET', '/orders/{orderId}', 'record'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many orders',
				description: 'Get many orders of the account (E10)',
				routing: leelooRoute('GET', '/orders', 'paged'),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a manual order',
				description: 'Resolve or reject a manual order and record the payment (E12)',
				routing: leelooRoute('POST', '/orders/{orderId}', 'action'),
			},
		],
		default: 'getAll',
	},
];

export const orderFields: INodeProperties[] = [
	// ----- create (E09)
	{
		...idLocator('paymentCreditsId', {
			description: 'The payment system of the order, from the platform settings',
			bodyProperty: 'paymentCreditsId',
		}),
		displayOptions: showCreate,
	},
	{
		...idLocator('offerId', { description: 'The offer being sold', bodyProperty: 'offerId' }),
		displayOptions: showCreate,
	},
	{
		...idLocator('personId', { description: 'The person who buys', bodyProperty: 'personId' }),
		displayOptions: showCreate,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showCreate,
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Email address of the buyer for this order',
				routing: { send: { type: 'body', property: 'email' } },
			},
			idLocator('managerId', {
				description: 'The platform user the order is assigned to. Without one, Leeloo shows the sale as "System".',
				bodyProperty: 'managerId',
				required: false,
				collection: 'additionalFields',
			}),
			{
				// Sent only when added here (true or false); left out, Leeloo applies its own default.
				displayName: 'Notify Person',
				name: 'notifyPerson',
				type: 'boolean',
				default: false,
				description: 'Whether Leeloo notifies the person about the order',
				routing: { send: { type: 'body', property: 'isNotifyAccount' } },
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +380966565556',
				description: 'Phone number of the buyer for this order',
				routing: { send: { type: 'body', property: 'phone' } },
			},
			{
				displayName: 'Transaction Date',
				name: 'transactionDate',
				type: 'dateTime',
				default: '',
				description: 'When the payment was made (read in the workflow timezone, sent in UTC)',
				routing: {
					send: {
						preSend: [
							sendDate('additionalFields.transactionDate', 'Transaction Date', {
								type: 'body',
								property: 'transactionDate',
								format: 'iso',
							}),
						],
					},
				},
			},
		],
	},

	// ----- getAll (E10)
	...returnAllAndLimit({ ...show, operation: ['getAll'] }),

	// ----- get (E11), update (E12)
	{
		...idLocator('orderId', { description: 'The order' }),
		displayOptions: { show: { ...show, operation: ['get', 'update'] } },
	},
	bodyOption(
		{
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
		},
		'status',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showUpdate,
		options: [
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'e.g. RUB',
				description: 'Currency of the amount received',
				routing: { send: { type: 'body', property: 'currency' } },
			},
			{
				displayName: 'Payment Date',
				name: 'paymentDate',
				type: 'dateTime',
				default: '',
				description: 'When the payment was received (read in the workflow timezone, sent in UTC to the minute)',
				routing: {
					send: {
						preSend: [
							sendDate('updateFields.paymentDate', 'Payment Date', {
								type: 'body',
								property: 'paymentDate',
								format: 'minute',
							}),
						],
					},
				},
			},
			{
				displayName: 'Price',
				name: 'price',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'The amount actually received',
				routing: {
					send: {
						type: 'body',
						property: 'price',
						value: '={{ Number($value) }}',
						preSend: [requireNumber('updateFields.price', 'Price')],
					},
				},
			},
			{
				displayName: 'User Comments',
				name: 'userComments',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'Comment on the order, visible to the platform users',
				routing: { send: { type: 'body', property: 'userComments' } },
			},
		],
	},
];
