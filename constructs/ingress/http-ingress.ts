import { Construct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { BackendProtocol } from '../exposure/exposure';
import { oneOfProblems } from '../validation/values';
import { IngressBase, IngressOptions } from './ingress-base';
import { IngressModeChoice } from './mode-choice';

/**
 * Props of {@link HttpIngress}.
 * @stable
 */
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
 * A plain-HTTP Ingress rule for one host: HTTP to an HTTP backend, or HTTP to an HTTPS
 * backend (`backendProtocol: HTTPS`).
 *
 * @example
 * new HttpIngress(chart, 'Svc1Ingress', { host: 'svc1.example.com', backend: { serviceName: 'svc1-cluster-ip', port: 8888 } });
 * // curl --resolve svc1.example.com:80:<node-ip> http://svc1.example.com/
 * @stable
 */
export class HttpIngress extends IngressBase {
  /** What ingress-nginx speaks to the pods. */
  public readonly backendProtocol: BackendProtocol;

  constructor(scope: Construct, id: string, props: HttpIngressProps) {
    super(scope, id, props);
    this.backendProtocol = this._exposure.backendProtocol;
  }

  /** @internal */
  protected _modeChoice(props: HttpIngressProps): IngressModeChoice {
    const backendProtocol = props.backendProtocol ?? BackendProtocol.HTTP;
    return { backendProtocol, problems: oneOfProblems(FieldPath.prop('backendProtocol'), backendProtocol, Object.values(BackendProtocol)) };
  }
}
