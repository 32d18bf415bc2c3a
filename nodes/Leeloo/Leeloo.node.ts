import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { PROPERTIES } from './assembly';
import { listSearch, loadOptions } from './listSearch';

// Declarative: every operation is `routing`. Each is declared once, in resources/<resource>.ts
// (its E-number of docs/leeloo-api.md, request, parameters, output and tool description);
// assembly.ts derives the parameters below from those declarations, and engine/ (README.md there)
// sends each item's request through n8n's routing engine.
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
		properties: [...PROPERTIES],
	};

	methods = { listSearch, loadOptions };
}
