'use strict';
// The agent workflow the e2e imports: Webhook → AI Agent, with n8n's OpenAI Chat Model (its
// credential's base URL is the scripted server) and five Leeloo tool nodes. Each tool input the
// model fills is a $fromAI() call built the way n8n's editor builds it when a user clicks "Let the
// model define this parameter": the key is the parameter's display name (non-alphanumerics as
// "_"); the description, which the editor leaves empty, is the node's own description of that
// parameter, as a careful author would fill it in. So everything the model reads about a tool
// comes from the node's description (see docs/agent-tool-design.md).
const crypto = require('crypto');
const { CREDENTIAL } = require('../workflows');

const WORKFLOW_ID = 'e2eLeelooAgent01'; // n8n ids are at most 16 characters
const WEBHOOK_PATH = 'leeloo-agent-e2e';
const CREDENTIALS = {
	// The sandbox credential every e2e stage imports (test-e2e/lib/stage.js).
	leeloo: CREDENTIAL,
	openAi: { id: 'e2eAgentOpenAi01', name: 'Scripted model' },
};

// Tool node name (= the tool name the model sees) → operation and the parameters the model fills.
const TOOLS = {
	find_people: { resource: 'person', operation: 'getAll', fixed: { returnAll: false, limit: 10 }, fromAi: ['filters.phone'] },
	list_people: { resource: 'person', operation: 'getAll', fixed: { returnAll: false }, fromAi: ['limit'] },
	get_person: { resource: 'person', operation: 'get', fromAi: ['personId'] },
	tag_person: { resource: 'tag', operation: 'addToPerson', fromAi: ['personId', 'tagId'] },
	send_message: { resource: 'message', operation: 'send', fromAi: ['accountId', 'text'] },
};

// `@version` conditions as n8n reads them: a version, or { _cnd: { gte | lte | gt | lt | eq: v } }.
const CND = { gte: (a, b) => a >= b, lte: (a, b) => a <= b, gt: (a, b) => a > b, lt: (a, b) => a < b, eq: (a, b) => a === b };
const versionMatches = (conditions, version) =>
	conditions.some((c) => (c && typeof c === 'object' && c._cnd ? Object.entries(c._cnd).every(([op, v]) => CND[op]?.(version, v)) : c === version));

const shows = (prop, resource, operation, version) => {
	const show = prop.displayOptions?.show || {};
	const hide = prop.displayOptions?.hide || {};
	return (
		(!show.resource || show.resource.includes(resource)) &&
		(!show.operation || show.operation.includes(operation)) &&
		!show.returnAll?.includes(true) &&
		(!show['@version'] || versionMatches(show['@version'], version)) &&
		!(hide['@version'] && versionMatches(hide['@version'], version))
	);
};

/** The node property behind `path` ("limit", "filters.phone") as shown for resource/operation. */
function propertyOf(description, resource, operation, path, version) {
	const [top, child] = path.split('.');
	const prop = description.properties.find((p) => p.name === top && shows(p, resource, operation, version));
	if (!prop) throw new Error(`the node shows no parameter "${top}" for ${resource} → ${operation}`);
	if (!child) return prop;
	const option = (prop.options || []).find((o) => o.name === child);
	if (!option) throw new Error(`parameter "${top}" of ${resource} → ${operation} has no field "${child}"`);
	return option;
}

// n8n's editor (fromAIOverrideUtils: sanitizeFromAiParameterName(buildUniqueName(...))).
const fromAiKey = (displayName) => displayName.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 63);
const fromAiType = (type) => (['boolean', 'number', 'json'].includes(type) ? type : 'string');
const stripHtml = (text) => String(text || '').replace(/<[^>]+>/g, '').trim();

function fromAi(prop) {
	const key = fromAiKey(prop.displayName);
	const description = stripHtml(prop.description).replace(/[`\\]/g, '');
	const expression = `={{ $fromAI('${key}', \`${description}\`, '${fromAiType(prop.type)}') }}`;
	return { key, description, value: prop.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: expression } : expression };
}

function setPath(target, path, value) {
	const [top, child] = path.split('.');
	if (child) target[top] = { ...(target[top] || {}), [child]: value };
	else target[top] = value;
}

const node = (name, type, typeVersion, parameters, position, extra = {}) => ({ id: crypto.randomUUID(), name, type, typeVersion, position, parameters, ...extra });

/**
 * nodeDescription: the built Leeloo node's description (dist). versions: { agent, model } type
 * versions for this n8n line. Returns { workflow, tools: { [name]: { keys: {path: key}, ... } } }.
 */
function agentWorkflow(nodeDescription, versions) {
	const leelooVersion = Math.max(...[].concat(nodeDescription.version));
	const tools = {};
	const toolNodes = Object.entries(TOOLS).map(([name, spec], i) => {
		const parameters = { resource: spec.resource, operation: spec.operation, ...(spec.fixed || {}) };
		const keys = {};
		for (const path of spec.fromAi) {
			const { key, description, value } = fromAi(propertyOf(nodeDescription, spec.resource, spec.operation, path, leelooVersion));
			setPath(parameters, path, value);
			keys[path] = { key, description };
		}
		tools[name] = { ...spec, keys };
		return node(name, 'n8n-nodes-leeloo.leelooTool', leelooVersion, parameters, [600 + 160 * i, 420], {
			credentials: { leelooApi: CREDENTIALS.leeloo },
		});
	});
	const webhook = node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', options: {} }, [0, 200], {
		webhookId: crypto.randomUUID(),
	});
	const agent = node(
		'AI Agent',
		'@n8n/n8n-nodes-langchain.agent',
		versions.agent,
		{ promptType: 'define', text: '={{ $json.body.prompt }}', options: { systemMessage: 'You manage contacts in Leeloo with the tools you have.', maxIterations: 10 } },
		[300, 200],
	);
	const model = node(
		'OpenAI Chat Model',
		'@n8n/n8n-nodes-langchain.lmChatOpenAi',
		versions.model,
		{ model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: { maxRetries: 0 } },
		[300, 420],
		{ credentials: { openAiApi: CREDENTIALS.openAi } },
	);
	const connections = {
		Webhook: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	for (const t of toolNodes) connections[t.name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	const workflow = {
		id: WORKFLOW_ID,
		name: 'E2E Leeloo as an agent tool',
		active: false,
		nodes: [webhook, agent, model, ...toolNodes],
		connections,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all', saveManualExecutions: true },
		pinData: {},
	};
	return { workflow, tools };
}

module.exports = { WORKFLOW_ID, WEBHOOK_PATH, CREDENTIALS, TOOLS, agentWorkflow, fromAiKey };
