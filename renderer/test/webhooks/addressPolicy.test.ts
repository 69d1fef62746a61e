import {
	checkResolvedHost,
	forbiddenHostReason,
	isForbiddenAddress,
} from '../../src/webhooks/addressPolicy';

describe('webhook address policy', () => {
	test.each([
		['169.254.169.254', true],
		['169.254.0.1', true],
		['0.0.0.0', true],
		['::', true],
		['fe80::1', true],
		['::ffff:169.254.169.254', true],
		['127.0.0.1', false],
		['10.0.0.5', false],
		['192.168.1.10', false],
		['::1', false],
		['93.184.216.34', false],
	])('%s forbidden: %s', (address, forbidden) => {
		expect(isForbiddenAddress(address)).toBe(forbidden);
	});

	test('metadata host names and bracketed IPv6 literals are judged from the URL', () => {
		expect(
			forbiddenHostReason(new URL('http://metadata.google.internal/computeMetadata/v1/')),
		).toMatch(/metadata host/);
		expect(forbiddenHostReason(new URL('http://[fe80::1]:8080/x'))).toMatch(/link-local/);
		expect(forbiddenHostReason(new URL('http://localhost:5678/webhook'))).toBeUndefined();
	});

	test('names are resolved: localhost is allowed', async () => {
		expect(await checkResolvedHost(new URL('http://localhost:5678/webhook'))).toBeUndefined();
		expect(await checkResolvedHost(new URL('http://169.254.169.254/latest/meta-data/'))).toMatch(
			/link-local/,
		);
	});
});
