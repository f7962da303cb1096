/**
 * Validates cert-manager objects strictly (an unknown field is an error) against the CRD's
 * openAPIV3Schema (the copy in schemas/crds) and Kubernetes 1.27's metadata, with the
 * validation plugin's validator: the same check `npm run synth` and `cdk8s synth` make. Its
 * compiled validators are kept in the tests' validator cache (test-cache.ts): compiled once per
 * schema content, then loaded (an ajv compile of these schemas was most of this helper's cost).
 */
import { formatViolations, getSchemaValidator } from '../../validation-plugin/src/schema-validator';
import { testValidatorCache } from './test-cache';

/** Throws with every violation unless `obj` (a cert-manager.io/v1 object) matches its CRD schema. */
export function expectValidCertManagerObject(obj: any): void {
  if (obj?.apiVersion !== 'cert-manager.io/v1') throw new Error(`not a cert-manager.io/v1 object: ${JSON.stringify(obj)}`);
  const validator = getSchemaValidator({
    kubernetesVersions: ['v1.27.0'], crdFiles: ['crds/cert-manager-v1.21.1.yaml'], cacheDir: testValidatorCache(),
  });
  const violations = validator.validate([obj]);
  if (violations.length > 0) throw new Error(formatViolations(violations));
}
