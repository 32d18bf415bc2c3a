'use strict';
// What n8n saved for an execution, in a test's own n8n user folder (sqlite, through N8n.query).

/** "message (node name)" of the error that ended execution `id`, or undefined. */
async function executionError(n8n, id) {
	const [row] = await n8n.query('SELECT data FROM execution_data WHERE executionId = ?', [id]);
	if (!row) return undefined;
	// n8n stores run data with flatted (objects and strings by index): its own copy reads it back.
	const flatted = require(require.resolve('flatted', { paths: [n8n.install.dir] }));
	const error = flatted.parse(row.data)?.resultData?.error;
	return error ? `${error.message}${error.node ? ` (node ${error.node.name})` : ''}` : undefined;
}

module.exports = { executionError };
