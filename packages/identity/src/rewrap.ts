/**
 * Rotating the key-encryption key: every value sealed under it is opened with the old key and sealed
 * under the new one, with the same context, in the caller's transaction (all or nothing). The list
 * below is every sealed column of the database; a new one is added here.
 */
import type { Database } from '@ewto/db';
import { intelDeliveries, intelPublications } from '@ewto/db/schema';
import { eq } from 'drizzle-orm';
import { isSealed, type KeyEncryptionKey, openEnvelope, sealEnvelope } from './envelope.ts';
import { rewrapHubKeys } from './keystore.ts';

export interface RewrapCounts {
  hubKeys: number;
  intelPublications: number;
  intelDeliveries: number;
}

/**
 * Re-seals every value under `to`: the hub's private keys (sealed too if still in clear), stored
 * intelligence and the signed packages kept for agencies' inboxes. Run it in one transaction.
 * @example await audited((tx, record) => rewrapAll(tx, oldKek, newKek))
 */
export async function rewrapAll(
  db: Database,
  from: KeyEncryptionKey,
  to: KeyEncryptionKey,
): Promise<RewrapCounts> {
  const reseal = async (value: string, context: string) =>
    sealEnvelope(to, await openEnvelope(from, value, context), context);
  let publications = 0;
  for (const row of await db
    .select({ id: intelPublications.id, content: intelPublications.content })
    .from(intelPublications)) {
    if (!isSealed(row.content)) continue;
    await db
      .update(intelPublications)
      .set({ content: await reseal(row.content, `intel-publication:${row.id}`) })
      .where(eq(intelPublications.id, row.id));
    publications++;
  }
  let deliveries = 0;
  for (const row of await db
    .select({ id: intelDeliveries.id, token: intelDeliveries.token })
    .from(intelDeliveries)) {
    if (!isSealed(row.token)) continue; // a JWE to the agency, stored as sent
    await db
      .update(intelDeliveries)
      .set({ token: await reseal(row.token, `intel-delivery:${row.id}`) })
      .where(eq(intelDeliveries.id, row.id));
    deliveries++;
  }
  return {
    hubKeys: await rewrapHubKeys(db, from, to),
    intelPublications: publications,
    intelDeliveries: deliveries,
  };
}
