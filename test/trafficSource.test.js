const nock = require('nock');
const { runNode, TOKEN, BASE_URL } = require('./helpers/harness');

const LGT = '5e3bf3fdb70492000f72cd6c';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });
const jsonApi = () =>
	nock(BASE_URL, { reqheaders: { 'x-leeloo-authtoken': TOKEN, 'content-type': /application\/json/ } });
const create = (extra = {}) => ({ resource: 'trafficSource', operation: 'create', leadGenToolId: rl(LGT), name: 'Spring ads', ...extra });

describe('trafficSource', () => {
	test('E08 create posts name and description to the lead generation tool', async () => {
		jsonApi()
			.post(`/leadgentools/${LGT}/create-traffic-source`, { name: 'Spring ads', description: 'Instagram, March' })
			.reply(200, { data: { id: '65a0c0ffee0000000000beef' }, status: 1 });
		const { items, error } = await runNode({ parameters: create({ additionalFields: { description: 'Instagram, March' } }) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ id: '65a0c0ffee0000000000beef' }]);
	});

	test('E08 create without a description sends only the name', async () => {
		jsonApi().post(`/leadgentools/${LGT}/create-traffic-source`, { name: 'Spring ads' }).reply(200, { data: {}, status: 1 });
		const { items, error } = await runNode({ parameters: create() });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ success: true }]);
	});

	test.each([['blank', '  '], ['empty by expression', '={{ "" }}']])('E08 create refuses a %s name without a request', async (_, name) => {
		const { error } = await runNode({ parameters: create({ name }) });
		expect(error.message).toContain('Name is required');
	});

	test('E08 create refuses a bad lead generation tool ID without a request', async () => {
		const { error } = await runNode({ parameters: create({ leadGenToolId: rl('={{ "lgt-1" }}') }) });
		expect(error.message).toContain('Lead Generation Tool must be a Leeloo ID');
	});
});
