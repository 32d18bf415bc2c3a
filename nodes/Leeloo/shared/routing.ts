import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
	PostReceiveAction,
} from 'n8n-workflow';
import { throwIfFailed } from './errors';
import { Limiter } from './limiter';
import { labelOf } from './locators';
import { readPages } from './pagination';
import { actionResultOf, listOf, recordOf } from './records';
import { sendWithRetry, type RetrySettings } from './retry';
import { readId, type PreSend } from './validation';

// One routing builder for all operations. Each operation names its path template
// (`/people/{personId}/add-comment`) and the ids it sends in the body; each id is read once and
// validated before sending. Every request then goes through one path inside n8n's routing engine
// (its `pagination` hook, used for single requests too): the run's limiter, the retry rules and
// the error guard, which runs first on every response.

export type OutputKind = 'action' | 'list' | 'paged' | 'record';
export type ItemsTransform = (this: IExecuteSingleFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

export interface RouteOptions {
	/** Body property → id parameter, e.g. `{ account_id: 'accountId' }`. */
	bodyIds?: Record<string, string>;
	/** Steps after the ids are in place (e.g. a field always sent). */
	preSend?: PreSend[];
	transform?: ItemsTransform;
}

// The request each item's context is about, as `METHOD /path`, for error messages.
const targets = new WeakMap<object, string>();

function prepare(method: IHttpRequestMethods, template: string, bodyIds: Record<string, string>) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const url = template.replace(/\{(\w+)\}/g, (_, name: string) => readId(this, name, labelOf(name)));
		const ids = Object.entries(bodyIds);
		const body = ids.length
			? { ...(options.body as IDataObject), ...Object.fromEntries(ids.map(([property, name]) => [property, readId(this, name, labelOf(name))])) }
			: options.body;
		targets.set(this, `${method} ${url}`);
		return { ...options, url, body };
	};
}

const guard: PostReceiveAction = async function (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) {
	throwIfFailed(this.getNode(), response, targets.get(this) ?? 'Leeloo', this.getItemIndex());
	return items;
};

const toItems = (read: (body: unknown) => unknown) =>
	async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		return items.flatMap(({ json }) => ([] as unknown[]).concat(read(json)).map((record) => ({ json: record as INodeExecutionData['json'] })));
	};

const READERS = {
	action: actionResultOf,
	list: (body: unknown) => listOf((body as { data?: unknown } | undefined)?.data),
	record: recordOf,
} as const;

interface Run {
	limiter: Limiter;
	retry: RetrySettings;
}

export interface PacingParameters {
	maxRequestsPerSecond?: number;
	maxInFlight?: number;
	retry?: boolean;
	maxRetryTime?: number;
}

export const PACING_DEFAULTS = { maxRequestsPerSecond: 0, maxInFlight: 10, retry: true, maxRetryTime: 120 } as const;

const runs = new WeakMap<object, Run>();

/** The settings and limiter of this node run, read once (from the first item that asks). */
function runOf(ctx: IExecutePaginationFunctions): Run {
	const create = (): Run => {
		const pacing = { ...PACING_DEFAULTS, ...(ctx.getNodeParameter('pacing', {}) as PacingParameters) };
		const number = (value: unknown, fallback: number) => (Number.isFinite(Number(value)) ? Number(value) : fallback);
		return {
			limiter: new Limiter(
				{
					maxInFlight: number(pacing.maxInFlight, PACING_DEFAULTS.maxInFlight),
					maxPerSecond: number(pacing.maxRequestsPerSecond, 0),
				},
				ctx.getExecutionCancelSignal?.(),
			),
			retry: { enabled: pacing.retry !== false, maxWaitMs: number(pacing.maxRetryTime, PACING_DEFAULTS.maxRetryTime) * 1000 },
		};
	};
	const key = ctx.getExecuteData?.();
	if (!key) return create();
	let run = runs.get(key);
	if (!run) {
		run = create();
		runs.set(key, run);
	}
	return run;
}

// Writes to the same channel or person share a key, so they reach Leeloo in item order.
function orderKey(options: DeclarativeRestApiSettings.HttpRequestOptions): string | undefined {
	if ((options.method ?? 'GET') === 'GET') return undefined;
	const body = (options.body ?? {}) as IDataObject;
	const ids = [
		...(String(options.url).match(/[0-9a-f]{24}/gi) ?? []),
		...['account_id', 'person_id', 'personId'].map((key) => body[key]).filter((id): id is string => typeof id === 'string'),
	];
	return ids.length ? ids.join('|') : undefined;
}

function execute(output: OutputKind, transforms: ItemsTransform[]) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const { limiter, retry } = runOf(this);
		const method = (requestData.options.method ?? 'GET') as IHttpRequestMethods;
		const request = (options: DeclarativeRestApiSettings.HttpRequestOptions) =>
			sendWithRetry({
				node: this.getNode(),
				itemIndex: this.getItemIndex(),
				method,
				target: `${method} ${options.url}`,
				limiter,
				settings: retry,
				signal: this.getExecutionCancelSignal?.(),
				send: () => this.makeRoutingRequest({ ...requestData, options }),
			});
		if (output !== 'paged') return await limiter.inOrder(orderKey(requestData.options), () => request(requestData.options));

		const wanted = requestData.maxResults ? Number(requestData.maxResults) : Infinity;
		const records = await readPages(wanted, async (limit, offset) => {
			const [response] = await request({ ...requestData.options, qs: { ...(requestData.options.qs as IDataObject), limit, offset } });
			return response?.json;
		});
		let items: INodeExecutionData[] = records.map((json) => ({ json }));
		for (const transform of transforms) items = await transform.call(this, items);
		return items;
	};
}

export function leelooRoute(
	method: IHttpRequestMethods,
	template: string,
	output: OutputKind,
	{ bodyIds = {}, preSend = [], transform }: RouteOptions = {},
): INodePropertyRouting {
	const transforms = transform ? [transform] : [];
	return {
		request: { method, url: template },
		send: { preSend: [prepare(method, template, bodyIds), ...preSend], paginate: true },
		operations: { pagination: execute(output, transforms) },
		output: {
			postReceive: output === 'paged' ? [guard] : [guard, toItems(READERS[output]), ...transforms],
		},
	};
}
