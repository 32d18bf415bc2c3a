import type {
	DeclarativeRestApiSettings,
	IDataObject,
	ICredentialDataDecryptedObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
	NodeApiError,
} from 'n8n-workflow';
import { throwIfFailed } from '../../shared/api/errors';
import { placeFields } from './fields';
import { Limiter } from './limiter';
import { labelOf } from './ids';
import { readPages } from './pagination';
import { readParameter } from './read';
import { present } from './present';
import { isTool } from './tool';
import { actionResultOf, listOf, recordOf } from '../../shared/api/envelopes';
import { sendWithRetry, type RetrySettings } from './retry';
import { CREDENTIAL, send } from '../../shared/api/transport';
import { checkId, FAILURE, isLeelooId, REFUSAL, toolSafe, type PreSend } from './validation';

// One routing builder for all operations. Each operation names its path template
// (`/people/{personId}/add-comment`) and the ids it sends in the body; each id is read once and
// validated before sending. Every request then goes through one path inside n8n's routing engine
// (its `pagination` hook, used for single requests too): the run's limiter, the retry rules, n8n's
// request helper with the credential read once per run, and the error guard, which runs first on
// every response.

export type OutputKind = 'action' | 'list' | 'paged' | 'record';

/** Finds the id of a record by its name (e.g. a tag by the name people carry). */
export type NameResolver = (ctx: IExecuteSingleFunctions, name: string, parameter: string) => Promise<string>;

export interface RouteOptions {
	/** Body property → id parameter, e.g. `{ account_id: 'accountId' }`. */
	bodyIds?: Record<string, string>;
	/** Id parameters that also take a record's name. */
	byName?: Record<string, NameResolver>;
	/** Steps after the ids are in place (e.g. a field always sent). */
	preSend?: PreSend[];
	/** For an operation that makes its own requests (Person → Create or Update) instead of the route's one. */
	perform?: Perform;
}

/** How such an operation sends each of its requests: on the same path as every route's. */
export interface RunRequests {
	/** One request through the run's limiter and retry rules, the credential read once per run and the error guard; answers Leeloo's body. */
	request: (options: IHttpRequestOptions, subject?: string) => Promise<unknown>;
	/** The limiter's ordering: `task` starts once every earlier task of the same key has settled. */
	inOrder: <T>(key: string, task: () => Promise<T>) => Promise<T>;
}

export type Perform = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	requests: RunRequests,
) => Promise<INodeExecutionData[]>;

// What each item's request is about: `METHOD /path` and the ids it names, for messages.
interface Prepared {
	target: string;
	ids: Record<string, string>;
}
const prepared = new WeakMap<object, Prepared>();

/** The item context behind a routing `this` (the pagination hook's is derived from it). */
const preparedFor = (ctx: object): Prepared | undefined => prepared.get(ctx) ?? prepared.get(Object.getPrototypeOf(ctx) as object);

/** One value per node run: n8n hands every item (and page) of a run the same execute data. */
export function oncePerRun<T>(cache: WeakMap<object, T>, ctx: Pick<IExecuteSingleFunctions, 'getExecuteData'>, create: () => T): T {
	const run = ctx.getExecuteData?.();
	if (!run) return create();
	if (!cache.has(run)) cache.set(run, create());
	return cache.get(run) as T;
}

const credentialsByRun = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

/** The credential, read once per run (n8n would read and decrypt it for every request: a tenth of a bulk send's time). */
const credentialsOf = (ctx: IExecuteSingleFunctions): Promise<ICredentialDataDecryptedObject> =>
	oncePerRun(credentialsByRun, ctx, async () => await ctx.getCredentials(CREDENTIAL));

const baseUrlOf = async (ctx: IExecuteSingleFunctions): Promise<string> => String((await credentialsOf(ctx)).baseUrl);

function prepare(method: IHttpRequestMethods, template: string, bodyIds: Record<string, string>, byName: Record<string, NameResolver>): PreSend {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const ids: Record<string, string> = {};
		const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).concat(Object.values(bodyIds));
		for (const name of names) {
			// The one read of this parameter.
			const value = readParameter(this, name, true);
			const resolve = name in byName ? byName[name] : undefined;
			ids[name] = resolve && typeof value === 'string' && value.trim() && !isLeelooId(value) ? await resolve(this, value.trim(), name) : checkId(this, name, labelOf(name), value);
		}
		const url = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]);
		const body = Object.keys(bodyIds).length
			? { ...(options.body as IDataObject), ...Object.fromEntries(Object.entries(bodyIds).map(([property, name]) => [property, ids[name]])) }
			: options.body;
		prepared.set(this, { target: `${method} ${url}`, ids });
		return { ...options, baseURL: await baseUrlOf(this), url, body };
	};
}

const subjectOf = (ids: Record<string, string> = {}) =>
	Object.entries(ids)
		.map(([name, id]) => `${labelOf(name)} ${id}`)
		.join(' or ') || undefined;

/** A step from Leeloo's answer to the node's items. */
type AfterResponse = (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) => Promise<INodeExecutionData[]>;

const guard: AfterResponse = async function (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) {
	const about = preparedFor(this);
	throwIfFailed(this.getNode(), response, about?.target ?? 'Leeloo', this.getItemIndex(), subjectOf(about?.ids));
	return items;
};

const presented = async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
	return await present.call(this, items, { accountId: preparedFor(this)?.ids.accountId });
};

const toItems = (read: (body: unknown) => unknown): AfterResponse =>
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
	return oncePerRun(runs, ctx, (): Run => {
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
	});
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

/** One request, then the steps that turn the answer into items, the error guard first. */
async function call(ctx: IExecutePaginationFunctions, options: DeclarativeRestApiSettings.HttpRequestOptions, steps: AfterResponse[]): Promise<INodeExecutionData[]> {
	const response = await send.call(ctx, options as IHttpRequestOptions, await credentialsOf(ctx));
	let items: INodeExecutionData[] = [{ json: response.body as INodeExecutionData['json'] }];
	for (const step of steps) items = await step.call(ctx, items, response);
	return items;
}

/** The requests of one item of an operation that makes its own (a route's `perform`). */
function requestsOf(ctx: IExecutePaginationFunctions): RunRequests {
	const { limiter, retry } = runOf(ctx);
	return {
		request: async (options, subject) => {
			const method = options.method ?? 'GET';
			const target = `${method} ${options.url}`;
			const checked: AfterResponse = async function (this: IExecuteSingleFunctions, items, response) {
				throwIfFailed(this.getNode(), response, target, this.getItemIndex(), subject);
				return items;
			};
			const [item] = await sendWithRetry({
				node: ctx.getNode(),
				itemIndex: ctx.getItemIndex(),
				method,
				target,
				limiter,
				settings: retry,
				signal: ctx.getExecutionCancelSignal?.(),
				send: async () => await call(ctx, options, [checked]),
			});
			return item.json;
		},
		inOrder: (key, task) => limiter.inOrder(key, task),
	};
}

function execute(output: OutputKind, perform?: Perform) {
	const steps = output === 'paged' ? [guard] : [guard, toItems(READERS[output]), presented];
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		// Under Continue On Fail: the error item n8n would make, here with its link.
		const items: INodeExecutionData[] = this.continueOnFail()
			? await answer.call(this, requestData).catch((error: NodeApiError) => [{ json: {}, error }])
			: await answer.call(this, requestData);
		// Each item names its input item: n8n links a declarative node's items only when every
		// input item gave exactly one, so `$('Earlier node').item` would fail after a list.
		const item = this.getItemIndex();
		for (const each of items) each.pairedItem = { item };
		return items;
	};

	async function answer(this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
		const held = requestData.options as unknown as IDataObject;
		if (held[FAILURE]) throw held[FAILURE];
		const refusal = held[REFUSAL] as IDataObject | undefined;
		if (refusal) return [{ json: refusal }];
		if (!isTool(this)) return await run.call(this, requestData);
		try {
			return await run.call(this, requestData);
		} catch (error) {
			// An agent reads the failure as the tool's answer and can correct itself.
			const { message, description } = error as { message: string; description?: string };
			return [{ json: { error: message, ...(description ? { hint: description } : {}) } }];
		}
	}

	async function run(this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
		if (perform) return await perform.call(this, requestData, requestsOf(this));
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
				send: async () => await call(this, options, steps),
			});
		if (output !== 'paged') return await limiter.inOrder(orderKey(requestData.options), () => request(requestData.options));

		const wanted = requestData.maxResults ? Number(requestData.maxResults) : Infinity;
		const records = await readPages(wanted, async (limit, offset) => {
			const [response] = await request({ ...requestData.options, qs: { ...(requestData.options.qs as IDataObject), limit, offset } });
			return response?.json;
		});
		return await presented.call(
			this,
			records.map((json) => ({ json })),
		);
	}
}

export function leelooRoute(
	method: IHttpRequestMethods,
	template: string,
	output: OutputKind,
	{ bodyIds = {}, byName = {}, preSend = [], perform }: RouteOptions = {},
): INodePropertyRouting {
	return {
		request: { method, url: template },
		send: { preSend: [prepare(method, template, bodyIds, byName), placeFields, ...preSend].map(toolSafe), paginate: true },
		operations: { pagination: execute(output, perform) },
	};
}
