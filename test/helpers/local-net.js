// nock stays in front of the network, but requests to 127.0.0.1 (a sandbox, a webhook receiver)
// go through. nock-guard counts every request nock lets through as unexpected, so it now hears
// only about the others. Call in beforeAll; call what it returns in afterAll.
const nock = require('nock');

const isLocal = (request) =>
	[request?.hostname, request?.host, request?.href].some((v) => typeof v === 'string' && v.includes('127.0.0.1'));

function letLocalThrough() {
	nock.enableNetConnect('127.0.0.1');
	const guards = nock.emitter.listeners('no match');
	nock.emitter.removeAllListeners('no match');
	const forwardNonLocal = (request, ...rest) => {
		if (!isLocal(request)) guards.forEach((listener) => listener(request, ...rest));
	};
	nock.emitter.on('no match', forwardNonLocal);
	return () => {
		nock.emitter.removeListener('no match', forwardNonLocal);
		guards.forEach((listener) => nock.emitter.on('no match', listener));
	};
}

module.exports = { letLocalThrough };
