import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class LeelooApi implements ICredentialType {
	name = 'leelooApi';

	displayName = 'Leeloo API';

	icon: Icon = { light: 'file:../icons/leeloo.svg', dark: 'file:../icons/leeloo.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-leeloo#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The token from Leeloo: Settings → Integrations → Leeloo API → Tokens. Sent as the X-Leeloo-AuthToken header.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.leeloo.ai/api/v2',
			required: true,
			description: 'Root of the Leeloo API v2. Change it only for a staging or self-run server.',
		},
	];

	// A function, not a generic `={{$credentials.apiToken}}` header: n8n would evaluate that
	// expression for every request, a tenth of a bulk run's time.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-Leeloo-AuthToken': String(credentials.apiToken) } };
	}

	// E20 is the cheapest authenticated call. Leeloo may answer a bad token with HTTP 200 and
	// `status: 0`, so the rule fails the test on that body as well (n8n fails on HTTP errors itself).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/tags',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 0,
					message: 'Leeloo rejected the API token. Copy it again from Leeloo: Settings → Integrations → Leeloo API → Tokens.',
				},
			},
		],
	};
}
