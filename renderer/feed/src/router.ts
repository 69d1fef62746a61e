/**
 * Hash routes (#/clip/<id>, #/remix/<id>, #/cameos, #/admin), so the whole app is one page at
 * /feed/ that works under any path the service is mounted at, and share links open a clip.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
	| { name: 'feed'; clip?: string }
	| { name: 'remix'; itemId: string }
	| { name: 'cameos' }
	| { name: 'admin' };

const ID = /^pub_[0-9a-z]+$/;

export function parseRoute(hash: string): Route {
	const [, first, second] = hash.replace(/^#/, '').split('/');
	if (first === 'clip' && ID.test(second ?? '')) return { name: 'feed', clip: second };
	if (first === 'remix' && ID.test(second ?? '')) return { name: 'remix', itemId: second };
	if (first === 'cameos') return { name: 'cameos' };
	if (first === 'admin') return { name: 'admin' };
	return { name: 'feed' };
}

export const href = {
	feed: () => '#/',
	clip: (id: string) => `#/clip/${id}`,
	remix: (id: string) => `#/remix/${id}`,
	cameos: () => '#/cameos',
	admin: () => '#/admin',
};

export function navigate(to: string) {
	if (location.hash !== to) location.hash = to;
}

export function useRoute(): Route {
	const [route, setRoute] = useState(() => parseRoute(location.hash));
	useEffect(() => {
		const onChange = () => setRoute(parseRoute(location.hash));
		addEventListener('hashchange', onChange);
		return () => removeEventListener('hashchange', onChange);
	}, []);
	return route;
}
