import type { IHttpRequestMethods, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { failureOf, leelooError, networkCodeOf, networkFailure, NOT_SENT, type LeelooFailure } from '../../shared/api/errors';
import { sleep, type Limiter } from './limiter';

// The one retry path. A request is sent again only when that cannot apply anything twice: any
// request Leeloo answered 429 (it did not process it) or that never left (no connection), and
// reads (GET) also after a server error, a non-JSON answer, a dropped connection or a timeout.
// A write that may have been applied is never resent: it fails with a message saying so.

export interface RetrySettings {
	enabled: boolean;
	/** Total time one request may spend waiting between its attempts. */
	maxWaitMs: number;
}

export const MAX_ATTEMPTS = 10;
const BASE_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30000;

/** Exponential backoff with jitter (0.5× to 1.5×) for the n-th retry (1-based). */
export function backoffMs(retry: number, random = Math.random): number {
	const base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (retry - 1));
	return Math.round(base * (0.5 + random()));
}

type Verdict =
	| { retry: true; waitMs?: number; everyone: boolean }
	| { retry: false; mayBeApplied: boolean };

function judge(failure: LeelooFailure, read: boolean, code?: string): Verdict {
	if (failure.kind === 'rateLimit') return { retry: true, waitMs: failure.retryAfterMs, everyone: true };
	if (failure.kind === 'network' && code && NOT_SENT.has(code)) return { retry: true, everyone: false };
	const unsure = failure.kind === 'server' || failure.kind === 'notJson' || failure.kind === 'network';
	if (!unsure) return { retry: false, mayBeApplied: false };
	return read ? { retry: true, everyone: false } : { retry: false, mayBeApplied: true };
}

const WRITE_ADVICE =
	'To retry only what failed, set Settings → On Error to "Continue (using error output)" and run the failed items again. Do not use Settings → Retry On Fail: it re-runs the whole node and sends again the items that already went through.';

function gaveUp(node: INode, failure: LeelooFailure, attempts: number, startedAt: number, read: boolean, retried: boolean, itemIndex: number) {
	const seconds = Math.round((Date.now() - startedAt) / 1000);
	return leelooError(
		node,
		{
			...failure,
			message: `${failure.message}: gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} over ${seconds} s${retried ? '' : ' (retries are off)'}`,
			description: `${failure.description}${read ? '' : ` Nothing was applied for this item. ${WRITE_ADVICE}`}`,
		},
		itemIndex,
	);
}

function notResent(node: INode, failure: LeelooFailure, itemIndex: number) {
	return leelooError(
		node,
		{
			...failure,
			message: `${failure.message}: it may or may not have been applied, so it was not sent again`,
			description: `Leeloo may have processed this write before the answer failed; sending it again could apply it twice (a second message, a second order). Check in Leeloo before running this item again. ${WRITE_ADVICE}`,
		},
		itemIndex,
	);
}

export interface Attempt<T> {
	node: INode;
	itemIndex: number;
	method: IHttpRequestMethods;
	target: string;
	limiter: Limiter;
	settings: RetrySettings;
	signal?: AbortSignal;
	send: () => Promise<T>;
}

/** Sends through the limiter, retrying what is safe within the settings' bounds. */
export async function sendWithRetry<T>({ node, itemIndex, method, target, limiter, settings, signal, send }: Attempt<T>): Promise<T> {
	const read = method === 'GET';
	const startedAt = Date.now();
	let waited = 0;
	for (let attempt = 1; ; attempt++) {
		let failure: LeelooFailure | undefined;
		let code: string | undefined;
		try {
			const result = await limiter.attempt(send);
			limiter.succeeded();
			return result;
		} catch (error) {
			failure = failureOf(error);
			code = networkCodeOf(error);
			if (!failure && code) failure = networkFailure(code, target);
			if (!failure) throw error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeApiError(node, error as JsonObject);
		}
		const verdict = judge(failure, read, code);
		if (!verdict.retry) {
			if (verdict.mayBeApplied) throw notResent(node, failure, itemIndex);
			throw leelooError(node, failure, itemIndex);
		}
		const waitMs = verdict.waitMs ?? backoffMs(attempt);
		if (verdict.everyone) limiter.rateLimited(waitMs);
		if (!settings.enabled || attempt >= MAX_ATTEMPTS || waited + waitMs > settings.maxWaitMs || signal?.aborted) {
			throw gaveUp(node, failure, attempt, startedAt, read, settings.enabled, itemIndex);
		}
		waited += waitMs;
		await sleep(waitMs, signal);
	}
}
