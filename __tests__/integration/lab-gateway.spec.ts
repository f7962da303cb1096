/**
 * The lab's Gateway API flavour (lab/gateway.ts, dist-gateway/): the same sections and
 * experiments as dist/, experiments 3-7 as Gateway API objects on Envoy Gateway, each experiment's
 * objects strictly valid against the Gateway API v1.6.1 CRDs and Kubernetes 1.36; the same
 * client checks as the ingress-nginx flavour but for the address of the Ingress hosts.
 */
import { App } from 'cdk8s';
import {
  buildGatewayLab, buildLab, ENVOY_GATEWAY_CONTROLLER, GatewayLab, LAB_CONFIG, LAB_GATEWAY_CLASS, LabBackends, LabCertificates,
} from '../../lab';
import { labChecks } from '../../lab/checks';
import { gatewayCrdFiles, GATEWAY_KUBERNETES_VERSIONS } from '../../scripts/synth-gateway';
import { formatViolations, getSchemaValidator } from '../../validation-plugin/src/schema-validator';

interface Obj { readonly file: string; readonly obj: any }

function synthGatewayLab(config = LAB_CONFIG): { app: App; lab: GatewayLab; objects: Obj[] } {
  const app = new App({ outdir: '/nonexistent-never-written' });
  const lab = buildGatewayLab(app, config);
  const objects = app.charts.flatMap(chart => chart.toJson().map((obj: any) => ({ file: chart.node.id, obj })));
  return { app, lab, objects };
}

const { app, lab, objects } = synthGatewayLab();
const ofKind = (kind: string) => objects.filter(o => o.obj.kind === kind).map(o => o.obj);
const GATEWAY_GROUP = 'gateway.networking.k8s.io/';

test('the same files as dist/, the GatewayClass and the CA trust Bundle instead of the controller, the Gateway in its own chart', () => {
  expect(app.charts.map(c => c.node.id)).toEqual([
    '00-namespace', '10-pod1-host-port', '12-pod2-host-network', '20-service1-node-port', '22-service2-external-ip',
    '30-gateway-class', '35-lab-ca', '36-lab-ca-trust',
    '40-svc1-http', 'gateway-api', '41-svc2-https-backend', '42-svc3-tls-termination', '43-svc4-tls-reencrypt', '44-svc5-tls-passthrough',
  ]);
  expect(objects.filter(o => o.obj.kind === 'Ingress' || o.obj.kind === 'IngressClass')).toEqual([]);
  expect(objects.some(o => String(o.obj.metadata?.namespace ?? '').startsWith('ingress-nginx'))).toBe(false);
});

test('every object strictly valid against Kubernetes 1.36 and the CRDs (Gateway API v1.6.1 standard, cert-manager, trust-manager\'s Bundle)', () => {
  const validator = getSchemaValidator({ kubernetesVersions: GATEWAY_KUBERNETES_VERSIONS, crdFiles: gatewayCrdFiles() });
  expect(formatViolations(validator.validate(objects.map(o => o.obj)))).toBe('');
});

test.each([
  ['40-svc1-http', ['HTTPRoute']],
  ['41-svc2-https-backend', ['BackendTLSPolicy', 'HTTPRoute']],
  ['42-svc3-tls-termination', ['HTTPRoute', 'HTTPRoute']],
  ['43-svc4-tls-reencrypt', ['HTTPRoute', 'HTTPRoute', 'BackendTLSPolicy']],
  ['44-svc5-tls-passthrough', ['TLSRoute']],
  ['gateway-api', ['Gateway']],
  ['30-gateway-class', ['GatewayClass']],
])('%s: its Gateway API objects (%j) pass strict validation on their own', (file, kinds) => {
  const mine = objects.filter(o => o.file === file && String(o.obj.apiVersion).startsWith(GATEWAY_GROUP)).map(o => o.obj);
  expect(mine.map(o => o.kind)).toEqual(kinds);
  const validator = getSchemaValidator({ kubernetesVersions: GATEWAY_KUBERNETES_VERSIONS, crdFiles: gatewayCrdFiles() });
  expect(formatViolations(validator.validate(mine))).toBe('');
});

test('strict validation is real: an unknown field of the Bundle is a violation', () => {
  const bundle = structuredClone(ofKind('Bundle')[0]);
  bundle.spec.target.configMapp = bundle.spec.target.configMap;
  const validator = getSchemaValidator({ kubernetesVersions: GATEWAY_KUBERNETES_VERSIONS, crdFiles: gatewayCrdFiles() });
  expect(formatViolations(validator.validate([bundle]))).toContain('configMapp');
});

test('the GatewayClass is Envoy Gateway\'s; one Gateway of it in the lab\'s namespace, a listener per host', () => {
  expect(ofKind('GatewayClass')).toEqual([{
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: LAB_GATEWAY_CLASS }, spec: { controllerName: ENVOY_GATEWAY_CONTROLLER },
  }]);
  const [gateway] = ofKind('Gateway');
  expect(ofKind('Gateway')).toHaveLength(1);
  expect(gateway.metadata).toEqual({ name: 'cdk8s-expose', namespace: LAB_CONFIG.namespace });
  expect(gateway.spec.gatewayClassName).toBe(LAB_GATEWAY_CLASS);
  expect(gateway.spec.listeners.map((l: any) => `${l.protocol}/${l.port} ${l.hostname} ${l.tls?.mode ?? ''}`.trim())).toEqual([
    'HTTP/80 svc1.xxx.com', 'HTTP/80 svc2.xxx.com',
    'HTTPS/443 svc3.xxx.com Terminate', 'HTTP/80 svc3.xxx.com',
    'HTTPS/443 svc4.xxx.com Terminate', 'HTTP/80 svc4.xxx.com',
    'TLS/443 svc5.xxx.com Passthrough',
  ]);
});

test('the HTTP->HTTPS redirects answer 308, as ingress-nginx does', () => {
  const redirects = ofKind('HTTPRoute').filter(r => r.metadata.name.endsWith('-https-redirect'));
  expect(redirects.map(r => r.metadata.name)).toEqual(['svc3-ingress-https-redirect', 'svc4-ingress-https-redirect']);
  for (const r of redirects) expect(r.spec.rules[0].filters).toEqual([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }]);
});

test('svc2: a plain HTTPRoute and a BackendTLSPolicy verifying the backend against the lab CA (Gateway API cannot skip verification)', () => {
  const policies = ofKind('BackendTLSPolicy');
  const svc2 = policies.find(p => p.metadata.name === 'svc2-cluster-ip-backend-tls');
  expect(svc2.spec).toEqual({
    targetRefs: [{ group: '', kind: 'Service', name: 'svc2-cluster-ip' }],
    validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'lab-ca-trust' }], hostname: `svc2-cluster-ip.${LAB_CONFIG.namespace}.svc` },
  });
  expect(lab.svc2.backendTlsPolicy).toBeDefined();
  // the same CA and the same shape as svc4's, which the renderer writes
  const svc4 = policies.find(p => p.metadata.name === 'svc4-cluster-ip-backend-tls');
  expect(svc4.spec.validation.caCertificateRefs).toEqual(svc2.spec.validation.caCertificateRefs);
  // the backend's certificate covers the name the policy checks
  const cert = ofKind('Certificate').find(c => c.spec.secretName === 'svc2-backend-tls');
  expect(cert.spec.dnsNames).toContain(svc2.spec.validation.hostname);
});

test('the lab CA\'s trust as a ConfigMap: a trust-manager Bundle from the trust Secret, into the lab\'s namespace only, key ca.crt', () => {
  expect(ofKind('Bundle')).toEqual([{
    apiVersion: 'trust.cert-manager.io/v1alpha1',
    kind: 'Bundle',
    metadata: { name: 'lab-ca-trust' },
    spec: {
      sources: [{ secret: { name: 'lab-ca-trust', key: 'ca.crt' } }],
      target: { configMap: { key: 'ca.crt' }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': LAB_CONFIG.namespace } } },
    },
  }]);
  expect(lab.labCaTrust?.configMapName).toBe(lab.labCa?.ca.trustSecretName);
  // the trust Secret is issued by the lab CA (35-lab-ca), before the Bundle reads it
  expect(ofKind('Certificate').map(c => c.spec.secretName)).toContain('lab-ca-trust');
});

test('without the lab CA no Bundle: the CA ConfigMap is created with kubectl (README)', () => {
  const { app: other, objects: objs } = synthGatewayLab({ ...LAB_CONFIG, certificates: LabCertificates.EXISTING_SECRETS });
  expect(other.charts.map(c => c.node.id)).not.toContain('36-lab-ca-trust');
  const svc2 = objs.find(o => o.obj.kind === 'BackendTLSPolicy' && o.obj.metadata.name === 'svc2-cluster-ip-backend-tls')!.obj;
  expect(svc2.spec.validation.caCertificateRefs[0].name).toBe('lab-backend-ca');
});

test('the seed\'s own images are refused in this flavour, saying why', () => {
  expect(() => buildGatewayLab(new App(), { ...LAB_CONFIG, backends: LabBackends.SEED_IMAGES }))
    .toThrow(/needs LabBackends.DEMO: the seed's images serve their own certificate \(CN=localhost\).*no standard way to skip verification/);
});

test('one verify table serves both flavours: the same sections, URLs, CA use and replies; only the address of the Ingress hosts differs', () => {
  const nginx = labChecks(buildLab(new App(), LAB_CONFIG), LAB_CONFIG, '192.0.2.10');
  const gateway = labChecks(lab, LAB_CONFIG, '192.0.2.10', '192.0.2.99');
  const strip = (c: any) => ({ ...c, resolve: c.resolve?.replace(/:[^:]+$/, '') });
  expect(gateway.map(strip)).toEqual(nginx.map(strip));
  expect(gateway.filter(c => c.resolve).every(c => c.resolve!.endsWith(':192.0.2.99'))).toBe(true);
  expect(gateway.filter(c => c.resolve)).toHaveLength(8);
});

test('construct validation passes', () => {
  const errors = app.node.findAll().flatMap(c => c.node.validate().map(e => `${c.node.path}: ${e}`));
  expect(errors).toEqual([]);
});
