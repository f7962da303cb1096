import { Construct } from 'constructs';
import { pathOf } from '../core/naming';
import { validateOneOf } from '../validation/values';
import { BackendProtocol, IngressBase, IngressOptions } from './ingress-base';

/** Props of {@link HttpIngress}. */
export interface HttpIngressProps extends IngressOptions {
  /**
   * What ingress-nginx speaks to the pods. `HTTPS` sets `backend-protocol: HTTPS`; the
   * backend's certificate is then not verified (use TlsIngress in REENCRYPT mode with a
   * CA to verify it).
   * @default BackendProtocol.HTTP
   */
  readonly backendProtocol?: BackendProtocol;
}

/**
 * A plain-HTTP Ingress rule for one host (experiments 3 and 4 of the lab: HTTP to an
 * HTTP backend, HTTP to an HTTPS backend).
 *
 * @example
 * new HttpIngress(chart, 'Svc1Ingress', { host: 'svc1.example.com', backend: { serviceName: 'svc1-cluster-ip', port: 8888 } });
 * // curl --resolve svc1.example.com:80:<node-ip> http://svc1.example.com/
 */
export class HttpIngress extends IngressBase {
  /** What ingress-nginx speaks to the pods. */
  public readonly backendProtocol: BackendProtocol;

  constructor(scope: Construct, id: string, props: HttpIngressProps) {
    const protocol = validateOneOf(pathOf(scope, id), 'props.backendProtocol', props.backendProtocol ?? BackendProtocol.HTTP,
      Object.values(BackendProtocol));
    super(scope, id, props, {
      nginxAnnotations: protocol === BackendProtocol.HTTPS ? { 'backend-protocol': 'HTTPS' } : {},
      managedAnnotations: ['backend-protocol'],
      allowWildcardHost: true,
    });
    this.backendProtocol = protocol;
  }
}
