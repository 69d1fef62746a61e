/** Dates and times as the viewer's locale writes them. */
export const when = (iso: string | null | undefined) =>
	iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
