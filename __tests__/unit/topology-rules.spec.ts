/**
 * The rules of the topology model, one test each, on the smallest objects that show them (and a
 * twin where the rule does not apply). What each rule stands on upstream is in the source it
 * tests (constructs/topology/ingresses.ts, gateways.ts, admission.ts, exposures.ts).
 */
import { EdgeKind, EdgeProtocol, HopKind, TlsMarking, Topology, TopologyNodeKind } from '../../constructs';

const NS = 'shop';
const pods = (name: string, port = 8080, labels: Record<string, string> = { app: name }) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: NS },
  spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.28', ports: [{ containerPort: port }] }] } } },
});
const service = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: NS },
  spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
});
const controller = {
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
  spec: {
    selector: { matchLabels: { app: 'ctl' } },
    template: {
      metadata: { labels: { app: 'ctl' } },
      spec: {
        hostNetwork: true,
        containers: [{
          name: 'controller', image: 'registry.k8s.io/ingress-nginx/controller:v1.15.1',
          args: ['/nginx-ingress-controller', '--ingress-class=nginx', '--enable-ssl-passthrough', '--validating-webhook=:8444'],
          ports: [{ name: 'http', containerPort: 80 }, { name: 'https', containerPort: 443 }],
        }],
      },
    },
  },
};
const ingress = (name: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: NS, annotations },
  spec: { ingressClassName: 'nginx', rules: [{ host: `${name}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } }] } }] },
});

const summary = (t: Topology) => t.edges.map(e => `${t.findNode(e.from)!.label} -> ${t.findNode(e.to)!.label}: ${e.kind ?? EdgeKind.TRAFFIC}${e.endpointsOf ? ` (endpoints of ${t.findNode(e.endpointsOf)!.objectName})` : ''}`);

test('an ingress controller\'s traffic goes to the endpoints: the pods, with the Service drawn as where the endpoints come from', () => {
  const t = Topology.fromObjects([controller, pods('web'), service('web'), ingress('web')]);
  expect(summary(t)).toEqual([
    'every node :80 -> ingress controller ingress-nginx-controller: TRAFFIC',
    'every node :443 -> ingress controller ingress-nginx-controller: TRAFFIC',
    'http://web.example.com/ -> ingress controller ingress-nginx-controller: TRAFFIC',
    'ingress controller ingress-nginx-controller -> Deployment web: TRAFFIC (endpoints of web)',
    'Service web -> Deployment web: ENDPOINTS',
  ]);
  const svc = t.services[0];
  // no traffic enters the Service: nothing reaches its cluster IP
  expect(t.edgesTo(svc.id)).toEqual([]);
  const toPods = t.edges.find(e => e.endpointsOf === svc.id)!;
  expect(toPods).toMatchObject({ protocol: EdgeProtocol.HTTP, port: 8080, tls: TlsMarking.NONE, label: 'HTTP :8080\nto the pods, no kube-proxy' });
  expect(t.edgesFrom(svc.id)).toEqual([expect.objectContaining({ kind: EdgeKind.ENDPOINTS, label: 'endpoints', port: 8080 })]);
});

test('an endpoints edge carries no traffic: it ends no TLS', () => {
  const t = Topology.fromObjects([controller, pods('web'), service('web'), ingress('web', { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' })]);
  const podsNode = t.pods[0];
  expect(podsNode.terminatesTls).toBe(true);
  expect(t.edgesTo(podsNode.id).map(e => [e.kind ?? EdgeKind.TRAFFIC, e.tls])).toEqual([
    [EdgeKind.TRAFFIC, TlsMarking.REENCRYPTED_UNVERIFIED], [EdgeKind.ENDPOINTS, TlsMarking.NONE],
  ]);
});

test('service-upstream: "true" makes ingress-nginx send to the cluster IP: the Service is on the path', () => {
  const t = Topology.fromObjects([controller, pods('web'), service('web'), ingress('web', { 'nginx.ingress.kubernetes.io/service-upstream': 'true' })]);
  expect(summary(t).slice(3)).toEqual([
    'ingress controller ingress-nginx-controller -> Service web: TRAFFIC',
    'Service web -> Deployment web: TRAFFIC',
  ]);
  expect(t.edges.find(e => e.to === t.services[0].id)!.label).toBe('HTTP :80\nto the cluster IP (kube-proxy)');
});

test('ssl-passthrough goes through the Service\'s cluster IP (the TLS proxy dials svc.Spec.ClusterIP), and says so', () => {
  const t = Topology.fromObjects([controller, pods('vault'), service('vault'), ingress('vault', { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' })]);
  expect(summary(t).slice(2)).toEqual([
    'TLS, SNI vault.example.com :443 -> ingress controller ingress-nginx-controller: TRAFFIC',
    'ingress controller ingress-nginx-controller -> Service vault: TRAFFIC',
    'Service vault -> Deployment vault: TRAFFIC',
  ]);
  const toService = t.edgesTo(t.services[0].id)[0];
  expect(toService).toMatchObject({ tls: TlsMarking.PASSTHROUGH, port: 80, label: 'TLS :80 passthrough\nto the cluster IP (kube-proxy)' });
  expect(toService.endpointsOf).toBeUndefined();
});

test('a controller\'s default backend is reached at its endpoints too', () => {
  const withDefault = JSON.parse(JSON.stringify(controller));
  withDefault.spec.template.spec.containers[0].args.push(`--default-backend-service=${NS}/fallback`);
  const t = Topology.fromObjects([withDefault, pods('fallback'), service('fallback')]);
  expect(summary(t).slice(2)).toEqual([
    'ingress controller ingress-nginx-controller -> Deployment fallback: TRAFFIC (endpoints of fallback)',
    'Service fallback -> Deployment fallback: ENDPOINTS',
  ]);
});

test('a Service that traffic enters (nodePort) keeps its traffic edge to the pods; an endpoints edge only when nothing enters it', () => {
  const t = Topology.fromObjects([pods('web'), service('web', { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] })]);
  expect(t.edges.every(e => e.kind === undefined)).toBe(true);
  expect(summary(t)).toContain('Service web -> Deployment web: TRAFFIC');
});

test('an admission webhook is the API server\'s call: its port is no client\'s entry point, and the call is drawn from the API server', () => {
  const webhookService = {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'admission', namespace: 'ingress-nginx' },
    spec: { selector: { app: 'ctl' }, ports: [{ name: 'https-webhook', port: 443, targetPort: 'webhook' }] },
  };
  const configuration = {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'ingress-nginx-admission' },
    webhooks: [{
      name: 'validate.nginx.ingress.kubernetes.io', sideEffects: 'None', admissionReviewVersions: ['v1'],
      clientConfig: { service: { name: 'admission', namespace: 'ingress-nginx', path: '/networking/v1/ingresses' } },
      rules: [{ apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['ingresses'] }],
    }],
  };
  const withWebhook = JSON.parse(JSON.stringify(controller));
  withWebhook.spec.template.spec.containers[0].ports.push({ name: 'webhook', containerPort: 8444 });
  const t = Topology.fromObjects([withWebhook, webhookService, configuration]);
  expect(t.entryPoints.map(e => e.port)).toEqual([80, 443]);
  const api = t.hops.find(h => h.hopKind === HopKind.API_SERVER)!;
  expect(api).toMatchObject({ kind: TopologyNodeKind.HOP, zone: 'CONTROL_PLANE', label: 'API server' });
  expect(summary(t).slice(2)).toEqual([
    'API server -> Service admission: TRAFFIC',
    'Service admission -> ingress controller ingress-nginx-controller: TRAFFIC',
  ]);
  expect(t.edgesFrom(api.id)[0]).toMatchObject({ protocol: EdgeProtocol.HTTPS, port: 443, label: 'HTTPS :443\nadmission call (ingresses)' });
  // the twin: without the webhook configuration, the same port is a client's entry point on every node
  expect(Topology.fromObjects([withWebhook, webhookService]).entryPoints.map(e => e.port)).toEqual([80, 443, 8444]);
});

test('an external IP is drawn reaching the node that owns it, whose kube-proxy rules take it', () => {
  const t = Topology.fromObjects([pods('web'), service('web', { externalIPs: ['192.0.2.10'] })]);
  expect(summary(t)).toEqual([
    '192.0.2.10 :80 -> the node that owns 192.0.2.10: TRAFFIC',
    'the node that owns 192.0.2.10 -> kube-proxy: TRAFFIC',
    'kube-proxy -> Service web: TRAFFIC',
    'Service web -> Deployment web: TRAFFIC',
  ]);
  expect(t.hops.find(h => h.hopKind === HopKind.NODE_OWNING_IP)!.details).toContain('the network outside must route this IP to it');
});

describe('Gateway API', () => {
  const gatewayClass = (controllerName: string) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'eg' }, spec: { controllerName } });
  const gateway = {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: NS },
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
  };
  const route = {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: NS },
    spec: { parentRefs: [{ name: 'gw' }], hostnames: ['web.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
  };
  const ENVOY = 'gateway.envoyproxy.io/gatewayclass-controller';

  test('Envoy Gateway sends to the endpoints (its default routingType, Endpoint)', () => {
    const t = Topology.fromObjects([gatewayClass(ENVOY), gateway, route, pods('web'), service('web')]);
    expect(summary(t)).toEqual([
      'http://web.example.com/ -> Gateway gw: TRAFFIC',
      'Gateway gw -> Deployment web: TRAFFIC (endpoints of web)',
      'Service web -> Deployment web: ENDPOINTS',
    ]);
  });

  test('Envoy Gateway with an EnvoyProxy of routingType Service sends to the cluster IP', () => {
    const proxy = { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'EnvoyProxy', metadata: { name: 'p', namespace: NS }, spec: { routingType: 'Service' } };
    const t = Topology.fromObjects([gatewayClass(ENVOY), gateway, route, pods('web'), service('web'), proxy]);
    expect(summary(t).slice(1)).toEqual(['Gateway gw -> Service web: TRAFFIC', 'Service web -> Deployment web: TRAFFIC']);
  });

  test('another implementation: nothing says which, the edge goes to the Service', () => {
    const t = Topology.fromObjects([gatewayClass('example.com/gateway'), gateway, route, pods('web'), service('web')]);
    expect(summary(t).slice(1)).toEqual(['Gateway gw -> Service web: TRAFFIC', 'Service web -> Deployment web: TRAFFIC']);
  });
});
