/** `ewto intel …`: verify packages offline, export STIX, and an agency's intake against a hub. */
import type { Group } from '../cli.ts';
import { fetchCommand, inbox, receipt } from './intel/hub.ts';
import { stix, verify } from './intel/verify.ts';

export const intelGroup: Group = {
  kind: 'group',
  name: 'intel',
  summary: 'Intelligence packages: verify offline, STIX export, inbox, fetch, receipts',
  children: [verify, stix, inbox, fetchCommand, receipt],
};
