import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeVideo } from '../../../src/engine/encode';
import {
	chooseEncoder,
	decideEncoder,
	gpuDeviceNodePresent,
	type EncoderFacts,
} from '../../../src/engine/encode/encoderChoice';
import { probe } from './mediaProbe';

describe('chooseEncoder', () => {
	it('decides once per process, logs the choice, and the chosen encoder really encodes', async () => {
		const log = jest.fn();
		const first = await chooseEncoder(log);
		const second = await chooseEncoder(log);
		expect(second).toBe(first);
		expect(['libx264', 'h264_nvenc']).toContain(first);
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0][1]).toEqual({ encoder: first });

		const dir = mkdtempSync(join(tmpdir(), 'rf-choice-'));
		try {
			const outPath = join(dir, 'o.mp4');
			const result = await encodeVideo({
				frames: { width: 128, height: 128, drawFrame: () => Buffer.alloc(128 * 128 * 4, 90) },
				totalFrames: 8,
				fps: 24,
				quality: 'draft',
				outPath,
			});
			expect(result.encoder).toBe(first);
			expect(probe(outPath).streams.find((s) => s.codec_type === 'video')).toMatchObject({
				codec_name: 'h264',
				nb_frames: '8',
			});
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('decideEncoder', () => {
	const facts = (overrides: Partial<EncoderFacts>): EncoderFacts => ({
		gpuDeviceNodePresent: () => true,
		probeNvenc: jest.fn(async () => true),
		...overrides,
	});

	it('skips the probe encode where no GPU device node exists, and says why once', async () => {
		const log = jest.fn();
		const probeNvenc = jest.fn(async () => true);
		const encoder = await decideEncoder(
			facts({ gpuDeviceNodePresent: () => false, probeNvenc }),
			log,
		);
		expect(encoder).toBe('libx264');
		expect(probeNvenc).not.toHaveBeenCalled();
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0][0]).toMatch(/no GPU device node.*libx264/);
		expect(log.mock.calls[0][1]).toEqual({ encoder: 'libx264' });
	});

	it('where a device node exists, the probe decides, and a failed probe falls back with its log line', async () => {
		const log = jest.fn();
		expect(await decideEncoder(facts({ probeNvenc: async () => true }), log)).toBe('h264_nvenc');
		expect(await decideEncoder(facts({ probeNvenc: async () => false }), log)).toBe('libx264');
		expect(log.mock.calls.map((call) => call[0])).toEqual([
			'NVENC probe encode succeeded; using h264_nvenc',
			'NVENC probe encode failed; using libx264 on the CPU',
		]);
	});

	it('a forced encoder needs neither the device check nor the probe', async () => {
		const gpuDeviceNodePresent = jest.fn(() => false);
		const probeNvenc = jest.fn(async () => false);
		const log = jest.fn();
		expect(
			await decideEncoder({ forced: 'h264_nvenc', gpuDeviceNodePresent, probeNvenc }, log),
		).toBe('h264_nvenc');
		expect(gpuDeviceNodePresent).not.toHaveBeenCalled();
		expect(probeNvenc).not.toHaveBeenCalled();
		expect(log).toHaveBeenCalledWith('video encoder forced by REELFORGE_ENCODER', {
			encoder: 'h264_nvenc',
		});
	});
});

describe('gpuDeviceNodePresent', () => {
	let devDir: string;
	beforeEach(() => (devDir = mkdtempSync(join(tmpdir(), 'rf-dev-'))));
	afterEach(() => rmSync(devDir, { recursive: true, force: true }));

	it('finds the NVIDIA control node, a GPU node of any number, or WSL2’s GPU node', () => {
		expect(gpuDeviceNodePresent(devDir)).toBe(false);
		for (const unrelated of ['null', 'nvme0', 'nvidia-uvm', 'nvidia-caps', 'dri'])
			writeFileSync(join(devDir, unrelated), '');
		expect(gpuDeviceNodePresent(devDir)).toBe(false);
		for (const node of ['nvidiactl', 'nvidia3', 'dxg']) {
			writeFileSync(join(devDir, node), '');
			expect(gpuDeviceNodePresent(devDir)).toBe(true);
			rmSync(join(devDir, node));
		}
	});

	it('lets the probe decide when the device folder cannot be read', () => {
		expect(gpuDeviceNodePresent(join(devDir, 'missing'))).toBe(true);
	});

	it('agrees with this machine’s /dev', () => {
		const nodes = readdirSync('/dev').filter((name) => /^(nvidiactl|nvidia\d+|dxg)$/.test(name));
		expect(gpuDeviceNodePresent()).toBe(nodes.length > 0);
	});
});
