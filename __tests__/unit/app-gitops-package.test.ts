/**
 * The unit specs of the validation rules (constructs/validation/), the app-wide checks, the app model and
 * ExposeApp (constructs/app-checks/), the CEL libraries; GitOps (constructs/gitops/), the lab (lab/) and the
 * release notes (scripts/release-pack.ts); the package as a whole (the layers of constructs/, the public API):
 * one jest file, one describe per spec module.
 *
 * Why: jest gives every test file a new vm context and module registry, and each paid ~0.2 CPU-s before
 * its first test (~0.09 s jest's own setup, ~0.11 s evaluating the package entry and cdk8s afresh): 55
 * unit files paid ~11 of the unit project's ~25 CPU-s. A `<subject>.spec.ts` is what its test file was
 * (testMatch takes only `*.test.ts` files, so it is not one by itself); it is required inside its describe, so its
 * top-level beforeAll/afterAll/beforeEach stay scoped to it. Specs share this file's modules: a spec
 * restores what it changes (spies, process.env) and passes alone and in any order.
 *
 * The seven unit group files became three (npx jest --selectProjects unit, 3 alternating A/B pairs, medians:
 * 17.6 -> 15.9 CPU-s, 11.0 -> 10.1 s wall): the groups are balanced for two workers (this file beside
 * workloads-services-ingress.test.ts and tls-topology.test.ts).
 *
 * One subject: npx jest __tests__/unit/app-gitops-package.test.ts -t 'validation-rules.spec'
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
describe('DeployPlan (deploy-plan.spec.ts)', () => { require('./deploy-plan.spec'); });
describe('FluxLayout (flux-layout.spec.ts)', () => { require('./flux-layout.spec'); });
describe('lab mirror (lab-mirror.spec.ts)', () => { require('./lab-mirror.spec'); });
describe('lab sections (lab-sections.spec.ts)', () => { require('./lab-sections.spec'); });
describe('lab versions (lab-versions.spec.ts)', () => { require('./lab-versions.spec'); });
describe('release pack (release-pack.spec.ts)', () => { require('./release-pack.spec'); });
describe('architecture (architecture.spec.ts)', () => { require('./architecture.spec'); });
describe('public API (public-api.spec.ts)', () => { require('./public-api.spec'); });
