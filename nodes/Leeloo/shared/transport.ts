import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { throwIfFailed } from './errors';
import { MAX_PAGE_SIZE } from './pagination';
import { readPage, type LeelooPage } from './records';

// Requests made outside the routing engine (list search, the trigger) go through here, so they
// share the credential, the base URL and the error guard with the routed operations.

type LeelooContext = ILoadOptionsFunctions | IPollFunctions | IExecuteSingleFunctions;

export { MAX_PAGE_SIZE };

export async function leelooApiRequest(
	this: LeelooContext,
	method: IHttpRequestMethods,
	path: string,
	qs: IDataObject = {},
): Promise<unknown> {
	const credentials = await this.getCredentials('leelooApi');
	const options: IHttpRequestOptions = {
		method,
		baseURL: String(credentials.baseUrl),
		url: path,
		qs,
		arrayFormat: 'repeat',
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	const response = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		'leelooApi',
		options,
	)) as IN8nHttpFullResponse;
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
