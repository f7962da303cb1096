/**
 * The unit specs of TLS (constructs/tls/: certificates, certificate authorities, the PEM checks), the
 * topology (constructs/topology/) and the exposure NetworkPolicies (constructs/network-policies/): one jest
 * file, one describe per spec module.
 *
 * Why: jest gives every test file a new vm context and module registry, and each paid ~0.2 CPU-s before
 * its first test (~0.09 s jest's own setup, ~0.11 s evaluating the package entry and cdk8s afresh): 55
 * unit files paid ~11 of the unit project's ~25 CPU-s. A `<subject>.spec.ts` is what its test file was
 * (testMatch takes only `*.test.ts` files, so it is not one by itself); it is required inside its describe, so its
 * top-level beforeAll/afterAll/beforeEach stay scoped to it. Specs share this file's modules: a spec
 * restores what it changes (spies, process.env) and passes alone and in any order.
 *
 * The seven unit group files became three (npx jest --selectProjects unit, 3 alternating A/B pairs, medians:
 * 17.6 -> 15.9 CPU-s, 11.0 -> 10.1 s wall): the groups are balanced for two workers (this file and
 * workloads-services-ingress.test.ts beside the larger app-gitops-package.test.ts).
 *
 * One subject: npx jest __tests__/unit/tls-topology.test.ts -t 'topology-model.spec'
 * (-t is a regular expression: the describe name's parentheses would be a group, so name the spec file).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- each spec is loaded inside its own describe */

describe('TlsCertificate (tls-certificate.spec.ts)', () => { require('./tls-certificate.spec'); });
describe('CertificateAuthority (certificate-authority.spec.ts)', () => { require('./certificate-authority.spec'); });
describe('certificate checks (certificate-checks.spec.ts)', () => { require('./certificate-checks.spec'); });
describe('topology model (topology-model.spec.ts)', () => { require('./topology-model.spec'); });
describe('topology DOT and Mermaid (topology-dot.spec.ts)', () => { require('./topology-dot.spec'); });
describe('topology of foreign objects (topology-objects.spec.ts)', () => { require('./topology-objects.spec'); });
describe('topology policies (topology-policies.spec.ts)', () => { require('./topology-policies.spec'); });
describe('topology rules (topology-rules.spec.ts)', () => { require('./topology-rules.spec'); });
describe('ExposureNetworkPolicies (exposure-network-policies.spec.ts)', () => { require('./exposure-network-policies.spec'); });
