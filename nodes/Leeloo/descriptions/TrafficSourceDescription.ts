import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from './locators';
import { leelooRoute } from '../engine/routing';
import { sendAs } from '../engine/fields';

// E08 create a traffic source on a lead generation tool (LGT). name: SharedFields.ts; Description
// joins the shared Additional Fields.

const show = { resource: ['trafficSource'] };
const showCreate = { show: { ...show, operation: ['create'] } };

export const trafficSourceOperations: INodeProperties[] = [
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
				action: 'Create a traffic source for a lead generation tool',
				description: 'Create a traffic source for a lead generation tool',
				routing: leelooRoute('POST', '/leadgentools/{leadGenToolId}/create-traffic-source', 'action'),
			},
		],
		default: 'create',
	},
];

export const trafficSourceFields: INodeProperties[] = [
	{
		...idLocator('leadGenToolId', { description: 'The lead generation tool that gets the traffic source' }),
		displayOptions: showCreate,
	},
];

export const trafficSourceAdditionalFields: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Description of the traffic source',
		...sendAs('body', 'description'),
	},
];
