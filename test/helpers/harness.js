// Runs the built node through n8n-core's own engine (WorkflowExecute, RoutingNode, PollContext),
// as n8n does, with only the parts the n8n CLI normally supplies filled in here: the node-type
// registry and a credentials helper that applies the credential's authenticate().
const path = require('node:path');
const { WorkflowExecute, ExecutionLifecycleHooks, PollContext, LoadOptionsContext } = require('n8n-core');
const { Workflow, ICredentialsHelper, createDeferredPromise } = require('n8n-workflow');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { Leeloo } = require(path.join(DIST, 'nodes/Leeloo/Leeloo.node.js'));
const { LeelooApi } = require(path.join(DIST, 'credentials/LeelooApi.credentials.js'));

const TOKEN = 'test-token-7f3a9c1e5b2d4f60';
const BASE_URL = 'https://api.leeloo.test/api/v2';
const NODE_TYPE = 'n8n-nodes-leeloo.leeloo';
const TRIGGER_TYPE = 'n8n-nodes-leeloo.leelooTrigger';

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
const nodeTypeInstances = { [NODE_TYPE]: leeloo, [TOOL_TYPE]: leelooTool };
const trigger = loadTrigger();
if (trigger) nodeTypeInstances[TRIGGER_TYPE] = trigger;

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

function makeWorkflow({ node, timezone, staticData }) {
	const workflowData = {
		id: 'test-workflow',
		name: 'Leeloo test',
		nodes: [node],
		connections: {},
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
	const node = nodeFor(tool ? TOOL_TYPE : NODE_TYPE, 'Leeloo', parameters, {
		typeVersion,
		...(continueOnFail ? { onError: 'continueRegularOutput', continueOnFail: true } : {}),
	});
	const { workflow, workflowData } = makeWorkflow({ node, timezone });
	const additionalData = additionalDataFor(credentialsFor(credentials), workflowData);
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
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
		return { items: [], error };
	}
	const run = await done.promise;
	const taskData = run.data.resultData.runData.Leeloo?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: run.data.resultData.error ?? taskData?.error,
	};
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

module.exports = { runNode, poll, loadOptions, credentialReads: () => credentialReads, TOKEN, BASE_URL, NODE_TYPE, TOOL_TYPE, TRIGGER_TYPE, DIST };
