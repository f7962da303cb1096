/**
 * The DOT and Mermaid of the lab's topology: what the pictures in docs/diagrams are drawn from.
 * Every section's entry point, hop, Service and pods appear in its DOT with their ports, and
 * each edge has the colour and line style of its TLS marking.
 */
import { App } from 'cdk8s';
import { TlsMarking, Topology } from '../../constructs';
import { buildLab, LAB_CONFIG } from '../../lab';

const app = new App({ outdir: '/nonexistent-never-written' });
buildLab(app, LAB_CONFIG);
const topology = Topology.of(app);
const d = LAB_CONFIG.domain;

/** The DOT statement of the edge between two node labels, in the group's picture. */
function edgeStatement(dot: string, t: Topology, fromLabel: string, toLabel: string): string {
  const from = t.nodes.find(n => n.label === fromLabel);
  const to = t.nodes.find(n => n.label === toLabel);
  expect([fromLabel, from]).not.toEqual([fromLabel, undefined]);
  expect([toLabel, to]).not.toEqual([toLabel, undefined]);
  const line = dot.split('\n').find(l => l.trim().startsWith(`"${from!.id}" -> "${to!.id}"`));
  expect([fromLabel, toLabel, line]).not.toEqual([fromLabel, toLabel, undefined]);
  return line!;
}

const PLAIN = 'color="#57606a", fontcolor="#57606a", style=solid';
const CLIENT_TLS = 'color="#1a7f37", fontcolor="#1a7f37", style=bold';
const VERIFIED = 'color="#0969da:invis:#0969da", fontcolor="#0969da", style=solid';
const UNVERIFIED = 'color="#cf222e", fontcolor="#cf222e", style=dashed';
const PASSTHROUGH = 'color="#8250df", fontcolor="#8250df", style=dotted';
const ENDPOINTS = 'color="#8c959f", fontcolor="#8c959f", style=dotted';
const CONTROLLER = 'ingress controller ingress-nginx-controller';

test.each([
  ['10-pod1-host-port', [
    ['node of pod1-host-port :30890', 'hostPort mapping', 'TCP :30890', PLAIN],
    ['hostPort mapping', 'Pod pod1-host-port', 'TCP :80', PLAIN],
  ]],
  ['12-pod2-host-network', [
    [`node of pod2-host-network :${LAB_CONFIG.hostNetworkPort}`, 'host network', `TCP :${LAB_CONFIG.hostNetworkPort}`, PLAIN],
    ['host network', 'Pod pod2-host-network', `TCP :${LAB_CONFIG.hostNetworkPort}`, PLAIN],
  ]],
  ['20-service1-node-port', [
    ['every node :30888', 'kube-proxy', 'TCP :30888', PLAIN],
    ['kube-proxy', 'Service service1-node-port', 'TCP :8888', PLAIN],
    ['Service service1-node-port', 'Deployment service1-dep-node-port', 'TCP :80', PLAIN],
  ]],
  ['30-ingress-nginx', [
    ['every node :80', CONTROLLER, 'HTTP :80', PLAIN],
    ['every node :443', CONTROLLER, 'HTTPS :443', CLIENT_TLS],
    ['API server', 'Service ingress-nginx-controller-admission', 'HTTPS :443\\nadmission call (ingresses)', CLIENT_TLS],
  ]],
  ['40-svc1-http', [
    [`http://svc1.${d}/`, CONTROLLER, 'HTTP :80', PLAIN],
    [CONTROLLER, 'Deployment svc1-deployment', 'HTTP :8080\\nto the pods, no kube-proxy', PLAIN],
    ['Service svc1-cluster-ip', 'Deployment svc1-deployment', 'endpoints', ENDPOINTS],
  ]],
  ['41-svc2-https-backend', [
    [`http://svc2.${d}/`, CONTROLLER, 'HTTP :80', PLAIN],
    [CONTROLLER, 'Deployment svc2-deployment', 'HTTPS :8080 (not verified)\\nto the pods, no kube-proxy', UNVERIFIED],
    ['Service svc2-cluster-ip', 'Deployment svc2-deployment', 'endpoints', ENDPOINTS],
  ]],
  ['42-svc3-tls-termination', [
    [`https://svc3.${d}/`, CONTROLLER, 'HTTPS :443', CLIENT_TLS],
    [CONTROLLER, 'Deployment svc3-deployment', 'HTTP :8080\\nto the pods, no kube-proxy', PLAIN],
  ]],
  ['43-svc4-tls-reencrypt', [
    [`https://svc4.${d}/`, CONTROLLER, 'HTTPS :443', CLIENT_TLS],
    [CONTROLLER, 'Deployment svc4-deployment', 'HTTPS :8080 (verified)\\nto the pods, no kube-proxy', VERIFIED],
    ['Service svc4-cluster-ip', 'Deployment svc4-deployment', 'endpoints', ENDPOINTS],
  ]],
  ['44-svc5-tls-passthrough', [
    [`TLS, SNI svc5.${d} :443`, CONTROLLER, 'TLS :443 passthrough', PASSTHROUGH],
    [CONTROLLER, 'Service svc5-cluster-ip', 'TLS :8888 passthrough\\nto the cluster IP (kube-proxy)', PASSTHROUGH],
    ['Service svc5-cluster-ip', 'Deployment svc5-deployment', 'TLS :8080 passthrough', PASSTHROUGH],
  ]],
])('%s: its DOT draws each hop with its port and TLS style', (group, expected) => {
  const t = topology.forGroup(group as string);
  const dot = t.toDot({ title: group as string });
  for (const [from, to, label, style] of expected as string[][]) {
    const line = edgeStatement(dot, t, from, to);
    expect(line).toContain(`[label="${label}", ${style}`);
  }
  expect(dot).toContain(`label="${group}", labelloc=t`);
});

test('where TLS ends is drawn: a double border and a line of text', () => {
  const dot = topology.forGroup('43-svc4-tls-reencrypt').toDot();
  const pods = dot.split('\n').find(l => l.includes('"pods/') && l.includes('svc4-deployment'))!;
  expect(pods).toContain('peripheries=2');
  expect(pods).toContain('TLS ends here');
  const service = dot.split('\n').find(l => l.trim().startsWith('"service/') && l.includes('svc4-cluster-ip'))!;
  expect(service).not.toContain('peripheries=2');
});

test('clusters: clients, the nodes, the controller\'s namespace, the cluster by namespace', () => {
  const dot = topology.toDot();
  const clusters = [...dot.matchAll(/subgraph "cluster_([^"]+)" \{\n\s+label="([^"]+)"/g)].map(m => `${m[1]}: ${m[2]}`);
  expect(clusters).toEqual(expect.arrayContaining([
    'client: clients connect to',
    'nodes: on the nodes (host network, kube-proxy)',
    'controller: ingress controllers',
    'controller_ingress_nginx: namespace ingress-nginx',
    'cluster: in the cluster (pod network)',
  ]));
});

test('the legend lists the TLS markings a picture uses, and only those', () => {
  const legend = (group: string) => topology.forGroup(group).toDot().split('\n').find(l => l.includes('"legend" ['))!;
  expect(legend('43-svc4-tls-reencrypt')).toContain('re-encrypted, backend certificate verified');
  expect(legend('43-svc4-tls-reencrypt')).not.toContain('NOT verified');
  expect(legend('20-service1-node-port')).toContain('plain (no TLS)');
  expect(legend('20-service1-node-port')).not.toContain('passed through');
  const all = topology.toDot();
  for (const m of Object.values(TlsMarking)) expect(topology.edges.some(e => e.tls === m)).toBe(true);
  // the five TLS markings, and the endpoints a controller reads
  expect(all.match(/<TR><TD ALIGN="LEFT"><FONT COLOR/g)).toHaveLength(6);
  expect(legend('40-svc1-http')).toContain('endpoints: the pods a proxy reads from the Service');
  expect(legend('20-service1-node-port')).not.toContain('endpoints:');
  expect(topology.toDot({ legend: false })).not.toContain('"legend"');
});

test('Mermaid: one flowchart with the same nodes and edges, styled by TLS marking', () => {
  const t = topology.forGroup('44-svc5-tls-passthrough');
  const mermaid = t.toMermaid({ title: 'svc5' });
  expect(mermaid.startsWith('---\ntitle: "svc5"\n---\nflowchart LR\n')).toBe(true);
  expect(mermaid.match(/ -\.->\|"TLS :\d+ passthrough[^"]*"\| /g)).toHaveLength(3);
  expect(mermaid).toContain('|"TLS :8888 passthrough to the cluster IP (kube-proxy)"|');
  expect(mermaid).toContain('linkStyle 0 stroke:#8250df,stroke-width:3px,stroke-dasharray:2 3');
  expect(mermaid).toContain(`<b>TLS, SNI svc5.${d} :443</b>`);
  expect(mermaid).not.toMatch(/\["[^"]*"[^\]]*"\]/);
});

test('the DOT of an app without exposures is an empty graph', () => {
  const dot = Topology.fromObjects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }]).toDot();
  expect(dot).toBe([
    'digraph "exposure" {',
    '  graph [rankdir=LR, fontname="DejaVu Sans", fontsize=12, nodesep=0.25, ranksep=0.5, newrank=true];',
    '  node [fontname="DejaVu Sans", fontsize=10, style="rounded,filled", margin="0.14,0.06"];',
    '  edge [fontname="DejaVu Sans", fontsize=9, arrowsize=0.7];',
    '}',
    '',
  ].join('\n'));
});
