import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeVideo } from '../../../src/engine/encode';
import { chooseEncoder } from '../../../src/engine/encode/encoderChoice';
import { probe } from './mediaProbe';

describe('chooseEncoder', () => {
	it('probes once per process, logs the choice, and the chosen encoder really encodes', async () => {
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
