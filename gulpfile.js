const { src, dest } = require('gulp');

// tsc compiles the TypeScript; the icons n8n shows are copied beside it.
function buildIcons() {
	return src('icons/*.{png,svg}', { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
