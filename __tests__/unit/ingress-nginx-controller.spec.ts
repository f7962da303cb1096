import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import {
  ControllerKind, ControllerServiceType, CrossObjectChecks, FindingSeverity, HostNetworkPod, IngressNginxController,
  IngressNginxControllerProps, TlsIngress, TlsMode, TolerationOperator, WebhookCertificateSource,
} from '../../constructs';
import { ManifestObject as Obj, REFERENCE_OBJECTS, SEED_VALUES_PROD } from '../fixtures/ingress-nginx-v1.11.8';
import { formatViolations, getSchemaValidator } from '../../validation-plugin/src/schema-validator';
import { byKey, clone, find, key, SEED_MIRROR_PROPS, SEED_PROPS, synth } from '../helpers/ingress-nginx';
import { testValidatorCache } from '../helpers/test-cache';

// Upstream's bare-metal manifest (kubernetes/ingress-nginx, tag controller-v1.11.8), restated as fixture data.
const reference: Obj[] = clone(REFERENCE_OBJECTS);

describe('upstream defaults against the reference manifest (controller-v1.11.8 bare metal)', () => {
  const { objs } = synth({ kind: ControllerKind.DEPLOYMENT });
  const ours = byKey(objs);

  test('renders exactly the reference\'s objects, by kind, namespace and name', () => {
    expect([...ours.keys()].sort()).toEqual(reference.map(key).sort());
  });

  // Every object equals upstream's, field by field, except the certgen Jobs' RBAC, which is narrowed
  // (see the next two tests and docs/ingress-nginx-controller.md "Differences from upstream"), and the
  // controller ConfigMap, which adds strict-validate-path-type (v1.12's default).
  const CONFIG_MAP = 'ConfigMap/ingress-nginx/ingress-nginx-controller';
  const NARROWED = new Set(['Role/ingress-nginx/ingress-nginx-admission', 'ClusterRole//ingress-nginx-admission', CONFIG_MAP]);
  test.each(reference.filter(o => !NARROWED.has(key(o))).map(o => [key(o), o] as const))('%s equals upstream\'s', (k, ref) => {
    expect(ours.get(k)).toEqual(ref);
  });

  test('controller ConfigMap: upstream\'s plus strict-validate-path-type "true" (the default since v1.12)', () => {
    const ref = reference.find(o => key(o) === CONFIG_MAP)!;
    expect(ours.get(CONFIG_MAP)).toEqual({ ...ref, data: { ...ref.data, 'strict-validate-path-type': 'true' } });
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
      'Role/ingress-nginx/ingress-nginx-admission', 'ClusterRole//ingress-nginx-admission', 'ConfigMap/ingress-nginx/ingress-nginx-controller',
      'Namespace//ingress-nginx']);
    for (const ref of reference.filter(o => !changed.has(key(o)))) expect(ours.get(key(ref))).toEqual(ref);
  });

  test('the hostNetwork controller\'s Namespace enforces Pod Security privileged, warns and audits baseline (else as upstream)', () => {
    const ns = byKey(objs).get('Namespace//ingress-nginx');
    const ref = reference.find(o => key(o) === 'Namespace//ingress-nginx')!;
    expect(ns!.metadata.labels).toEqual({
      ...ref.metadata.labels,
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/warn': 'baseline',
      'pod-security.kubernetes.io/audit': 'baseline',
    });
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

  test('webhookPort moves the webhook listener: flag, container port, host ports, Helm values', () => {
    const { controller, objs } = synth({ kind: ControllerKind.DAEMON_SET, hostNetwork: true, webhookPort: 8444 });
    expect(controller.hostPorts).toEqual([80, 443, 8181, 8444, 10245, 10246, 10247, 10254]);
    expect(controller.args).toContain('--validating-webhook=:8444');
    const c = find(objs, 'DaemonSet', 'ingress-nginx-controller').spec.template.spec.containers[0];
    expect(c.ports).toContainEqual({ name: 'webhook', containerPort: 8444, protocol: 'TCP' });
    // the admission Service targets the named port, so it follows
    expect(find(objs, 'Service', 'ingress-nginx-controller-admission').spec.ports[0].targetPort).toBe('webhook');
    expect(controller.toHelmValues().controller.admissionWebhooks.port).toBe(8444);
    expect(synth({ hostNetwork: true }).controller.toHelmValues().controller.admissionWebhooks.port).toBeUndefined();
  });

  test('without hostNetwork or hostPorts the Namespace has no Pod Security labels (as upstream)', () => {
    const ns = find(synth().objs, 'Namespace', 'ingress-nginx');
    expect(Object.keys(ns.metadata.labels).filter(k => k.startsWith('pod-security.'))).toEqual([]);
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
    // the validation plugin's strict check (the one npm run synth makes), its validators from the tests' cache
    const validator = getSchemaValidator({ kubernetesVersions: ['v1.27.0'], crdFiles: [], cacheDir: testValidatorCache() });
    const variants: IngressNginxControllerProps[] = [SEED_MIRROR_PROPS, {}, { useHostPorts: true, replicas: 3, defaultBackend: true },
      { webhookCertificate: WebhookCertificateSource.CERT_MANAGER, tolerations: [{ operator: TolerationOperator.EXISTS }] }];
    const objs = variants.flatMap(props => synth(props).objs.filter(o => o.apiVersion !== 'cert-manager.io/v1'));
    expect(objs.length).toBeGreaterThan(60);
    expect(formatViolations(validator.validate(objs))).toBe('');
  });
});

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
      admissionWebhooks: { enabled: true, certManager: { enabled: false }, patch: { enabled: true } } });
    expect(values.controller.replicaCount).toBeUndefined();
    expect(values.defaultBackend).toMatchObject({ enabled: true, name: 'defaultbackend' });
  });

  test('a Deployment with a NodePort Service, cert-manager and no default backend', () => {
    const v = synth({ replicas: 2, webhookCertificate: WebhookCertificateSource.CERT_MANAGER, config: { 'use-gzip': 'true' } }).controller.toHelmValues();
    expect(v.controller).toMatchObject({
      kind: 'Deployment', replicaCount: 2, hostNetwork: false, service: { enabled: true, type: 'NodePort' },
      admissionWebhooks: { certManager: { enabled: true }, patch: { enabled: false } }, config: { 'strict-validate-path-type': 'true', 'use-gzip': 'true' } });
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

// ------------------------------------------------------------------------------------------------ docs

test('the docs carry the retirement notice and the Gateway API pointer', () => {
  const docs = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'ingress-nginx-controller.md'), 'utf8');
  expect(docs).toMatch(/retired/i);
  expect(docs).toMatch(/March 2026/);
  expect(docs).toMatch(/Gateway API/);
});
