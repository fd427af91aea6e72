/** `ewto policy …`: the Prohibited Wildlife Policy Framework commands. */
import type { Group } from '../cli.ts';
import { changesCommand } from './policy/changes.ts';
import { diffCommand } from './policy/diff.ts';
import { validateCommand } from './policy/validate.ts';

export const policyGroup: Group = {
  kind: 'group',
  name: 'policy',
  summary: 'Framework alignment: validate policies and editions, diff a company policy, list edition changes',
  children: [validateCommand, diffCommand, changesCommand],
};
