/**
 * Every JSON Schema of the hub, by short name. Add a line here when a schema is added
 * (the OpenAPI document and the validators are built from this list).
 */

import actionPlan from '../action-plan.schema.json' with { type: 'json' };
import alignmentReport from '../alignment-report.schema.json' with { type: 'json' };
import auditCheckpoint from '../audit-checkpoint.schema.json' with { type: 'json' };
import auditEntry from '../audit-entry.schema.json' with { type: 'json' };
import auditProof from '../audit-proof.schema.json' with { type: 'json' };
import companyPolicy from '../company-policy.schema.json' with { type: 'json' };
import editionChanges from '../edition-changes.schema.json' with { type: 'json' };
import framework from '../framework.schema.json' with { type: 'json' };
import health from '../health.schema.json' with { type: 'json' };
import identity from '../identity.schema.json' with { type: 'json' };
import intel from '../intel.schema.json' with { type: 'json' };
import keywordLibrary from '../keyword-library.schema.json' with { type: 'json' };
import networkReport from '../network-report.schema.json' with { type: 'json' };
import problem from '../problem.schema.json' with { type: 'json' };
import screenRequest from '../screen-request.schema.json' with { type: 'json' };
import screenResult from '../screen-result.schema.json' with { type: 'json' };
import session from '../session.schema.json' with { type: 'json' };
import trendAlert from '../trend-alert.schema.json' with { type: 'json' };
import vocabularies from '../vocabularies.schema.json' with { type: 'json' };

export const schemas = {
  'action-plan': actionPlan,
  'alignment-report': alignmentReport,
  'audit-checkpoint': auditCheckpoint,
  'audit-entry': auditEntry,
  'audit-proof': auditProof,
  'company-policy': companyPolicy,
  'edition-changes': editionChanges,
  framework,
  health,
  identity,
  intel,
  'keyword-library': keywordLibrary,
  'network-report': networkReport,
  problem,
  'screen-request': screenRequest,
  'screen-result': screenResult,
  session,
  'trend-alert': trendAlert,
  vocabularies,
} as const;

export type SchemaName = keyof typeof schemas;

/** The `$id` of a schema, e.g. for `$ref`s from the OpenAPI document. */
export function schemaId(name: SchemaName): string {
  return schemas[name].$id;
}
