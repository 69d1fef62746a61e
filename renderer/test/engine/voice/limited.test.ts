import { limited } from '../../../src/engine/voice/limited';

/** A task that runs until the test lets it finish. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

test('never more than the limit at once, in the order handed over, with tasks handed over while others wait', async () => {
	const run = limited(2);
	let running = 0;
	let most = 0;
	const started: number[] = [];
	const gates = Array.from({ length: 5 }, gate);
	const task = (k: number) => async () => {
		started.push(k);
		running++;
		most = Math.max(most, running);
		await gates[k].opened;
		running--;
		return k * 10;
	};
	const results = [run(task(0)), run(task(1)), run(task(2))];
	await new Promise((resolve) => setImmediate(resolve));
	expect(started).toEqual([0, 1]);
	gates[0].open();
	// Handed over while one is waiting: they queue behind it.
	results.push(run(task(3)), run(task(4)));
	for (const g of gates.slice(1)) g.open();
	expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
	expect(started).toEqual([0, 1, 2, 3, 4]);
	expect(most).toBe(2);
});

test('a failed task frees its slot and fails only its own promise', async () => {
	const run = limited(1);
	const failed = run(async () => {
		throw new Error('ffmpeg exited 1');
	});
	const next = run(async () => 'spoken');
	await expect(failed).rejects.toThrow('ffmpeg exited 1');
	await expect(next).resolves.toBe('spoken');
});
