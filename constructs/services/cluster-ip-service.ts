import { Construct } from 'constructs';
import { ServiceBase, ServiceOptions } from './service-base';

/**
 * Props of {@link ClusterIpService}.
 * @stable
 */
export interface ClusterIpServiceProps extends ServiceOptions {}

/**
 * A ClusterIP Service: reachable inside the cluster only; what an Ingress routes to.
 *
 * @example
 * new ClusterIpService(chart, 'Svc1ClusterIp', { selector: { app: 'svc1' }, port: 8888, targetPort: 8080 });
 * @stable
 */
export class ClusterIpService extends ServiceBase {
  constructor(scope: Construct, id: string, props: ClusterIpServiceProps) {
    super(scope, id, props, { type: 'ClusterIP' });
  }
}
