import { useEffect, useState } from 'preact/hooks';
import { describeError } from './api';
import { session } from './session';

/** Re-renders when the viewer signs in or out (here or in another tab). */
export function useSession() {
	const [, setTick] = useState(0);
	useEffect(() => {
		const bump = () => setTick((n) => n + 1);
		const stop = session.subscribe(bump);
		addEventListener('storage', bump);
		return () => {
			stop();
			removeEventListener('storage', bump);
		};
	}, []);
	return { apiKey: session.apiKey(), keyId: session.keyId(), adminKey: session.adminKey() };
}

/** The user asked their system for less motion: no smooth scrolling, no autoplay. */
export function prefersReducedMotion(): boolean {
	return matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Announces a short message to screen readers through the page's polite live region. */
export function announce(message: string) {
	const region = document.getElementById('announcer');
	if (!region) return;
	region.textContent = '';
	// A new text node after a tick, so the same message twice is announced twice.
	setTimeout(() => (region.textContent = message), 50);
}

/**
 * One user action that talks to the service: `busy` while it runs (to disable its buttons), and
 * its failure, in words, in `error`. `explain` turns the errors a form knows into its own words.
 */
export function useAction(explain: (err: unknown) => string | undefined = () => undefined) {
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);
	async function run(action: () => Promise<unknown>): Promise<boolean> {
		setBusy(true);
		setError(null);
		try {
			await action();
			return true;
		} catch (err) {
			setError(explain(err) ?? describeError(err));
			return false;
		} finally {
			setBusy(false);
		}
	}
	return { busy, error, setError, run };
}
