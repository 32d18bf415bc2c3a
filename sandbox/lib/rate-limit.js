'use strict';
// A token bucket per API token, like a per-account limit: `perSecond` tokens refill each second
// up to `burst`; a request takes one token or is refused with the seconds until the next one.

function validate({ perSecond, burst }) {
	if (!Number.isFinite(perSecond) || perSecond < 0 || perSecond > 100000) throw new Error(`rate limit must be 0–100000 requests/s, got ${perSecond}`);
	if (burst !== undefined && (!Number.isInteger(burst) || burst < 1 || burst > 100000)) throw new Error(`burst must be an integer 1–100000, got ${burst}`);
}

/** A small burst by default: a quarter of a second's worth, at least 1. */
const defaultBurst = (perSecond) => Math.max(1, Math.ceil(perSecond / 4));

function createRateLimiter({ perSecond = 0, burst, now = () => performance.now() } = {}) {
	const buckets = new Map();
	const settings = {};
	const limiter = {
		settings,
		refused: 0,
		/** perSecond 0 switches the limit off; every bucket starts full again. */
		configure(next) {
			validate(next);
			settings.perSecond = next.perSecond;
			settings.burst = next.perSecond ? (next.burst ?? defaultBurst(next.perSecond)) : null;
			buckets.clear();
			return { ...settings };
		},
		/** undefined when the request may go on, otherwise the Retry-After value in whole seconds (≥ 1). */
		take(key) {
			if (!settings.perSecond) return undefined;
			const at = now();
			const bucket = buckets.get(key) ?? { tokens: settings.burst, at };
			bucket.tokens = Math.min(settings.burst, bucket.tokens + ((at - bucket.at) / 1000) * settings.perSecond);
			bucket.at = at;
			buckets.set(key, bucket);
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return undefined;
			}
			limiter.refused += 1;
			return Math.max(1, Math.ceil((1 - bucket.tokens) / settings.perSecond));
		},
	};
	limiter.configure({ perSecond, burst });
	return limiter;
}

module.exports = { createRateLimiter };
