/**
 * Specs that each start a few processes of their own (the CLIs and scripts they test: the cdk8s
 * CLI, the safe synth, synth:gateway, `cdk8s-expose diagram`, lab:diagram) in one jest file: each
 * jest file evaluates its module graph afresh (the library, the lab, the validation plugin), and
 * pays jest's per-file setup; here once for all of them. Each spec keeps its own tests and hooks
 * inside its describe. (The longer ones, safe-synth, synth-safety and package-consumer, stay files
 * of their own, so that jest's two workers share them.)
 *
 * One spec: npx jest __tests__/integration/process-runs.test.ts -t '<spec>' (e.g. -t 'topology-cli').
 */
/* eslint-disable @typescript-eslint/no-require-imports */
describe('topology-cli (topology-cli.spec.ts)', () => { require('./topology-cli.spec'); });
describe('lab-diagram (lab-diagram.spec.ts)', () => { require('./lab-diagram.spec'); });
describe('imports-drift (imports-drift.spec.ts)', () => { require('./imports-drift.spec'); });
describe('dist-up-to-date (dist-up-to-date.spec.ts)', () => { require('./dist-up-to-date.spec'); });
describe('app-report (app-report.spec.ts)', () => { require('./app-report.spec'); });
describe('synth-environments (synth-environments.spec.ts)', () => { require('./synth-environments.spec'); });
