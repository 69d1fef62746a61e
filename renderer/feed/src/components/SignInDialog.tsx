import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { announce, useAction, useSession } from '../hooks';
import { session } from '../session';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';
import { Checkbox, SubmitButton, TextField } from './Field';

/** Enter an API key once; it is checked against the service before it is kept. */
export function SignInDialog(props: { open: boolean; onClose: () => void }) {
	const { keyId } = useSession();
	const [key, setKey] = useState('');
	const [remember, setRemember] = useState(true);
	const { busy, error, run } = useAction((err) =>
		err instanceof ApiError && err.status === 401 ? 'That key is unknown or revoked.' : undefined,
	);

	async function submit(event: Event) {
		event.preventDefault();
		const previous = session.apiKey();
		const signedIn = await run(async () => {
			session.signIn(key, remember);
			await request('GET', '/v1/usage');
		});
		if (signedIn) {
			setKey('');
			announce(`Signed in as ${session.keyId()}`);
			props.onClose();
		} else if (previous) session.signIn(previous, true);
		else session.signOut();
	}

	return (
		<Dialog open={props.open} title={keyId ? 'Your account' : 'Sign in'} onClose={props.onClose}>
			{keyId && (
				<div class="stack">
					<p>
						Signed in with key <code>{keyId}</code>. Give this key id to friends who want to let you
						use their cameos.
					</p>
					<button
						type="button"
						class="secondary"
						onClick={() => {
							session.signOut();
							announce('Signed out');
						}}
					>
						Sign out
					</button>
					<hr />
					<p>Use another key:</p>
				</div>
			)}
			<form class="stack" onSubmit={submit}>
				<TextField
					label="API key"
					type="password"
					name="apiKey"
					autoFocus
					autoComplete="current-password"
					required
					pattern="rf_key_[0-9a-z]+_[A-Za-z0-9_\-]+"
					value={key}
					onValue={setKey}
					help={
						<>
							A key from <code>reelforge keys create</code>. It stays in this browser and is sent
							only to this service.
						</>
					}
				/>
				<Checkbox label="Remember on this device" checked={remember} onChecked={setRemember} />
				<ErrorMessage error={error} />
				<SubmitButton busy={busy} busyLabel="Checking…">
					Sign in
				</SubmitButton>
			</form>
		</Dialog>
	);
}
