const fs = require('node:fs');

module.exports = async () => {
	fs.rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
};
