import { Construct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { Problem } from '../core/problem';
import { ServiceBase, ServiceOptions } from './service-base';
import { ExternalTrafficPolicy } from './service-enums';
import { externalTrafficPolicyProblems, loadBalancerClassProblems, loadBalancerSourceRangesProblems } from './service-rules';

/**
 * Props of {@link LoadBalancerService}.
 * @experimental
 */
export interface LoadBalancerServiceProps extends ServiceOptions {
  /**
   * `spec.loadBalancerClass`: which load-balancer implementation provisions it (a qualified
   * name, e.g. `io.cilium/l2-announcer`, `service.k8s.aws/nlb`). Set once: the API server refuses
   * a change. A class no controller handles leaves the Service to you: you set its
   * `status.loadBalancer.ingress` yourself (the successor of externalIPs, see the README).
   * @default - the cluster's default implementation (the cloud provider, MetalLB, Cilium LB-IPAM ...)
   */
  readonly loadBalancerClass?: string;
  /**
   * `spec.loadBalancerSourceRanges`: the client CIDRs the load balancer (or kube-proxy, where the
   * implementation leaves it to it) lets in.
   * @default - any client
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * External traffic policy: `LOCAL` keeps the client source IP and sends only to nodes with a
   * ready pod (the API server then allocates a `healthCheckNodePort` for the load balancer).
   * @default ExternalTrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * `spec.allocateLoadBalancerNodePorts`: `false` when the load balancer sends straight to the
   * pods (MetalLB L2/BGP, Cilium, AWS NLB IP targets) and no nodePort is needed.
   * @default - true (the API server's default): every port also gets a nodePort
   */
  readonly allocateLoadBalancerNodePorts?: boolean;
  /**
   * The first port's nodePort, in the app's nodePort range.
   * @default - allocated by the API server (unless `allocateLoadBalancerNodePorts` is false)
   */
  readonly nodePort?: number;
}

/**
 * A LoadBalancer Service: a load-balancer implementation (cloud, MetalLB, Cilium LB-IPAM, kube-vip
 * ...) gives it an address (`status.loadBalancer.ingress`) and sends that address's traffic to the
 * selected pods (through nodePorts unless `allocateLoadBalancerNodePorts: false`).
 *
 * The successor of `ExternalIpService` from Kubernetes 1.36 on (KEP-5707 deprecates
 * `spec.externalIPs`): on a cluster with no load-balancer controller, give it a
 * `loadBalancerClass` no controller handles and set the address in its status yourself.
 *
 * @example
 * new LoadBalancerService(chart, 'WebLb', { selector: web.labels, port: 443, targetPort: 8443,
 *   loadBalancerClass: 'io.cilium/l2-announcer', loadBalancerSourceRanges: ['192.0.2.0/24'] });
 * @experimental
 */
export class LoadBalancerService extends ServiceBase {
  /** `spec.loadBalancerClass`, if set. */
  public readonly loadBalancerClass?: string;
  /** The first port's nodePort, if fixed. */
  public readonly nodePort?: number;

  constructor(scope: Construct, id: string, props: LoadBalancerServiceProps) {
    super(scope, id, props, {
      type: 'LoadBalancer',
      nodePort: props.nodePort,
      allowsNodePorts: true,
      externalTrafficPolicy: props.externalTrafficPolicy,
      loadBalancerClass: props.loadBalancerClass,
      loadBalancerSourceRanges: props.loadBalancerSourceRanges ? [...props.loadBalancerSourceRanges] : undefined,
      allocateLoadBalancerNodePorts: props.allocateLoadBalancerNodePorts,
    });
    this.loadBalancerClass = props.loadBalancerClass;
    this.nodePort = props.nodePort;
  }

  /** @internal */
  protected _typeProblems(props: LoadBalancerServiceProps): Problem[] {
    return [
      ...externalTrafficPolicyProblems(props.externalTrafficPolicy),
      ...(props.loadBalancerClass !== undefined ? loadBalancerClassProblems(FieldPath.spec('loadBalancerClass'), props.loadBalancerClass) : []),
      ...loadBalancerSourceRangesProblems(FieldPath.spec('loadBalancerSourceRanges'), props.loadBalancerSourceRanges ?? []),
    ];
  }
}
