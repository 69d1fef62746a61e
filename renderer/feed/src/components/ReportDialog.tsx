import { useState } from 'preact/hooks';
import { ApiError, describeError, request } from '../api';
import { announce, useSession } from '../hooks';
import { REPORT_REASONS, type FeedItem } from '../types';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

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
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);
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
		if (!props.item) return;
		if (!reason) return setError('Choose a reason.');
		setBusy(true);
		setError(null);
		try {
			const answer = await request<{ itemHidden: boolean }>(
				'POST',
				`/v1/feed/${props.item.id}/reports`,
				{ body: { reason, ...(note.trim() ? { note: note.trim() } : {}) } },
			);
			setDone(true);
			announce('Report sent');
			if (answer.itemHidden) props.onHidden(props.item);
		} catch (err) {
			setError(
				err instanceof ApiError && err.code === 'already_reported'
					? 'You have already reported this clip. A reviewer will look at it.'
					: describeError(err),
			);
		} finally {
			setBusy(false);
		}
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
					<label>
						Anything the reviewer should know (optional)
						<textarea
							maxLength={1000}
							rows={3}
							value={note}
							onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
						/>
					</label>
					<ErrorMessage error={error} />
					<button type="submit" disabled={busy}>
						{busy ? 'Sending…' : 'Send report'}
					</button>
				</form>
			)}
		</Dialog>
	);
}
