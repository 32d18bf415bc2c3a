import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { callFields, callOperations } from './descriptions/CallDescription';
import { communicationChannelFields, communicationChannelOperations } from './descriptions/CommunicationChannelDescription';
import { connectionFields, connectionOperations } from './descriptions/ConnectionDescription';
import { messageFields, messageOperations } from './descriptions/MessageDescription';
import { messageTemplateFields, messageTemplateOperations } from './descriptions/MessageTemplateDescription';
import { orderFields, orderOperations } from './descriptions/OrderDescription';
import { personFields, personOperations } from './descriptions/PersonDescription';
import { tagFields, tagOperations } from './descriptions/TagDescription';
import { trafficSourceFields, trafficSourceOperations } from './descriptions/TrafficSourceDescription';
import { tunnelFields, tunnelOperations } from './descriptions/TunnelDescription';
import { userFields, userOperations } from './descriptions/UserDescription';
import { listSearch, loadOptions } from './listSearch';

// Declarative: every operation is `routing` (see shared/routing.ts); n8n's engine sends the
// requests, pages through lists and adds Request Options (batching, timeout, proxy).
export class Leeloo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leeloo',
		name: 'leeloo',
		icon: { light: 'file:../../icons/leeloo.svg', dark: 'file:../../icons/leeloo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with people, channels, messages, orders, tags and tunnels in Leeloo.ai',
		defaults: { name: 'Leeloo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leelooApi', required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl}}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			arrayFormat: 'repeat',
			// Failures (HTTP errors and `status: 0` bodies) are turned into errors by shared/errors.ts.
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Communication Channel', value: 'communicationChannel' },
					{ name: 'Connection', value: 'connection' },
					{ name: 'Message', value: 'message' },
					{ name: 'Message Template', value: 'messageTemplate' },
					{ name: 'Order', value: 'order' },
					{ name: 'Person', value: 'person' },
					{ name: 'Tag', value: 'tag' },
					{ name: 'Traffic Source', value: 'trafficSource' },
					{ name: 'Tunnel', value: 'tunnel' },
					{ name: 'User', value: 'user' },
				],
				default: 'person',
			},
			...callOperations,
			...callFields,
			...communicationChannelOperations,
			...communicationChannelFields,
			...connectionOperations,
			...connectionFields,
			...messageOperations,
			...messageFields,
			...messageTemplateOperations,
			...messageTemplateFields,
			...orderOperations,
			...orderFields,
			...personOperations,
			...personFields,
			...tagOperations,
			...tagFields,
			...trafficSourceOperations,
			...trafficSourceFields,
			...tunnelOperations,
			...tunnelFields,
			...userOperations,
			...userFields,
		],
	};

	methods = { listSearch, loadOptions };
}
