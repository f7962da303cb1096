/**
 * Specs of the synthesised outputs (the lab synthesised in process, dist/ and dist-gateway/ and
 * their Flux layout, the Helm values script) in one jest file: each jest file evaluates its module
 * graph afresh (the constructs, the lab, cdk8s, yaml), so these specs load it once instead of once
 * each, and pay jest's per-file setup once. Each spec keeps its own tests and hooks inside its
 * describe.
 *
 * One spec: npx jest __tests__/integration/synth-outputs.test.ts -t '<spec>' (e.g. -t 'in-process-synth').
 */
/* eslint-disable @typescript-eslint/no-require-imports */
describe('in-process-synth (in-process-synth.spec.ts)', () => { require('./in-process-synth.spec'); });
describe('gitops (gitops.spec.ts)', () => { require('./gitops.spec'); });
describe('no-hash-names (no-hash-names.spec.ts)', () => { require('./no-hash-names.spec'); });
describe('helm-values-script (helm-values-script.spec.ts)', () => { require('./helm-values-script.spec'); });
