/** Types of the plain-JavaScript chat-completions emulator beside this file. */
export type EmulatorAnswer =
	| { story: unknown }
	| { content: string }
	| { refusal: string }
	| { status: number; retryAfter?: number | string; message?: string };

export class ChatCompletionsEmulator {
	constructor(options?: { apiKey?: string });
	readonly apiKey: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies as the emulator received them
	readonly requests: Array<Record<string, any>>;
	answers: EmulatorAnswer[];
	start(port?: number): Promise<string>;
	stop(): Promise<void>;
}

export function strictSchemaProblem(schema: unknown): string | undefined;
