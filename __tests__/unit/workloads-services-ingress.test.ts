/**
 * The unit specs of the workloads (constructs/workloads/), the Services (constructs/services/) and the backends
 * exposures reach them through; HttpIngress and TlsIngress (constructs/ingress/), the routing targets
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
 * The seven unit group files became three (npx jest --selectProjects unit, 3 alternating A/B pairs, medians:
 * 17.6 -> 15.9 CPU-s, 11.0 -> 10.1 s wall): the groups are balanced for two workers (this file and
 * tls-topology.test.ts beside the larger app-gitops-package.test.ts).
 *
 * One subject: npx jest __tests__/unit/workloads-services-ingress.test.ts -t 'http-ingress.spec'
 * (-t is a regular expression: the describe name's parentheses would be a group, so name the spec file).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- each spec is loaded inside its own describe */

describe('AppDeployment (app-deployment.spec.ts)', () => { require('./app-deployment.spec'); });
describe('HostPortPod (host-port-pod.spec.ts)', () => { require('./host-port-pod.spec'); });
describe('HostNetworkPod (host-network-pod.spec.ts)', () => { require('./host-network-pod.spec'); });
describe('DemoBackend (demo-backend.spec.ts)', () => { require('./demo-backend.spec'); });
describe('pod security (pod-security.spec.ts)', () => { require('./pod-security.spec'); });
describe('container rules (container-rules.spec.ts)', () => { require('./container-rules.spec'); });
describe('selector labels (selector-labels.spec.ts)', () => { require('./selector-labels.spec'); });
describe('cdk8s-plus interop (cdk8s-plus-interop.spec.ts)', () => { require('./cdk8s-plus-interop.spec'); });
describe('ClusterIpService (cluster-ip-service.spec.ts)', () => { require('./cluster-ip-service.spec'); });
describe('NodePortService (node-port-service.spec.ts)', () => { require('./node-port-service.spec'); });
describe('LoadBalancerService (load-balancer-service.spec.ts)', () => { require('./load-balancer-service.spec'); });
describe('ExternalIpService (external-ip-service.spec.ts)', () => { require('./external-ip-service.spec'); });
describe('external-ip-host-port rule (external-ip-host-ports.spec.ts)', () => { require('./external-ip-host-ports.spec'); });
describe('ServiceBackend (service-backend.spec.ts)', () => { require('./service-backend.spec'); });
describe('backend-protocol rule (backend-protocols.spec.ts)', () => { require('./backend-protocols.spec'); });
describe('BackendCa (backend-ca.spec.ts)', () => { require('./backend-ca.spec'); });
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
