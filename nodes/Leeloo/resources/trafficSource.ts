import type { INodeProperties } from 'n8n-workflow';
import { simplifyActionResult } from '../../shared/response/vocabulary';
import { sendAs } from '../engine/fields';
import { idLocator } from '../parameters/locators';
import type { Resource } from './declaration';
import { NAME } from './shared';

// E08 create a traffic source on a lead generation tool (LGT).

const LEAD_GEN_TOOL_ID = idLocator('leadGenToolId', { description: 'The lead generation tool that gets the traffic source' });

const DESCRIPTION: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'Description of the traffic source',
	...sendAs('body', 'description'),
};

export const trafficSource: Resource = {
	value: 'trafficSource',
	displayName: 'Traffic Source',
	records: 'traffic sources',
	defaultOperation: 'create',
	operations: [
		{
			endpoint: 'E08',
			value: 'create',
			name: 'Create',
			action: 'Create a traffic source for a lead generation tool',
			description: 'Create a traffic source for a lead generation tool',
			method: 'POST',
			path: '/leadgentools/{leadGenToolId}/create-traffic-source',
			response: 'action',
			parameters: [NAME, LEAD_GEN_TOOL_ID],
			collections: { additionalFields: [DESCRIPTION] },
			output: simplifyActionResult,
			tool: 'Create a traffic source with a name (and optionally a description) for a lead generation tool (its ID).',
		},
	],
};
