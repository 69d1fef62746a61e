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
		shot.actions?.forEach((a, j) => push(`/shots/${i}/actions/${j}/action`, a.action));
		shot.dialogue?.forEach((line, j) => push(`/shots/${i}/dialogue/${j}/text`, line.text));
		push(`/shots/${i}/narration`, shot.narration);
		shot.overlays?.forEach((o, j) => push(`/shots/${i}/overlays/${j}/text`, o.text));
	});
	push('/audio/voiceover/text', spec.audio?.voiceover?.text);
	push('/watermark/text', spec.watermark?.text);
	for (const [key, value] of Object.entries(spec.metadata ?? {}))
		push(`/metadata/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value);
	return out;
}

/**
 * The free text of a remix's instructions (`POST /v1/remixes` `operations`), with pointers into the
 * request body: extension shot prompts, a cameo's new name, the style and music mood words.
 */
export function remixTexts(operations: Record<string, unknown> | undefined): SpecText[] {
	if (!operations) return [];
	const out: SpecText[] = [];
	const push = (path: string, text: unknown) => {
		if (typeof text === 'string' && text.trim()) out.push({ path, text });
	};
	const ops = operations as {
		style?: unknown;
		music?: { mood?: unknown };
		extend?: { shots?: Array<{ prompt?: unknown }> };
		cameo?: { name?: unknown };
	};
	push('/operations/style', ops.style);
	push('/operations/music/mood', ops.music?.mood);
	ops.extend?.shots?.forEach((shot, i) =>
		push(`/operations/extend/shots/${i}/prompt`, shot.prompt),
	);
	push('/operations/cameo/name', ops.cameo?.name);
	return out;
}
