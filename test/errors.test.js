// The shared error guard (nodes/shared/api/errors.ts): every failure class becomes a
// NodeApiError with a message saying what happened and a description saying what to do.
const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const PERSON = '5b3f543bb2737000133d25b0';
const TAG = '5e3bf3fdb70492000f72cd6c';
const rl = (value) => ({ __rl: true, mode: 'id', value });
const listTags = { resource: 'tag', operation: 'getAll' };
// Retries have tests of their own (test/pacing.test.js); here each failure is seen once.
const listTagsOnce = { ...listTags, pacing: { retry: false } };
const addTag = { resource: 'tag', operation: 'addToPerson', personId: rl(PERSON), tagId: rl(TAG) };

function api() {
	return nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } });
}

function expectNoToken(result) {
	const everything = JSON.stringify({
		items: result.items,
		error: result.error && { ...result.error, message: result.error.message, description: result.error.description },
	});
	expect(everything).not.toContain(TOKEN);
}

describe('error guard', () => {
	test('status 0 on HTTP 200 is a failure naming the code and the failing fields', async () => {
		api()
			.put(`/people/${PERSON}/add-tag`, { tag_id: TAG })
			.reply(200, { status: 0, error: { code: 'VALIDATION_ERROR', fields: { tag_id: 'NOT_FOUND' } } });
		const result = await runNode({ parameters: addTag });
		expect(result.error.message).toBe(`Leeloo refused PUT /people/${PERSON}/add-tag: VALIDATION_ERROR (tag_id: NOT_FOUND)`);
		expect(result.error.description).toBe('Correct the fields named in the message and run the node again.');
		expect(result.items).toEqual([]);
		expectNoToken(result);
	});

	test('status 0 about the token points at the credential', async () => {
		api().get('/tags').reply(200, { status: 0, error: { code: 'FORMAT_ERROR', fields: { authToken: 'REQUIRED' } } });
		const result = await runNode({ parameters: listTags });
		expect(result.error.message).toBe('Leeloo refused GET /tags: FORMAT_ERROR (authToken: REQUIRED)');
		expect(result.error.description).toMatch(/paste the token again/);
		expectNoToken(result);
	});

	test('a server message in error.message is shown', async () => {
		api().get('/tags').reply(400, { status: 0, error: { code: 'BAD_REQUEST', message: 'limit too large' } });
		const result = await runNode({ parameters: listTags });
		expect(result.error.message).toBe('Leeloo refused GET /tags: BAD_REQUEST');
		expect(result.error.description).toBe('limit too large. Correct the fields named in the message and run the node again.');
	});

	test.each([401, 403])('HTTP %i is a token problem', async (code) => {
		api().get('/tags').reply(code, { status: 0, error: { code: 'UNAUTHORIZED' } });
		const result = await runNode({ parameters: listTags });
		expect(result.error.message).toBe(`Leeloo rejected the API token (HTTP ${code})`);
		expect(result.error.description).toMatch(/credential/);
		expect(result.error.httpCode).toBe(String(code));
		expectNoToken(result);
	});

	test('HTTP 404 names the request and so the id', async () => {
		api().put(`/people/${PERSON}/add-tag`, { tag_id: TAG }).reply(404, { status: 0, error: { code: 'NOT_FOUND' } });
		const result = await runNode({ parameters: addTag });
		expect(result.error.message).toBe(`Leeloo has no Person ${PERSON} or Tag ${TAG} (HTTP 404 on PUT /people/${PERSON}/add-tag)`);
		expect(result.error.description).toMatch(/Check the ID/);
	});

	test('HTTP 429 with the plain-text body says rate limited, keeps our text, and that nothing was processed', async () => {
		api()
			.get('/tags')
			.reply(429, 'Too many requests, please try again later.', { 'Content-Type': 'text/plain', 'Retry-After': '30' });
		const result = await runNode({ parameters: listTagsOnce });
		expect(result.error.message).toBe('Leeloo rate limit reached (HTTP 429): gave up after 1 attempt over 0 s (retries are off)');
		expect(result.error.description).toBe(
			'Leeloo answered "Too many requests, please try again later." to GET /tags; it did not process the request. Lower Pacing and Retries → Max Requests per Second, or allow a longer Max Retry Time.',
		);
		expect(result.error.httpCode).toBe('429');
		expect(result.error.description).not.toMatch(/Retry On Fail|Batching/);
	});

	test.each([500, 502, 503])('HTTP %i is a server error', async (code) => {
		api().get('/tags').reply(code, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' });
		const result = await runNode({ parameters: listTagsOnce });
		expect(result.error.message).toBe(`Leeloo server error (HTTP ${code}) on GET /tags: gave up after 1 attempt over 0 s (retries are off)`);
		expect(result.error.description).toBe('The failure is on Leeloo’s side. Try again later.');
	});

	test('a non-JSON body on HTTP 200 points at the Base URL', async () => {
		api().get('/tags').reply(200, '<!doctype html><title>Login</title>', { 'Content-Type': 'text/html' });
		const result = await runNode({ parameters: listTagsOnce });
		expect(result.error.message).toBe('Leeloo answered GET /tags with something that is not JSON (HTTP 200): gave up after 1 attempt over 0 s (retries are off)');
		expect(result.error.description).toBe(
			'The response began with "<!doctype html><title>Login</title>". Check the credential\'s Base URL: it should end with /api/v2 (for example https://api.leeloo.ai/api/v2).',
		);
	});

	test('another 4xx without a Leeloo body is reported with its code', async () => {
		api().get('/tags').reply(418, 'teapot', { 'Content-Type': 'text/plain' });
		const result = await runNode({ parameters: listTags });
		expect(result.error.message).toBe('Leeloo rejected GET /tags (HTTP 418)');
	});

	test('a connection failure does not leak the token', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
		api().get('/tags').replyWithError(refused);
		const result = await runNode({ parameters: listTagsOnce });
		expect(result.error.message).toBe('Leeloo could not be reached (ECONNREFUSED) on GET /tags: gave up after 1 attempt over 0 s (retries are off)');
		expect(result.error.description).toBe('The connection failed or timed out. Check the Base URL of the credential and that Leeloo is up.');
		expectNoToken(result);
	});

	test('Continue On Fail: the failing item carries the error, the other items go on', async () => {
		const OTHER = '5e18a2a3ed0b7a000d6c948f';
		api().put(`/people/${PERSON}/add-tag`, { tag_id: TAG }).reply(500, { status: 0 });
		api().put(`/people/${OTHER}/add-tag`, { tag_id: TAG }).reply(200, { data: {}, status: 1 });
		const result = await runNode({
			parameters: { ...addTag, personId: rl('={{ $json.person }}') },
			items: [{ json: { person: PERSON } }, { json: { person: OTHER } }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		const message = `Leeloo server error (HTTP 500) on PUT /people/${PERSON}/add-tag: it may or may not have been applied, so it was not sent again`;
		expect(result.items[0].json).toEqual({ error: message });
		expect(result.items[0].error.message).toBe(message);
		expect(result.items[1].json).toEqual({ success: true });
		expect(result.items[1].error).toBeUndefined();
	});

	test('Continue On Fail also covers input refused before sending', async () => {
		api().put(`/people/${PERSON}/add-tag`, { tag_id: TAG }).reply(200, { data: {}, status: 1 });
		const result = await runNode({
			parameters: { ...addTag, personId: rl('={{ $json.person }}') },
			items: [{ json: { person: 'not-an-id' } }, { json: { person: PERSON } }],
			continueOnFail: true,
		});
		expect(result.items[0].error.message).toBe('Person must be a Leeloo ID of 24 hexadecimal characters');
		expect(result.items[1].json).toEqual({ success: true });
	});

	test('an id from an expression is refused before any request, naming the parameter', async () => {
		const result = await runNode({ parameters: { ...addTag, personId: rl('={{ "12345" }}') } });
		expect(result.error.message).toBe('Person must be a Leeloo ID of 24 hexadecimal characters');
		expect(result.error.description).toMatch(/Parameter "personId" got "12345"/);
	});

	test('a tag given by a name no tag has is refused after one look-up (E20), naming the parameter', async () => {
		api().get('/tags').reply(200, { data: [{ id: TAG, name: 'vip' }], status: 1 });
		const result = await runNode({ parameters: { ...addTag, tagId: rl('={{ "12345" }}') } });
		expect(result.error.message).toBe('Tag "12345" was not found in Leeloo');
		expect(result.error.description).toMatch(/Parameter "tagId" got a name that no tag of this account has/);
	});

	test('a typed id that is not 24 hex is stopped by n8n itself (the locator\'s validation)', async () => {
		const result = await runNode({ parameters: { ...addTag, tagId: rl('12345') } });
		expect(result.error.message).toBe('The workflow has issues and cannot be executed for that reason. Please fix them first.');
	});
});

// What n8n's error view shows under "Error details → From Leeloo": "Error code" is httpCode and
// "Full message" the error's messages except the one shown as the message (NodeErrorView.vue).
function detailsOf(error) {
	return { errorCode: error.httpCode, fullMessage: [...new Set(error.messages)].filter((line) => line !== error.message) };
}

describe('error details', () => {
	test('HTTP 404 with a Leeloo body: the HTTP status as the error code, Leeloo\'s own code in the full message', async () => {
		api().put(`/people/${PERSON}/add-tag`, { tag_id: TAG }).reply(404, { status: 0, error: { code: 'NOT_FOUND' } });
		const result = await runNode({ parameters: addTag });
		expect(detailsOf(result.error)).toEqual({ errorCode: '404', fullMessage: ["Leeloo's error code: NOT_FOUND (HTTP 404)"] });
	});

	test('HTTP 404 without a Leeloo body says that Leeloo sent no error code', async () => {
		api().put(`/people/${PERSON}/add-tag`, { tag_id: TAG }).reply(404, 'Not Found', { 'Content-Type': 'text/plain' });
		const result = await runNode({ parameters: addTag });
		expect(result.error.message).toBe(`Leeloo has no Person ${PERSON} or Tag ${TAG} (HTTP 404 on PUT /people/${PERSON}/add-tag)`);
		expect(detailsOf(result.error)).toEqual({ errorCode: '404', fullMessage: ['Leeloo sent no error code (HTTP 404)'] });
	});

	test('status 0 on HTTP 200 and a token refusal carry Leeloo\'s code too', async () => {
		api().get('/tags').reply(200, { status: 0, error: { code: 'FORMAT_ERROR', fields: { authToken: 'REQUIRED' } } });
		expect(detailsOf((await runNode({ parameters: listTags })).error)).toEqual({
			errorCode: '200',
			fullMessage: ["Leeloo's error code: FORMAT_ERROR (HTTP 200)"],
		});
		api().get('/tags').reply(401, { status: 0, error: { code: 'UNAUTHORIZED' } });
		expect(detailsOf((await runNode({ parameters: listTags })).error)).toEqual({
			errorCode: '401',
			fullMessage: ["Leeloo's error code: UNAUTHORIZED (HTTP 401)"],
		});
	});

	test('a retried read that gave up keeps the details of its last answer', async () => {
		api().get('/tags').reply(500, { status: 0, error: { code: 'INTERNAL' } });
		const result = await runNode({ parameters: listTagsOnce });
		expect(detailsOf(result.error)).toEqual({ errorCode: '500', fullMessage: ["Leeloo's error code: INTERNAL (HTTP 500)"] });
	});

	test('no answer at all: the system code as the error code, and plainly no Leeloo code', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
		api().get('/tags').replyWithError(refused);
		const result = await runNode({ parameters: listTagsOnce });
		expect(detailsOf(result.error)).toEqual({
			errorCode: 'ECONNREFUSED',
			fullMessage: ['Leeloo did not answer (ECONNREFUSED), so it sent no error code'],
		});
	});
});

describe('credential base URL', () => {
	test('a trailing slash on the base URL still reaches the right path', async () => {
		api().get('/tags').reply(200, { data: [], status: 1 });
		const result = await runNode({ parameters: listTags, credentials: { baseUrl: `${BASE_URL}/` } });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});
});

describe('ids from expressions', () => {
	test('an id in the body is sent trimmed, as it was validated', async () => {
		nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN } })
			.put(`/people/${PERSON}/add-tag`, { tag_id: TAG })
			.reply(200, { data: {}, status: 1 });
		const result = await runNode({ parameters: { ...addTag, tagId: rl(`={{ " ${TAG} " }}`) } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ success: true }]);
	});
});
