import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { anchorOf, restore, withAnchor, type CursorState, type TriggerEvent } from './cursor';
import { baselineMessages, baselineOrders, itemsFor, pollMessages, pollOrders, sampleMessage, sampleOrder } from './events';
import { leelooLists } from './requests';

// Polls. Leeloo also sends webhooks (the Leeloo Webhook Trigger, instant), but a webhook missed
// while n8n is down is lost unless Leeloo retries; polling catches up and emits each record exactly
// once. The cursor lives in the
// node's static data under STATE_KEY and is written only after a poll succeeded; each baseline is
// also kept in the workflow's global static data under ANCHOR_KEY (see anchorOf in cursor.ts).
// It reads E04, E06 and E10 of docs/leeloo-api.md (what it assumes: #e04-trigger, #e06).
const STATE_KEY = 'leelooCursor';
const ANCHOR_KEY = 'leelooBaselines';
const EVENTS: TriggerEvent[] = ['newMessage', 'newOrder'];

export class LeelooTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leeloo Trigger',
		name: 'leelooTrigger',
		icon: { light: 'file:../../icons/leeloo.svg', dark: 'file:../../icons/leeloo.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["event"]}}',
		// n8n's node picker lists this trigger inside the Leeloo entry and shows this description for
		// the whole entry (its triggers and the Leeloo node's actions), so it starts with the Leeloo node's.
		description:
			'Work with people, channels, messages, orders, tags and tunnels in Leeloo.ai, or start a workflow on a new message or order',
		// Used as it is by n8n's Docs link (a codex URL gets a query appended, after this anchor).
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-leeloo#leeloo-trigger-polling',
		defaults: { name: 'Leeloo Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leelooApi', required: true }],
		properties: [
			{
				displayName:
					'The first poll after activation only records what already exists; from then on each new record is emitted once, oldest first',
				name: 'baselineNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Message',
						value: 'newMessage',
						description: 'A message arrived in any communication channel',
					},
					{
						name: 'New Order',
						value: 'newOrder',
						description: 'An order was created',
					},
				],
				default: 'newMessage',
				description: 'Which new records start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				displayOptions: { show: { event: ['newMessage'] } },
				options: [
					{
						displayName: 'Include Outgoing',
						name: 'includeOutgoing',
						type: 'boolean',
						default: false,
						description:
							'Whether to also emit messages sent to the person (by users, bots or tunnels). By default only messages the person sent are emitted; a message that does not state its direction is always emitted.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as TriggerEvent;
		if (!EVENTS.includes(event)) {
			throw new NodeOperationError(this.getNode(), `Unknown event "${String(event)}"`, {
				description: 'Choose New Message or New Order in the Event parameter.',
			});
		}
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const includeOutgoing = event === 'newMessage' && options.includeOutgoing === true;
		const api = leelooLists(this);
		const node = this.getNode();
		const emit = (records: IDataObject[]) =>
			records.length ? [this.helpers.returnJsonArray(itemsFor(node.typeVersion, event, records))] : null;

		// "Fetch test event": show the newest record; the stored cursor is neither read nor written.
		if (this.getMode() === 'manual') {
			const sample = event === 'newOrder' ? await sampleOrder(api) : await sampleMessage(api, includeOutgoing);
			return emit(sample ? [sample] : []);
		}

		const staticData = this.getWorkflowStaticData('node');
		const global = this.getWorkflowStaticData('global');
		const nodeKey = node.id || node.name;
		const stored = restore(staticData[STATE_KEY], event) ?? anchorOf(global[ANCHOR_KEY], nodeKey, event);
		let state: CursorState;
		let items: IDataObject[] = [];
		if (!stored) {
			state = event === 'newOrder' ? await baselineOrders(api) : await baselineMessages(api);
			global[ANCHOR_KEY] = withAnchor(global[ANCHOR_KEY], nodeKey, state) as IDataObject;
		} else if (event === 'newOrder') {
			({ state, items } = await pollOrders(api, stored));
		} else {
			({ state, items } = await pollMessages(api, stored, includeOutgoing));
		}
		// Reached only when every request succeeded: a failed poll leaves the cursor where it was.
		staticData[STATE_KEY] = state as unknown as IDataObject;
		return emit(items);
	}
}
