import type { IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

// The one error guard. Every request (routing, list search, trigger) is sent with
// `ignoreHttpStatusErrors`, so each failure class reaches this place and becomes one clear
// NodeApiError. Leeloo also reports failures as HTTP 200 with `status: 0`.

export interface LeelooFailure {
	message: string;
	description: string;
	/** The HTTP status (n8n shows it as "Error code"; its pollers back off by 429/401/403), or the system code when no answer came. */
	httpCode: string;
	/** Leeloo's own error code (`error.code` of its answer) when it sent one. */
	leelooCode?: string;
	/** What the retry path needs: whether Leeloo certainly did not process the request, and how long it asked to wait. */
	kind: 'rateLimit' | 'auth' | 'notFound' | 'server' | 'refused' | 'rejected' | 'notJson' | 'network';
	retryAfterMs?: number;
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMsOf(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const seconds = Number(text);
	if (String(text).trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(text));
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

const TOKEN_HINT =
	'Open the Leeloo API credential and paste the token again from Leeloo: Settings → Integrations → Leeloo API → Tokens. Check that the Base URL points at the same Leeloo account.';

function describeFields(fields: unknown): string {
	if (!fields || typeof fields !== 'object') return '';
	return Object.entries(fields as Record<string, unknown>)
		.map(([field, problem]) => `${field}: ${typeof problem === 'string' ? problem : JSON.stringify(problem)}`)
		.join(', ');
}

function snippet(body: unknown): string {
	const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
	const compact = text.replace(/\s+/g, ' ').trim();
	return compact.length > 120 ? `${compact.slice(0, 120)}…` : compact;
}

/**
 * Classifies a Leeloo response; undefined means success. `target` names the request (method and
 * path); `subject` the ids it was about, as "Person 5b3f…" (for a 404).
 */
export function describeFailure(response: IN8nHttpFullResponse, target: string, subject?: string): LeelooFailure | undefined {
	const failure = classify(response, target, subject);
	if (!failure) return undefined;
	const code = leelooCodeOf(response.body);
	return code ? { ...failure, leelooCode: code } : failure;
}

/** Leeloo's error code in an answer (`{status: 0, error: {code}}`); undefined when it sent none. */
function leelooCodeOf(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return undefined;
	const error = (body as JsonObject).error;
	const code = error && typeof error === 'object' && !Array.isArray(error) ? (error as JsonObject).code : undefined;
	return typeof code === 'string' && code.trim() !== '' ? code.trim() : undefined;
}

function classify(response: IN8nHttpFullResponse, target: string, subject?: string): LeelooFailure | undefined {
	const { statusCode, body } = response;
	const httpCode = String(statusCode);
	const leelooError =
		body && typeof body === 'object' && !Buffer.isBuffer(body) ? (body as JsonObject) : undefined;

	if (statusCode === 429) {
		const retryAfterMs = retryAfterMsOf(response.headers?.['retry-after']);
		return {
			httpCode,
			kind: 'rateLimit',
			retryAfterMs,
			message: 'Leeloo rate limit reached (HTTP 429)',
			description: `Leeloo answered "${snippet(body) || 'Too many requests'}" to ${target}; it did not process the request. Lower Pacing and Retries → Max Requests per Second, or allow a longer Max Retry Time.`,
		};
	}
	if (statusCode === 401 || statusCode === 403) {
		return {
			httpCode,
			kind: 'auth',
			message: `Leeloo rejected the API token (HTTP ${httpCode})`,
			description: TOKEN_HINT,
		};
	}
	if (statusCode === 404) {
		return {
			httpCode,
			kind: 'notFound',
			message: subject ? `Leeloo has no ${subject} (HTTP 404 on ${target})` : `Leeloo has no record at ${target} (HTTP 404)`,
			description:
				'Check the ID in this request: it must belong to the Leeloo account of this credential. Pick it from the list to be sure.',
		};
	}
	if (statusCode >= 500) {
		return {
			httpCode,
			kind: 'server',
			message: `Leeloo server error (HTTP ${httpCode}) on ${target}`,
			description: 'The failure is on Leeloo’s side. Try again later.',
		};
	}
	if (leelooError?.status === 0 || (statusCode >= 400 && leelooError)) {
		const error = (leelooError.error ?? {}) as JsonObject;
		const code = typeof error.code === 'string' ? error.code : `HTTP ${httpCode}`;
		const fields = describeFields(error.fields);
		const serverMessage = typeof error.message === 'string' ? error.message : '';
		const tokenProblem = error.fields && typeof error.fields === 'object' && 'authToken' in error.fields;
		return {
			httpCode,
			kind: tokenProblem ? 'auth' : 'refused',
			message: `Leeloo refused ${target}: ${code}${fields ? ` (${fields})` : ''}`,
			description: tokenProblem
				? TOKEN_HINT
				: `${serverMessage ? `${serverMessage}. ` : ''}Correct the fields named in the message and run the node again.`,
		};
	}
	if (statusCode >= 400) {
		return {
			httpCode,
			kind: 'rejected',
			message: `Leeloo rejected ${target} (HTTP ${httpCode})`,
			description: `Leeloo answered: "${snippet(body)}". Check the parameters of this operation.`,
		};
	}
	if (!leelooError) {
		return {
			httpCode,
			kind: 'notJson',
			message: `Leeloo answered ${target} with something that is not JSON (HTTP ${httpCode})`,
			description: `The response began with "${snippet(body)}". Check the credential's Base URL: it should end with /api/v2 (for example https://api.leeloo.ai/api/v2).`,
		};
	}
	return undefined;
}

// Failed before a byte was sent: resending cannot duplicate anything.
export const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const SYSTEM_CODE = /^(E[A-Z]+|ERR_[A-Z_]+)$/;

/** The system error code of a request that got no answer (n8n's HTTP helpers wrap it once or twice). */
export function networkCodeOf(error: unknown): string | undefined {
	if (failureOf(error)) return undefined;
	for (let e = error as { code?: unknown; httpCode?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
		for (const code of [e.code, e.httpCode]) if (typeof code === 'string' && SYSTEM_CODE.test(code)) return code;
	}
	return undefined;
}

/** A request that got no answer; `target` names it when known. */
export function networkFailure(code: string, target?: string): LeelooFailure {
	return {
		kind: 'network',
		httpCode: code,
		message: `Leeloo could not be reached (${code})${target ? ` on ${target}` : ''}`,
		description: 'The connection failed or timed out. Check the Base URL of the credential and that Leeloo is up.',
	};
}

// The classification of each error thrown here, for the retry path (kept off the error object,
// which n8n serialises into the execution).
const failures = new WeakMap<Error, LeelooFailure>();

export function failureOf(error: unknown): LeelooFailure | undefined {
	return error instanceof Error ? failures.get(error) : undefined;
}

/** Why a request failed, as n8n-workflow 2.41+ declares it on NodeApiError (its durable scheduler backs a poll off by it). */
export type FailureCause =
	| { cause: 'rate-limited'; retryAfterMs?: number }
	| { cause: 'temporarily-unavailable' }
	| { cause: 'credential-invalid' };

export function failureCause(failure: LeelooFailure): FailureCause | undefined {
	if (failure.kind === 'rateLimit') {
		return failure.retryAfterMs ? { cause: 'rate-limited', retryAfterMs: failure.retryAfterMs } : { cause: 'rate-limited' };
	}
	if (failure.kind === 'auth') return { cause: 'credential-invalid' };
	if (failure.kind === 'server' || failure.kind === 'notJson' || failure.kind === 'network') {
		return { cause: 'temporarily-unavailable' };
	}
	return undefined;
}

/** What Leeloo's own error code was, in words. */
export function codeLine(failure: LeelooFailure): string {
	if (failure.kind === 'network') return `Leeloo did not answer (${failure.httpCode}), so it sent no error code`;
	if (failure.leelooCode) return `Leeloo's error code: ${failure.leelooCode} (HTTP ${failure.httpCode})`;
	return `Leeloo sent no error code (HTTP ${failure.httpCode})`;
}

export function leelooError(node: INode, failure: LeelooFailure, itemIndex?: number): NodeApiError {
	const cause = failureCause(failure);
	// Older n8n-workflow versions do not know `failure` and ignore it.
	const options: ConstructorParameters<typeof NodeApiError>[2] & { failure?: FailureCause } = {
		message: failure.message,
		description: failure.description,
		httpCode: failure.httpCode,
		itemIndex,
		...(cause ? { failure: cause } : {}),
	};
	const error = new NodeApiError(node, { httpCode: failure.httpCode, message: failure.message } as JsonObject, options);
	// n8n swaps a message that names a system error code (ECONNRESET) for its own text; keep ours.
	error.message = failure.message;
	// n8n's error details show these lines under "Full message" (all but the first, the message).
	error.messages = [failure.message, codeLine(failure)];
	failures.set(error, failure);
	return error;
}

export function throwIfFailed(
	node: INode,
	response: IN8nHttpFullResponse,
	target: string,
	itemIndex?: number,
	subject?: string,
): void {
	const failure = describeFailure(response, target, subject);
	if (failure) throw leelooError(node, failure, itemIndex);
}
