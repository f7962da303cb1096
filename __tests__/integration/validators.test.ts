/**
 * Validator and CEL specs in one jest file: each jest file evaluates its module graph afresh
 * (schema-validator, ajv's runtime, the validators loaded from the tests' cache, the CEL engine and
 * its compiled rules, the shared getSchemaValidator instances), so these specs load them once
 * instead of once each, and pay jest's per-file setup once. Each spec keeps its own tests and hooks
 * inside its describe.
 *
 * One spec: npx jest __tests__/integration/validators.test.ts -t '<spec>' (e.g. -t 'cel-crd-rules').
 */
/* eslint-disable @typescript-eslint/no-require-imports */
describe('cel-crd-rules (cel-crd-rules.spec.ts)', () => { require('./cel-crd-rules.spec'); });
describe('cel-mirrors (cel-mirrors.spec.ts)', () => { require('./cel-mirrors.spec'); });
describe('cel-user-crd (cel-user-crd.spec.ts)', () => { require('./cel-user-crd.spec'); });
describe('crd-releases-warnings (crd-releases-warnings.spec.ts)', () => { require('./crd-releases-warnings.spec'); });
describe('schema-validation (schema-validation.spec.ts)', () => { require('./schema-validation.spec'); });
describe('helm-promotion (helm-promotion.spec.ts)', () => { require('./helm-promotion.spec'); });
describe('atomic-file (atomic-file.spec.ts)', () => { require('./atomic-file.spec'); });
