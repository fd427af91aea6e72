/** Entry point: `pnpm ewto …` runs this file with tsx. */
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2));
