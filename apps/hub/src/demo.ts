/**
 * The demo seed, created only when HUB_DEMO=true (which `pnpm start` sets): the three conveners,
 * two illustrative companies, one agency and one taskforce, with a user per role. Idempotent.
 * Company and agency names are invented; no real company's policy or staff is implied.
 */
import { addMember, createOrg, createUser, findOrg, findUser } from '@ewto/identity';
import type { OrgKind, Role } from '@ewto/schemas';
import type { HubDeps } from './types.ts';

interface DemoOrg {
  slug: string;
  name: string;
  kind: OrgKind;
  users: Array<{ email: string; name: string; role: Role }>;
}

export const DEMO_ORGS: DemoOrg[] = [
  {
    slug: 'wwf',
    name: 'WWF',
    kind: 'convener',
    users: [
      { email: 'convener-admin@wwf.example', name: 'Demo convener admin', role: 'admin' },
      { email: 'convener-editor@wwf.example', name: 'Demo convener editor', role: 'editor' },
    ],
  },
  { slug: 'traffic', name: 'TRAFFIC', kind: 'convener', users: [] },
  { slug: 'ifaw', name: 'IFAW', kind: 'convener', users: [] },
  {
    slug: 'example-market',
    name: 'Example Market (illustrative e-commerce platform)',
    kind: 'company',
    users: [
      { email: 'admin@example-market.example', name: 'Demo company admin', role: 'admin' },
      { email: 'editor@example-market.example', name: 'Demo company editor', role: 'editor' },
      { email: 'viewer@example-market.example', name: 'Demo company viewer', role: 'viewer' },
    ],
  },
  {
    slug: 'example-social',
    name: 'Example Social (illustrative social media platform)',
    kind: 'company',
    users: [{ email: 'admin@example-social.example', name: 'Demo social admin', role: 'admin' }],
  },
  {
    slug: 'demo-wildlife-crime-unit',
    name: 'Demo Wildlife Crime Unit (illustrative agency)',
    kind: 'agency',
    users: [{ email: 'analyst@wildlife-unit.example', name: 'Demo agency analyst', role: 'admin' }],
  },
];

export const DEMO_TASKFORCE = {
  slug: 'operation-netshield',
  name: 'Operation Netshield (demo taskforce)',
  agencies: ['demo-wildlife-crime-unit'],
};

/** Creates the demo organisations and users unless they exist. Returns whether it created them. */
export async function seedDemo(deps: HubDeps): Promise<boolean> {
  const { db, log } = deps;
  if (await findOrg(db, 'wwf')) return false;
  for (const o of DEMO_ORGS) {
    const org = await createOrg(db, { slug: o.slug, name: o.name, kind: o.kind });
    for (const u of o.users) {
      const user = (await findUser(db, u.email)) ?? (await createUser(db, { email: u.email, name: u.name }));
      await addMember(db, org.id, user.id, u.role);
    }
  }
  await createOrg(db, { ...DEMO_TASKFORCE, kind: 'taskforce' });
  log.info('demo seed created', { organisations: DEMO_ORGS.length + 1 });
  return true;
}

/** What the start banner prints: how to get a token for each demo role. */
export function demoBanner(): string {
  const lines = ['Demo accounts (HUB_DEMO=true). Get a personal access token with:'];
  for (const o of DEMO_ORGS)
    for (const u of o.users)
      lines.push(`  ${`${o.slug} ${u.role}`.padEnd(34)} pnpm ewto admin token --email ${u.email}`);
  lines.push('Then exchange it for an access token at POST /api/v1/auth/token (see README, "Identity").');
  return lines.join('\n');
}
