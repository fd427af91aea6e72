/** Checks of publish requests that a JSON Schema cannot express. */
import type { NetworkReport } from '@ewto/schemas/generated/intel';

export interface ContentIssue {
  pointer: string;
  message: string;
}

/**
 * A network report's ids are unique, and every relationship names ids of the report.
 * @example checkNetworkReport(report, '/report') // [] when consistent
 */
export function checkNetworkReport(report: NetworkReport, at = ''): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const ids = new Map<string, string>();
  const note = (id: string, pointer: string) => {
    const first = ids.get(id);
    if (first) issues.push({ pointer, message: `id "${id}" is already used at ${first}` });
    else ids.set(id, pointer);
  };
  report.actors.forEach((a, i) => {
    note(a.id, `${at}/actors/${i}/id`);
  });
  report.listings.forEach((l, i) => {
    note(l.id, `${at}/listings/${i}/id`);
  });
  report.relationships.forEach((r, i) => {
    for (const end of ['source', 'target'] as const)
      if (!ids.has(r[end]))
        issues.push({
          pointer: `${at}/relationships/${i}/${end}`,
          message: `${end} "${r[end]}" is not the id of an actor or listing of this report`,
        });
    if (r.source === r.target)
      issues.push({ pointer: `${at}/relationships/${i}`, message: 'a relationship links two different ids' });
  });
  return issues;
}
