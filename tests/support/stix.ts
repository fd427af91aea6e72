/** The OASIS STIX 2.1 JSON Schemas of ../shared/reference, as one validator of bundles and their objects. */
import { stixObjectValidator } from '@ewto/intel/testing/stix';

/** Validates a bundle and then each object against the schema of its type; answers the problems. */
export function stixValidator(): (bundle: { objects: Array<{ type: string }> }) => string[] {
  const check = stixObjectValidator();
  return (bundle) => [...check({ ...bundle, type: 'bundle' }), ...bundle.objects.flatMap(check)];
}
