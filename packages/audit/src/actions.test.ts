import schema from '@ewto/schemas/audit-entry.schema.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, isAuditAction } from './actions.ts';

describe('AUDIT_ACTIONS', () => {
  it('lists exactly the actions of the entry schema, each once', () => {
    expect([...AUDIT_ACTIONS].sort()).toEqual([...schema.$defs.action.enum].sort());
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
  it('covers the events issue 3 names', () => {
    for (const a of [
      'token.issued',
      'auth.failed',
      'intel.receipt',
      'key.rotated',
      'role.changed',
      'plan.read',
    ])
      expect(isAuditAction(a), a).toBe(true);
    expect(isAuditAction('plan.deleted')).toBe(false);
  });
});
