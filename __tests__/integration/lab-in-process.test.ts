/**
 * The lab's specs, all of them in the jest process (the lab synthesised and checked, its
 * certificates, the lab:up/down/verify scripts with the stand-in tools, the clusters of 2026, the
 * mirrors), in one jest file: each jest file evaluates its module graph afresh (the constructs and
 * their generated Kubernetes imports, the lab, cdk8s, yaml, the scripts, the schema validator and
 * its cached validators), so these specs load it once instead of seven times, and pay jest's
 * per-file setup once. Each spec keeps its own tests and hooks inside its describe.
 *
 * The lab's synth is remembered per configuration for every spec here (helpers/lab-synth-memo.ts:
 * the scripts run lab:up/down dozens of times with the same configurations; lab-scripts.spec.ts
 * checks that a remembered synth equals a fresh one). The mock is registered here, before any
 * spec loads lab/stages.
 *
 * One spec: npx jest __tests__/integration/lab-in-process.test.ts -t '<spec>' (e.g. -t 'lab-clusters').
 */
/* eslint-disable @typescript-eslint/no-require-imports */
jest.mock('../../lab/stages', () => jest.requireActual('../helpers/lab-synth-memo').withRememberedSynth(jest.requireActual('../../lab/stages')));

describe('lab (lab.spec.ts)', () => { require('./lab.spec'); });
describe('lab-gateway (lab-gateway.spec.ts)', () => { require('./lab-gateway.spec'); });
describe('lab-certs (lab-certs.spec.ts)', () => { require('./lab-certs.spec'); });
describe('lab-scripts (lab-scripts.spec.ts)', () => { require('./lab-scripts.spec'); });
describe('lab-clusters (lab-clusters.spec.ts)', () => { require('./lab-clusters.spec'); });
describe('lab-verify (lab-verify.spec.ts)', () => { require('./lab-verify.spec'); });
describe('lab-mirror-releases (lab-mirror-releases.spec.ts)', () => { require('./lab-mirror-releases.spec'); });
