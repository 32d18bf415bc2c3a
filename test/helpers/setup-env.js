// Runs before each test file: n8n-core reads these at import time.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

require('reflect-metadata');

// Otherwise n8n-core writes a config with a fresh encryption key into the home folder.
process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'leeloo-n8n-'));
process.env.N8N_LOG_LEVEL = 'silent';
// Tests set the workflow timezone explicitly; the machine's own must not leak in.
process.env.GENERIC_TIMEZONE = 'UTC';
process.env.TZ = 'UTC';
