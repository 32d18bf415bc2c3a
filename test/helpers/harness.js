// Runs the built node through n8n-core's own engine (WorkflowExecute, RoutingNode, PollContext),
// as n8n does, with only the parts the n8n CLI normally supplies filled in here: the node-type
// registry and a credentials helper that applies the credential's authenticate().
const path = require('node:path');
const { WorkflowExecute, ExecutionLifecycleHooks, PollContext, LoadOptionsContext, WebhookContext } = require('n8n-core');
const { Workflow, ICredentialsHelper, createDeferredPromise } = require('n8n-workflow');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { Leeloo } = require(path.join(DIST, 'nodes/Leeloo/Leeloo.node.js'));
const { LeelooApi } = require(path.join(DIST, 'credentials/LeelooApi.credentials.js'));

const TOKEN = 'test-token-7f3a9c1e5b2d4f60';
const BASE_URL = 'https://api.leeloo.test/api/v2';
const NODE_TYPE = 'n8n-nodes-leeloo.leeloo';
const TRIGGER_TYPE = 'n8n-nodes-leeloo.leelooTrigger';
const WEBHOOK_TYPE = 'n8n-nodes-leeloo.leelooWebhookTrigger';

function loadTrigger() {
	try {
		return new (require(path.join(DIST, 'nodes/LeelooTrigger/LeelooTrigger.node.js')).LeelooTrigger)();
	} catch (error) {
		if (error.code === 'MODULE_NOT_FOUND') return undefined;
		throw error;
	}
}

const TOOL_TYPE = `${NODE_TYPE}Tool`;
const leeloo = new Leeloo();
// What n8n makes of a `usableAsTool` node for an AI agent: the same node under the name `leelooTool`
// (n8n adds the tool connection types; the routing is the node's own).
const leelooTool = { description: { ...leeloo.description, name: 'leelooTool', displayName: 'Leeloo Tool' }, methods: leeloo.methods };
// Two small node types around the Leeloo node, for workflows of several nodes (n8n's own nodes are
// not installed here): `Source` emits the items of its parameter; `Read` outputs, per input item,
// its `value` parameter, an expression n8n evaluates for that item (e.g. `$('Source').item`).
const SOURCE_TYPE = 'test.source';
const READ_TYPE = 'test.read';
const testNode = (name, properties, execute) => ({
	description: { displayName: name, name, group: ['transform'], version: 1, description: name, defaults: { name }, inputs: ['main'], outputs: ['main'], properties },
	execute,
});
const source = testNode('Source', [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }], async function () {
	return [JSON.parse(this.getNodeParameter('items', 0)).map((json) => ({ json, pairedItem: { item: 0 } }))];
});
const read = testNode('Read', [{ displayName: 'Value', name: 'value', type: 'string', default: '' }], async function () {
	return [this.getInputData().map((_, item) => ({ json: { value: this.getNodeParameter('value', item) }, pairedItem: { item } }))];
});
const nodeTypeInstances = { [NODE_TYPE]: leeloo, [TOOL_TYPE]: leelooTool, [SOURCE_TYPE]: source, [READ_TYPE]: read };
const trigger = loadTrigger();
if (trigger) nodeTypeInstances[TRIGGER_TYPE] = trigger;
const { LeelooWebhookTrigger } = require(path.join(DIST, 'nodes/LeelooWebhookTrigger/LeelooWebhookTrigger.node.js'));
nodeTypeInstances[WEBHOOK_TYPE] = new LeelooWebhookTrigger();

const nodeTypes = {
	getByName: (type) => nodeTypeInstances[type],
	getByNameAndVersion: (type) => nodeTypeInstances[type],
	getKnownTypes: () => ({}),
};

const credentialType = new LeelooApi();
// How often n8n was asked for the decrypted credential (n8n reads it from its database each time).
let credentialReads = 0;

class CredentialsHelper extends ICredentialsHelper {
	constructor(data) {
		super();
		this.data = data;
	}
	getParentTypes() {
		return [];
	}
	// What n8n's CredentialsHelper does with a credential whose `authenticate` is a function.
	async authenticate(credentials, typeName, requestOptions) {
		return await credentialType.authenticate(credentials, requestOptions);
	}
	async preAuthentication() {
		return undefined;
	}
	async getCredentials() {
		return { getData: () => this.data };
	}
	async getDecrypted() {
		credentialReads += 1;
		return { ...this.data };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return credentialType.properties;
	}
}

function additionalDataFor(credentials, workflowData) {
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	return {
		hooks,
		credentialsHelper: new CredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	};
}

function makeWorkflow({ node, nodes = [node], connections = {}, timezone, staticData }) {
	const workflowData = {
		id: 'test-workflow',
		name: 'Leeloo test',
		nodes,
		connections,
		active: false,
		settings: { timezone, executionOrder: 'v1' },
		staticData,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes });
	return { workflow, workflowData };
}

function credentialsFor(overrides) {
	return { apiToken: TOKEN, baseUrl: BASE_URL, ...overrides };
}

function nodeFor(type, name, parameters, extra = {}) {
	return {
		id: `${type}-node`,
		name,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { leelooApi: { id: 'cred-1', name: 'Leeloo account' } },
		...extra,
	};
}

/**
 * Runs the Leeloo node once with `parameters` over `items` (default: one empty item), as version
 * `typeVersion`, or as an AI agent's tool (`tool`).
 * Returns { items: INodeExecutionData[], error } where error is the node's error, if it failed.
 */
async function runNode({ parameters, items = [{ json: {} }], timezone = 'UTC', continueOnFail = false, credentials, typeVersion = 1, tool = false } = {}) {
	const node = leelooNode({ parameters, onError: continueOnFail ? 'continueRegularOutput' : undefined, typeVersion, tool });
	const { run, error } = await execute({ node, timezone, credentials, start: { node, data: { main: [items] }, source: null } });
	if (error) return { items: [], error };
	const taskData = run.data.resultData.runData.Leeloo?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: run.data.resultData.error ?? taskData?.error,
	};
}

/**
 * Runs the workflow Source → Leeloo → Read: Source emits `items`, the Leeloo node runs with
 * `parameters` (options as runNode's), Read evaluates the expression `value` for each item the
 * Leeloo node output (by default the `note` of the Source item it came from). onError: the node's
 * setting (continueRegularOutput, continueErrorOutput).
 * Returns { items: the Leeloo node's output, errors: its error output, read: Read's values
 * (undefined if it did not run), error }.
 */
async function runLinked({ items, value = "={{ $('Source').item.json.note }}", parameters, onError, credentials, typeVersion = 1, tool = false }) {
	const node = leelooNode({ parameters, onError, typeVersion, tool });
	const sourceNode = { id: 'source-node', name: 'Source', type: SOURCE_TYPE, typeVersion: 1, position: [-200, 0], parameters: { items: JSON.stringify(items) } };
	const readNode = { id: 'read-node', name: 'Read', type: READ_TYPE, typeVersion: 1, position: [200, 0], parameters: { value } };
	const to = (name) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
	const { run, error } = await execute({
		nodes: [sourceNode, node, readNode],
		connections: { Source: to('Leeloo'), Leeloo: to('Read') },
		credentials,
		start: { node: sourceNode, data: { main: [[{ json: {} }]] }, source: null },
	});
	if (error) return { items: [], error };
	const { runData } = run.data.resultData;
	return {
		items: runData.Leeloo?.[0]?.data?.main?.[0] ?? [],
		errors: runData.Leeloo?.[0]?.data?.main?.[1],
		read: runData.Read?.[0]?.data?.main?.[0]?.map((item) => item.json.value),
		error: run.data.resultData.error,
	};
}

function leelooNode({ parameters, onError, typeVersion, tool }) {
	return nodeFor(tool ? TOOL_TYPE : NODE_TYPE, 'Leeloo', parameters, {
		typeVersion,
		...(onError ? { onError, continueOnFail: true } : {}),
	});
}

/** Runs a workflow from the node execution `start` through n8n-core's WorkflowExecute: { run } or { error }. */
async function execute({ node, nodes, connections, timezone = 'UTC', credentials, start }) {
	const { workflow, workflowData } = makeWorkflow({ node, nodes, connections, timezone });
	const additionalData = additionalDataFor(credentialsFor(credentials), workflowData);
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			nodeExecutionStack: [start],
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const done = createDeferredPromise();
	additionalData.hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	try {
		await workflowExecute.processRunExecutionData(workflow);
	} catch (error) {
		// n8n refuses to start a workflow whose parameters fail their UI validation.
		return { error };
	}
	return { run: await done.promise };
}

/**
 * Calls the trigger's poll() once through n8n-core's PollContext, with `staticData` as the
 * workflow's stored static data (mutated in place, as n8n does). mode: 'trigger' | 'manual'.
 */
async function poll({ parameters, staticData = {}, timezone = 'UTC', mode = 'trigger', credentials, pollBudgetMs } = {}) {
	const node = nodeFor(TRIGGER_TYPE, 'Leeloo Trigger', parameters);
	const { workflow, workflowData } = makeWorkflow({ node, timezone, staticData });
	const additionalData = additionalDataFor(credentialsFor(credentials), workflowData);
	const context = new PollContext(workflow, node, additionalData, mode, 'activate');
	if (pollBudgetMs !== undefined) context.getPollBudgetMs = () => pollBudgetMs;
	const result = await workflow.nodeTypes.getByName(TRIGGER_TYPE).poll.call(context);
	return { result, staticData: workflow.staticData };
}

/**
 * Calls one of the node's `methods.listSearch` / `methods.loadOptions` functions as n8n's editor
 * does, through n8n-core's LoadOptionsContext. kind: 'listSearch' | 'loadOptions'.
 */
async function loadOptions({ kind = 'listSearch', method, filter, paginationToken, parameters = {}, credentials, timezone = 'UTC' } = {}) {
	const node = nodeFor(NODE_TYPE, 'Leeloo', parameters);
	const { workflow, workflowData } = makeWorkflow({ node, timezone });
	const additionalData = additionalDataFor(credentialsFor(credentials), workflowData);
	const context = new LoadOptionsContext(workflow, node, additionalData, '');
	return await nodeTypeInstances[NODE_TYPE].methods[kind][method].call(context, filter, paginationToken);
}

/** What the webhook trigger wrote to n8n's response object: a plain http.ServerResponse's API. */
function recordingResponse() {
	const response = { status: undefined, headers: {}, text: undefined, writes: 0 };
	response.writeHead = (status, headers = {}) => {
		response.status = status;
		response.headers = headers;
		return response;
	};
	response.end = (text) => {
		response.writes += 1;
		response.answeredAt = process.hrtime.bigint();
		response.text = text;
		response.body = text === undefined ? undefined : JSON.parse(text);
	};
	return response;
}

/**
 * Delivers one request to the webhook trigger through n8n-core's WebhookContext, as n8n's webhook
 * server does once it has parsed the body (`body`; `rawBody` is what came over the wire).
 * mode: 'webhook' (production URL) | 'manual' (test URL, while the editor listens).
 * Returns { response, result }: what the node answered, and what it hands n8n to start the workflow.
 */
async function receiveWebhook({ parameters, body, rawBody, query = {}, headers = {}, mode = 'webhook', credentials } = {}) {
	const node = nodeFor(WEBHOOK_TYPE, 'Leeloo Webhook Trigger', parameters, { webhookId: 'test-webhook-id' });
	const { workflow, workflowData } = makeWorkflow({ node, timezone: 'UTC' });
	const additionalData = additionalDataFor(credentialsFor(credentials), workflowData);
	const response = recordingResponse();
	const raw = rawBody ?? (body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
	additionalData.httpRequest = { method: 'POST', body: body ?? {}, rawBody: raw, query, headers: { 'content-type': 'application/json', ...headers }, params: {} };
	additionalData.httpResponse = response;
	const nodeType = nodeTypeInstances[WEBHOOK_TYPE];
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'test-webhook-id/webhook',
		webhookDescription: nodeType.description.webhooks[0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	};
	const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
	const result = await nodeType.webhook.call(context);
	return { response, result };
}

module.exports = {
	runNode,
	runLinked,
	poll,
	loadOptions,
	receiveWebhook,
	credentialReads: () => credentialReads,
	TOKEN,
	BASE_URL,
	NODE_TYPE,
	TOOL_TYPE,
	TRIGGER_TYPE,
	WEBHOOK_TYPE,
	DIST,
};
