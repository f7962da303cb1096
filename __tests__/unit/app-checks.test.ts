/**
 * The unit specs of the validation rules (constructs/validation/), the app-wide checks, the app model and
 * ExposeApp (constructs/app-checks/), the CEL libraries: one jest file, one describe per spec module.
 *
 * Why: jest gives every test file a new vm context and module registry, and each paid ~0.2 CPU-s before
 * its first test (~0.09 s jest's own setup, ~0.11 s evaluating the package entry and cdk8s afresh): 55
 * unit files paid ~11 of the unit project's ~25 CPU-s. A `<subject>.spec.ts` is what its test file was
 * (testMatch takes only `*.test.ts` files, so it is not one by itself); it is required inside its describe, so its
 * top-level beforeAll/afterAll/beforeEach stay scoped to it. Specs share this file's modules: a spec
 * restores what it changes (spies, process.env) and passes alone and in any order.
 *
 * One subject: npx jest __tests__/unit/app-checks.test.ts -t 'validation-rules.spec'
 * (-t is a regular expression: the describe name's parentheses would be a group, so name the spec file).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- each spec is loaded inside its own describe */

describe('validation rules (validation-rules.spec.ts)', () => { require('./validation-rules.spec'); });
describe('messages (messages.spec.ts)', () => { require('./messages.spec'); });
describe('metadata rules (metadata-rules.spec.ts)', () => { require('./metadata-rules.spec'); });
describe('CrossObjectChecks (cross-object-checks.spec.ts)', () => { require('./cross-object-checks.spec'); });
describe('cross-object rules (cross-object-rules.spec.ts)', () => { require('./cross-object-rules.spec'); });
describe('collected problems (collect-problems.spec.ts)', () => { require('./collect-problems.spec'); });
describe('app model (app-model.spec.ts)', () => { require('./app-model.spec'); });
describe('CEL Kubernetes libraries (cel-k8s-libraries.spec.ts)', () => { require('./cel-k8s-libraries.spec'); });
describe('ExposeApp (expose-app.spec.ts)', () => { require('./expose-app.spec'); });
describe('synth memo (synth-memo.spec.ts)', () => { require('./synth-memo.spec'); });
