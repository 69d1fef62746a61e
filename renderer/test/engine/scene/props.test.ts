import { createFrameRenderer } from '../../../src/engine/compose/frames';
import { PROP_NAMES, isHeldProp } from '../../../src/engine/scene/props';
import { PROPS } from '../../../src/engine/vocabulary';
import { differingBox, meanDifference } from '../compose/pixels';
import { noSynthesis, shot, storyboard } from './storyboardFixture';

const placements = [{ character: 'alice', x: 0.5, facing: 'right' as const }];
async function frameWith(props: string[]): Promise<Uint8Array> {
	const r = await createFrameRenderer(
		storyboard([shot(0, 0, 1, 12, { setting: 'studio', placements, props })]),
		noSynthesis(),
		{ style: 'none' },
	);
	try {
		return Uint8Array.from(r.drawFrame(0));
	} finally {
		r.close();
	}
}

describe('props', () => {
	it("draws every prop of the planner's vocabulary", () => {
		for (const term of PROPS)
			expect([term.id, PROP_NAMES.includes(term.id)]).toEqual([term.id, true]);
	});

	it.each([...PROP_NAMES])('%s shows up in the picture', async (prop) => {
		const without = await frameWith([]);
		const withProp = await frameWith([prop]);
		expect(meanDifference(without, withProp, 180)).toBeGreaterThan(0.05);
		const box = differingBox(without, withProp, 180, 16);
		expect(box).toBeDefined();
		if (isHeldProp(prop)) {
			// Held in the hand: near the character in the middle, above the feet.
			expect(box!.x + box!.width / 2).toBeGreaterThan(180 * 0.3);
			expect(box!.x + box!.width / 2).toBeLessThan(180 * 0.75);
		}
	});

	it('ignores a prop it cannot draw (the planner reports it as a warning)', async () => {
		expect(meanDifference(await frameWith([]), await frameWith(['spaceship']), 180)).toBe(0);
	});
});
