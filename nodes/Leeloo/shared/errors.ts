import type { IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

// The one error guard. Every request (routing, list search, trigger) is sent with
// `ignoreHttpStatusErrors`, so each failure class reaches this place and becomes one clear
// NodeApiError. Leeloo also reports failures as HTTP 200 with `status: 0`.

export interface LeelooFailure {
	message: string;
	description: string;
	httpCode: string;
}

const TOKEN_HINT =
	'Open the Leeloo API credential and paste the token again from Leeloo: Settings → API. Check that the Base URL points at the same Leeloo account.';

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

/** Classifies a Leeloo response; undefined means success. `target` names the request (method and path). */
export function describeFailure(response: IN8nHttpFullResponse, target: string): LeelooFailure | undefined {
	const { statusCode, body } = response;
	const httpCode = String(statusCode);
	const leelooError =
		body && typeof body === 'object' && !Buffer.isBuffer(body) ? (body as JsonObject) : undefined;

	if (statusCode === 429) {
		const retryAfter = response.headers?.['retry-after'];
		return {
			httpCode,
			message: 'Leeloo rate limit reached (HTTP 429)',
			description: `Leeloo answered "${snippet(body) || 'Too many requests'}" to ${target}. ${
				retryAfter ? `It asks to retry after ${String(retryAfter)} s. ` : ''
			}Wait a minute, or space the requests out: node Options → Request Options → Batching, or Settings → Retry On Fail.`,
		};
	}
	if (statusCode === 401 || statusCode === 403) {
		return {
			httpCode,
			message: `Leeloo rejected the API token (HTTP ${httpCode})`,
			description: TOKEN_HINT,
		};
	}
	if (statusCode === 404) {
		return {
			httpCode,
			message: `Leeloo has no record at ${target} (HTTP 404)`,
			description:
				'Check the ID in this request: it must belong to the Leeloo account of this credential. Pick it from the list to be sure.',
		};
	}
	if (statusCode >= 500) {
		return {
			httpCode,
			message: `Leeloo server error (HTTP ${httpCode}) on ${target}`,
			description:
				'The failure is on Leeloo’s side. Try again later, or turn on Settings → Retry On Fail for this node.',
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
			message: `Leeloo refused ${target}: ${code}${fields ? ` (${fields})` : ''}`,
			description: tokenProblem
				? TOKEN_HINT
				: `${serverMessage ? `${serverMessage}. ` : ''}Correct the fields named in the message and run the node again.`,
		};
	}
	if (statusCode >= 400) {
		return {
			httpCode,
			message: `Leeloo rejected ${target} (HTTP ${httpCode})`,
			description: `Leeloo answered: "${snippet(body)}". Check the parameters of this operation.`,
		};
	}
	if (!leelooError) {
		return {
			httpCode,
			message: `Leeloo answered ${target} with something that is not JSON (HTTP ${httpCode})`,
			description: `The response began with "${snippet(body)}". Check the credential's Base URL: it should end with /api/v2 (for example https://api.leeloo.ai/api/v2).`,
		};
	}
	return undefined;
}

export function throwIfFailed(
	node: INode,
	response: IN8nHttpFullResponse,
	target: string,
	itemIndex?: number,
): void {
	const failure = describeFailure(response, target);
	if (!failure) return;
	throw new NodeApiError(
		node,
		{ httpCode: failure.httpCode, message: failure.message } as JsonObject,
		{ ...failure, itemIndex },
	);
}
