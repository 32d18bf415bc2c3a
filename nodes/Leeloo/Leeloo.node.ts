import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { callAdditionalFields, callFields, callOperations } from './descriptions/CallDescription';
import { communicationChannelFields, communicationChannelOperations } from './descriptions/CommunicationChannelDescription';
import { connectionFields, connectionOperations } from './descriptions/ConnectionDescription';
import { messageFields, messageOperations } from './descriptions/MessageDescription';
import { messageTemplateFields, messageTemplateOperations } from './descriptions/MessageTemplateDescription';
import { orderAdditionalFields, orderFields, orderOperations, orderUpdateFields } from './descriptions/OrderDescription';
import { pacingField } from './descriptions/PacingField';
import {
	personAdditionalFields,
	personFields,
	personFilters,
	personOperations,
	personOptions,
	personUpdateFields,
	personUpsertAdditionalFields,
	personUpsertOptions,
} from './descriptions/PersonDescription';
import { collection, only, sharedIdFields, sharedListFields, sharedNameField, simplifyFields } from './descriptions/SharedFields';
import { toolDescriptionFields } from './descriptions/ToolDescriptions';
import { tagFields, tagOperations } from './descriptions/TagDescription';
import { trafficSourceAdditionalFields, trafficSourceFields, trafficSourceOperations } from './descriptions/TrafficSourceDescription';
import { tunnelOperations, tunnelOptions } from './descriptions/TunnelDescription';
import { userOperations } from './descriptions/UserDescription';
import { listSearch, loadOptions } from './listSearch';
import { registerFields } from './engine/fields';
import { lastMessageFilters } from './descriptions/filters';

// Declarative: every operation is `routing` (see engine/routing.ts). n8n's engine builds each
// item's request and hands it to the route's pagination hook, which paces, pages and sends it with
// n8n's request helper; n8n adds Request Options (batching, timeout, proxy).
// E-numbers in comments (E01–E30) are the endpoints of docs/leeloo-api.md; the code of each is in
// descriptions/<Resource>Description.ts (shared parameters: descriptions/SharedFields.ts).
export class Leeloo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leeloo',
		name: 'leeloo',
		icon: { light: 'file:../../icons/leeloo.svg', dark: 'file:../../icons/leeloo.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify (on by default) for every operation, in one output vocabulary.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with people, channels, messages, orders, tags and tunnels in Leeloo.ai',
		// Used as it is by n8n's Docs link; the codex URL would get n8n's tracking query appended.
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-leeloo',
		defaults: { name: 'Leeloo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leelooApi', required: true }],
		// The base URL comes from the credential, read once per node run (engine/routing.ts) rather
		// than as an expression n8n would evaluate for every item.
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			arrayFormat: 'repeat',
			// Failures (HTTP errors and `status: 0` bodies) are turned into errors by shared/api/errors.ts.
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
			...communicationChannelOperations,
			...connectionOperations,
			...messageOperations,
			...messageTemplateOperations,
			...orderOperations,
			...personOperations,
			...tagOperations,
			...trafficSourceOperations,
			...tunnelOperations,
			...userOperations,
			...sharedIdFields,
			sharedNameField,
			...callFields,
			...communicationChannelFields,
			...connectionFields,
			...messageFields,
			...messageTemplateFields,
			...orderFields,
			...personFields,
			...tagFields,
			...trafficSourceFields,
			...sharedListFields,
			collection('additionalFields', { resource: ['call', 'order', 'person', 'trafficSource'], operation: ['create', 'upsert'] }, [
				...only('call', ['create'], callAdditionalFields),
				...only('order', ['create'], orderAdditionalFields),
				...only('person', ['create'], personAdditionalFields),
				...only('person', ['upsert'], personUpsertAdditionalFields),
				...only('trafficSource', ['create'], trafficSourceAdditionalFields),
			]),
			collection('updateFields', { resource: ['order', 'person'], operation: ['update'] }, [
				...only('order', ['update'], orderUpdateFields),
				...only('person', ['update'], personUpdateFields),
			]),
			collection('filters', { resource: ['communicationChannel', 'person'], operation: ['getAll'] }, [
				...lastMessageFilters(),
				...only('person', ['getAll'], personFilters),
			]),
			collection('options', { resource: ['person', 'tunnel'], operation: ['get', 'upsert'] }, [
				...only('person', ['get'], personOptions),
				...only('person', ['upsert'], personUpsertOptions),
				...only('tunnel', ['get'], tunnelOptions),
			]),
			...simplifyFields,
			...toolDescriptionFields,
			pacingField,
		],
	};

	methods = { listSearch, loadOptions };

	constructor() {
		registerFields(this.description);
	}
}
