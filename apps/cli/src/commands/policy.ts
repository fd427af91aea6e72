/** `ewto policy …`: the Prohibited Wildlife Policy Framework commands. */
import type { Group } from '../cli.ts';
import { changesCommand } from './policy/changes.ts';
import { diffCommand } from './policy/diff.ts';
import { historyCommand } from './policy/history.ts';
import { submitCommand } from './policy/submit.ts';
import { validateCommand } from './policy/validate.ts';

export const policyGroup: Group = {
  kind: 'group',
  name: 'policy',
  summary:
    'Framework alignment: validate policies and editions, diff a company policy, list edition changes, submit to a hub',
  children: [validateCommand, diffCommand, changesCommand, submitCommand, historyCommand],
};
