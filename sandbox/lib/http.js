'use strict';
// Request parsing and the Leeloo envelope: {data, status: 1, meta?} on success,
// {status: 0, error: {code, fields?, message?}} on failure.

const MAX_BODY_BYTES = 1024 * 1024;

class ApiError extends Error {
	constructor(httpStatus, code, { fields, message } = {}) {
		super(message || code);
		this.httpStatus = httpStatus;
		this.error = { code, ...(fields ? { fields } : {}), ...(message ? { message } : {}) };
	}
}

const formatError = (fields) => new ApiError(400, 'FORMAT_ERROR', { fields });
const notFound = (message, fields) => new ApiError(404, 'NOT_FOUND', { message, fields });

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new ApiError(413, 'PAYLOAD_TOO_LARGE', { message: `Body larger than ${MAX_BODY_BYTES} bytes` }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** `name`, `name[key]`, `name[]`, `name[a][b]` → nested objects / arrays (form bodies). */
function assignField(target, key, value) {
	const match = /^([^[\]]+)((?:\[[^[\]]*\]){0,5})$/.exec(key);
	if (!match) {
		target[key] = value;
		return;
	}
	const path = [match[1], ...(match[2].match(/\[([^[\]]*)\]/g) || []).map((s) => s.slice(1, -1))];
	let node = target;
	for (let i = 0; i < path.length - 1; i++) {
		const next = path[i + 1] === '' ? [] : {};
		if (typeof node[path[i]] !== 'object' || node[path[i]] === null) node[path[i]] = next;
		node = node[path[i]];
	}
	const last = path[path.length - 1];
	if (Array.isArray(node)) node.push(value);
	else if (last in node) node[last] = [].concat(node[last], value);
	else node[last] = value;
}

function parseMultipart(buffer, contentType) {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!boundary) return undefined;
	const delimiter = `--${boundary[1] || boundary[2]}`;
	const fields = {};
	const parts = buffer.toString('latin1').split(delimiter).slice(1, -1);
	for (const part of parts) {
		const split = part.indexOf('\r\n\r\n');
		if (split < 0) continue;
		const name = /name="([^"]*)"/i.exec(part.slice(0, split));
		if (!name) continue;
		const value = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1').toString('utf8');
		assignField(fields, name[1], value);
	}
	return fields;
}

/** Parses JSON, urlencoded and multipart bodies. Returns {body, raw, invalid}. */
function parseBody(buffer, contentType = '') {
	if (!buffer.length) return { body: undefined, raw: '' };
	const raw = buffer.toString('utf8');
	const type = contentType.toLowerCase();
	if (type.includes('application/x-www-form-urlencoded')) {
		const body = {};
		for (const [key, value] of new URLSearchParams(raw)) assignField(body, key, value);
		return { body, raw };
	}
	if (type.includes('multipart/form-data')) {
		const body = parseMultipart(buffer, contentType);
		return body ? { body, raw } : { raw, invalid: true };
	}
	// JSON is the default (Leeloo: "all requests must be sent as JSON").
	try {
		return { body: JSON.parse(raw), raw };
	} catch {
		return { raw, invalid: true };
	}
}

/** Query string → flat object; repeated keys become arrays (`filter[tags]=a&filter[tags]=b`). */
function parseQuery(searchParams) {
	const query = {};
	for (const [key, value] of searchParams) {
		query[key] = key in query ? [].concat(query[key], value) : value;
	}
	return query;
}

function sendJson(res, httpStatus, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(httpStatus, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function sendText(res, httpStatus, text, contentType = 'text/plain; charset=utf-8', headers = {}) {
	res.writeHead(httpStatus, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

module.exports = { ApiError, formatError, notFound, readBody, parseBody, parseQuery, sendJson, sendText };
