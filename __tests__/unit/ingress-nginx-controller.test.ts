import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { ExposeValidationError } from '../../constructs/core/errors';
import {
  CertManagerIssuerKind, ControllerKind, ControllerServiceType, CrossObjectChecks, DnsPolicy, ExposeErrors, FindingSeverity, HostNetworkPod,
  ImagePullPolicy, INGRESS_NGINX_VERSION, IngressNginxController, IngressNginxControllerProps, IngressNginxImage, TaintEffect, TlsIngress, TlsMode,
  TolerationOperator, Warnings, WebhookCertificateSource, WebhookFailurePolicy,
} from '../../constructs';
import { ManifestObject as Obj, REFERENCE_OBJECTS, SEED_VALUES_PROD, VERSION } from '../fixtures/ingress-nginx-v1.11.8';

// Upstream's bare-metal manifest (kubernetes/ingress-nginx, tag controller-v1.11.8), restated as fixture data.
const reference: Obj[] = clone(REFERENCE_OBJECTS);
const SCHEMA = path.join(__dirname, '..', '..', 'schemas', 'kubernetes-v1.27.0.json');

function key(o: Obj): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}
function byKey(objs: Obj[]): Map<string, Obj> {
  return new Map(objs.map(o => [key(o), o]));
}
function find(objs: Obj[], kind: string, name: string): Obj {
  const found = objs.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in [${objs.map(key).join(', ')}]`);
  return found;
}
function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}
function synth(props: IngressNginxControllerProps = {}, chartProps?: { namespace?: string }): { objs: Obj[]; controller: IngressNginxController } {
  const chart = chartProps ? new Chart(Testing.app(), 'test', chartProps) : Testing.chart();
  const controller = new IngressNginxController(chart, 'IngressNginx', props);
  return { objs: Testing.synth(chart) as Obj[], controller };
}

/** The mirror images the seed's values-prod.yaml uses (registry.hub.docker.com/davidliyutong/...). */
const MIRROR = 'registry.hub.docker.com';
const SEED_PROPS: IngressNginxControllerProps = {
  kind: ControllerKind.DAEMON_SET,
  hostNetwork: true,
  dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
  enableSslPassthrough: true,
  serviceType: ControllerServiceType.NONE,
  defaultBackend: true,
  admissionWebhook: true,
};
const SEED_MIRROR_PROPS: IngressNginxControllerProps = {
  ...SEED_PROPS,
  controllerImage: IngressNginxImage.CONTROLLER.withRegistry(MIRROR).withImage('davidliyutong/ingress-nginx-controller').withoutDigest(),
  certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN.withRegistry(MIRROR).withImage('davidliyutong/ingress-nginx-kube-webhook-certgen').withoutDigest(),
  defaultBackendImage: IngressNginxImage.DEFAULT_BACKEND.withRegistry(MIRROR).withImage('davidliyutong/ingress-nginx-defaultbackend-amd64'),
};

// ------------------------------------------------------------------------------------------------ reference

describe('upstream defaults against the reference manifest (controller-v1.11.8 bare metal)', () => {
  const { objs } = synth({ kind: ControllerKind.DEPLOYMENT });
  const ours = byKey(objs);

  test('renders exactly the reference\'s objects, by kind, namespace and name', () => {
    expect([...ours.keys()].sort()).toEqual(reference.map(key).sort());
  });

  // Every object equals upstream's, field by field, except the certgen Jobs' RBAC, which is narrowed
  // (see the next two tests and docs/ingress-nginx-controller.md "Differences from upstream").
  const NARROWED = new Set(['Role/ingress-nginx/ingress-nginx-admission', 'ClusterRole//ingress-nginx-admission']);
  test.each(reference.filter(o => !NARROWED.has(key(o))).map(o => [key(o), o] as const))('%s equals upstream\'s', (k, ref) => {
    expect(ours.get(k)).toEqual(ref);
  });

  test('certgen Role: the same verbs on Secrets, but get only on the webhook\'s own Secret', () => {
    const ref = reference.find(o => key(o) === 'Role/ingress-nginx/ingress-nginx-admission')!;
    const role = ours.get('Role/ingress-nginx/ingress-nginx-admission')!;
    expect(ref.rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create'] }]);
    // kube-webhook-certgen reads the Secret by name (GetCaFromSecret) and creates it; create can't be limited by name
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['ingress-nginx-admission'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    ]);
    expect({ ...role, rules: ref.rules }).toEqual(ref);
  });

  test('certgen ClusterRole: get/update only the controller\'s ValidatingWebhookConfiguration', () => {
    const ref = reference.find(o => key(o) === 'ClusterRole//ingress-nginx-admission')!;
    const cr = ours.get('ClusterRole//ingress-nginx-admission')!;
    // upstream lets the patch Job rewrite every webhook configuration of the cluster; it only gets and updates its own by name
    expect(cr.rules).toEqual([{ ...ref.rules[0], resourceNames: ['ingress-nginx-admission'] }]);
    expect({ ...cr, rules: ref.rules }).toEqual(ref);
  });

  test('controller Role and ClusterRole rules are upstream\'s, rule for rule', () => {
    for (const k of ['Role/ingress-nginx/ingress-nginx', 'ClusterRole//ingress-nginx']) {
      expect(ours.get(k)!.rules).toEqual(reference.find(o => key(o) === k)!.rules);
    }
  });
});

describe('the seed\'s values-prod.yaml against the reference manifest', () => {
  const { objs } = synth(SEED_PROPS);
  const refDeployment = find(reference, 'Deployment', 'ingress-nginx-controller');

  test('the DaemonSet is upstream\'s Deployment with exactly the seed\'s changes', () => {
    const expected = clone(refDeployment);
    // kind: DaemonSet (seed `controller.kind`); a DaemonSet has no Deployment strategy (the chart sets none)
    expected.kind = 'DaemonSet';
    delete expected.spec.strategy;
    // seed `hostNetwork: true` and `dnsPolicy: ClusterFirstWithHostNet`
    expected.spec.template.spec.hostNetwork = true;
    expected.spec.template.spec.dnsPolicy = 'ClusterFirstWithHostNet';
    // seed `defaultBackend.enabled: true` adds --default-backend-service right after the binary (chart order);
    // seed `extraArgs.enable-ssl-passthrough` comes last; no --publish-service (seed publishService.enabled: false,
    // and upstream's bare-metal manifest has none either)
    const args: string[] = expected.spec.template.spec.containers[0].args;
    expected.spec.template.spec.containers[0].args = [args[0], '--default-backend-service=$(POD_NAMESPACE)/ingress-nginx-defaultbackend',
      ...args.slice(1), '--enable-ssl-passthrough'];
    expect(find(objs, 'DaemonSet', 'ingress-nginx-controller')).toEqual(expected);
  });

  test('container args, ports, probes and security context field by field', () => {
    const ref = refDeployment.spec.template.spec.containers[0];
    const ours = find(objs, 'DaemonSet', 'ingress-nginx-controller').spec.template.spec.containers[0];
    expect(ours.args.filter((a: string) => !['--default-backend-service=$(POD_NAMESPACE)/ingress-nginx-defaultbackend', '--enable-ssl-passthrough'].includes(a)))
      .toEqual(ref.args);
    expect(ours.args.some((a: string) => a.startsWith('--publish-service'))).toBe(false);
    expect(ours.args.some((a: string) => a.startsWith('--report-node-internal-ip-address'))).toBe(false);
    for (const field of ['ports', 'livenessProbe', 'readinessProbe', 'securityContext', 'env', 'lifecycle', 'resources', 'volumeMounts', 'image', 'name']) {
      expect([field, ours[field]]).toEqual([field, ref[field]]);
    }
  });

  test('no controller Service (seed service.enabled: false); the admission Service stays', () => {
    expect(objs.filter(o => o.kind === 'Service').map(o => o.metadata.name).sort())
      .toEqual(['ingress-nginx-controller-admission', 'ingress-nginx-defaultbackend']);
  });

  test('everything else in the reference is unchanged', () => {
    const ours = byKey(objs);
    const changed = new Set(['Deployment/ingress-nginx/ingress-nginx-controller', 'Service/ingress-nginx/ingress-nginx-controller',
      'Role/ingress-nginx/ingress-nginx-admission', 'ClusterRole//ingress-nginx-admission']);
    for (const ref of reference.filter(o => !changed.has(key(o)))) expect(ours.get(key(ref))).toEqual(ref);
  });

  test('the default backend is the chart\'s (defaultbackend-amd64:1.5, port 8080, probes, security context)', () => {
    const dep = find(objs, 'Deployment', 'ingress-nginx-defaultbackend');
    const c = dep.spec.template.spec.containers[0];
    expect(c.name).toBe('ingress-nginx-default-backend');
    expect(c.image).toBe('registry.k8s.io/defaultbackend-amd64:1.5');
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 6 });
    expect(c.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' }, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
    expect(dep.spec.template.spec.serviceAccountName).toBe('ingress-nginx-backend');
    expect(dep.spec.template.spec.terminationGracePeriodSeconds).toBe(60);
    expect(dep.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/component': 'default-backend', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' });
    const svc = find(objs, 'Service', 'ingress-nginx-defaultbackend');
    expect(svc.spec).toEqual({ type: 'ClusterIP', selector: dep.spec.selector.matchLabels, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', appProtocol: 'http' }] });
    // deliberate: the 404 server never calls the API server, so no token is mounted (the chart mounts one)
    expect(find(objs, 'ServiceAccount', 'ingress-nginx-backend').automountServiceAccountToken).toBe(false);
  });

  test('snapshot', () => {
    expect(objs).toMatchSnapshot();
  });
});

// ------------------------------------------------------------------------------------------------ public fields

describe('public fields for app-wide checks', () => {
  test('hostNetwork with passthrough and webhook: every port the controller opens on its nodes', () => {
    const { controller } = synth(SEED_PROPS);
    expect(controller.hostPorts).toEqual([80, 442, 443, 8181, 8443, 10245, 10246, 10247, 10254]);
    expect(controller.hostListeners.find(l => l.port === 442)!.flag).toBe('--ssl-passthrough-proxy-port');
    expect(controller.hostNetwork).toBe(true);
    expect(controller.sslPassthroughEnabled).toBe(true);
    expect(controller.kind).toBe(ControllerKind.DAEMON_SET);
    expect(controller.ingressClassName).toBe('nginx');
    expect(controller.namespace).toBe('ingress-nginx');
    expect(controller.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(controller.serviceType).toBe(ControllerServiceType.NONE);
    expect(controller.webhookCertificate).toBe(WebhookCertificateSource.CERTGEN_JOBS);
  });

  test('no 442 without passthrough, no 8443 without the webhook', () => {
    const { controller } = synth({ hostNetwork: true, admissionWebhook: false });
    expect(controller.hostPorts).toEqual([80, 443, 8181, 10245, 10246, 10247, 10254]);
    expect(controller.sslPassthroughEnabled).toBe(false);
  });

  test('internal listeners moved with extraArgs move in hostPorts too', () => {
    const { controller } = synth({ hostNetwork: true, extraArgs: { 'default-server-port': '18181', 'status-port': '20246' } });
    expect(controller.hostPorts).toEqual([80, 443, 8443, 10245, 10247, 10254, 18181, 20246]);
    expect(controller.args.slice(-2)).toEqual(['--default-server-port=18181', '--status-port=20246']);
  });

  test('useHostPorts: hostPort 80/443 on the http/https container ports only', () => {
    const { controller, objs } = synth({ kind: ControllerKind.DAEMON_SET, useHostPorts: true });
    expect(controller.hostPorts).toEqual([80, 443]);
    expect(controller.usesHostPorts).toBe(true);
    expect(find(objs, 'DaemonSet', 'ingress-nginx-controller').spec.template.spec.containers[0].ports).toEqual([
      { name: 'http', containerPort: 80, protocol: 'TCP', hostPort: 80 },
      { name: 'https', containerPort: 443, protocol: 'TCP', hostPort: 443 },
      { name: 'webhook', containerPort: 8443, protocol: 'TCP' },
    ]);
  });

  test('neither hostNetwork nor hostPort: no host ports', () => {
    expect(synth().controller.hostPorts).toEqual([]);
  });

  test('find() and forIngressClass() return the controllers of the whole app', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    const c = new IngressNginxController(a, 'IngressNginx', SEED_PROPS);
    expect(IngressNginxController.find(b)).toEqual([c]);
    expect(IngressNginxController.forIngressClass(b, 'nginx')).toEqual([c]);
    expect(IngressNginxController.forIngressClass(b, 'traefik')).toEqual([]);
    expect(IngressNginxController.find(new Chart(Testing.app(), 'other'))).toEqual([]);
  });
});

describe('app-wide checks (CrossObjectChecks)', () => {
  const findingsOf = (chart: Chart, rule: string) => CrossObjectChecks.of(chart).run().filter(f => f.rule === rule);

  test('a hostNetwork pod on 80 or 10254 collides with the hostNetwork controller on the same nodes', () => {
    const chart = Testing.chart();
    new IngressNginxController(chart, 'IngressNginx', SEED_PROPS);
    new HostNetworkPod(chart, 'Web', { image: 'nginx:1.9.0', containerPort: 80 });
    new HostNetworkPod(chart, 'Metrics', { image: 'nginx:1.9.0', containerPort: 10254 });
    new HostNetworkPod(chart, 'Free', { image: 'nginx:1.9.0', containerPort: 8090 });
    const findings = findingsOf(chart, 'host-port');
    expect(findings.every(f => f.severity === FindingSeverity.ERROR)).toBe(true);
    const text = findings.map(f => `${f.path} ${f.message}`).join('\n');
    expect(text).toMatch(/port 80 /);
    expect(text).toMatch(/port 10254 /);
    expect(text).not.toMatch(/8090/);
  });

  test('passthrough Ingress: error when the controller lacks the flag, fine with it', () => {
    const passthrough = (props: IngressNginxControllerProps) => {
      const chart = Testing.chart();
      new IngressNginxController(chart, 'IngressNginx', props);
      new TlsIngress(chart, 'Svc5Ingress', { host: 'svc5.xxx.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'svc5', port: 443 } });
      return findingsOf(chart, 'ssl-passthrough');
    };
    expect(passthrough({ ...SEED_PROPS, enableSslPassthrough: false }).map(f => f.severity)).toEqual([FindingSeverity.ERROR]);
    expect(passthrough(SEED_PROPS)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------ options

describe('options', () => {
  test('Deployment with replicas, tolerations and a node selector merged over linux', () => {
    const { objs, controller } = synth({
      replicas: 2,
      nodeSelector: { role: 'lb' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE }],
    });
    const dep = find(objs, 'Deployment', 'ingress-nginx-controller');
    expect(dep.spec.replicas).toBe(2);
    expect(dep.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'role': 'lb' });
    expect(dep.spec.template.spec.tolerations).toEqual([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(controller.tolerations).toHaveLength(1);
  });

  test('hostNetwork defaults to ClusterFirstWithHostNet and no controller Service', () => {
    const { objs, controller } = synth({ hostNetwork: true });
    expect(find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(controller.serviceType).toBe(ControllerServiceType.NONE);
  });

  test('hostNetwork with ClusterFirst warns that cluster DNS is lost', () => {
    const { controller } = synth({ hostNetwork: true, dnsPolicy: DnsPolicy.CLUSTER_FIRST });
    expect(Warnings.collect(controller).map(w => w.message)).toEqual([expect.stringMatching(/falls back to the node's resolv.conf/)]);
    expect(Warnings.collect(synth(SEED_PROPS).controller)).toEqual([]);
  });

  test('reportNodeInternalIp adds the flag (hostNetwork only)', () => {
    const { controller } = synth({ hostNetwork: true, reportNodeInternalIp: true });
    expect(controller.args).toContain('--report-node-internal-ip-address=true');
  });

  test('config adds ConfigMap data; snippet annotations stay off', () => {
    const { objs } = synth({ config: { 'use-forwarded-headers': 'true', 'enable-real-ip': 'false' } });
    expect(find(objs, 'ConfigMap', 'ingress-nginx-controller').data)
      .toEqual({ 'allow-snippet-annotations': 'false', 'enable-real-ip': 'false', 'use-forwarded-headers': 'true' });
  });

  test('extraArgs are sorted after the managed flags; an empty value is a bare flag', () => {
    const { controller } = synth({ enableSslPassthrough: true, extraArgs: { 'watch-ingress-without-class': 'true', 'default-ssl-certificate': 'default/wild' } });
    expect(controller.args.slice(-3)).toEqual(['--default-ssl-certificate=default/wild', '--enable-ssl-passthrough', '--watch-ingress-without-class=true']);
  });

  test('update-status=false drops ingresses/status from the Role, as the chart does', () => {
    const { objs } = synth({ extraArgs: { 'update-status': 'false' } });
    expect(find(objs, 'Role', 'ingress-nginx').rules.some((r: any) => r.resources.includes('ingresses/status'))).toBe(false);
  });

  test('default IngressClass', () => {
    const { objs } = synth({ defaultIngressClass: true });
    expect(find(objs, 'IngressClass', 'nginx').metadata.annotations).toEqual({ 'ingressclass.kubernetes.io/is-default-class': 'true' });
  });

  test('image overrides for a mirror (the seed\'s davidliyutong images, no digest)', () => {
    const { objs } = synth({ ...SEED_MIRROR_PROPS, imagePullPolicy: ImagePullPolicy.ALWAYS });
    const images = objs.flatMap(o => (o.spec?.template?.spec?.containers ?? []).map((c: any) => [o.metadata.name, c.image, c.imagePullPolicy]));
    expect(images).toEqual([
      ['ingress-nginx-defaultbackend', 'registry.hub.docker.com/davidliyutong/ingress-nginx-defaultbackend-amd64:1.5', 'Always'],
      ['ingress-nginx-controller', 'registry.hub.docker.com/davidliyutong/ingress-nginx-controller:v1.11.8', 'Always'],
      ['ingress-nginx-admission-create', 'registry.hub.docker.com/davidliyutong/ingress-nginx-kube-webhook-certgen:v1.6.0', 'Always'],
      ['ingress-nginx-admission-patch', 'registry.hub.docker.com/davidliyutong/ingress-nginx-kube-webhook-certgen:v1.6.0', 'Always'],
    ]);
  });

  test('IngressNginxImage: withTag drops the digest, of() builds any image', () => {
    expect(IngressNginxImage.CONTROLLER.withTag('v1.11.7').reference).toBe('registry.k8s.io/ingress-nginx/controller:v1.11.7');
    expect(IngressNginxImage.of({ registry: 'localhost:5000/mirror', image: 'controller', tag: 'v1', digest: '' }).reference)
      .toBe('localhost:5000/mirror/controller:v1');
    expect(IngressNginxImage.DEFAULT_BACKEND.withDigest(`sha256:${'a'.repeat(64)}`).reference)
      .toBe(`registry.k8s.io/defaultbackend-amd64:1.5@sha256:${'a'.repeat(64)}`);
  });
});

describe('admission webhook', () => {
  test('off: no webhook flags, port, volume, Service, configuration, Jobs or certgen RBAC', () => {
    const { objs, controller } = synth({ admissionWebhook: false });
    const c = find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec;
    expect(controller.args.some(a => a.startsWith('--validating-webhook'))).toBe(false);
    expect(c.containers[0].ports.map((p: any) => p.name)).toEqual(['http', 'https']);
    expect(c.volumes).toBeUndefined();
    expect(c.containers[0].volumeMounts).toBeUndefined();
    expect(objs.filter(o => /admission/.test(o.metadata.name))).toEqual([]);
    expect(objs.some(o => o.kind === 'ValidatingWebhookConfiguration' || o.kind === 'Job')).toBe(false);
  });

  test('cert-manager: the chart\'s Issuers and Certificates, CA injection, tls.crt/tls.key mapped to cert/key, no Jobs', () => {
    const { objs } = synth({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER });
    expect(objs.some(o => o.kind === 'Job')).toBe(false);
    expect(objs.some(o => o.metadata.name === 'ingress-nginx-admission' && /Role|ServiceAccount/.test(o.kind))).toBe(false);
    expect(find(objs, 'ValidatingWebhookConfiguration', 'ingress-nginx-admission').metadata.annotations)
      .toEqual({ 'cert-manager.io/inject-ca-from': 'ingress-nginx/ingress-nginx-admission' });
    expect(find(objs, 'Issuer', 'ingress-nginx-self-signed-issuer').spec).toEqual({ selfSigned: {} });
    expect(find(objs, 'Certificate', 'ingress-nginx-root-cert').spec).toEqual({
      secretName: 'ingress-nginx-root-cert', duration: '43800h0m0s', issuerRef: { name: 'ingress-nginx-self-signed-issuer' },
      commonName: 'ca.webhook.ingress-nginx', isCA: true, subject: { organizations: ['ingress-nginx'] },
    });
    expect(find(objs, 'Issuer', 'ingress-nginx-root-issuer').spec).toEqual({ ca: { secretName: 'ingress-nginx-root-cert' } });
    const cert = find(objs, 'Certificate', 'ingress-nginx-admission');
    expect(cert.metadata.namespace).toBe('ingress-nginx');
    expect(cert.spec).toEqual({
      secretName: 'ingress-nginx-admission', duration: '8760h0m0s', issuerRef: { name: 'ingress-nginx-root-issuer' },
      dnsNames: ['ingress-nginx-controller-admission', 'ingress-nginx-controller-admission.ingress-nginx', 'ingress-nginx-controller-admission.ingress-nginx.svc'],
      subject: { organizations: ['ingress-nginx-admission'] },
    });
    expect(find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec.volumes).toEqual([{
      name: 'webhook-cert',
      secret: { secretName: 'ingress-nginx-admission', items: [{ key: 'tls.crt', path: 'cert' }, { key: 'tls.key', path: 'key' }] },
    }]);
  });

  test('cert-manager with an existing ClusterIssuer: no self-signed chain', () => {
    const { objs } = synth({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER, certManagerIssuer: { name: 'lab-ca', kind: CertManagerIssuerKind.CLUSTER_ISSUER } });
    expect(objs.some(o => o.kind === 'Issuer')).toBe(false);
    expect(find(objs, 'Certificate', 'ingress-nginx-admission').spec.issuerRef).toEqual({ name: 'lab-ca', kind: 'ClusterIssuer' });
  });

  test('failure policy Ignore reaches the configuration and the patch Job', () => {
    const { objs } = synth({ webhookFailurePolicy: WebhookFailurePolicy.IGNORE });
    expect(find(objs, 'ValidatingWebhookConfiguration', 'ingress-nginx-admission').webhooks[0].failurePolicy).toBe('Ignore');
    expect(find(objs, 'Job', 'ingress-nginx-admission-patch').spec.template.spec.containers[0].args).toContain('--patch-failure-policy=Ignore');
  });

  test('re-applying dist/: Jobs keep fixed names and identical specs and delete themselves when finished', () => {
    const first = synth(SEED_PROPS).objs.filter(o => o.kind === 'Job');
    const second = synth(SEED_PROPS).objs.filter(o => o.kind === 'Job');
    expect(first.map(j => j.metadata.name)).toEqual(['ingress-nginx-admission-create', 'ingress-nginx-admission-patch']);
    expect(second).toEqual(first);
    for (const job of first) {
      expect(job.spec.ttlSecondsAfterFinished).toBe(0);
      expect(job.metadata.annotations).toBeUndefined();
    }
  });
});

// ------------------------------------------------------------------------------------------------ output hygiene

describe('output', () => {
  test('deterministic: the same props give the same bytes', () => {
    expect(JSON.stringify(synth(SEED_MIRROR_PROPS).objs)).toEqual(JSON.stringify(synth(SEED_MIRROR_PROPS).objs));
  });

  test('in a chart with a namespace, cluster-scoped objects carry none and namespaced ones stay in ingress-nginx', () => {
    const { objs } = synth(SEED_PROPS, { namespace: 'lab' });
    const clusterScoped = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'IngressClass', 'ValidatingWebhookConfiguration'];
    for (const o of objs) {
      if (clusterScoped.includes(o.kind)) expect([key(o), o.metadata.namespace]).toEqual([key(o), undefined]);
      else expect([key(o), o.metadata.namespace]).toEqual([key(o), 'ingress-nginx']);
    }
  });

  test('every Kubernetes object is valid against the 1.27 schema, with unknown fields refused', () => {
    const definitions = strictDefinitions(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')).definitions);
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'k8s', definitions }, 'k8s');
    const gvkIndex = new Map<string, string>();
    for (const [name, def] of Object.entries<any>(definitions)) {
      for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
        gvkIndex.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, name);
      }
    }
    const variants: IngressNginxControllerProps[] = [SEED_MIRROR_PROPS, {}, { useHostPorts: true, replicas: 3, defaultBackend: true },
      { webhookCertificate: WebhookCertificateSource.CERT_MANAGER, tolerations: [{ operator: TolerationOperator.EXISTS }] }];
    let checked = 0;
    for (const props of variants) {
      for (const o of synth(props).objs) {
        if (o.apiVersion === 'cert-manager.io/v1') continue;
        const def = gvkIndex.get(`${o.apiVersion}/${o.kind}`);
        expect([key(o), def !== undefined]).toEqual([key(o), true]);
        const validate = ajv.getSchema(`k8s#/definitions/${def}`)!;
        expect([key(o), validate(o) ? [] : validate.errors]).toEqual([key(o), []]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });
});

/** Adds `additionalProperties: false` to every object schema that lists its properties. */
function strictDefinitions(defs: { [name: string]: any }): { [name: string]: any } {
  const walk = (s: any): any => {
    if (Array.isArray(s)) return s.map(walk);
    if (!s || typeof s !== 'object') return s;
    const out: any = {};
    for (const [k, v] of Object.entries(s)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as any).map(([p, ps]) => [p, walk(ps)])) : walk(v);
    if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  };
  return Object.fromEntries(Object.entries(defs).map(([n, d]) => [n, walk(d)]));
}

// ------------------------------------------------------------------------------------------------ Helm values

describe('Helm values', () => {
  const seedValues = SEED_VALUES_PROD;
  const values = synth(SEED_MIRROR_PROPS).controller.toHelmValues();

  function leaves(v: any, prefix: string[] = []): [string[], any][] {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return Object.entries(v).flatMap(([k, x]) => leaves(x, [...prefix, k]));
    return [[prefix, v]];
  }
  const at = (v: any, p: string[]): any => p.reduce((x, k) => (x === undefined ? undefined : x[k]), v);

  test('reproduce every value the seed\'s values-prod.yaml sets', () => {
    const seen = leaves(seedValues);
    expect(seen.length).toBeGreaterThan(15);
    for (const [p, seedValue] of seen) {
      // The seed leaves digests and the passthrough flag empty (YAML null); we write "" (the chart treats both
      // as "no digest" / "flag without value", and "" survives Helm's merge of user values with the defaults).
      const expected = seedValue === null ? '' : seedValue;
      expect([p.join('.'), at(values, p)]).toEqual([p.join('.'), expected]);
    }
  });

  test('the lab\'s topology in chart terms', () => {
    expect(values.controller).toMatchObject({
      kind: 'DaemonSet', hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', extraArgs: { 'enable-ssl-passthrough': '' },
      publishService: { enabled: false }, service: { enabled: false }, allowSnippetAnnotations: false,
      admissionWebhooks: { enabled: true, certManager: { enabled: false }, patch: { enabled: true } },
    });
    expect(values.controller.replicaCount).toBeUndefined();
    expect(values.defaultBackend).toMatchObject({ enabled: true, name: 'defaultbackend' });
  });

  test('a Deployment with a NodePort Service, cert-manager and no default backend', () => {
    const v = synth({ replicas: 2, webhookCertificate: WebhookCertificateSource.CERT_MANAGER, config: { 'use-gzip': 'true' } }).controller.toHelmValues();
    expect(v.controller).toMatchObject({
      kind: 'Deployment', replicaCount: 2, hostNetwork: false, service: { enabled: true, type: 'NodePort' },
      admissionWebhooks: { certManager: { enabled: true }, patch: { enabled: false } }, config: { 'use-gzip': 'true' },
    });
    expect(v.defaultBackend).toEqual({ enabled: false });
  });

  test('YAML with a header naming the chart version and the retirement', () => {
    const yamlText = synth(SEED_PROPS).controller.toHelmValuesYaml();
    expect(yamlText).toMatch(/^# Helm values for chart ingress-nginx 4\.11\.8/);
    expect(yamlText).toMatch(/retired upstream/);
    expect(parse(yamlText)).toEqual(synth(SEED_PROPS).controller.toHelmValues());
  });
});

// ------------------------------------------------------------------------------------------------ validation

describe('validation', () => {
  const fails = (props: IngressNginxControllerProps, message: RegExp): void => {
    expect(() => synth(props)).toThrow(ExposeValidationError);
    expect(() => synth(props)).toThrow(message);
  };

  test('fails with a second controller in the same app', () => {
    const app = Testing.app();
    new IngressNginxController(new Chart(app, 'a'), 'IngressNginx');
    expect(() => new IngressNginxController(new Chart(app, 'b'), 'IngressNginx')).toThrow(/a\/IngressNginx already renders ingress-nginx/);
  });
  test('fails with an unknown kind', () => fails({ kind: 'StatefulSet' as ControllerKind }, /props\.kind: "StatefulSet" is not allowed/));
  test('fails with replicas on a DaemonSet', () => fails({ kind: ControllerKind.DAEMON_SET, replicas: 2 }, /props\.replicas: 2 is set, but a DaemonSet/));
  test('fails with negative replicas', () => fails({ replicas: -1 }, /spec\.replicas: -1 is not allowed/));
  test('fails with hostNetwork and useHostPorts together', () => fails({ hostNetwork: true, useHostPorts: true }, /props\.useHostPorts: is true together with hostNetwork/));
  test('fails with an unknown dnsPolicy', () => fails({ dnsPolicy: 'Host' as DnsPolicy }, /dnsPolicy: "Host" is not allowed/));
  test('fails with dnsPolicy None', () => fails({ dnsPolicy: DnsPolicy.NONE }, /"None" requires spec.dnsConfig/));
  test('fails with reportNodeInternalIp without hostNetwork', () => fails({ reportNodeInternalIp: true }, /reportNodeInternalIp: is true without hostNetwork/));
  test('fails with an unknown serviceType', () => fails({ serviceType: 'LoadBalancer' as ControllerServiceType }, /props\.serviceType: "LoadBalancer" is not allowed/));
  test('fails with an invalid nodeSelector', () => fails({ nodeSelector: { 'bad key!': 'x' } }, /nodeSelector\["bad key!"\]: "bad key!" is not a valid label key/));
  test('fails with an invalid toleration key', () => fails({ tolerations: [{ key: '-bad', operator: TolerationOperator.EXISTS }] }, /tolerations\[0\]\.key/));
  test('fails with an unknown toleration operator', () => fails({ tolerations: [{ key: 'a', operator: 'In' as TolerationOperator }] }, /tolerations\[0\]\.operator: "In" is not allowed/));
  test('fails with an unknown taint effect', () => fails({ tolerations: [{ key: 'a', effect: 'NoRun' as TaintEffect }] }, /tolerations\[0\]\.effect: "NoRun" is not allowed/));
  test('fails with Equal and an empty key', () => fails({ tolerations: [{ value: 'x' }] }, /operator: "Equal" with an empty key/));
  test('fails with Exists and a value', () => fails({ tolerations: [{ key: 'a', operator: TolerationOperator.EXISTS, value: 'x' }] }, /value: "x" is set with operator Exists/));
  test('fails with an invalid toleration value', () => fails({ tolerations: [{ key: 'a', value: 'not ok' }] }, /tolerations\[0\]\.value: "not ok" is not a valid label value/));
  test('fails with tolerationSeconds without NoExecute', () => fails({ tolerations: [{ key: 'a', effect: TaintEffect.NO_SCHEDULE, tolerationSeconds: 30 }] }, /tolerationSeconds: 30 is set with effect NoSchedule/));
  test('fails with negative tolerationSeconds', () => fails({ tolerations: [{ key: 'a', effect: TaintEffect.NO_EXECUTE, tolerationSeconds: -1 }] }, /tolerationSeconds: -1 is not allowed/));
  test('fails with an unknown imagePullPolicy', () => fails({ imagePullPolicy: 'Sometimes' as ImagePullPolicy }, /imagePullPolicy: "Sometimes" is not allowed/));
  test('fails with an invalid registry', () => fails({ controllerImage: IngressNginxImage.CONTROLLER.withRegistry('https://hub') }, /controllerImage\.registry: "https:\/\/hub" is not a registry/));
  test('fails with an invalid repository', () => fails({ controllerImage: IngressNginxImage.CONTROLLER.withImage('Upper/Case') }, /controllerImage\.image: "Upper\/Case" is not a repository/));
  test('fails with an invalid tag', () => fails({ controllerImage: IngressNginxImage.CONTROLLER.withTag('-v1') }, /controllerImage\.tag: "-v1" is not a tag/));
  test('fails with an invalid digest', () => fails({ controllerImage: IngressNginxImage.CONTROLLER.withDigest('sha256:abc') }, /controllerImage\.digest: "sha256:abc" is not a digest/));
  test('fails with an invalid default backend image', () => fails({ defaultBackend: true, defaultBackendImage: IngressNginxImage.DEFAULT_BACKEND.withTag('') }, /defaultBackendImage\.tag/));
  test('fails with an invalid certgen image', () => fails({ certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN.withImage('a//b') }, /certgenImage\.image/));
  test('fails with defaultBackendImage without defaultBackend', () => fails({ defaultBackendImage: IngressNginxImage.DEFAULT_BACKEND }, /defaultBackendImage: is set without defaultBackend/));
  test('fails with webhook options while the webhook is off', () => {
    fails({ admissionWebhook: false, webhookCertificate: WebhookCertificateSource.CERT_MANAGER }, /webhookCertificate: is set, but admissionWebhook is false/);
    fails({ admissionWebhook: false, webhookFailurePolicy: WebhookFailurePolicy.IGNORE }, /webhookFailurePolicy: is set, but admissionWebhook is false/);
    fails({ admissionWebhook: false, certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN }, /certgenImage: is set, but admissionWebhook is false/);
    fails({ admissionWebhook: false, certManagerIssuer: { name: 'ca' } }, /certManagerIssuer: is set, but admissionWebhook is false/);
  });
  test('fails with an unknown certificate source', () => fails({ webhookCertificate: 'Vault' as WebhookCertificateSource }, /webhookCertificate: "Vault" is not allowed/));
  test('fails with an unknown failure policy', () => fails({ webhookFailurePolicy: 'Retry' as WebhookFailurePolicy }, /webhookFailurePolicy: "Retry" is not allowed/));
  test('fails with certManagerIssuer without CERT_MANAGER', () => fails({ certManagerIssuer: { name: 'ca' } }, /certManagerIssuer: is set, but webhookCertificate is not CERT_MANAGER/));
  test('fails with an invalid issuer name', () => fails({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER, certManagerIssuer: { name: 'Bad_Name' } }, /certManagerIssuer\.name: "Bad_Name" is not a valid DNS-1123 subdomain/));
  test('fails with an unknown issuer kind', () => fails({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER, certManagerIssuer: { name: 'ca', kind: 'Vault' as CertManagerIssuerKind } }, /certManagerIssuer\.kind: "Vault" is not allowed/));
  test('fails with certgenImage under cert-manager', () => fails({ webhookCertificate: WebhookCertificateSource.CERT_MANAGER, certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN }, /certgenImage: is set, but cert-manager issues/));
  test('fails with an invalid ConfigMap key', () => fails({ config: { 'a b': 'x' } }, /data\["a b"\]: "a b" is not a valid ConfigMap key/));
  test('fails with allow-snippet-annotations in config', () => fails({ config: { 'allow-snippet-annotations': 'true' } }, /allow-snippet-annotations"\]: is fixed to "false"/));
  test('fails with an invalid flag name', () => fails({ extraArgs: { '--v': '2' } }, /extraArgs\["--v"\]: "--v" is not a flag name/));
  test('fails with a managed flag', () => {
    fails({ extraArgs: { 'enable-ssl-passthrough': '' } }, /extraArgs\["enable-ssl-passthrough"\]: is managed by IngressNginxController: use props\.enableSslPassthrough/);
    fails({ extraArgs: { 'publish-service': 'ingress-nginx/x' } }, /is managed by IngressNginxController: not supported/);
    fails({ extraArgs: { 'http-port': '8080' } }, /is managed by IngressNginxController: fixed to 80/);
  });
  test('fails with whitespace in a flag value', () => fails({ extraArgs: { 'v': '2 3' } }, /extraArgs\["v"\]: "2 3" contains whitespace/));
  test('fails with a moved listener that is not a port', () => fails({ hostNetwork: true, extraArgs: { 'status-port': 'abc' } }, /extraArgs\["status-port"\]: NaN is not a valid port number/));
  test('fails with two listeners on one port', () => fails({ hostNetwork: true, extraArgs: { 'stream-port': '8181' } }, /both use port 8181/));
});

describe('validation: field paths and construct paths', () => {
  const fieldOf = (props: IngressNginxControllerProps): string | undefined => {
    try {
      synth(props);
    } catch (e) {
      return ExposeErrors.fieldOf(e);
    }
    return undefined;
  };

  test('errors name the manifest field a prop becomes, or the prop', () => {
    expect(fieldOf({ tolerations: [{ key: 'a' }, { key: 'b', value: 'not ok' }] })).toBe('spec.template.spec.tolerations[1].value');
    expect(fieldOf({ config: { 'allow-snippet-annotations': 'true' } })).toBe('data["allow-snippet-annotations"]');
    expect(fieldOf({ extraArgs: { 'status-port': 'x' }, hostNetwork: true })).toBe('props.extraArgs["status-port"]');
    expect(fieldOf({ certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN.withTag('-x') })).toBe('props.certgenImage.tag');
    expect(fieldOf({ replicas: 1001 })).toBe('spec.replicas');
  });

  test('the construct path in the error comes from the tree', () => {
    const chart = Testing.chart();
    const parent = new Chart(chart, 'Edge');
    let error: unknown;
    try {
      new IngressNginxController(parent, 'Ingress', { useHostPorts: true, hostNetwork: true });
    } catch (e) {
      error = e;
    }
    expect(ExposeErrors.constructPathOf(error)).toBe(`${chart.node.path}/Edge/Ingress`);
  });

  test('valid tolerations pass: Exists without a key, Equal with a value, NoExecute with seconds', () => {
    const tolerations = [
      { operator: TolerationOperator.EXISTS },
      { key: 'dedicated', value: 'edge', effect: TaintEffect.NO_SCHEDULE },
      { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 30 },
    ];
    const { objs, controller } = synth({ tolerations });
    expect(find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec.tolerations).toEqual([
      { operator: 'Exists' },
      { key: 'dedicated', operator: 'Equal', value: 'edge', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
    expect(controller.tolerations.map(t => t.operator)).toEqual(['Exists', 'Equal', 'Exists']);
  });

  test('INGRESS_NGINX_VERSION is the release of the fixture data', () => {
    expect(INGRESS_NGINX_VERSION).toBe(VERSION);
    expect(find(synth().objs, 'Namespace', 'ingress-nginx').metadata.labels).toEqual({
      'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx',
    });
  });
});

// ------------------------------------------------------------------------------------------------ docs

test('the docs carry the retirement notice and the Gateway API pointer', () => {
  const docs = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'ingress-nginx-controller.md'), 'utf8');
  expect(docs).toMatch(/retired/i);
  expect(docs).toMatch(/March 2026/);
  expect(docs).toMatch(/Gateway API/);
});

