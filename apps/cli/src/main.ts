/** `ewto`: the command-line tool. `pnpm ewto …` from the repo root. */
import pkg from '../package.json' with { type: 'json' };
import { dispatch, type Group, type Io } from './cli.ts';
import { adminGroup } from './commands/admin.ts';
import { auditGroup } from './commands/audit.ts';
import { authGroup } from './commands/auth.ts';
import { intelGroup } from './commands/intel.ts';
import { keysGroup } from './commands/keys.ts';
import { keywordsGroup } from './commands/keywords.ts';
import { planGroup } from './commands/plan.ts';
import { policyGroup } from './commands/policy.ts';

export const root: Group = {
  kind: 'group',
  name: 'ewto',
  summary:
    'EWTO Hub command-line tool: framework alignment, keyword screening, intelligence and administration.',
  children: [policyGroup, planGroup, keywordsGroup, intelGroup, authGroup, keysGroup, auditGroup, adminGroup],
};

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.env.INIT_CWD || process.cwd(),
    env: process.env,
  };
}

export async function runCli(argv: string[], io: Io = processIo()): Promise<number> {
  return dispatch(root, argv, io, pkg.version);
}
