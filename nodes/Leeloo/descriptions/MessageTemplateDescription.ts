import type { INodeProperties } from 'n8n-workflow';
import { sendKeyValues } from '../shared/body';
import { idLocator } from '../shared/locators';
import { leelooRoute } from '../shared/routing';

// E01 list template categories · E02 list the templates of a category · E03 send a template.
// E01/E02 answer `data.categories[]` / `data.templates[]` without `meta`, so they are plain lists.

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
				description: 'Get the categories that group the message templates (E01)',
				routing: leelooRoute('GET', '/categories/templates', 'list'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many message templates',
				description: 'Get many message templates of a category (E02)',
				routing: leelooRoute('GET', '/categories/templates/{categoryId}', 'list'),
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message template to a communication channel',
				description: 'Send a message template, with its variables filled in, to a communication channel (E03)',
				routing: leelooRoute('POST', '/messages/send-template', 'action'),
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
		...idLocator('accountId', {
			description: 'The communication channel (account ID) that receives the template',
			bodyProperty: 'account_id',
		}),
		displayOptions: { show: { ...show, operation: ['send'] } },
	},
	{
		...idLocator('templateId', { description: 'The message template to send', bodyProperty: 'template_id' }),
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
		routing: { send: { preSend: [sendKeyValues('variables.variable', 'variables', 'Variables')] } },
	},
];
