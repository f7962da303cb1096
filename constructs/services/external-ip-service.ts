import { Construct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { Problem } from '../core/problem';
import { ServiceBase, ServiceOptions } from './service-base';
import { externalIpsProblems } from './service-rules';

/**
 * Props of {@link ExternalIpService}.
 * @stable
 */
export interface ExternalIpServiceProps extends ServiceOptions {
  /**
   * Addresses at which kube-proxy accepts traffic for this Service: IPs that route to a
   * node from where the clients are (a node's external or floating IP), not loopback,
   * link-local or unspecified.
   */
  readonly externalIPs: string[];
}

/**
 * A ClusterIP Service that is also reachable on chosen external IPs:
 * unlike a NodePort, it listens on `port` at those addresses only.
 *
 * Kubernetes does not check who owns an external IP (CVE-2020-8554); clusters may restrict
 * the field with an admission policy. No node has to own the address, but traffic to it must
 * reach a node. Kubernetes 1.36 deprecates `spec.externalIPs` (KEP-5707): its successor is a
 * {@link LoadBalancerService} (with a `loadBalancerClass` no controller handles and the address
 * set in its status, where the cluster has no load-balancer controller).
 *
 * @example
 * new ExternalIpService(chart, 'Service2ExternalIp', { selector: { app: 'nginx' }, port: 80, externalIPs: ['10.119.12.4'] });
 * // curl 10.119.12.4:80
 * @stable
 */
export class ExternalIpService extends ServiceBase {
  /** The external IPs. */
  public readonly externalIPs: string[];

  constructor(scope: Construct, id: string, props: ExternalIpServiceProps) {
    super(scope, id, props, { type: 'ClusterIP', externalIPs: [...props.externalIPs] });
    this.externalIPs = [...props.externalIPs];
  }

  /** @internal */
  protected _typeProblems(props: ExternalIpServiceProps): Problem[] {
    return externalIpsProblems(FieldPath.spec('externalIPs'), props.externalIPs);
  }
}
