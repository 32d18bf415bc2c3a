// Every test ends with no pending and no unexpected request: nock refuses anything not mocked,
// records it, and fails the test; whatever a test mocked but the node did not call fails it too.
const nock = require('nock');

const unexpected = [];
const recordStray = (request) => unexpected.push(`${request.method} ${request.path ?? request.href ?? ''}`);

beforeAll(() => {
	nock.disableNetConnect();
	nock.emitter.on('no match', recordStray);
});
afterEach(() => {
	const pending = nock.pendingMocks();
	const stray = unexpected.splice(0);
	nock.cleanAll();
	if (pending.length) throw new Error(`Mocked requests not sent: ${pending.join(', ')}`);
	if (stray.length) throw new Error(`Unexpected requests: ${stray.join(', ')}`);
});
afterAll(() => {
	nock.emitter.removeListener('no match', recordStray);
	nock.enableNetConnect();
	// Each test file loads its own nock; unpatch node:http so the next file's starts clean.
	nock.restore();
});
