/**
 * The unit specs of HttpIngress and TlsIngress (constructs/ingress/), the routing targets
 * (constructs/routing/, constructs/targets/) and the ingress-nginx controller (constructs/ingress-nginx/):
 * one jest file, one describe per spec module.
 *
 * Why: jest gives every test file a new vm context and module registry, and each paid ~0.2 CPU-s before
 * its first test (~0.09 s jest's own setup, ~0.11 s evaluating the package entry and cdk8s afresh): 55
 * unit files paid ~11 of the unit project's ~25 CPU-s. A `<subject>.spec.ts` is what its test file was
 * (testMatch takes only `*.test.ts` files, so it is not one by itself); it is required inside its describe, so its
 * top-level beforeAll/afterAll/beforeEach stay scoped to it. Specs share this file's modules: a spec
 * restores what it changes (spies, process.env) and passes alone and in any order.
 *
 * One subject: npx jest __tests__/unit/ingress.test.ts -t 'http-ingress.spec'
 * (-t is a regular expression: the describe name's parentheses would be a group, so name the spec file).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- each spec is loaded inside its own describe */

describe('HttpIngress (http-ingress.spec.ts)', () => { require('./http-ingress.spec'); });
describe('TlsIngress (tls-ingress.spec.ts)', () => { require('./tls-ingress.spec'); });
describe('a custom target (custom-target.spec.ts)', () => { require('./custom-target.spec'); });
describe('Gateway API mapping (gateway-api-mapping.spec.ts)', () => { require('./gateway-api-mapping.spec'); });
describe('Gateway API rules (gateway-api-rules.spec.ts)', () => { require('./gateway-api-rules.spec'); });
describe('Gateway API gaps (gateway-api-gaps.spec.ts)', () => { require('./gateway-api-gaps.spec'); });
describe('Gateway API platform (gateway-api-platform.spec.ts)', () => { require('./gateway-api-platform.spec'); });
describe('IngressNginxController (ingress-nginx-controller.spec.ts)', () => { require('./ingress-nginx-controller.spec'); });
describe('IngressNginxController options (ingress-nginx-options.spec.ts)', () => { require('./ingress-nginx-options.spec'); });
describe('ingress-nginx release (ingress-nginx-release.spec.ts)', () => { require('./ingress-nginx-release.spec'); });
describe('certgen Job lifecycle (certgen-job-lifecycle.spec.ts)', () => { require('./certgen-job-lifecycle.spec'); });
describe('ingress-nginx annotation rules (ingress-annotation-rules.spec.ts)', () => { require('./ingress-annotation-rules.spec'); });
