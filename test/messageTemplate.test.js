const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const CATEGORY = '5e3bf3fdb70492000f72cd6c';
const TEMPLATE = '5e42be758d4fff000cafe6ef';
const ACCOUNT = '5e42be688d4fff000cafe5cc';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });
const api = (headers = {}) => nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, ...headers } });
const jsonApi = () => api({ 'content-type': /application\/json/ });
const send = (extra = {}) => ({
	resource: 'messageTemplate',
	operation: 'send',
	accountId: rl(ACCOUNT, 'list'),
	templateId: rl(TEMPLATE, 'list'),
	...extra,
});

describe('messageTemplate', () => {
	test('E01 getCategories returns one item per category of data.categories', async () => {
		const categories = [
			{ id: CATEGORY, name: 'Category 1' },
			{ id: '5e18a2a3ed0b7a000d6c948f', name: 'Category 2' },
		];
		api().get('/categories/templates').reply(200, { data: { categories }, status: 1 });
		const { items, error } = await runNode({ parameters: { resource: 'messageTemplate', operation: 'getCategories' } });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(categories);
	});

	test('E02 getAll returns the templates of the category in the path', async () => {
		const templates = [
			{ id: TEMPLATE, message_name: 'test template 2' },
			{ id: '5e42be688d4fff000cafe5cc', message_name: 'test template 1' },
		];
		api().get(`/categories/templates/${CATEGORY}`).reply(200, { data: { templates }, status: 1 });
		const { items, error } = await runNode({
			parameters: { resource: 'messageTemplate', operation: 'getAll', categoryId: rl(CATEGORY, 'list') },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(templates);
	});

	test('E02 getAll refuses a category ID that is not 24 hex characters, without a request', async () => {
		const { error } = await runNode({
			parameters: { resource: 'messageTemplate', operation: 'getAll', categoryId: rl('={{ "5e3bf3fdb70492000f72cd6" }}') },
		});
		expect(error.message).toContain('Category must be a Leeloo ID');
	});

	test('E02 getAll: a literal bad ID is already stopped by n8n\'s own parameter check', async () => {
		const { error } = await runNode({
			parameters: { resource: 'messageTemplate', operation: 'getAll', categoryId: rl('5e3bf3fdb70492000f72cd6') },
		});
		expect(error.message).toContain('The workflow has issues');
	});

	test('E03 send posts account, template and the variables as one JSON object', async () => {
		jsonApi()
			.post('/messages/send-template', {
				account_id: ACCOUNT,
				template_id: TEMPLATE,
				variables: { key1: 'value1', key2: 'value2' },
			})
			.reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({
			parameters: send({
				variables: { variable: [{ key: 'key1', value: 'value1' }, { key: ' key2 ', value: 'value2' }] },
			}),
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true }]);
	});

	test('E03 send without variables sends no variables key and returns what Leeloo answers', async () => {
		jsonApi()
			.post('/messages/send-template', { account_id: ACCOUNT, template_id: TEMPLATE })
			.reply(200, { data: { id: '65a0c0ffee0000000000beef' }, status: 1 });
		const { items, error } = await runNode({ parameters: send({ accountId: rl(ACCOUNT), templateId: rl(TEMPLATE) }) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ id: '65a0c0ffee0000000000beef' }]);
	});

	test('E03 send refuses a bad communication channel ID without a request', async () => {
		const { error } = await runNode({ parameters: send({ accountId: rl('={{ "not-an-id" }}') }) });
		expect(error.message).toContain('Communication Channel must be a Leeloo ID');
	});

	test('E03 send refuses a bad template ID without a request', async () => {
		const { error } = await runNode({ parameters: send({ templateId: rl('={{ "" }}') }) });
		expect(error.message).toContain('Template must be a Leeloo ID');
	});

	test('E03 send refuses a variable row without a key, without a request', async () => {
		const { error } = await runNode({
			parameters: send({ variables: { variable: [{ key: 'name', value: 'Ann' }, { key: '  ', value: 'x' }] } }),
		});
		expect(error.message).toContain('Variables: every row needs a key');
	});
});
