// @ts-check
/**
 * `pnpm ewto …`: rebuilds apps/cli/dist/ewto.mjs when one of its sources is newer, then runs it.
 * Plain JavaScript, so that nothing is compiled when the bundle is fresh.
 */
import { ensureBundle } from './bundle.mjs';

try {
  await ensureBundle({
    // Say why the first run is slower, to a person only: output that is piped stays the command's own.
    log: (line) => process.stderr.isTTY && process.stderr.write(`${line}\n`),
  });
} catch (e) {
  const errors =
    /** @type {{ errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }} */ (
      e
    ).errors;
  const lines = errors?.length
    ? errors.map((m) =>
        m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text,
      )
    : [String(/** @type {Error} */ (e).message)];
  process.stderr.write(
    `ewto: cannot build apps/cli/dist/ewto.mjs:\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
  );
  process.exit(1);
}
await import(new URL('../dist/ewto.mjs', import.meta.url).href);
