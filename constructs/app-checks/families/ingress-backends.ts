/**
 * `ingress-backend` (and `port-name` on the Ingress side): every backend of every route (an
 * Ingress path or default backend, a Gateway API route's backendRef, any target whose reader the
 * app has) names a Service of the app and one of its ports.
 */
import { invalid } from '../../core/problem';
import { AppModel, Route, RouteBackend } from '../app-model';
import { error, Finding, warning } from '../findings';
import { serviceNamed } from '../model-builder';

function backendFindings(model: AppModel, route: Route, backend: RouteBackend): Finding[] {
  const path = route.object.path;
  const svc = serviceNamed(model, backend.namespace, backend.serviceName);
  const name = JSON.stringify(backend.serviceName);
  if (!svc) {
    return [warning(path, 'ingress-backend', invalid(`${backend.field}.name`, backend.serviceName, `Service ${name} is not defined in this app ` +
      `(namespace ${backend.namespace}); fine if it is deployed elsewhere`))];
  }
  const findings: Finding[] = [];
  const ports = svc.ports;
  if (backend.port !== undefined && !ports.some(p => p.port === backend.port)) {
    findings.push(error(path, 'ingress-backend', invalid(backend.portField, backend.port, `${backend.port} is not a port of Service ${name} ` +
      `(${svc.object.path}); allowed: ${ports.map(p => p.port).join(', ') || 'none defined'}`)));
  }
  if (backend.portName !== undefined) {
    const named = ports.find(p => p.name === backend.portName);
    if (!named) {
      findings.push(error(path, 'ingress-backend', invalid(backend.portNameField, backend.portName, `${JSON.stringify(backend.portName)} is not ` +
        `a port name of Service ${name} (${svc.object.path}); allowed: ${ports.filter(p => p.name).map(p => JSON.stringify(p.name)).join(', ') || 'none named'}`)));
    } else if (named.name!.length > 15) {
      findings.push(error(path, 'port-name', invalid(backend.portNameField, named.name, `${JSON.stringify(named.name)} is longer than 15 characters; ` +
        'an Ingress cannot refer to it; allowed: rename the Service port (IANA_SVC_NAME) or refer to it by number')));
    }
  }
  return findings;
}

/** Backends whose Service is missing (a warning) or lacks the port number or name (an error). */
export function checkIngressBackends(model: AppModel): Finding[] {
  return model.routes.flatMap(route => route.backends.flatMap(backend => backendFindings(model, route, backend)));
}
