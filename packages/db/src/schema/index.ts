export { auditCheckpoints, auditEntries } from './audit.ts';
export { clientKeys, hubKeys, personalAccessTokens, usedAssertionIds } from './credentials.ts';
export { intelDeliveries, intelPublications } from './intel.ts';
export { invitations } from './invitations.ts';
export { keywordVersions, promotedTerms } from './keywords.ts';
export { hubMeta } from './meta.ts';
export { memberships, organisations, taskforceMembers, users } from './organisations.ts';
export { planActivityEvents, planSnapshots, plans, planUpdates, planVersions } from './plans.ts';
export { policySubmissions } from './policies.ts';
