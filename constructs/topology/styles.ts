/**
 * How the pictures look, shared by the DOT and Mermaid renderings: one colour and one line style
 * per TLS marking (so that they differ in grey print too), one fill per node kind, and the
 * clusters nodes are drawn in.
 */
import { EdgeKind, TlsMarking, TopologyEdge, TopologyNode, TopologyNodeKind, TopologyZone } from './types';

export interface EdgeStyle {
  readonly color: string;
  /** Graphviz `style`. */
  readonly dot: string;
  readonly penwidth: number;
  /** Graphviz `color` list: two colours draw a double line. */
  readonly dotColor: string;
  /** Mermaid arrow: `-->`, `==>`, `-.->`. */
  readonly arrow: string;
  /** Mermaid `linkStyle` dash pattern, if any. */
  readonly dash?: string;
  readonly legend: string;
}

export const EDGE_STYLES: Record<TlsMarking, EdgeStyle> = {
  [TlsMarking.NONE]: { color: '#57606a', dot: 'solid', penwidth: 1.2, dotColor: '#57606a', arrow: '-->', legend: 'plain (no TLS)' },
  [TlsMarking.TERMINATED]: { color: '#1a7f37', dot: 'bold', penwidth: 2.4, dotColor: '#1a7f37', arrow: '==>', legend: 'TLS from the client, ends at the double-bordered box' },
  [TlsMarking.REENCRYPTED_VERIFIED]: {
    color: '#0969da', dot: 'solid', penwidth: 1.6, dotColor: '#0969da:invis:#0969da', arrow: '==>', legend: 're-encrypted, backend certificate verified',
  },
  [TlsMarking.REENCRYPTED_UNVERIFIED]: {
    color: '#cf222e', dot: 'dashed', penwidth: 2.4, dotColor: '#cf222e', arrow: '-.->', dash: '6 4', legend: 're-encrypted, backend certificate NOT verified',
  },
  [TlsMarking.PASSTHROUGH]: {
    color: '#8250df', dot: 'dotted', penwidth: 3, dotColor: '#8250df', arrow: '-.->', dash: '2 3', legend: 'TLS passed through by SNI, the pods end it',
  },
};

/** An `ENDPOINTS` edge: no traffic, where a proxy's endpoints come from (thin, dotted, grey). */
export const ENDPOINTS_STYLE: EdgeStyle = {
  color: '#8c959f', dot: 'dotted', penwidth: 1, dotColor: '#8c959f', arrow: '-.->', dash: '1 4',
  legend: 'endpoints: the pods a proxy reads from the Service and connects to directly (no traffic)',
};

/** How an edge is drawn: by its kind, then by its TLS marking. */
export function edgeStyle(e: Pick<TopologyEdge, 'kind' | 'tls'>): EdgeStyle {
  return e.kind === EdgeKind.ENDPOINTS ? ENDPOINTS_STYLE : EDGE_STYLES[e.tls];
}

/** The legend rows a set of edges needs: the TLS markings of traffic edges, then endpoints. */
export function legendStyles(edges: readonly TopologyEdge[]): EdgeStyle[] {
  const traffic = edges.filter(e => e.kind !== EdgeKind.ENDPOINTS);
  const used = LEGEND_ORDER.filter(m => traffic.some(e => e.tls === m)).map(m => EDGE_STYLES[m]);
  return edges.some(e => e.kind === EdgeKind.ENDPOINTS) ? [...used, ENDPOINTS_STYLE] : used;
}

export interface NodeStyle {
  readonly fill: string;
  readonly stroke: string;
  readonly shape: string;
}

export function nodeStyle(n: TopologyNode): NodeStyle {
  switch (n.kind) {
    case TopologyNodeKind.ENTRY_POINT: return { fill: '#fff8c5', stroke: '#9a6700', shape: 'box' };
    case TopologyNodeKind.HOP: return { fill: '#eaeef2', stroke: '#57606a', shape: 'box' };
    case TopologyNodeKind.SERVICE: return { fill: '#dafbe1', stroke: '#1a7f37', shape: 'box' };
    default: return { fill: '#ddf4ff', stroke: '#0969da', shape: 'box3d' };
  }
}

/** A cluster of the picture: a zone, split by namespace where objects live. */
export interface Cluster {
  readonly key: string;
  readonly label: string;
  readonly nodes: TopologyNode[];
  readonly children: Cluster[];
}

const ZONE_LABELS: Record<TopologyZone, string> = {
  [TopologyZone.CLIENT]: 'clients connect to',
  [TopologyZone.NODES]: 'on the nodes (host network, kube-proxy)',
  [TopologyZone.CLUSTER]: 'in the cluster (pod network)',
  [TopologyZone.CONTROLLER]: 'ingress controllers',
  [TopologyZone.CONTROL_PLANE]: 'control plane (not a client path)',
};

const ZONE_ORDER = [TopologyZone.CLIENT, TopologyZone.CONTROL_PLANE, TopologyZone.NODES, TopologyZone.CONTROLLER, TopologyZone.CLUSTER];

/** The clusters in drawing order; the cluster and controller zones split by namespace. */
export function clustersOf(nodes: TopologyNode[]): Cluster[] {
  const out: Cluster[] = [];
  for (const zone of ZONE_ORDER) {
    const inZone = nodes.filter(n => n.zone === zone);
    if (inZone.length === 0) continue;
    const key = zone.toLowerCase();
    if (zone === TopologyZone.CLUSTER || zone === TopologyZone.CONTROLLER) {
      const namespaces = [...new Set(inZone.map(n => n.namespace ?? ''))];
      const children = namespaces.map(ns => ({
        key: `${key}_${ns.replace(/[^a-zA-Z0-9]/g, '_') || 'none'}`,
        label: ns ? `namespace ${ns}` : '(namespace unknown)',
        nodes: inZone.filter(n => (n.namespace ?? '') === ns),
        children: [],
      }));
      out.push({ key, label: ZONE_LABELS[zone], nodes: [], children });
    } else {
      out.push({ key, label: ZONE_LABELS[zone], nodes: inZone, children: [] });
    }
  }
  return out;
}

export const LEGEND_ORDER = [
  TlsMarking.NONE, TlsMarking.TERMINATED, TlsMarking.REENCRYPTED_VERIFIED, TlsMarking.REENCRYPTED_UNVERIFIED, TlsMarking.PASSTHROUGH,
];
