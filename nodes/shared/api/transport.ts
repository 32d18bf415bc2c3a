import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { throwIfFailed } from './errors';
import { MAX_PAGE_SIZE, readPage, type LeelooPage } from './envelopes';

// Every request to Leeloo leaves through `send`: the routed operations (engine/routing.ts) and the
// requests made outside the routing engine (list search, the trigger, tag names), which also share
// the base URL and the error guard here.

type LeelooContext = ILoadOptionsFunctions | IPollFunctions | IExecuteSingleFunctions | IWebhookFunctions;

export { MAX_PAGE_SIZE };

export const CREDENTIAL = 'leelooApi';

/**
 * One request with n8n's request helper and the credential's authentication, answered in full.
 * The credential is handed over as read by the caller: the helper would read it from n8n's
 * database and decrypt it again for every request.
 */
export async function send(this: LeelooContext, options: IHttpRequestOptions, credentials: ICredentialDataDecryptedObject): Promise<IN8nHttpFullResponse> {
	return (await this.helpers.httpRequestWithAuthentication.call(
		this,
		CREDENTIAL,
		{ ...options, returnFullResponse: true },
		{ credentialsDecrypted: { id: '', name: CREDENTIAL, type: CREDENTIAL, data: credentials } },
	)) as IN8nHttpFullResponse;
}

export async function leelooApiRequest(
	this: LeelooContext,
	method: IHttpRequestMethods,
	path: string,
	qs: IDataObject = {},
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL);
	const options: IHttpRequestOptions = {
		method,
		baseURL: String(credentials.baseUrl),
		url: path,
		qs,
		arrayFormat: 'repeat',
		json: true,
		ignoreHttpStatusErrors: true,
	};
	const response = await send.call(this, options, credentials);
	throwIfFailed(this.getNode(), response, `${method} ${path}`);
	return response.body;
}

/** One page of a limit/offset list (E04, E06, E10, E13, E23, E27). */
export async function leelooPage(
	this: LeelooContext,
	path: string,
	offset: number,
	limit = MAX_PAGE_SIZE,
	qs: IDataObject = {},
): Promise<LeelooPage> {
	return readPage(await leelooApiRequest.call(this, 'GET', path, { ...qs, limit, offset }));
}
