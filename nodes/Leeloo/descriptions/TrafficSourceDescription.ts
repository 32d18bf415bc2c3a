import type { INodeProperties } from 'n8n-workflow';
import { idLocator } from '../shared/locators';
import { leelooRoute } from '../shared/routing';
import { requireText } from '../shared/validation';

// E08 create a traffic source on a lead generation tool (LGT).

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
				description: 'Create a traffic source for a lead generation tool (E08)',
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
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the traffic source',
		displayOptions: showCreate,
		routing: { send: { type: 'body', property: 'name', preSend: [requireText('name', 'Name')] } },
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
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Description of the traffic source',
				routing: { send: { type: 'body', property: 'description' } },
			},
		],
	},
];
