import type {
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
	PostReceiveAction,
} from 'n8n-workflow';
import { throwIfFailed } from './errors';
import { labelOf } from './locators';
import { paginate, type ItemsTransform } from './pagination';
import { actionResultOf, listOf, recordOf } from './records';
import { readId } from './validation';

// One routing builder for all operations: the path template names its id parameters
// (`/people/{personId}/add-comment`), each id is validated before sending, the error guard runs
// first on every response, and the answer is turned into items by the operation's output kind.

export type OutputKind = 'action' | 'list' | 'paged' | 'record';

function resolvePath(ctx: IExecuteSingleFunctions, template: string): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => readId(ctx, name, labelOf(name)));
}

function guard(method: IHttpRequestMethods, template: string): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) {
		throwIfFailed(this.getNode(), response, `${method} ${resolvePath(this, template)}`, this.getItemIndex());
		return items;
	};
}

const toItems = (read: (body: unknown) => unknown) =>
	async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		return items.flatMap(({ json }) => ([] as unknown[]).concat(read(json)).map((record) => ({ json: record as INodeExecutionData['json'] })));
	};

const READERS = {
	action: actionResultOf,
	list: (body: unknown) => listOf((body as { data?: unknown } | undefined)?.data),
	record: recordOf,
} as const;

export function leelooRoute(
	method: IHttpRequestMethods,
	template: string,
	output: OutputKind,
	transform?: ItemsTransform,
): INodePropertyRouting {
	const transforms = transform ? [transform] : [];
	return {
		request: { method, url: template },
		send: {
			...(template.includes('{')
				? {
						preSend: [
							async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
								return { ...options, url: resolvePath(this, template) };
							},
						],
					}
				: {}),
			...(output === 'paged' ? { paginate: true } : {}),
		},
		...(output === 'paged' ? { operations: { pagination: paginate(transforms) } } : {}),
		output: {
			postReceive:
				output === 'paged'
					? [guard(method, template)]
					: [
							guard(method, template),
							toItems(READERS[output]),
							...transforms,
						],
		},
	};
}
