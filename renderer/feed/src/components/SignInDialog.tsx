import { useState } from 'preact/hooks';
import { ApiError, describeError, request } from '../api';
import { announce, useSession } from '../hooks';
import { session } from '../session';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

/** Enter an API key once; it is checked against the service before it is kept. */
export function SignInDialog(props: { open: boolean; onClose: () => void }) {
	const { keyId } = useSession();
	const [key, setKey] = useState('');
	const [remember, setRemember] = useState(true);
	const [error, setError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);

	async function submit(event: Event) {
		event.preventDefault();
		setError(null);
		setBusy(true);
		const previous = session.apiKey();
		try {
			session.signIn(key, remember);
			await request('GET', '/v1/usage');
			setKey('');
			announce(`Signed in as ${session.keyId()}`);
			props.onClose();
		} catch (err) {
			if (previous) session.signIn(previous, true);
			else session.signOut();
			setError(
				err instanceof ApiError && err.status === 401
					? 'That key is unknown or revoked.'
					: describeError(err),
			);
		} finally {
			setBusy(false);
		}
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
				<label>
					API key
					<input
						type="password"
						name="apiKey"
						autoFocus
						autoComplete="current-password"
						required
						pattern="rf_key_[0-9a-z]+_[A-Za-z0-9_\-]+"
						value={key}
						onInput={(e) => setKey((e.target as HTMLInputElement).value)}
						aria-describedby="key-help"
					/>
				</label>
				<p id="key-help" class="hint">
					A key from <code>reelforge keys create</code>. It stays in this browser and is sent only
					to this service.
				</p>
				<label class="check">
					<input
						type="checkbox"
						checked={remember}
						onChange={(e) => setRemember((e.target as HTMLInputElement).checked)}
					/>
					Remember on this device
				</label>
				<ErrorMessage error={error} />
				<button type="submit" disabled={busy}>
					{busy ? 'Checking…' : 'Sign in'}
				</button>
			</form>
		</Dialog>
	);
}
