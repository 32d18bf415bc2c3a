import type { INodeProperties } from 'n8n-workflow';
import { simplifyActionResult, simplifyOrder } from '../../shared/response/vocabulary';
import { sendAs } from '../engine/fields';
import { date, number } from '../engine/validation';
import { idLocator } from '../parameters/locators';
import { optionAs } from '../parameters/options';
import type { Resource } from './declaration';
import { LIMIT, RETURN_ALL, SUBJECT_PERSON_ID } from './shared';

// E09 create a manual order · E10 list orders (limit/offset) · E11 one order · E12 update a manual
// order. E12 is documented as form-data; it is sent as JSON like every other body
// (docs/leeloo-api.md#e12).

const PAYMENT_CREDITS_ID = idLocator('paymentCreditsId', { description: 'The payment system of the order, from the platform settings' });

const OFFER_ID = idLocator('offerId', { description: 'The offer being sold' });

const ORDER_ID = idLocator('orderId', { description: 'The order' });

const STATUS = optionAs('body', 'status', {
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
});

// E09
const ADDITIONAL_FIELDS: INodeProperties[] = [
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
const UPDATE_FIELDS: INodeProperties[] = [
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

export const order: Resource = {
	value: 'order',
	displayName: 'Order',
	records: 'orders',
	defaultOperation: 'getAll',
	operations: [
		{
			endpoint: 'E09',
			value: 'create',
			name: 'Create',
			action: 'Create a manual order',
			description: 'Create a manual order for a person',
			method: 'POST',
			path: '/orders',
			response: 'action',
			bodyIds: { paymentCreditsId: 'paymentCreditsId', offerId: 'offerId', personId: 'personId' },
			parameters: [SUBJECT_PERSON_ID, PAYMENT_CREDITS_ID, OFFER_ID],
			collections: { additionalFields: ADDITIONAL_FIELDS },
			output: simplifyActionResult,
			tool: 'Create a manual order in Leeloo for a person (person ID), for an offer (offer ID) and a payment system (payment system ID); optionally email, phone, transaction date, manager.',
		},
		{
			endpoint: 'E11',
			value: 'get',
			name: 'Get',
			action: 'Get an order',
			description: 'Get one order by its ID',
			method: 'GET',
			path: '/orders/{orderId}',
			response: 'record',
			parameters: [ORDER_ID],
			output: simplifyOrder,
			tool: 'Get one order by its Leeloo ID. Returns id, title, status, price, currency, personId, email, phone and dates.',
		},
		{
			endpoint: 'E10',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many orders',
			description: 'Get the orders of the account, newest first',
			method: 'GET',
			path: '/orders',
			response: 'paged',
			parameters: [RETURN_ALL, LIMIT],
			output: simplifyOrder,
			tool: 'List the orders of the Leeloo account, newest first. Returns id, title, status, price, currency, personId and createdAt of each.',
		},
		{
			endpoint: 'E12',
			value: 'update',
			name: 'Update',
			action: 'Update a manual order',
			description: 'Resolve or reject a manual order and record the payment',
			method: 'POST',
			path: '/orders/{orderId}',
			response: 'action',
			parameters: [ORDER_ID, STATUS],
			collections: { updateFields: UPDATE_FIELDS },
			output: simplifyActionResult,
			tool: 'Resolve or reject a manual order (order ID), optionally with the amount received, currency, payment date and a comment.',
		},
	],
};
