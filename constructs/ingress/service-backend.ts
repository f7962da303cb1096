/**
 * Backends from a Service object rather than by name: the name and port come from the Service,
 * so a renamed Service or a port that it does not have is caught where the exposure is written.
 */
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { forbidden, invalid, Problem, show } from '../core/problem';
import { IngressBackend } from '../exposure/exposure';
import { ServiceBase } from '../services/service-base';

/**
 * Options of {@link ServiceBackend.fromService}.
 * @experimental
 */
export interface ServiceBackendOptions {
  /**
   * The Service port to send to, by number (it must be the Service's port).
   * @default - the Service's port
   */
  readonly port?: number;
  /**
   * The Service port to send to, by name (it must be the Service's port name).
   * @default - by number
   */
  readonly portName?: string;
}

/** The Service's port, by number or name, as `options` ask: both at once, or one the Service does not have, is a problem. */
export function serviceBackendProblems(service: ServiceBase, options: ServiceBackendOptions): Problem[] {
  const field = FieldPath.root('options');
  if (options.port !== undefined && options.portName !== undefined) {
    return [forbidden(field.child('portName'), options.portName, `is set together with port ${options.port}; allowed: one of them`)];
  }
  if (options.port !== undefined && options.port !== service.port) {
    return [invalid(field.child('port'), options.port, `${show(options.port)} is not a port of Service ${show(service.name)} ` +
      `(${service.node.path}); allowed: ${service.port}`)];
  }
  if (options.portName !== undefined && options.portName !== service.portName) {
    return [invalid(field.child('portName'), options.portName, `${show(options.portName)} is not a port name of Service ${show(service.name)} ` +
      `(${service.node.path}); allowed: ${service.portName === undefined ? 'none (the port has no name)' : show(service.portName)}`)];
  }
  return [];
}

/**
 * Backends of HttpIngress and TlsIngress from Service constructs.
 *
 * @example
 * const svc = new NodePortService(chart, 'Svc1', { selector: { app: 'web' }, port: 8888, targetPort: 80 });
 * new HttpIngress(chart, 'Svc1Ingress', { host: 'svc1.example.com', backend: ServiceBackend.fromService(svc) });
 * @experimental
 */
export class ServiceBackend {
  /** The backend of `service`: its port (by number unless `portName` is given). */
  public static fromService(service: ServiceBase, options: ServiceBackendOptions = {}): IngressBackend {
    new ProblemList().add(serviceBackendProblems(service, options)).throwIfAny('ServiceBackend.fromService');
    if (options.portName !== undefined) return { serviceName: service.name, portName: options.portName };
    return { serviceName: service.name, port: service.port };
  }

  private constructor() {}
}
