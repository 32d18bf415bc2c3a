import type { INodeProperties } from 'n8n-workflow';
import { simplifyActionResult, simplifyCategory, simplifyTemplate } from '../../shared/response/vocabulary';
import { sendAs } from '../engine/fields';
import { keyValues } from '../engine/validation';
import { idLocator } from '../parameters/locators';
import type { Resource } from './declaration';
import { ACCOUNT_ID } from './shared';

// E01 list template categories · E02 list the templates of a category · E03 send a template.
// E01/E02 answer `data.categories[]` / `data.templates[]` without `meta`, so they are plain lists.

const CATEGORY_ID = idLocator('categoryId', { description: 'The category whose templates to get' });

const TEMPLATE_ID = idLocator('templateId', { description: 'The message template to send' });

const VARIABLES: INodeProperties = {
	displayName: 'Variables',
	name: 'variables',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Variable',
	default: {},
	description: 'Values for the variables used in the template, sent as one object of key → value',
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
};

export const messageTemplate: Resource = {
	value: 'messageTemplate',
	displayName: 'Message Template',
	records: 'message templates',
	defaultOperation: 'getAll',
	operations: [
		{
			endpoint: 'E01',
			value: 'getCategories',
			name: 'Get Categories',
			action: 'Get template categories',
			description: 'Get the categories that group the message templates',
			method: 'GET',
			path: '/categories/templates',
			response: 'list',
			output: simplifyCategory,
			tool: 'List the categories of message templates in Leeloo (id and name of each).',
		},
		{
			endpoint: 'E02',
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many message templates',
			description: 'Get the message templates of one category',
			method: 'GET',
			path: '/categories/templates/{categoryId}',
			response: 'list',
			parameters: [CATEGORY_ID],
			output: simplifyTemplate,
			tool: 'List the message templates of one category (category ID).',
		},
		{
			endpoint: 'E03',
			value: 'send',
			name: 'Send',
			action: 'Send a message template to a communication channel',
			description: 'Send a message template, with its variables filled in, to a communication channel',
			method: 'POST',
			path: '/messages/send-template',
			response: 'action',
			bodyIds: { account_id: 'accountId', template_id: 'templateId' },
			parameters: [ACCOUNT_ID, TEMPLATE_ID, VARIABLES],
			output: simplifyActionResult,
			tool: "Send a message template to a communication channel (channel ID = a person's channels[].accountId), with values for the template's variables.",
		},
	],
};
