/**
 * DeployPlan (constructs/gitops/): each object's stage from its kind, moved later by what it
 * needs, read from rendered manifests; the sync waves an ExposeApp stamps with `syncWaves`; the
 * order of manifest groups (lab:up's files).
 */
import { Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import * as k8s from '../../imports/k8s';
import {
  AppDeployment, ClusterIpService, DeployPlan, DeployStage, ExposeApp, HttpIngress, IngressNginxController, SYNC_WAVE_ANNOTATION,
  WebhookCertificateSource,
} from '../../constructs';
import { stampSyncWave } from '../../constructs/gitops/deploy-plan';

const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const deployment = (name: string, labels: Record<string, string>, volumes: any[] = []) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'app' },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }], volumes } } },
});
const service = (name: string, selector: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'app' }, spec: { selector } });
const webhook = (failurePolicy: string, inject?: string) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration',
  metadata: { name: 'hook', ...(inject ? { annotations: { 'cert-manager.io/inject-ca-from': inject } } : {}) },
  webhooks: [{
    name: 'validate.example.com', failurePolicy, clientConfig: { service: { name: 'hook-svc', namespace: 'app' } },
    rules: [{ apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['ingresses'] }],
  }],
});
const ingress = (name: string, secret?: string) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'app' },
  spec: secret ? { tls: [{ hosts: ['a.example.com'], secretName: secret }] } : {},
});
const certificate = (name: string, secretName: string, issuer = 'ca') => ({
  apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name, namespace: 'app' }, spec: { secretName, issuerRef: { name: issuer } },
});
const issuer = (name: string) => ({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name, namespace: 'app' }, spec: { selfSigned: {} } });

describe('stages from kinds', () => {
  test('namespaces and ConfigMaps first, webhook configurations and IngressClasses with the controllers, Certificates, workloads, Ingresses last', () => {
    const objects = [
      ns('app'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'app' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' } },
      issuer('ca'), certificate('cert', 'cert-tls'), deployment('web', { app: 'web' }), ingress('web'),
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'app' }, spec: {} },
    ];
    expect(DeployPlan.of(objects).stages).toEqual([
      DeployStage.FOUNDATION, DeployStage.FOUNDATION, DeployStage.CONTROLLERS, DeployStage.CERTIFICATES, DeployStage.CERTIFICATES,
      DeployStage.WORKLOADS, DeployStage.ROUTES, DeployStage.ROUTES,
    ]);
    expect(objects.map((_, i) => DeployPlan.of(objects).waveOf(i))).toEqual([0, 0, 1, 2, 2, 3, 4, 4]);
  });

  test('a Service is in the stage of the pods it selects; one that selects nothing is foundation', () => {
    const plan = DeployPlan.of([deployment('web', { app: 'web' }), service('web', { app: 'web' }), service('none', { app: 'nobody' })]);
    expect(plan.stages).toEqual([DeployStage.WORKLOADS, DeployStage.WORKLOADS, DeployStage.FOUNDATION]);
  });
});

describe('dependencies move objects later', () => {
  test('the pods behind an admission webhook are controllers; what the webhook admits with failure policy Fail comes a stage after them (hard)', () => {
    const objects = [deployment('ctrl', { app: 'ctrl' }), service('hook-svc', { app: 'ctrl' }), webhook('Fail'), ingress('web')];
    const plan = DeployPlan.of(objects);
    expect(plan.stages).toEqual([DeployStage.CONTROLLERS, DeployStage.CONTROLLERS, DeployStage.CONTROLLERS, DeployStage.ROUTES]);
    expect(plan.dependencies).toContainEqual(expect.objectContaining({ dependent: 3, needed: 0, hard: true }));
  });

  test('with failure policy Ignore the API server admits without the webhook: the dependency is soft', () => {
    const plan = DeployPlan.of([deployment('ctrl', { app: 'ctrl' }), service('hook-svc', { app: 'ctrl' }), webhook('Ignore'), ingress('web')]);
    expect(plan.dependencies.filter(d => d.dependent === 3)).toEqual([expect.objectContaining({ needed: 0, hard: false })]);
  });

  test('a controller that mounts a Certificate\'s Secret moves to the certificates stage, and what its webhook admits after it', () => {
    const objects = [
      deployment('ctrl', { app: 'ctrl' }, [{ name: 'cert', secret: { secretName: 'hook-tls' } }]), service('hook-svc', { app: 'ctrl' }),
      webhook('Fail', 'app/hook-cert'), issuer('ca'), certificate('hook-cert', 'hook-tls'), ingress('web'),
    ];
    const plan = DeployPlan.of(objects);
    expect(plan.stageOf(0)).toBe(DeployStage.CERTIFICATES);
    expect(plan.stageOf(2)).toBe(DeployStage.CERTIFICATES); // the CA injected from the Certificate
    expect(plan.stageOf(5)).toBe(DeployStage.ROUTES);
    for (const d of plan.dependencies) expect(plan.waveOf(d.dependent)).toBeGreaterThanOrEqual(plan.waveOf(d.needed) + (d.hard ? 1 : 0));
  });

  test('an Ingress serves its Certificate\'s Secret; a Certificate needs its Issuer', () => {
    const objects = [issuer('ca'), certificate('c', 'web-tls'), ingress('web', 'web-tls')];
    expect(DeployPlan.of(objects).dependencies.map(d => [d.dependent, d.needed, d.reason])).toEqual([
      [1, 0, 'is signed by Issuer ca'], [2, 1, 'serves the Secret web-tls'],
    ]);
  });
});

describe('applyOrder', () => {
  test('a group goes after the groups it needs from earlier stages; groups of routes only go last; otherwise the given order', () => {
    const groups = [
      { name: 'routes', objects: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'app' }, spec: { listeners: [{ tls: { certificateRefs: [{ name: 'web-tls' }] } }] } }] },
      { name: 'web', objects: [deployment('web', { app: 'web' }), ingress('web', 'web-tls')] },
      { name: 'certs', objects: [issuer('ca'), certificate('c', 'web-tls')] },
      { name: 'ns', objects: [ns('app')] },
    ];
    expect(DeployPlan.applyOrder(groups).map(i => groups[i].name)).toEqual(['ns', 'certs', 'web', 'routes']);
  });
});

describe('stampSyncWave', () => {
  test('annotations first in metadata, keys sorted; an object\'s own wave is kept', () => {
    const obj: any = { metadata: { name: 'a', annotations: { 'z.io/x': '1' } } };
    stampSyncWave(obj, 3);
    expect(Object.keys(obj.metadata)).toEqual(['annotations', 'name']);
    expect(obj.metadata.annotations).toEqual({ [SYNC_WAVE_ANNOTATION]: '3', 'z.io/x': '1' });
    const own: any = { metadata: { name: 'b', annotations: { [SYNC_WAVE_ANNOTATION]: '-1' } } };
    stampSyncWave(own, 3);
    expect(own.metadata.annotations[SYNC_WAVE_ANNOTATION]).toBe('-1');
  });
});

describe('ExposeApp syncWaves', () => {
  function objects(syncWaves?: boolean): any[] {
    const a = new ExposeApp({ outdir: '/nonexistent-never-written', syncWaves });
    const chart = new Chart(a, 'web');
    new IngressNginxController(chart, 'Nginx', { webhookCertificate: WebhookCertificateSource.CERT_MANAGER });
    const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80 });
    const svc = new ClusterIpService(chart, 'Svc', { selector: web.labels, port: 80 });
    new HttpIngress(chart, 'Ingress', { host: 'web.example.com', backend: { serviceName: svc.name, port: svc.port } });
    new k8s.KubeConfigMap(chart, 'Own', { metadata: { name: 'own', annotations: { [SYNC_WAVE_ANNOTATION]: '7' } } });
    return parseAllDocuments(a.synthYaml()).map(d => d.toJSON());
  }
  const wave = (objs: any[], kind: string, name?: string) =>
    objs.find(o => o.kind === kind && (name === undefined || o.metadata.name === name))?.metadata.annotations?.[SYNC_WAVE_ANNOTATION];

  test('off by default: no object carries a wave it did not set', () => {
    const objs = objects();
    expect(objs.filter(o => o.metadata.annotations?.[SYNC_WAVE_ANNOTATION] !== undefined).map(o => o.metadata.name)).toEqual(['own']);
  });

  test('on: every object has its wave; the cert-manager webhook certificate before the controller, the Ingress after it', () => {
    const objs = objects(true);
    expect(objs.every(o => typeof o.metadata.annotations?.[SYNC_WAVE_ANNOTATION] === 'string')).toBe(true);
    expect(wave(objs, 'Namespace')).toBe('0');
    expect(wave(objs, 'Certificate', 'ingress-nginx-admission')).toBe('2');
    expect(wave(objs, 'DaemonSet') ?? wave(objs, 'Deployment', 'ingress-nginx-controller')).toBe('2');
    expect(wave(objs, 'Ingress')).toBe('4');
    expect(wave(objs, 'ConfigMap', 'own')).toBe('7');
  });
});
