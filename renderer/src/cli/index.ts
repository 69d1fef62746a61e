#!/usr/bin/env node
/**
 * `reelforge` — the renderer's command line. One file per command; this one only dispatches.
 */
import { runApi, runServe, runWorker } from './serve';
import { runKeys } from './keys';
import { runRenderCommand } from './render';
import { runVoices } from './voices';

const USAGE = `reelforge <command>

  serve [--example spec.json]
                            API + its render process (embedded store under REELFORGE_DATA_DIR, or Redis when REDIS_URL is set)
  api                       API only (needs REDIS_URL; workers run elsewhere)
  worker                    worker only (needs REDIS_URL)
  render <spec.json> -o out.mp4 [--quality draft|standard|high] [--provider id]
                            one-shot render with a progress bar and per-stage timings
  keys create --tier free|pro [--name text]
  keys list
  keys revoke <keyId>
  voices list [--remote] [--language en_US]
                            voices this machine speaks with; --remote lists the Piper collection
  voices pull <voice> [--force]
                            download a Piper voice (md5-checked) into REELFORGE_MODELS_DIR/piper

Configuration is read from the environment; see README.md.`;

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	switch (command) {
		case 'serve':
			return runServe(rest);
		case 'api':
			return runApi();
		case 'worker':
			return runWorker();
		case 'render':
			return runRenderCommand(rest);
		case 'keys':
			return runKeys(rest);
		case 'voices':
			return runVoices(rest);
		case undefined:
		case 'help':
		case '--help':
		case '-h':
			process.stdout.write(`${USAGE}\n`);
			return command === undefined ? 1 : 0;
		default:
			process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
			return 2;
	}
}

main(process.argv.slice(2)).then(
	(code) => {
		if (code !== -1) process.exitCode = code;
	},
	(err: Error) => {
		process.stderr.write(`reelforge: ${err.message}\n`);
		process.exitCode = 1;
	},
);
