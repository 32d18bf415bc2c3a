// One n8n user folder for the whole run: otherwise n8n-core writes a config with a fresh
// encryption key into the home folder. Workers inherit the variable; global-teardown removes it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'leeloo-n8n-'));
};
