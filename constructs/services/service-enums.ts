/** Enums of the Service fields: traffic policy, IP families (dual-stack). */

/**
 * How a NodePort, LoadBalancer or externalIPs Service routes traffic that arrives from outside.
 * @stable
 */
export enum ExternalTrafficPolicy {
  /** Any node forwards to any ready pod (source IP is SNATed). */
  CLUSTER = 'Cluster',
  /** Only nodes with a local pod answer; the client source IP is kept. */
  LOCAL = 'Local',
}

/**
 * How many IP families a Service gets (`spec.ipFamilyPolicy`).
 * @experimental
 */
export enum IpFamilyPolicy {
  /** One family: the first of `ipFamilies`, or the cluster's primary one. */
  SINGLE_STACK = 'SingleStack',
  /** Both families on a dual-stack cluster, one on a single-stack cluster. */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Both families; the API server refuses the Service on a single-stack cluster. */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/**
 * An IP family (`spec.ipFamilies[]`).
 * @experimental
 */
export enum IpFamily {
  /** IPv4. */
  IPV4 = 'IPv4',
  /** IPv6. */
  IPV6 = 'IPv6',
}
