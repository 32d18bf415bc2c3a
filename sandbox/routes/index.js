'use strict';
// The route table: E01–E30, each path compiled once. Path parameters are ids (24 hex).
const groups = ['templates', 'messages', 'channels', 'leadgentools', 'orders', 'people', 'calls', 'tags', 'tunnels', 'users', 'connections'];

const routes = groups.flatMap((group) => require(`./${group}`)).map((route) => {
	const names = [];
	const source = route.path.replace(/:(\w+)/g, (_, name) => {
		names.push(name);
		return '([^/]+)';
	});
	return { ...route, names, pattern: new RegExp(`^${source}/?$`) };
});

const safeDecode = (text) => {
	try {
		return decodeURIComponent(text);
	} catch {
		return text; // malformed escapes are then refused as an invalid id
	}
};

/** {route, params} for a method and path, {allowed} when only the method is wrong, or undefined. */
function match(method, path) {
	let pathMatched = false;
	for (const route of routes) {
		const found = route.pattern.exec(path);
		if (!found) continue;
		if (route.method !== method) {
			pathMatched = true;
			continue;
		}
		const params = {};
		route.names.forEach((name, i) => {
			params[name] = safeDecode(found[i + 1]);
		});
		return { route, params };
	}
	return pathMatched ? { wrongMethod: true } : undefined;
}

module.exports = { routes, match };
