import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { announce, useAction, useSession } from '../hooks';
import { REPORT_REASONS, type FeedItem } from '../types';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';
import { SubmitButton, TextArea } from './Field';

/** Report a clip with a reason from the moderation categories; a reviewer decides. */
export function ReportDialog(props: {
	item: FeedItem | null;
	onClose: () => void;
	onSignIn: () => void;
	onHidden: (item: FeedItem) => void;
}) {
	const { apiKey } = useSession();
	const [reason, setReason] = useState<string | null>(null);
	const [note, setNote] = useState('');
	const { busy, error, setError, run } = useAction((err) =>
		err instanceof ApiError && err.code === 'already_reported'
			? 'You have already reported this clip. A reviewer will look at it.'
			: undefined,
	);
	const [done, setDone] = useState(false);

	function close() {
		setReason(null);
		setNote('');
		setError(null);
		setDone(false);
		props.onClose();
	}

	async function submit(event: Event) {
		event.preventDefault();
		const item = props.item;
		if (!item) return;
		if (!reason) return setError('Choose a reason.');
		await run(async () => {
			const answer = await request<{ itemHidden: boolean }>('POST', `/v1/feed/${item.id}/reports`, {
				body: { reason, ...(note.trim() ? { note: note.trim() } : {}) },
			});
			setDone(true);
			announce('Report sent');
			if (answer.itemHidden) props.onHidden(item);
		});
	}

	return (
		<Dialog open={Boolean(props.item)} title="Report this clip" onClose={close}>
			{!apiKey ? (
				<div class="stack">
					<p>Sign in to report a clip: one report per account keeps reports honest.</p>
					<button
						type="button"
						onClick={() => {
							close();
							props.onSignIn();
						}}
					>
						Sign in
					</button>
				</div>
			) : done ? (
				<div class="stack">
					<p role="status">Thank you. Your report is in the review queue.</p>
					<button type="button" onClick={close}>
						Done
					</button>
				</div>
			) : (
				<form class="stack" onSubmit={submit}>
					<fieldset>
						<legend>Why are you reporting this clip?</legend>
						{REPORT_REASONS.map((r) => (
							<label class="check" key={r.id}>
								<input
									type="radio"
									name="reason"
									value={r.id}
									checked={reason === r.id}
									onChange={() => setReason(r.id)}
								/>
								{r.label}
							</label>
						))}
					</fieldset>
					<TextArea
						label="Anything the reviewer should know (optional)"
						maxLength={1000}
						rows={3}
						value={note}
						onValue={setNote}
					/>
					<ErrorMessage error={error} />
					<SubmitButton busy={busy} busyLabel="Sending…">
						Send report
					</SubmitButton>
				</form>
			)}
		</Dialog>
	);
}
