import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { eventOf, itemOf, readBody, WEBHOOK_EVENTS, type WebhookEvent } from './events';
import { addPersonIds } from './people';
import { secretMatches } from './secret';

// Leeloo POSTs one JSON event per order, sale, subscription or incoming message to the one URL set
// in Leeloo (Settings → Integrations → Leeloo API); docs/leeloo-api.md#webhooks. The node answers Leeloo itself:
// refusals (secret, body) start no execution, and accepted events are answered before the
// optional person lookup (E07) and before the workflow runs.

export class LeelooWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leeloo Webhook Trigger',
		name: 'leelooWebhookTrigger',
		icon: { light: 'file:../../icons/leeloo.svg', dark: 'file:../../icons/leeloo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow at once when Leeloo.ai sends an order, a sale, a subscription or an incoming message',
		documentationUrl: 'https://www.npmjs.com/package/n8n-nodes-leeloo#leeloo-webhook-trigger-instant',
		defaults: { name: 'Leeloo Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leelooApi', required: true, displayOptions: { show: { lookUpPerson: [true] } } }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		triggerPanel: {
			header: 'Paste the URL into Leeloo: Settings → Integrations → Leeloo API → Webhook URL',
			executionsHelp: {
				inactive:
					"<b>While building</b>, click 'Listen for test event' and paste the <b>Test URL</b> into Leeloo (Settings → Integrations → Leeloo API → Webhook URL); then place an order or write to your bot, and the event shows up here. <br /><br /><b>To run automatically</b>, <a data-key=\"activate\">activate</a> the workflow and paste the <b>Production URL</b> into Leeloo instead. Add <code>?secret=…</code> to either URL when you set a Secret.",
				active:
					"<b>While building</b>, click 'Listen for test event' and paste the <b>Test URL</b> into Leeloo; the event shows up here. <br /><br />The workflow is active: with the <b>Production URL</b> in Leeloo (Settings → Integrations → Leeloo API → Webhook URL), every event starts an execution, shown in the <a data-key=\"executions\">executions list</a>.",
			},
			activationHint: 'Activate the workflow and paste its Production URL into Leeloo: Settings → Integrations → Leeloo API → Webhook URL.',
		},
		properties: [
			{
				displayName:
					'In Leeloo open Settings → Integrations → Leeloo API, tick Webhook enabled, paste this node\'s Production URL (Webhook URLs above) into Webhook URL — with ?secret=… at its end if you set a Secret below — and tick the events to send. Leeloo sends to one URL per platform: receive every event here and route them with a Switch node on {{ $json.event }}.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Incoming Message', value: 'incomingMessage', description: 'A lead wrote to a bot connected to Leeloo' },
					{ name: 'Order', value: 'order', description: 'A person clicked Buy, entered their data and confirmed' },
					{ name: 'Sale', value: 'sale', description: 'A manual payment was confirmed, or a payment system reported a payment' },
					{ name: 'Subscription', value: 'subscription', description: "A person subscribed to a tunnel's lead generation tool" },
				],
				default: ['order', 'sale', 'subscription', 'incomingMessage'],
				description: 'Which events start the workflow; Leeloo is answered for the others too, and they start nothing',
			},
			{
				displayName: 'Look Up Person',
				name: 'lookUpPerson',
				type: 'boolean',
				default: false,
				description:
					"Whether to add the ID of the person behind the event's communication channel (personId) when Leeloo does not send it, as the Leeloo Trigger does: one request per event, with the Leeloo API credential",
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Raw Event',
						name: 'raw',
						type: 'boolean',
						default: false,
						description: 'Whether to output each event exactly as Leeloo sent it ({type, data}) instead of the event name and its fields in camelCase',
					},
					{
						displayName: 'Secret',
						name: 'secret',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						description:
							'When set, a request must carry it in its URL as ?secret=…; others are refused (HTTP 401 or 403) and start nothing. Leeloo signs nothing, so this is the only proof that a request comes from your Leeloo.',
					},
				],
			},
		],
	};

	// Leeloo has no API to register, check or remove a webhook: its URL is pasted by hand in
	// Settings → Integrations → Leeloo API. So there is nothing for n8n to set up on activation or clean up after.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			response.writeHead(status, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify(body));
			return { noWebhookResponse: true };
		};

		const options = this.getNodeParameter('options', {}) as { secret?: string; raw?: boolean };
		if (options.secret) {
			const given = (this.getQueryData() as IDataObject).secret;
			if (given === undefined) return answer(401, { message: 'This URL needs ?secret=… (the Secret set in the Leeloo Webhook Trigger)' });
			if (!secretMatches(given, options.secret)) return answer(403, { message: 'Wrong secret' });
		}

		const read = readBody(this.getBodyData(), this.getRequestObject().rawBody);
		if ('refusal' in read) return answer(400, { message: read.refusal });

		const selected = this.getNodeParameter('events', WEBHOOK_EVENTS) as WebhookEvent[];
		const accepted = read.events.flatMap((leeloo) => {
			const event = eventOf(leeloo.type);
			return event && selected.includes(event) ? [{ event, leeloo }] : [];
		});
		if (!accepted.length) return answer(200, { received: read.events.length, started: false });

		// Leeloo is answered before the lookups and before the workflow runs.
		answer(200, { received: read.events.length, started: true });
		const items = accepted.map(({ event, leeloo }) => itemOf(event, leeloo, options.raw === true));
		if (this.getNodeParameter('lookUpPerson', false) === true && options.raw !== true) await addPersonIds(this, items);
		return { workflowData: [this.helpers.returnJsonArray(items)], noWebhookResponse: true };
	}
}
