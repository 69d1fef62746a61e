import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let counter = 0;

/**
 * A modal on the native <dialog>: the browser traps focus inside, Escape closes it, and focus goes
 * back to what opened it.
 */
export function Dialog(props: {
	open: boolean;
	title: string;
	onClose: () => void;
	children: ComponentChildren;
	wide?: boolean;
}) {
	const ref = useRef<HTMLDialogElement>(null);
	const titleId = useRef(`dialog-title-${++counter}`).current;
	useEffect(() => {
		const dialog = ref.current;
		if (!dialog) return;
		if (props.open && !dialog.open) dialog.showModal();
		if (!props.open && dialog.open) dialog.close();
	}, [props.open]);
	return (
		<dialog
			ref={ref}
			class={props.wide ? 'dialog wide' : 'dialog'}
			aria-labelledby={titleId}
			onClose={props.onClose}
		>
			<header class="dialog-head">
				<h2 id={titleId}>{props.title}</h2>
				<button type="button" class="icon-button" aria-label="Close" onClick={props.onClose}>
					✕
				</button>
			</header>
			{props.open && <div class="dialog-body">{props.children}</div>}
		</dialog>
	);
}
