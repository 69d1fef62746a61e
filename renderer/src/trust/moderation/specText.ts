/** Every piece of free text in a RenderSpec, with its JSON pointer, for the text rules. */
import type { RenderSpec } from '../../spec/renderSpec';

export interface SpecText {
	path: string;
	text: string;
}

export function specTexts(spec: RenderSpec): SpecText[] {
	const out: SpecText[] = [];
	const push = (path: string, text: string | undefined) => {
		if (text && text.trim()) out.push({ path, text });
	};
	push('/prompt', spec.prompt);
	spec.characters?.forEach((c, i) => {
		push(`/characters/${i}/name`, c.name);
		push(`/characters/${i}/description`, c.description);
	});
	spec.shots?.forEach((shot, i) => {
		push(`/shots/${i}/prompt`, shot.prompt);
		push(`/shots/${i}/setting`, shot.setting);
		shot.props?.forEach((p, j) => push(`/shots/${i}/props/${j}`, p));
		shot.dialogue?.forEach((line, j) => push(`/shots/${i}/dialogue/${j}/text`, line.text));
	});
	push('/audio/voiceover/text', spec.audio?.voiceover?.text);
	push('/watermark/text', spec.watermark?.text);
	for (const [key, value] of Object.entries(spec.metadata ?? {}))
		push(`/metadata/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value);
	return out;
}
