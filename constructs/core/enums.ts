/** Enums shared by several layers (workloads, services, ingress, the controller). */

/**
 * Network protocol of a port.
 * @stable
 */
export enum Protocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/**
 * When the kubelet pulls the image.
 * @stable
 */
export enum ImagePullPolicy {
  /** Pull every time the container starts. */
  ALWAYS = 'Always',
  /** Pull only when the image is not on the node. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull; the image must be on the node. */
  NEVER = 'Never',
}

/**
 * Ingress path types (networking.k8s.io/v1).
 * @stable
 */
export enum PathType {
  /** Matches on the URL path prefix, split by '/', element by element. */
  PREFIX = 'Prefix',
  /** Matches the URL path exactly, case-sensitively. */
  EXACT = 'Exact',
  /** Matching is up to the IngressClass (ingress-nginx: prefix, or regex with use-regex). */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/**
 * DNS policy of a pod.
 * @stable
 */
export enum DnsPolicy {
  /** Cluster DNS even on the host network: what a hostNetwork pod usually wants. */
  CLUSTER_FIRST_WITH_HOST_NET = 'ClusterFirstWithHostNet',
  /** Cluster DNS; on the host network Kubernetes silently falls back to `Default`. */
  CLUSTER_FIRST = 'ClusterFirst',
  /** The node's resolv.conf. */
  DEFAULT = 'Default',
  /** No DNS settings; needs spec.dnsConfig, which no cdk8s-expose construct sets, so they refuse this value. */
  NONE = 'None',
}
