/**
 * The graph being built: nodes and edges deduplicated by id, in the order they are first seen
 * (the manifests' order), so that the same objects always give the same bytes.
 */
import { EdgeKind, EdgeProtocol, HopKind, TlsMarking, TopologyEdge, TopologyNode, TopologyNodeKind } from './types';

/** What an edge is besides traffic: the endpoints a proxy reads, or a connection sent to a Service's endpoints. */
export interface EdgeExtra {
  readonly kind?: EdgeKind;
  readonly endpointsOf?: string;
}

export class GraphBuilder {
  private readonly nodes = new Map<string, TopologyNode>();
  private readonly edges = new Map<string, TopologyEdge>();

  /** Adds a node unless one with its id exists; returns the id. */
  public node(node: TopologyNode): string {
    const existing = this.nodes.get(node.id);
    if (!existing) this.nodes.set(node.id, node);
    else if (node.terminatesTls && !existing.terminatesTls) this.nodes.set(node.id, { ...existing, terminatesTls: true });
    return node.id;
  }

  public has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Marks a node as the place where TLS ends. */
  public markTlsEnd(id: string): void {
    const n = this.nodes.get(id);
    if (n && !n.terminatesTls) this.nodes.set(id, { ...n, terminatesTls: true });
  }

  public edge(from: string, to: string, protocol: EdgeProtocol, tls: TlsMarking, port: number | undefined, group: string | undefined,
    note?: string, extra: EdgeExtra = {}): void {
    const key = [from, to, protocol, tls, port ?? '', note ?? '', extra.kind ?? ''].join('|');
    if (this.edges.has(key)) return;
    const endpoints = extra.kind === EdgeKind.ENDPOINTS;
    const label = endpoints ? `endpoints${note ? `\n${note}` : ''}` : edgeLabel(protocol, tls, port, note);
    this.edges.set(key, {
      from, to, protocol, tls, port, label, group,
      ...(extra.kind ? { kind: extra.kind } : {}), ...(extra.endpointsOf ? { endpointsOf: extra.endpointsOf } : {}),
    });
    if (endpoints) return;
    // TLS ends at the pods, or at a controller that opens it; kube-proxy and the node only forward it.
    const target = this.nodes.get(to);
    const opens = target?.kind === TopologyNodeKind.PODS || (target?.hopKind === HopKind.INGRESS_CONTROLLER && tls !== TlsMarking.PASSTHROUGH);
    if (tls !== TlsMarking.NONE && opens) this.markTlsEnd(to);
  }

  /** Traffic edges that arrive at a node. */
  public edgesInto(id: string): TopologyEdge[] {
    return [...this.edges.values()].filter(e => e.to === id && e.kind !== EdgeKind.ENDPOINTS);
  }

  /** Edges sent to the endpoints of a Service (by a proxy that reads them). */
  public edgesToEndpointsOf(serviceId: string): TopologyEdge[] {
    return [...this.edges.values()].filter(e => e.endpointsOf === serviceId);
  }

  public result(): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

const TLS_WORDS: Record<TlsMarking, string> = {
  [TlsMarking.NONE]: '',
  [TlsMarking.TERMINATED]: '',
  [TlsMarking.REENCRYPTED_VERIFIED]: ' (verified)',
  [TlsMarking.REENCRYPTED_UNVERIFIED]: ' (not verified)',
  [TlsMarking.PASSTHROUGH]: ' passthrough',
};

function edgeLabel(protocol: EdgeProtocol, tls: TlsMarking, port: number | undefined, note: string | undefined): string {
  const base = `${protocol}${port === undefined ? '' : ` :${port}`}${TLS_WORDS[tls]}`;
  return note ? `${base}\n${note}` : base;
}

/** The L4 protocol of a port as an edge protocol. */
export function l4Protocol(protocol: string | undefined): EdgeProtocol {
  if (protocol === 'UDP') return EdgeProtocol.UDP;
  if (protocol === 'SCTP') return EdgeProtocol.SCTP;
  return EdgeProtocol.TCP;
}

/** Whether every key of `selector` is in `labels` with the same value (and the selector is not empty). */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const keys = Object.keys(selector ?? {});
  return keys.length > 0 && keys.every(k => labels?.[k] === selector![k]);
}
