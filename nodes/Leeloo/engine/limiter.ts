import { sleep as wait } from 'n8n-workflow';

// One limiter per node run, shared by its items and pages: it bounds the requests in flight, spaces
// their starts (the user's pace, or one learned from Leeloo's 429s), holds everyone back while
// Leeloo asks to wait, and keeps writes to the same channel or person in item order.

export interface LimiterSettings {
	maxInFlight: number;
	/** 0: no fixed pace; the limiter only slows down after a 429. */
	maxPerSecond: number;
}

const WINDOW_MS = 1000;
// After a 429 the pace is set a little under what succeeded in the last second, then eased back
// towards the user's pace by 1% per success (so a run probes for the limit again, gently).
const LEARNED_SHARE = 0.9;
const EASE_PER_SUCCESS = 0.99;

/**
 * Waits `ms`, or less when the execution is cancelled (the caller then sees `signal.aborted`).
 * n8n-workflow's `sleep`: it is in every n8n the node runs in (`sleepWithAbort` is not, in 2.x).
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (ms <= 0 || signal?.aborted) return;
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal?.addEventListener('abort', onAbort, { once: true });
	});
	await Promise.race([wait(ms), aborted]);
	signal?.removeEventListener('abort', onAbort);
}

export class Limiter {
	private readonly maxInFlight: number;
	private readonly minIntervalMs: number;
	private intervalMs: number;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private nextStartAt = 0;
	private pausedUntil = 0;
	private readonly recentSuccesses: number[] = [];
	private readonly tails = new Map<string, Promise<unknown>>();

	constructor({ maxInFlight, maxPerSecond }: LimiterSettings, private readonly signal?: AbortSignal) {
		this.maxInFlight = Math.max(1, Math.floor(maxInFlight));
		this.minIntervalMs = maxPerSecond > 0 ? 1000 / maxPerSecond : 0;
		this.intervalMs = this.minIntervalMs;
	}

	/** Runs `task` after every earlier task of the same key has settled (no key: no ordering). */
	inOrder<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
		if (key === undefined) return task();
		const previous = this.tails.get(key) ?? Promise.resolve();
		const run = previous.then(task, task);
		const tail = run.then(
			() => undefined,
			() => undefined,
		);
		this.tails.set(key, tail);
		void tail.then(() => {
			if (this.tails.get(key) === tail) this.tails.delete(key);
		});
		return run;
	}

	/** One attempt: waits for a slot and its turn, then runs `send`. */
	async attempt<T>(send: () => Promise<T>): Promise<T> {
		await this.acquire();
		try {
			await this.turn();
			return await send();
		} finally {
			this.release();
		}
	}

	/** Leeloo said 429: everyone waits `waitMs`, and the pace drops below what just succeeded. */
	rateLimited(waitMs: number): void {
		const now = Date.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		this.nextStartAt = Math.max(this.nextStartAt, this.pausedUntil);
		const succeeded = this.recentSuccesses.filter((at) => at > now - WINDOW_MS).length;
		const learned = 1000 / Math.max(1, succeeded * LEARNED_SHARE);
		this.intervalMs = Math.max(this.intervalMs, learned, this.minIntervalMs);
	}

	succeeded(): void {
		const now = Date.now();
		this.recentSuccesses.push(now);
		while (this.recentSuccesses.length && this.recentSuccesses[0] <= now - WINDOW_MS) this.recentSuccesses.shift();
		this.intervalMs = Math.max(this.minIntervalMs, this.intervalMs * EASE_PER_SUCCESS);
	}

	private async acquire(): Promise<void> {
		if (this.inFlight < this.maxInFlight && !this.waiting.length) {
			this.inFlight += 1;
			return;
		}
		// The releasing attempt hands its slot over, so inFlight stays as it is.
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	private release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.inFlight -= 1;
	}

	/** Waits for this attempt's start time: the pace, and any pause a 429 set meanwhile. */
	private async turn(): Promise<void> {
		for (;;) {
			const now = Date.now();
			const at = Math.max(now, this.nextStartAt, this.pausedUntil);
			this.nextStartAt = at + this.intervalMs;
			if (at <= now) return;
			await sleep(at - now, this.signal);
			if (this.signal?.aborted || this.pausedUntil <= at) return;
		}
	}
}
