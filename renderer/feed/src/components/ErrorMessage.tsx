/** The error of a form or a card, read out at once (`role="alert"`); nothing when there is none. */
export function ErrorMessage(props: { error: string | null; class?: string }) {
	if (!props.error) return null;
	return (
		<p class={props.class ? `error ${props.class}` : 'error'} role="alert">
			{props.error}
		</p>
	);
}
