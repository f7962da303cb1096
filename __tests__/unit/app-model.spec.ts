/**
 * One model of the app (constructs/app-checks/app-model.ts): the app-wide checks and the topology
 * read the same typed model, Gateway API routes reach the neutral families through the target's
 * reader, constructs attach typed facts instead of metadata, and findings carry a Problem.
 */
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  ClusterIpService, CrossObjectChecks, FindingSeverity, HttpIngress, NodePortService, ProblemKind, TlsIngress, TlsMode, Topology,
} from '../../constructs';
import { buildAppModel } from '../../constructs/app-checks/model-builder';
import { GATEWAY_API_READER } from '../../constructs/targets/gateway-api/model-reader';
import { INGRESS_NGINX_READER } from '../../constructs/targets/ingress-nginx/model-reader';
import { gatewayApp } from '../helpers/gateway-api';

const run = (app: App) => CrossObjectChecks.of(app).run();
const GW = 'gateway.networking.k8s.io/v1';

function httpRoute(chart: Chart, id: string, host: string, backend: { name: string; port: number }) {
  return new ApiObject(chart, id, {
    apiVersion: GW, kind: 'HTTPRoute', metadata: { name: id.toLowerCase() },
    spec: {
      parentRefs: [{ name: 'cdk8s-expose', sectionName: `http-${host}` }], hostnames: [host],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [backend] }],
    },
  });
}

describe('Gateway API routes in the neutral families', () => {
  test('a backendRef port the Service does not define is an error; a Service the app lacks, a warning', () => {
    const { app, chart } = gatewayApp();
    new ClusterIpService(chart, 'WebSvc', { name: 'web', selector: { app: 'web' }, port: 8080 });
    new HttpIngress(chart, 'Web', { host: 'web.example.com', backend: { serviceName: 'web', port: 80 } });
    new HttpIngress(chart, 'Gone', { host: 'gone.example.com', backend: { serviceName: 'nowhere', port: 80 } });
    expect(run(app).filter(f => f.rule === 'ingress-backend')).toEqual([
      expect.objectContaining({
        severity: FindingSeverity.ERROR, path: 'apps/Web',
        message: 'spec.rules[0].backendRefs[0].port: 80 is not a port of Service "web" (apps/WebSvc); allowed: 8080',
      }),
      expect.objectContaining({
        severity: FindingSeverity.WARNING, path: 'apps/Gone',
        message: 'spec.rules[0].backendRefs[0].name: Service "nowhere" is not defined in this app (namespace default); fine if it is deployed elsewhere',
      }),
    ]);
  });

  test('a listener certificate Secret that is neither defined nor declared is a tls-secret error on the Gateway', () => {
    const { app, chart } = gatewayApp();
    new HttpIngress(chart, 'Web', { host: 'web.example.com', backend: { serviceName: 'web', port: 80 } });
    new ApiObject(chart, 'Edge', {
      apiVersion: GW, kind: 'Gateway', metadata: { name: 'edge' },
      spec: { gatewayClassName: 'eg', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'missing' }] } }] },
    });
    expect(run(app).filter(f => f.rule === 'tls-secret')).toEqual([expect.objectContaining({
      path: 'apps/Edge', message: expect.stringMatching(/^spec\.listeners\[0\]\.tls\.certificateRefs\[0\]: Secret "missing" \(namespace default\) is neither defined/),
    })]);
  });

  test('a gateway-shim-annotated Gateway issues its Secrets: no tls-secret finding', () => {
    const { app, chart } = gatewayApp();
    new HttpIngress(chart, 'Web', { host: 'web.example.com', backend: { serviceName: 'web', port: 80 } });
    new ApiObject(chart, 'Edge', {
      apiVersion: GW, kind: 'Gateway', metadata: { name: 'edge', annotations: { 'cert-manager.io/cluster-issuer': 'ca' } },
      spec: { gatewayClassName: 'eg', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'issued' }] } }] },
    });
    expect(run(app).filter(f => f.rule === 'tls-secret')).toEqual([]);
  });

  test('two HTTPRoutes matching one host and path on one listener: a warning on the second', () => {
    const { app, chart } = gatewayApp();
    new ClusterIpService(chart, 'WebSvc', { name: 'web', selector: { app: 'web' }, port: 80 });
    new HttpIngress(chart, 'Web', { host: 'web.example.com', backend: { serviceName: 'web', port: 80 } });
    httpRoute(chart, 'Copy', 'web.example.com', { name: 'web', port: 80 });
    expect(run(app).filter(f => f.rule === 'ingress-host-path')).toEqual([expect.objectContaining({
      severity: FindingSeverity.WARNING, path: 'apps/Copy',
      message: 'spec.rules[0].matches[0]: host "web.example.com" path "/" (PathPrefix) is also matched by apps/Web on listener ' +
        '"http-web.example.com" of Gateway "default/cdk8s-expose"; Gateway API sends those requests to one of the two routes only (the oldest, ' +
        'then the first by namespace/name); allowed: one route per host and path on a listener',
    })]);
  });
});

test('findings carry a Problem: field, kind, value and detail, whose text is the message', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  new NodePortService(chart, 'A', { selector: { app: 'a' }, port: 80, nodePort: 30080 });
  new NodePortService(chart, 'B', { selector: { app: 'a' }, port: 81, nodePort: 30080 });
  new TlsIngress(chart, 'T', { host: 't.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 't-tls', backend: { serviceName: 'x', port: 443 },
    backendCaSecretName: 'missing-ca', backendServerName: 'x.default.svc' });
  const findings = run(app);
  expect(findings.find(f => f.rule === 'node-port')!.problem).toEqual({
    kind: ProblemKind.DUPLICATE, field: 'spec.ports[0].nodePort', value: 30080,
    detail: '30080 is also used by c/A; the API server allocates each nodePort once per cluster; allowed: a nodePort no other Service uses',
  });
  expect(findings.find(f => f.rule === 'tls-secret')!.problem).toMatchObject({
    kind: ProblemKind.INVALID, field: 'metadata.annotations["nginx.ingress.kubernetes.io/proxy-ssl-secret"]', value: 'missing-ca',
  });
  expect(findings.length).toBeGreaterThan(3);
  // the message is the problem's text; a few name the field without a colon (`spec.selector {...} matches ...`), as they always did
  for (const f of findings) {
    expect(f.message.endsWith(f.problem.detail)).toBe(true);
    expect(f.message.startsWith(f.problem.field)).toBe(true);
  }
  expect(findings.filter(f => f.message !== (f.problem.field === '' ? f.problem.detail : `${f.problem.field}: ${f.problem.detail}`)).map(f => f.rule))
    .toEqual(['selector', 'selector']);
});

test('the declarations attach typed facts, not construct metadata', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const controller = new Construct(chart, 'Controller');
  CrossObjectChecks.registerIngressController(controller, { ingressClassName: 'nginx', sslPassthroughEnabled: true, hostPorts: [80] });
  CrossObjectChecks.declareExternalSecret(chart, 'kept', 'team');
  CrossObjectChecks.declareNodeAddresses(chart, ['192.0.2.1']);
  expect([...controller.node.metadata, ...chart.node.metadata]).toEqual([]);
  const model = buildAppModel({ objects: [], constructs: app.node.findAll(), readers: [] });
  expect(model.controllers).toEqual([expect.objectContaining({ path: 'c/Controller', registered: true, ingressClassName: 'nginx', hostPorts: [80] })]);
  expect(model.externalSecrets).toEqual([{ name: 'kept', namespace: 'team' }]);
  expect(model.nodeAddresses).toEqual(['192.0.2.1']);
});

describe('one controller, one truth', () => {
  /** A registered controller whose pods (an ingress-nginx image) run without --enable-ssl-passthrough. */
  function app(sslPassthroughEnabled: boolean) {
    const a = new App({ outdir: '/nonexistent-never-written' });
    const chart = new Chart(a, 'ctl', { namespace: 'ingress-nginx' });
    const controller = new Construct(chart, 'Controller');
    new k8s.KubeDeployment(controller, 'Workload', {
      metadata: { name: 'controller' },
      spec: {
        selector: { matchLabels: { app: 'ctl' } },
        template: { metadata: { labels: { app: 'ctl' } }, spec: { containers: [{ name: 'c', image: 'registry.k8s.io/ingress-nginx/controller:v1.11.8' }] } },
      },
    });
    CrossObjectChecks.registerIngressController(controller, { ingressClassName: 'nginx', sslPassthroughEnabled, hostPorts: [] });
    const web = new Chart(a, 'web');
    new TlsIngress(web, 'P', { host: 'p.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'p', port: 443 } });
    return a;
  }
  const passthroughEntry = (t: Topology) => t.entryPoints.find(e => e.host === 'p.example.com')!;

  test('the checks read the registered facts', () => {
    expect(run(app(true)).filter(f => f.rule === 'ssl-passthrough')).toEqual([]);
    expect(run(app(false)).filter(f => f.rule === 'ssl-passthrough').map(f => f.severity)).toEqual([FindingSeverity.ERROR]);
  });

  test('the picture of the app reads the same facts, not the flags', () => {
    const t = Topology.of(app(true));
    expect(t.hops.find(h => h.objectName === 'controller')!.details).toContain('--enable-ssl-passthrough');
    expect(passthroughEntry(t).details).not.toContain('the controller lacks --enable-ssl-passthrough');
  });

  test('without constructs (YAML), the flags are the truth', () => {
    const t = Topology.fromSources(app(true).charts.map(c => ({ group: c.node.id, objects: c.toJson() })));
    expect(passthroughEntry(t).details).toContain('the controller lacks --enable-ssl-passthrough');
  });
});

test('the readers: a kind is read by the last reader that claims it, else by the built-in one', () => {
  const ingress = {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'raw', annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'True' } },
    spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'a', port: { number: 443 } } } }] } }] },
  };
  const route = { apiVersion: GW, kind: 'TLSRoute', metadata: { name: 'r' }, spec: { rules: [{ backendRefs: [{ name: 'b', port: 443 }] }] } };
  const objects = [ingress, route].map(json => ({ json, group: 'g' }));
  const api = buildAppModel({ objects, readers: [] });
  expect(api.routes.map(r => [r.object.kind, r.tls?.mode])).toEqual([['Ingress', 'NONE']]);
  const both = buildAppModel({ objects, readers: [INGRESS_NGINX_READER, GATEWAY_API_READER] });
  expect(both.routes.map(r => [r.object.kind, r.tls?.mode, r.backends.map(b => b.serviceName)])).toEqual([
    ['Ingress', 'PASSTHROUGH', ['a']], ['TLSRoute', undefined, ['b']],
  ]);
});
