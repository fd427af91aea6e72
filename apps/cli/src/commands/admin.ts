import { openMigratedDatabase } from '@ewto/db';
import type { Command, Group, Io } from '../cli.ts';
import { CliError } from '../cli.ts';

/** DATABASE_URL as the hub reads it (same default), resolved for file: paths against the caller's cwd. */
export function databaseUrl(io: Io): string {
  const url = io.env.DATABASE_URL || 'file:./data/hub.db';
  return url;
}

export async function openAdminDatabase(io: Io) {
  try {
    return await openMigratedDatabase({ url: databaseUrl(io), authToken: io.env.DATABASE_AUTH_TOKEN });
  } catch (e) {
    throw new CliError('usage', (e as Error).message, { cause: e });
  }
}

const migrate: Command = {
  kind: 'command',
  name: 'migrate',
  summary: 'Apply the database migrations to DATABASE_URL (the hub also does this at start)',
  usage: '',
  options: [],
  positionals: [0, 0],
  async run({ io }) {
    const h = await openAdminDatabase(io);
    h.close();
    io.stdout.write(`migrated ${databaseUrl(io)}\n`);
    return 0;
  },
};

export const adminGroup: Group = {
  kind: 'group',
  name: 'admin',
  summary: 'Administer the hub database directly (uses DATABASE_URL, default file:./data/hub.db)',
  children: [migrate],
};
