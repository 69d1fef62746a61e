/**
 * Who is looking: the viewer's API key (entered once, kept in this browser's local storage when they
 * ask for it, else for this tab only) and, for the admin view, the admin key and the reviewer's
 * name (this tab only: an operator's key should not outlive the tab).
 */
const KEY = 'reelforge.apiKey';
const ADMIN = 'reelforge.adminKey';
const REVIEWER = 'reelforge.reviewer';
const listeners = new Set<() => void>();

function read(name: string): string | null {
	try {
		return sessionStorage.getItem(name) ?? localStorage.getItem(name);
	} catch {
		return null;
	}
}

function write(name: string, value: string | null, remember: boolean) {
	try {
		for (const store of [sessionStorage, localStorage]) store.removeItem(name);
		if (value) (remember ? localStorage : sessionStorage).setItem(name, value);
	} catch {
		/* storage disabled: the key lives as long as the page */
	}
	for (const listener of listeners) listener();
}

/** `rf_<keyId>_<secret>`: the id part is safe to show and to give to friends (allow-lists). */
export const keyIdOf = (key: string | null) =>
	key ? (/^rf_(key_[0-9a-z]+)_/.exec(key)?.[1] ?? null) : null;

export const session = {
	apiKey: () => read(KEY),
	keyId: () => keyIdOf(read(KEY)),
	signIn: (key: string, remember: boolean) => write(KEY, key.trim(), remember),
	signOut: () => write(KEY, null, false),
	adminKey: () => read(ADMIN),
	reviewer: () => read(REVIEWER),
	adminSignIn: (key: string, reviewer: string) => {
		write(ADMIN, key.trim(), false);
		write(REVIEWER, reviewer.trim(), false);
	},
	adminSignOut: () => {
		write(ADMIN, null, false);
		write(REVIEWER, null, false);
	},
	subscribe(listener: () => void) {
		listeners.add(listener);
		return () => listeners.delete(listener);
	},
};
