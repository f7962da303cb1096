/**
 * The exposure topology's vocabulary: what a node of the picture is, what an edge carries and
 * where TLS is on it. Plain data (readonly interfaces, string enums) so that every jsii language
 * can read a Topology.
 */

/**
 * What a node of the topology is.
 * @experimental
 */
export enum TopologyNodeKind {
  /** An address and port a client connects to (node IP:port, external IP, host and path, SNI). */
  ENTRY_POINT = 'ENTRY_POINT',
  /** What receives the connection on the node and passes it on (kubelet, kube-proxy, a controller). */
  HOP = 'HOP',
  /** A Service. */
  SERVICE = 'SERVICE',
  /** The pods of one workload (Pod, Deployment, DaemonSet, StatefulSet ...). */
  PODS = 'PODS',
}

/**
 * The kind of entry point.
 * @experimental
 */
export enum EntryPointKind {
  /** `hostPort` of a container: the IP of the node running the pod. */
  HOST_PORT = 'HOST_PORT',
  /** A port of a `hostNetwork` pod: the IP of the node running the pod. */
  HOST_NETWORK = 'HOST_NETWORK',
  /** `nodePort` of a Service: every node's IP. */
  NODE_PORT = 'NODE_PORT',
  /** `spec.externalIPs` of a Service. */
  EXTERNAL_IP = 'EXTERNAL_IP',
  /** A Service of type LoadBalancer: the address the cloud assigns. */
  LOAD_BALANCER = 'LOAD_BALANCER',
  /** An Ingress or HTTPRoute host and path over HTTP or HTTPS (TLS ended by the controller). */
  HTTP_HOST = 'HTTP_HOST',
  /** A host routed by the TLS SNI only, passed through to the pods (ssl-passthrough, TLSRoute). */
  TLS_SNI = 'TLS_SNI',
}

/**
 * The kind of hop.
 * @experimental
 */
export enum HopKind {
  /** The node's hostPort mapping (the CNI portmap plugin, set up for the kubelet). */
  HOST_PORT_MAPPING = 'HOST_PORT_MAPPING',
  /** The node's own network namespace: no translation, the pod's socket is the node's. */
  HOST_NETWORK = 'HOST_NETWORK',
  /** kube-proxy's rules on every node (nodePort, externalIPs, load balancer). */
  KUBE_PROXY = 'KUBE_PROXY',
  /** An ingress controller (for an Ingress) or a Gateway implementation (for a route). */
  INGRESS_CONTROLLER = 'INGRESS_CONTROLLER',
  /** The node an external IP is routed to by the network outside the cluster: kube-proxy's rules there take it. */
  NODE_OWNING_IP = 'NODE_OWNING_IP',
  /** The Kubernetes API server, calling an admission webhook (a call it makes, not a client's path). */
  API_SERVER = 'API_SERVER',
}

/**
 * Where a node is drawn.
 * @experimental
 */
export enum TopologyZone {
  /** Outside the cluster: what clients dial. */
  CLIENT = 'CLIENT',
  /** On the nodes (host network, kube-proxy). */
  NODES = 'NODES',
  /** The pod network (Services, ordinary pods). */
  CLUSTER = 'CLUSTER',
  /** The ingress controller's namespace. */
  CONTROLLER = 'CONTROLLER',
  /** The control plane (the API server). */
  CONTROL_PLANE = 'CONTROL_PLANE',
}

/**
 * What an edge stands for.
 * @experimental
 */
export enum EdgeKind {
  /** A connection that carries traffic. */
  TRAFFIC = 'TRAFFIC',
  /**
   * No traffic: a Service's endpoints (its selected, ready pods) that a proxy reads from the API
   * and then connects to directly, without the Service's cluster IP and kube-proxy.
   */
  ENDPOINTS = 'ENDPOINTS',
}

/**
 * What an edge carries.
 * @experimental
 */
export enum EdgeProtocol {
  /** TCP whose content the manifests do not tell. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
  /** Plain HTTP. */
  HTTP = 'HTTP',
  /** HTTP over TLS. */
  HTTPS = 'HTTPS',
  /** TLS that is not opened on the way (passthrough). */
  TLS = 'TLS',
  /** gRPC over plain HTTP/2. */
  GRPC = 'GRPC',
  /** gRPC over TLS. */
  GRPCS = 'GRPCS',
}

/**
 * Where TLS is on an edge.
 * @experimental
 */
export enum TlsMarking {
  /** No TLS that the manifests show. */
  NONE = 'NONE',
  /** The client's TLS: ended by the next ingress controller on the way, else by the pods. */
  TERMINATED = 'TERMINATED',
  /** TLS opened by a hop to the backend, whose certificate it verifies. */
  REENCRYPTED_VERIFIED = 'REENCRYPTED_VERIFIED',
  /** TLS opened by a hop to the backend, whose certificate it does not verify. */
  REENCRYPTED_UNVERIFIED = 'REENCRYPTED_UNVERIFIED',
  /** The client's TLS, routed by its SNI and passed on unopened by an ingress controller: the pods end it. */
  PASSTHROUGH = 'PASSTHROUGH',
}

/**
 * One node of the topology.
 * @experimental
 */
export interface TopologyNode {
  /** Unique and stable id (`service/default/web`). */
  readonly id: string;
  /** What it is. */
  readonly kind: TopologyNodeKind;
  /** Where it is drawn. */
  readonly zone: TopologyZone;
  /** One-line name: the address, the hop, `Service web`, `Deployment web`. */
  readonly label: string;
  /** Further lines (ports, image, replicas, hosts). */
  readonly details: string[];
  /**
   * The source it came from (chart id or manifest file name).
   * @default - shared by every source (kube-proxy, the hostPort mapping)
   */
  readonly group?: string;
  /**
   * Namespace of the Kubernetes object behind it.
   * @default - not an object (an entry point, kube-proxy)
   */
  readonly namespace?: string;
  /**
   * `metadata.name` of the Kubernetes object behind it.
   * @default - not an object
   */
  readonly objectName?: string;
  /**
   * Kind of the Kubernetes object behind it (`Service`, `Deployment`, `Ingress` ...).
   * @default - not an object
   */
  readonly objectKind?: string;
  /**
   * The kind of entry point.
   * @default - not an entry point
   */
  readonly entryPointKind?: EntryPointKind;
  /**
   * The kind of hop.
   * @default - not a hop
   */
  readonly hopKind?: HopKind;
  /**
   * Host (Ingress or route hostname, SNI) of an entry point.
   * @default - none
   */
  readonly host?: string;
  /**
   * Address of an entry point: an IP, `every node`, `the pod's node`, `the controller's address`.
   * @default - none
   */
  readonly address?: string;
  /**
   * Port of an entry point.
   * @default - none
   */
  readonly port?: number;
  /**
   * Whether TLS that reaches this node ends here.
   * @default false
   */
  readonly terminatesTls?: boolean;
}

/**
 * One edge: a connection from one node to the next.
 * @experimental
 */
export interface TopologyEdge {
  /** Id of the node the connection comes from. */
  readonly from: string;
  /** Id of the node it goes to. */
  readonly to: string;
  /** What it carries. */
  readonly protocol: EdgeProtocol;
  /**
   * The port it is made to.
   * @default - no single port
   */
  readonly port?: number;
  /** Where TLS is on it. */
  readonly tls: TlsMarking;
  /** Short text for the picture (`HTTPS :443`). */
  readonly label: string;
  /**
   * The source whose object makes this connection.
   * @default - shared
   */
  readonly group?: string;
  /**
   * What the edge stands for.
   * @default EdgeKind.TRAFFIC
   */
  readonly kind?: EdgeKind;
  /**
   * Id of the Service whose endpoints a proxy sends this connection to (an ingress controller or
   * Gateway connecting to the pods directly, not through the Service's cluster IP).
   * @default - not sent to a Service's endpoints
   */
  readonly endpointsOf?: string;
}

/**
 * Manifests of one source: a chart, or one synthesised file.
 * @experimental
 */
export interface TopologySource {
  /** Its name in the topology and the pictures (chart id or file name without `.k8s.yaml`). */
  readonly group: string;
  /** The objects, as synthesised JSON (what `ApiObject.toJson()` returns or a YAML file holds). */
  readonly objects: any[];
}

/**
 * Options of the DOT and Mermaid renderings.
 * @experimental
 */
export interface TopologyRenderOptions {
  /**
   * Title drawn above the picture.
   * @default - none
   */
  readonly title?: string;
  /**
   * Draw the legend of edge styles.
   * @default true
   */
  readonly legend?: boolean;
}
