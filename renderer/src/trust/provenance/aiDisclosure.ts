/**
 * AI-disclosure marking for published items (EU AI Act Art. 50(2) and (4): synthetic media must be
 * marked in a machine-readable way and deep fakes disclosed). The publish code attaches this to
 * every published item; the same label rides in the C2PA manifest inside the file.
 */
export const AI_DISCLOSURE_TEXT = 'This video was generated with AI (Reelforge).';

export interface AiDisclosure {
	/** Human-readable label to show next to the item. */
	label: string;
	/** The regulation the marking answers to. */
	standard: 'EU AI Act Art. 50';
	/** Machine-readable: IPTC digital source type, as in the C2PA manifest. */
	digitalSourceType: string;
	aiGenerated: true;
	/** True when a real person's likeness appears (through a consented cameo): a deep fake under Art. 50(4). */
	depictsRealPerson: boolean;
	/** Where the signed provenance can be read. */
	provenance: { c2pa: boolean; manifestUrl?: string };
	generator: string;
}

export interface DisclosableRender {
	id: string;
	/** Characters of the spec; a `cameoId` means a real person's likeness. */
	spec: { characters?: Array<{ cameoId?: string }>; provenance?: { c2pa?: boolean } };
}

export function aiDisclosure(
	render: DisclosableRender,
	options: { baseUrl?: string } = {},
): AiDisclosure {
	const depictsRealPerson = (render.spec.characters ?? []).some((c) => Boolean(c.cameoId));
	const c2pa = render.spec.provenance?.c2pa !== false;
	return {
		label: depictsRealPerson
			? `${AI_DISCLOSURE_TEXT} It shows a real person, with their consent.`
			: AI_DISCLOSURE_TEXT,
		standard: 'EU AI Act Art. 50',
		digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
		aiGenerated: true,
		depictsRealPerson,
		provenance: {
			c2pa,
			...(c2pa && options.baseUrl
				? {
						manifestUrl: `${options.baseUrl.replace(/\/+$/, '')}/v1/renders/${render.id}/provenance`,
					}
				: {}),
		},
		generator: 'Reelforge',
	};
}
