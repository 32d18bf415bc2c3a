'use strict';
// A server on 127.0.0.1 that keeps what workflows' HTTP Request nodes post (JSON bodies spread,
// anything else as raw) and answers 200. The queue-mode variant, which also notes the sending
// process and can hold a post open, is http-taps.js.
const http = require('http');

/** Resolves { events, url, close }; events hold { path, at, ...body }. */
function startRecorder() {
	const events = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			try {
				events.push({ path: req.url, at: Date.now(), ...JSON.parse(body) });
			} catch {
				events.push({ path: req.url, at: Date.now(), raw: body });
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({ events, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
		});
	});
}

module.exports = { startRecorder };
