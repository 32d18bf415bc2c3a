import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from './locators';
import { leelooRoute } from '../engine/routing';
import { sendAs } from '../engine/fields';
import { keyValues } from '../engine/validation';

// E01 list template categories · E02 list the templates of a category · E03 send a template.
// E01/E02 answer `data.categories[]` / `data.templates[]` without `meta`, so they are plain lists.
// accountId: SharedFields.ts.

const show = { resource: ['messageTemplate'] };

export const messageTemplateOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'Get Categories',
				value: 'getCategories',
				action: 'Get template categories',
				description: 'Get the categories that group the message templates',
				routing: leelooRoute('GET', '/categories/templates', 'list'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many message templates',
				description: 'Get the message templates of one category',
				routing: leelooRoute('GET', '/categories/templates/{categoryId}', 'list'),
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message template to a communication channel',
				description: 'Send a message template, with its variables filled in, to a communication channel',
				routing: leelooRoute('POST', '/messages/send-template', 'action', { bodyIds: { account_id: 'accountId', template_id: 'templateId' } }),
			},
		],
		default: 'getAll',
	},
];

export const messageTemplateFields: INodeProperties[] = [
	{
		...idLocator('categoryId', { description: 'The category whose templates to get' }),
		displayOptions: { show: { ...show, operation: ['getAll'] } },
	},
	{
		...idLocator('templateId', { description: 'The message template to send' }),
		displayOptions: { show: { ...show, operation: ['send'] } },
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description: 'Values for the variables used in the template, sent as one object of key → value',
		displayOptions: { show: { ...show, operation: ['send'] } },
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						description: 'Name of the variable as written in the template',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text that replaces the variable',
					},
				],
			},
		],
		...sendAs('body', 'variables', keyValues('variables', 'Variables', 'variable')),
	},
];
