/**
 * The topology of objects this library did not make: cdk8s-plus workloads and Services, raw
 * ApiObjects, plain JSON (a parsed YAML file), Gateway API routes.
 */
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { EdgeProtocol, EntryPointKind, HopKind, TlsMarking, Topology, TopologyNodeKind } from '../../constructs';

const summary = (t: Topology) => t.edges.map(e => `${t.findNode(e.from)!.label} -> ${t.findNode(e.to)!.label}: ${e.protocol} :${e.port ?? '-'} ${e.tls}`);

test('cdk8s-plus Deployment behind a NodePort Service, named target port', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'plus');
  const deployment = new kplus.Deployment(chart, 'Web', {
    containers: [{ image: 'nginx:1.27', ports: [{ number: 8080, name: 'http' }], securityContext: { ensureNonRoot: false } }],
  });
  new kplus.Service(chart, 'WebSvc', {
    type: kplus.ServiceType.NODE_PORT, selector: deployment, ports: [{ port: 80, targetPort: 8080, nodePort: 30080, name: 'http' }],
  });
  const t = Topology.of(app);
  expect(t.groups).toEqual(['plus']);
  const entry = t.entryPoints[0];
  expect(entry).toMatchObject({ entryPointKind: EntryPointKind.NODE_PORT, address: 'every node', port: 30080 });
  const svc = t.services[0];
  const pods = t.pods[0];
  expect(pods.objectKind).toBe('Deployment');
  expect(t.edgesFrom(svc.id)).toEqual([expect.objectContaining({ to: pods.id, protocol: EdgeProtocol.HTTP, port: 8080 })]);
});

test('raw ApiObjects: a Service whose targetPort is a container port name', () => {
  const app = new App({ outdir: '/nonexistent-never-written' });
  const chart = new Chart(app, 'raw');
  new ApiObject(chart, 'pod', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db', labels: { app: 'db' } },
    spec: { containers: [{ name: 'pg', image: 'postgres:16', ports: [{ name: 'pg', containerPort: 5432 }] }] },
  });
  new ApiObject(chart, 'svc', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' },
    spec: { selector: { app: 'db' }, externalIPs: ['192.0.2.7'], ports: [{ port: 15432, targetPort: 'pg' }] },
  });
  expect(summary(Topology.of(app))).toEqual([
    '192.0.2.7 :15432 -> the node that owns 192.0.2.7: TCP :15432 NONE',
    'the node that owns 192.0.2.7 -> kube-proxy: TCP :15432 NONE',
    'kube-proxy -> Service db: TCP :15432 NONE',
    'Service db -> Pod db: TCP :5432 NONE',
  ]);
});

test('an Ingress whose controller is not among the objects: a stand-in hop for its class; a LoadBalancer Service', () => {
  const t = Topology.fromObjects([
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { type: 'LoadBalancer', selector: { app: 'api' }, ports: [{ port: 443, name: 'https', targetPort: 8443 }] } },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'api', namespace: 'shop', annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' } },
      spec: { ingressClassName: 'public', tls: [{ hosts: ['api.example.com'], secretName: 'api-tls' }], rules: [{ host: 'api.example.com', http: { paths: [{ path: '/v1', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'https' } } } }] } }] },
    },
  ]);
  expect(t.groups).toEqual(['manifests']);
  expect(t.hops.find(h => h.hopKind === HopKind.INGRESS_CONTROLLER)).toMatchObject({ label: 'ingress controller (class public)', details: ['not in these manifests'] });
  expect(summary(t)).toEqual([
    'every node :<allocated> -> kube-proxy: HTTPS :- TERMINATED',
    'kube-proxy -> Service api: HTTPS :443 TERMINATED',
    'load balancer of api :443 -> kube-proxy: HTTPS :443 TERMINATED',
    'https://api.example.com/v1 -> ingress controller (class public): HTTPS :443 TERMINATED',
    'ingress controller (class public) -> Service api: HTTPS :443 REENCRYPTED_UNVERIFIED',
  ]);
  expect(t.entryPoints.find(e => e.entryPointKind === EntryPointKind.HTTP_HOST)!.details[0]).toBe('at the controller\'s address :443');
  // the Service selects no pod here, and says so
  expect(t.services[0].details).toContain('selects no pods here');
});

test('Gateway API: HTTPS listener with a BackendTLSPolicy, TLS passthrough listener with a TLSRoute', () => {
  const gw = 'gateway.networking.k8s.io/v1';
  const t = Topology.fromSources([
    { group: 'gateway', objects: [{ apiVersion: gw, kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra' }, spec: {
      gatewayClassName: 'eg', addresses: [{ value: '198.51.100.4' }], listeners: [
        { name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] } },
        { name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
      ] } }] },
    { group: 'apps', objects: [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'w', image: 'web:1', ports: [{ containerPort: 8443 }] }] } } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 443, targetPort: 8443 }] } },
      { apiVersion: gw, kind: 'HTTPRoute', metadata: { name: 'web' }, spec: { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }], hostnames: ['web.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 443 }] }] } },
      { apiVersion: gw, kind: 'BackendTLSPolicy', metadata: { name: 'web' }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.default.svc', wellKnownCACertificates: 'System' } } },
      { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TLSRoute', metadata: { name: 'raw' }, spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['raw.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 443 }] }] } },
    ] },
  ]);
  expect(summary(t)).toEqual([
    'https://web.example.com/ -> Gateway edge: HTTPS :443 TERMINATED',
    'Gateway edge -> Service web: HTTPS :443 REENCRYPTED_VERIFIED',
    'TLS, SNI raw.example.com :8443 -> Gateway edge: TLS :8443 PASSTHROUGH',
    'Gateway edge -> Service web: TLS :443 PASSTHROUGH',
    'Service web -> Deployment web: HTTPS :8443 REENCRYPTED_VERIFIED',
    'Service web -> Deployment web: TLS :8443 PASSTHROUGH',
  ]);
  const sni = t.entryPoints.find(e => e.entryPointKind === EntryPointKind.TLS_SNI)!;
  expect(sni).toMatchObject({ host: 'raw.example.com', address: '198.51.100.4', port: 8443, group: 'apps' });
  expect(t.forGroup('gateway').nodes.map(n => n.kind)).toEqual([TopologyNodeKind.HOP]);
  expect(t.pods[0].terminatesTls).toBe(true);
  expect(t.edges.filter(e => e.tls === TlsMarking.PASSTHROUGH)).toHaveLength(3);
});

test('ssl-passthrough is read as ingress-nginx parses it (ParseBool: "True" counts), as the app-wide checks read it', () => {
  const t = Topology.fromObjects([{
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'raw', annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'True' } },
    spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'a', port: { number: 443 } } } }] } }] },
  }]);
  expect(summary(t)).toEqual([
    'TLS, SNI a.example.com :443 -> ingress controller (class nginx): TLS :443 PASSTHROUGH',
    'ingress controller (class nginx) -> Service a: TLS :443 PASSTHROUGH',
  ]);
});

test('objects that are not Kubernetes objects are skipped', () => {
  expect(Topology.fromObjects([null, 'x', 3, {}, { kind: 7 }]).nodes).toEqual([]);
});
