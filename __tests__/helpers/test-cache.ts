/**
 * Where the tests keep what outlives a run: node_modules/.cache/cdk8s-expose-tests/ (the builds of
 * build-once.ts, the validator cache below). `CDK8S_EXPOSE_TEST_CACHE=off` keeps nothing between
 * runs, as on a fresh clone. No other imports: the unit project's setup files load it.
 */
import * as os from 'os';
import * as path from 'path';

export const TEST_CACHE_ROOT = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'cdk8s-expose-tests');

/** False when `CDK8S_EXPOSE_TEST_CACHE=off`: every build is made afresh (as on a fresh clone). */
export function cacheEnabled(): boolean {
  return process.env.CDK8S_EXPOSE_TEST_CACHE !== 'off';
}

/**
 * The validation plugin's validator cache (docs/validation.md) for the tests that validate with
 * it: its files are named by content hashes (schemas, CRDs, the code generator), so runs and
 * checkouts share it safely. The first run compiles, later ones load the compiled validators.
 * With the cache off: under this run's temporary directory (run-tmpdir.js), gone when it ends.
 * Unit tests may write here (unit-temp-writes-only.ts).
 */
export function testValidatorCache(): string {
  return cacheEnabled() ? path.join(TEST_CACHE_ROOT, 'validators') : path.join(os.tmpdir(), 'cdk8s-expose-test-validators');
}
