/** HTTP answers as tests read them; no renderer module here (the process-level suites use it too). */

/** A response's status, headers and text, and its JSON (undefined when the body is not JSON). */
export async function answerOf(res: Response) {
	const text = await res.text();
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes
	let json: any;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, json, text };
}
