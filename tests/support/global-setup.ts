/** Once before the test files: the CLI bundle the tests spawn is rebuilt if a source is newer. */
import { ensureBundle } from '@ewto/cli/bundle';

export default async function setup(): Promise<void> {
  await ensureBundle({ log: (line) => console.log(line) });
}
