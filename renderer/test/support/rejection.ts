/** The error `work` rejects with, checked to be an `ErrorClass`; a test fails when it resolves. */
export async function rejection<E extends Error>(
	work: Promise<unknown>,
	ErrorClass: abstract new (...args: never[]) => E,
): Promise<E> {
	try {
		await work;
	} catch (error) {
		expect(error).toBeInstanceOf(ErrorClass);
		return error as E;
	}
	throw new Error(`expected a ${ErrorClass.name}, and the work succeeded`);
}
