/** Strict validation of objects against Kubernetes v1.27.0 and v1.36.0 and the CRDs in schemas/ (the validation plugin's validator). */
import { formatViolations, getSchemaValidator } from '../../validation-plugin/src/schema-validator';
import { testValidatorCache } from './test-cache';

/** Throws with every violation unless each object is valid for Kubernetes 1.27 and 1.36 (and its CRD). */
export function expectStrictlyValid(objects: any[]): void {
  expect(objects.length).toBeGreaterThan(0);
  const validator = getSchemaValidator({ kubernetesVersions: ['v1.27.0', 'v1.36.0'], cacheDir: testValidatorCache() });
  const violations = validator.validate(objects);
  if (violations.length > 0) throw new Error(formatViolations(violations));
}
