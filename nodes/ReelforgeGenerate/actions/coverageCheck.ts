import type { IDataObject } from 'n8n-workflow';
import type { Render } from '../../shared/helpers/interfaces';

interface CoverageTerm extends IDataObject {
	term: string;
	category: string;
	status: string;
	path?: string;
	reason?: string;
}

/** The subjects the renderer's coverage report says the video will not show ("puppy", "gymnast"). */
export function undrawnSubjects(render: Render): CoverageTerm[] {
	const coverage = render.coverage as { terms?: CoverageTerm[] } | undefined;
	return (coverage?.terms ?? []).filter(
		(t) => t.category === 'subject' && t.status === 'not drawn',
	);
}

/** Why the item fails ("Fail When a Subject Cannot Be Drawn"), or undefined when every subject is drawn. */
export function refuseUndrawnSubjects(render: Render): string | undefined {
	const missing = undrawnSubjects(render);
	if (!missing.length) return undefined;
	const names = [...new Set(missing.map((t) => `"${t.term}"`))].join(', ');
	return `The renderer cannot draw ${missing.length === 1 ? 'the subject' : 'the subjects'} ${names}`;
}
