/**
 * A real redis-server of a test's own, persistent as a deployment runs it (AOF, fsync every
 * second), that the test stops, freezes and starts again as a restart, failover or stall would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { portOpen } from './ports';

export class RedisServer {
	child?: ChildProcess;
	readonly dir = mkdtempSync(path.join(tmpdir(), 'rf-redis-'));

	constructor(readonly port: number) {}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	get running(): boolean {
		return this.child !== undefined && this.child.exitCode === null && !this.child.killed;
	}

	/** Starts it (again, on the same data) and resolves once it accepts connections. */
	async start(): Promise<void> {
		this.child = spawn(
			'redis-server',
			[
				'--port',
				String(this.port),
				'--bind',
				'127.0.0.1',
				'--dir',
				this.dir,
				'--save',
				'',
				'--appendonly',
				'yes',
				'--appendfsync',
				'everysec',
			],
			{ stdio: 'ignore' },
		);
		const until = Date.now() + 10_000;
		while (Date.now() < until) {
			if (await portOpen(this.port)) return;
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error('redis-server did not start');
	}

	/** Stops it as a restart or failover does: SIGTERM (it writes its AOF out) or SIGKILL. */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill(signal);
		await exited;
	}

	/** Freezes it without closing its connections: commands hang instead of failing. */
	pause(): void {
		this.child!.kill('SIGSTOP');
	}

	resume(): void {
		this.child!.kill('SIGCONT');
	}

	/** Kills it and removes its data. */
	async destroy(): Promise<void> {
		await this.stop('SIGKILL');
		rmSync(this.dir, { recursive: true, force: true });
	}
}
