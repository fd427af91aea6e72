/** `ewto keywords …`: the keyword library and listing screening. */
import type { Group } from '../cli.ts';
import { checkCommand } from './keywords/check.ts';
import { screenCommand } from './keywords/screen.ts';

export const keywordsGroup: Group = {
  kind: 'group',
  name: 'keywords',
  summary: 'Keyword library: screen listings against it, check its files',
  children: [screenCommand, checkCommand],
};
