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
import { placeFields, type Field } from './fields';
import { Limiter } from './limiter';
import { labelOf } from './ids';
import { readPages } from './pagination';
import { present, type OutputPlan } from './present';
import { readParameter } from './read';
import { isTool } from './tool';
import { actionResultOf, listOf, recordOf } from '../../shared/api/envelopes';
import { sendWithRetry, type RetrySettings } from './retry';
import { CREDENTIAL, send } from '../../shared/api/transport';
import { carriedOf, carry, withoutCarried, type Carried } from './request';
import { checkId, isLeelooId, toolSafe, type PreSend } from './validation';

// One routing builder for all operations (see README.md here). Each operation names its path
// template (`/people/{personId}/add-comment`) and the ids it sends in the body; each id is read once
// and validated before sending, and what the route learns travels with the request
// (engine/request.ts). Every request then goes through one path inside n8n's routing engine (its
// `pagination` hook, used for single requests too): the run's limiter, the retry rules, n8n's
// request helper with the credential read once per run, and the error guard, which runs first on
// every response.

export type OutputKind = 'action' | 'list' | 'paged' | 'record';

/** Finds the id of a record by its name (e.g. a tag by the name people carry). */
export type NameResolver = (ctx: IExecuteSingleFunctions, name: string, parameter: string) => Promise<string>;

/** An operation's request, as its declaration in resources/ states it. */
export interface Route {
	method: IHttpRequestMethods;
	/** The path, with its id parameters as `{name}`: `/people/{personId}/add-comment`. */
	path: string;
	/** How Leeloo's answer becomes items. */
	response: OutputKind;
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
	/** The operation's records as it returns them (engine/present.ts). */
	present: (items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
}

export type Perform = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	requests: RunRequests,
) => Promise<INodeExecutionData[]>;

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

// Writes to the same channel or person share an ordering key (with the ids of their path), so
// they reach Leeloo in item order.
const ORDERED_BODY_IDS = ['accountId', 'personId'];

function prepare(method: IHttpRequestMethods, template: string, bodyIds: Record<string, string>, byName: Record<string, NameResolver>): PreSend {
	const pathIds = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
	const ordered = method === 'GET' ? [] : [...pathIds, ...Object.values(bodyIds).filter((name) => ORDERED_BODY_IDS.includes(name))];
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const ids: Record<string, string> = {};
		const names = pathIds.concat(Object.values(bodyIds));
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
		const orderKey = ordered.map((name) => ids[name]).join('|') || undefined;
		return carry({ ...options, baseURL: await baseUrlOf(this), url, body }, { target: `${method} ${url}`, ids, orderKey });
	};
}

const subjectOf = (ids: Record<string, string> = {}) =>
	Object.entries(ids)
		.map(([name, id]) => `${labelOf(name)} ${id}`)
		.join(' or ') || undefined;

/** A step from Leeloo's answer to the node's items. */
type AfterResponse = (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) => Promise<INodeExecutionData[]>;

/** The error guard, first on every response: what failed is named by what the request carried. */
const guardFor = ({ target, ids }: Carried): AfterResponse =>
	async function (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) {
		throwIfFailed(this.getNode(), response, target ?? 'Leeloo', this.getItemIndex(), subjectOf(ids));
		return items;
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

/** One request, then the steps that turn the answer into items, the error guard first. */
async function call(ctx: IExecutePaginationFunctions, options: DeclarativeRestApiSettings.HttpRequestOptions, steps: AfterResponse[]): Promise<INodeExecutionData[]> {
	const response = await send.call(ctx, withoutCarried(options) as IHttpRequestOptions, await credentialsOf(ctx));
	let items: INodeExecutionData[] = [{ json: response.body as INodeExecutionData['json'] }];
	for (const step of steps) items = await step.call(ctx, items, response);
	return items;
}

/** The requests of one item of an operation that makes its own (a route's `perform`). */
function requestsOf(ctx: IExecutePaginationFunctions, presented: RunRequests['present']): RunRequests {
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
		present: presented,
	};
}

function execute(kind: OutputKind, output: OutputPlan, perform?: Perform) {
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
		const { failure, refusal } = carriedOf(requestData.options);
		if (failure) throw failure;
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
		const carried = carriedOf(requestData.options);
		const presented = async (items: INodeExecutionData[]) => await present.call(this, items, output, carried.ids);
		if (perform) return await perform.call(this, requestData, requestsOf(this, presented));
		const guard = guardFor(carried);
		const steps = kind === 'paged' ? [guard] : [guard, toItems(READERS[kind]), presented];
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
		if (kind !== 'paged') return await limiter.inOrder(carried.orderKey, () => request(requestData.options));

		const wanted = requestData.maxResults ? Number(requestData.maxResults) : Infinity;
		const records = await readPages(wanted, async (limit, offset) => {
			const [response] = await request({ ...requestData.options, qs: { ...(requestData.options.qs as IDataObject), limit, offset } });
			return response?.json;
		});
		return await presented(records.map((json) => ({ json })));
	}
}

/** An operation's routing: its request, the fields it shows (`fields`, sent with it) and what it returns (`output`). */
export function leelooRoute(
	{ method, path, response, bodyIds = {}, byName = {}, preSend = [], perform }: Route,
	fields: Field[],
	output: OutputPlan,
): INodePropertyRouting {
	const place: PreSend = async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		return await placeFields.call(this, options, fields);
	};
	return {
		request: { method, url: path },
		send: { preSend: [prepare(method, path, bodyIds, byName), place, ...preSend].map(toolSafe), paginate: true },
		operations: { pagination: execute(response, output, perform) },
	};
}
