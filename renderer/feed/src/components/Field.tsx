import type {
	ComponentChildren,
	InputHTMLAttributes,
	PartialInputHTMLAttributes,
	PartialSelectHTMLAttributes,
	TextareaHTMLAttributes,
} from 'preact';
import { useId } from 'preact/hooks';

/*
 * The form fields every view uses. The <label> wraps its control, so the label's text is the
 * control's accessible name without ids to keep in step; each field hands back the new value, not
 * the event.
 */

type Labelled = { label: ComponentChildren };

/** A one-line input (text unless `type` says otherwise: password, number…), with optional help. */
export function TextField({
	label,
	help,
	onValue,
	...input
}: Labelled & {
	/** A hint shown under the field and read with it (`aria-describedby`). */
	help?: ComponentChildren;
	type?: 'text' | 'password' | 'number' | 'search' | 'email' | 'url';
	value: string;
	onValue: (value: string) => void;
} & Omit<
		PartialInputHTMLAttributes<HTMLInputElement>,
		'label' | 'role' | 'type' | 'value' | 'onInput'
	>) {
	// preact types <input> per `type`; the types this field takes all share one shape.
	const attributes = { type: 'text', ...input } as InputHTMLAttributes<HTMLInputElement>;
	const helpId = useId();
	return (
		<>
			<label>
				{label}
				<input
					{...attributes}
					aria-describedby={help ? helpId : undefined}
					onInput={(e) => onValue(e.currentTarget.value)}
				/>
			</label>
			{help && (
				<p id={helpId} class="hint">
					{help}
				</p>
			)}
		</>
	);
}

export function TextArea({
	label,
	onValue,
	...textarea
}: Labelled & { value: string; onValue: (value: string) => void } & Omit<
		TextareaHTMLAttributes,
		'label' | 'value' | 'onInput'
	>) {
	return (
		<label>
			{label}
			<textarea {...textarea} onInput={(e) => onValue(e.currentTarget.value)} />
		</label>
	);
}

/** A choice: a plain string is both the value and the text shown. */
export type Choice<T extends string> = T | { value: T; label: string };

export function Select<T extends string>({
	label,
	value,
	choices,
	onValue,
	...select
}: Labelled & {
	value: T;
	choices: ReadonlyArray<Choice<T>>;
	onValue: (value: T) => void;
} & Omit<PartialSelectHTMLAttributes<HTMLSelectElement>, 'label' | 'role' | 'value' | 'onChange'>) {
	return (
		<label>
			{label}
			<select {...select} value={value} onChange={(e) => onValue(e.currentTarget.value as T)}>
				{choices.map((choice) => {
					const { value: v, label: text } =
						typeof choice === 'string' ? { value: choice, label: choice } : choice;
					return (
						<option key={v} value={v}>
							{text}
						</option>
					);
				})}
			</select>
		</label>
	);
}

export function Checkbox(props: {
	label: ComponentChildren;
	checked: boolean;
	onChecked: (checked: boolean) => void;
}) {
	return (
		<label class="check">
			<input
				type="checkbox"
				checked={props.checked}
				onChange={(e) => props.onChecked(e.currentTarget.checked)}
			/>
			{props.label}
		</label>
	);
}

/** The form's submit button: disabled while its action runs, saying what it is doing. */
export function SubmitButton(props: {
	busy: boolean;
	busyLabel?: string;
	children: ComponentChildren;
}) {
	return (
		<button type="submit" disabled={props.busy}>
			{props.busy && props.busyLabel ? props.busyLabel : props.children}
		</button>
	);
}
