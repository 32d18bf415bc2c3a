'use strict';
// The error n8n saved for an execution. n8n stores run data in the "flatted" format: every
// object and string is an entry of one array, referenced by its index as a string.

function unflatten(table) {
	const seen = new Map();
	const revive = (value) => {
		if (typeof value !== 'string') return value;
		const entry = table[Number(value)];
		if (entry === null || typeof entry !== 'object') return entry;
		if (seen.has(entry)) return seen.get(entry);
		const copy = Array.isArray(entry) ? [] : {};
		seen.set(entry, copy);
		for (const [k, v] of Object.entries(entry)) copy[k] = revive(v);
		return copy;
	};
	return revive('0');
}

/** "message (node name)" of the error that ended execution `id`, or undefined. */
async function executionError(n8n, id) {
	const [row] = await n8n.query('SELECT data FROM execution_data WHERE executionId = ?', [id]);
	if (!row) return undefined;
	const error = unflatten(JSON.parse(row.data))?.resultData?.error;
	return error ? `${error.message}${error.node ? ` (node ${error.node.name})` : ''}` : undefined;
}

module.exports = { executionError };
