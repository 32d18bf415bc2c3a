// Runs before each test file: n8n-core reads these at import time.
require('reflect-metadata');

process.env.N8N_LOG_LEVEL = 'silent';
// Tests set the workflow timezone explicitly; the machine's own must not leak in.
process.env.GENERIC_TIMEZONE = 'UTC';
process.env.TZ = 'UTC';
