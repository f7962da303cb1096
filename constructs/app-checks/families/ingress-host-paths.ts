/**
 * `ingress-host-path`: one host and path per IngressClass; a second Ingress claiming the same
 * one is rejected by the controller's admission webhook (or silently shadowed without one). On a
 * Gateway API listener, two routes matching one host and path are both accepted, and the
 * requests go to one of them only (the oldest route, then the first by namespace/name): a warning.
 */
import { duplicate } from '../../core/problem';
import { AppModel, Route } from '../app-model';
import { error, Finding, warning } from '../findings';

/** Every host + path + pathType claimed twice within one IngressClass: an error on the second. */
function ingressHostPaths(routes: readonly Route[]): Finding[] {
  const findings: Finding[] = [];
  const owners = new Map<string, string>();
  for (const route of routes) {
    const cls = route.className!;
    const path = route.object.path;
    for (const host of route.hosts) {
      for (const m of route.matches) {
        const key = `${cls}|${host}|${m.path}|${m.pathType ?? ''}`;
        const other = owners.get(key);
        if (other !== undefined && other !== path) {
          findings.push(error(path, 'ingress-host-path', duplicate(m.field, `${host}${m.path}`, `host ${JSON.stringify(host)} path ` +
            `${JSON.stringify(m.path)} (${m.pathType}) is already claimed by ${other} for IngressClass ${JSON.stringify(cls)}; ` +
            'the ingress-nginx admission webhook rejects the second; allowed: one Ingress per host and path')));
        } else {
          owners.set(key, path);
        }
      }
    }
  }
  return findings;
}

/** Every host + path + match type two HTTPRoutes match on one listener: a warning on the second. */
function routeHostPaths(routes: readonly Route[]): Finding[] {
  const findings: Finding[] = [];
  const owners = new Map<string, string>();
  for (const route of routes) {
    const path = route.object.path;
    for (const parent of route.parents) {
      const gateway = `${parent.namespace}/${parent.name}`;
      const listeners = parent.listeners.length > 0 ? parent.listeners.map(l => ({ name: l.name, hostname: l.hostname }))
        : [{ name: parent.sectionName ?? (parent.port === undefined ? '' : String(parent.port)), hostname: undefined }];
      for (const l of listeners) {
        const hosts = route.hosts.length > 0 ? route.hosts : [l.hostname ?? '*'];
        for (const host of hosts) {
          for (const m of route.matches) {
            const key = JSON.stringify([gateway, l.name, host, m.path, m.pathType ?? '']);
            const other = owners.get(key);
            if (other === undefined) owners.set(key, path);
            if (other === undefined || other === path) continue;
            findings.push(warning(path, 'ingress-host-path', duplicate(m.field, `${host}${m.path}`, `host ${JSON.stringify(host)} path ` +
              `${JSON.stringify(m.path)} (${m.pathType}) is also matched by ${other} on listener ${JSON.stringify(l.name)} of Gateway ` +
              `${JSON.stringify(gateway)}; Gateway API sends those requests to one of the two routes only (the oldest, then the first by ` +
              'namespace/name); allowed: one route per host and path on a listener')));
          }
        }
      }
    }
  }
  return findings;
}

/** Host and path claimed twice: by two Ingresses of one class (an error), by two HTTPRoutes on one listener (a warning). */
export function checkIngressHostPaths(model: AppModel): Finding[] {
  return [
    ...ingressHostPaths(model.routes.filter(r => r.className !== undefined)),
    ...routeHostPaths(model.routes.filter(r => r.object.kind === 'HTTPRoute')),
  ];
}
