import { pingDatabase } from '@ewto/db';
import type { HubDeps } from '../types.ts';

/** Whether the hub's database answers. */
export async function databaseReachable(deps: HubDeps): Promise<boolean> {
  try {
    await pingDatabase(deps.dbHandle);
    return true;
  } catch {
    return false;
  }
}
