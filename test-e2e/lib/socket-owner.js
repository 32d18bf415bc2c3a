'use strict';
// Which of our processes opened a TCP connection to one of our servers on 127.0.0.1: the client
// end's inode from /proc/net/tcp, then the process whose file descriptors hold it (Linux, and
// only the pids we started). Lets a test say "this request came from the main instance".
const fs = require('fs');

function clientInode(clientPort, serverPort) {
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text;
		try {
			text = fs.readFileSync(table, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const cols = line.trim().split(/\s+/);
			if (cols.length < 10) continue;
			const local = parseInt(cols[1].split(':').pop(), 16);
			const remote = parseInt(cols[2].split(':').pop(), 16);
			if (local === clientPort && remote === serverPort) return cols[9];
		}
	}
	return undefined;
}

/** The pid (one of `pids`) holding the client end of an accepted socket, or undefined. */
function socketOwner(socket, pids) {
	const inode = clientInode(socket.remotePort, socket.localPort);
	if (!inode || inode === '0') return undefined;
	const target = `socket:[${inode}]`;
	for (const pid of pids) {
		let fds;
		try {
			fds = fs.readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			try {
				if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return pid;
			} catch {
				// closed meanwhile
			}
		}
	}
	return undefined;
}

module.exports = { socketOwner };
