/**
 * The exposure topology of the lab, section by section: every entry point, the hop that handles
 * it, the Service and the pods, with ports and where TLS is. A path reads
 * `entry =[protocol :port TLS]=> hop =[...]=> Service ... => pods`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import {
  EdgeKind, EntryPointKind, HopKind, TlsMarking, Topology, TopologyNodeKind,
} from '../../constructs';
import { buildGatewayLab, buildLab, LAB_CONFIG } from '../../lab';

const app = new App({ outdir: '/nonexistent-never-written' });
const lab = buildLab(app, LAB_CONFIG);
const topology = Topology.of(app);
const d = LAB_CONFIG.domain;

/**
 * Every path of traffic from each entry point of `t` to the end, as text; an edge sent to a
 * Service's endpoints says which Service (`=[HTTP :8080 NONE, endpoints of svc1-cluster-ip]=>`).
 */
function paths(t: Topology): string[] {
  const out: string[] = [];
  const walk = (id: string, text: string, seen: Set<string>) => {
    const edges = t.edgesFrom(id).filter(e => e.kind !== EdgeKind.ENDPOINTS);
    if (edges.length === 0) out.push(text);
    for (const e of edges) {
      if (seen.has(e.to)) continue;
      const to = t.findNode(e.to)!;
      const via = e.endpointsOf ? `, endpoints of ${t.findNode(e.endpointsOf)!.objectName}` : '';
      walk(e.to, `${text} =[${e.protocol} :${e.port} ${e.tls}${via}]=> ${to.label}${to.terminatesTls ? ' (TLS ends)' : ''}`, new Set([...seen, e.to]));
    }
  };
  for (const entry of t.entryPoints) walk(entry.id, entry.label, new Set([entry.id]));
  return out;
}

const CONTROLLER = 'ingress controller ingress-nginx-controller (TLS ends)';

test('groups are the charts, in order', () => {
  expect(topology.groups).toEqual(app.charts.map(c => c.node.id));
});

test('9.1 hostPort: the pod\'s node :30890 -> hostPort mapping -> the pod :80', () => {
  expect(paths(topology.forGroup('10-pod1-host-port'))).toEqual([
    'node of pod1-host-port :30890 =[TCP :30890 NONE]=> hostPort mapping =[TCP :80 NONE]=> Pod pod1-host-port',
  ]);
  const entry = topology.entryPoints.find(n => n.entryPointKind === EntryPointKind.HOST_PORT)!;
  expect(entry).toMatchObject({ port: 30890, group: '10-pod1-host-port', zone: 'CLIENT' });
  expect(topology.hops.filter(h => h.hopKind === HopKind.HOST_PORT_MAPPING)).toHaveLength(1);
});

test('9.2 hostNetwork: the pod\'s node :<hostNetworkPort> -> host network -> the pod', () => {
  const port = LAB_CONFIG.hostNetworkPort;
  expect(paths(topology.forGroup('12-pod2-host-network'))).toEqual([
    `node of pod2-host-network :${port} =[TCP :${port} NONE]=> host network =[TCP :${port} NONE]=> Pod pod2-host-network`,
  ]);
  expect(topology.pods.find(p => p.objectName === 'pod2-host-network')!.zone).toBe('NODES');
});

test('9.3 NodePort: every node :30888 -> kube-proxy -> Service :8888 -> 2 nginx pods :80', () => {
  expect(paths(topology.forGroup('20-service1-node-port'))).toEqual([
    'every node :30888 =[TCP :30888 NONE]=> kube-proxy =[TCP :8888 NONE]=> Service service1-node-port =[TCP :80 NONE]=> Deployment service1-dep-node-port',
  ]);
  const pods = topology.pods.find(p => p.objectName === 'service1-dep-node-port')!;
  expect(pods.details).toEqual([LAB_CONFIG.images.nginx, '2 replicas']);
});

test('9.4 externalIPs: <externalIp>:<port> -> the node that owns it -> kube-proxy -> Service -> 2 nginx pods :80', () => {
  const port = lab.externalIp.service.port;
  const ip = LAB_CONFIG.externalIp;
  expect(paths(topology.forGroup('22-service2-external-ip'))).toEqual([
    `${ip} :${port} =[TCP :${port} NONE]=> the node that owns ${ip} =[TCP :${port} NONE]=> kube-proxy =[TCP :${port} NONE]=> Service service2-external-ip =[TCP :80 NONE]=> Deployment service1-dep-external-ip`,
  ]);
  expect(topology.entryPoints.find(n => n.entryPointKind === EntryPointKind.EXTERNAL_IP)).toMatchObject({ address: ip, port });
  expect(topology.hops.find(h => h.hopKind === HopKind.NODE_OWNING_IP)).toMatchObject({ zone: 'NODES', id: `hop/node-owning-ip/${ip}` });
});

test('experiment 1: the controller holds 80 and 443 on every node; the webhook is the API server\'s call, not a client\'s entry point', () => {
  const t = topology.forGroup('30-ingress-nginx');
  const controller = topology.hops.find(h => h.hopKind === HopKind.INGRESS_CONTROLLER)!;
  expect(t.entryPoints.map(e => e.label)).toEqual(['every node :80', 'every node :443']);
  const webhookPort = lab.ingressNginx.controller.hostListeners.find(l => l.purpose === 'admission webhook')!.port;
  expect(t.entryPoints.some(e => e.port === webhookPort)).toBe(false);
  const api = t.hops.find(h => h.hopKind === HopKind.API_SERVER)!;
  expect(api).toMatchObject({ zone: 'CONTROL_PLANE', label: 'API server' });
  const admission = t.edgesFrom(api.id);
  expect(admission.map(e => [t.findNode(e.to)!.objectName, e.protocol, e.port])).toEqual([['ingress-nginx-controller-admission', 'HTTPS', 443]]);
  expect(t.edgesFrom(admission[0].to).map(e => [e.to, e.port])).toEqual([[controller.id, webhookPort]]);
  expect(controller).toMatchObject({ zone: 'CONTROLLER', namespace: 'ingress-nginx', objectKind: 'DaemonSet', terminatesTls: true });
  expect(controller.details).toEqual(['DaemonSet, class nginx', 'host network, every node', '--enable-ssl-passthrough']);
  // unknown hosts: the default backend's pods, read as the endpoints of its Service
  for (const e of t.edgesFrom(controller.id)) {
    expect(e.label).toBe('HTTP :8080\nunknown hosts');
    expect(t.findNode(e.endpointsOf!)!.objectName).toBe('ingress-nginx-defaultbackend');
    expect(t.findNode(e.to)!.kind).toBe(TopologyNodeKind.PODS);
  }
});

test('the lab CA section exposes nothing', () => {
  const t = topology.forGroup('35-lab-ca');
  expect(t.nodes).toEqual([]);
  expect(t.groups).toEqual(['35-lab-ca']);
});

test.each([
  ['40-svc1-http', 'svc1', `http://svc1.${d}/ =[HTTP :80 NONE]=> ${CONTROLLER} =[HTTP :8080 NONE, endpoints of svc1-cluster-ip]=> Deployment svc1-deployment`],
  ['41-svc2-https-backend', 'svc2', `http://svc2.${d}/ =[HTTP :80 NONE]=> ${CONTROLLER} =[HTTPS :8080 REENCRYPTED_UNVERIFIED, endpoints of svc2-cluster-ip]=> Deployment svc2-deployment (TLS ends)`],
  ['42-svc3-tls-termination', 'svc3', `https://svc3.${d}/ =[HTTPS :443 TERMINATED]=> ${CONTROLLER} =[HTTP :8080 NONE, endpoints of svc3-cluster-ip]=> Deployment svc3-deployment`],
  ['43-svc4-tls-reencrypt', 'svc4', `https://svc4.${d}/ =[HTTPS :443 TERMINATED]=> ${CONTROLLER} =[HTTPS :8080 REENCRYPTED_VERIFIED, endpoints of svc4-cluster-ip]=> Deployment svc4-deployment (TLS ends)`],
  // the exception: ingress-nginx's TLS proxy dials the Service's cluster IP, so kube-proxy picks the pod
  ['44-svc5-tls-passthrough', 'svc5', `TLS, SNI svc5.${d} :443 =[TLS :443 PASSTHROUGH]=> ${CONTROLLER} =[TLS :8888 PASSTHROUGH]=> Service svc5-cluster-ip =[TLS :8080 PASSTHROUGH]=> Deployment svc5-deployment (TLS ends)`],
])('%s: host, controller, the pods :8080 (passthrough: the Service :8888) and where TLS is', (group, svc, expected) => {
  const t = topology.forGroup(group);
  expect(paths(t)).toEqual([expected]);
  const entry = t.entryPoints[0];
  expect(entry.host).toBe(`${svc}.${d}`);
  expect(entry.address).toBe('every node');
  expect(entry.entryPointKind).toBe(svc === 'svc5' ? EntryPointKind.TLS_SNI : EntryPointKind.HTTP_HOST);
  // the controller lives in another section, and is drawn in this one all the same
  expect(t.hops.map(h => h.group)).toEqual(['30-ingress-nginx']);
});

test('the TLS hosts say which certificate and that port 80 redirects', () => {
  const svc3 = topology.entryPoints.find(n => n.host === `svc3.${d}`)!;
  expect(svc3.details).toEqual(['at every node :443', 'certificate secret-tls-svc3', ':80 redirects to https']);
});

test('every Service of the lab reaches its pods (traffic or endpoints); every workload is drawn once', () => {
  const kinds = topology.nodes.map(n => n.kind);
  expect(kinds.filter(k => k === TopologyNodeKind.ENTRY_POINT)).toHaveLength(11);
  for (const s of topology.services) expect(topology.edgesFrom(s.id).length).toBeGreaterThan(0);
  expect(new Set(topology.nodes.map(n => n.id)).size).toBe(topology.nodes.length);
  expect(topology.edges.filter(e => e.tls === TlsMarking.REENCRYPTED_VERIFIED).map(e => e.group)).toEqual(['43-svc4-tls-reencrypt']);
});

test('the same app gives the same topology', () => {
  const again = new App({ outdir: '/nonexistent-never-written' });
  buildLab(again, LAB_CONFIG);
  expect(Topology.of(again).toDot()).toBe(topology.toDot());
});

test('topology draws the app model: it imports the model and the built-in targets\' readers, nothing else of theirs', () => {
  const dir = path.join(__dirname, '..', '..', 'constructs', 'topology');
  const sources = fs.readdirSync(dir).filter(f => f.endsWith('.ts'));
  const imports = sources.flatMap(f => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)].map(m => m[1]));
  expect([...new Set(imports)].sort()).toEqual([
    '../app-checks/app-model', '../app-checks/exposure-paths', '../app-checks/ingress-reading', '../app-checks/model-builder',
    // the model's exposure paths and the NetworkPolicies that allow them (issue 24), as the network-policy check reads them
    '../app-checks/network-policy-reading',
    '../targets/gateway-api/model-reader', '../targets/ingress-nginx/model-reader',
  ]);
});

test('the Gateway API flavour: Envoy Gateway sends to the endpoints, passthrough included (unlike ingress-nginx\'s passthrough)', () => {
  const gatewayApp = new App({ outdir: '/nonexistent-never-written' });
  buildGatewayLab(gatewayApp, LAB_CONFIG);
  const t = Topology.of(gatewayApp);
  for (const [group, svc] of [['40-svc1-http', 'svc1'], ['44-svc5-tls-passthrough', 'svc5']]) {
    const part = t.forGroup(group);
    const gateway = part.hops.find(h => h.objectKind === 'Gateway')!;
    const out = part.edgesFrom(gateway.id);
    expect(out.map(e => [part.findNode(e.to)!.label, part.findNode(e.endpointsOf!)!.objectName])).toEqual([[`Deployment ${svc}-deployment`, `${svc}-cluster-ip`]]);
    expect(part.edgesTo(part.services[0].id)).toEqual([]);
  }
});
