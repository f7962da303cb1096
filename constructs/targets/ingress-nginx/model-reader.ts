/**
 * The ingress-nginx target's reader of the app model: Ingresses with what ingress-nginx v1.11
 * makes of their annotations (`ssl-passthrough` parsed as Go's ParseBool, `backend-protocol`,
 * `proxy-ssl-verify`, `proxy-ssl-secret` as `namespace/name`), and the controller's own pods,
 * recognised by their image or flags (cmd/nginx/flags.go).
 */
import { ControllerReading, ObjectReference } from '../../app-checks/app-model';
import { normalizeNamespace } from '../../app-checks/facts';
import { IngressMeaning, IngressReading, readIngresses } from '../../app-checks/ingress-reading';
import { ModelReader } from '../../app-checks/model-readers';
import { parseGoBool } from './annotation-rules';
import { NGINX_ANNOTATION_PREFIX, PROXY_SSL_SECRET_ANNOTATION, SSL_PASSTHROUGH_ANNOTATION } from './annotations';

/** Whether an Ingress asks for ssl-passthrough, as ingress-nginx parses the value (`parser.GetBoolAnnotation`). */
export function isPassthrough(reading: IngressReading): boolean {
  const value = reading.annotations[SSL_PASSTHROUGH_ANNOTATION];
  return typeof value === 'string' && parseGoBool(value) === true;
}

/** `proxy-ssl-secret`: `namespace/name` (a bare name is the Ingress's namespace). */
function backendCa(reading: IngressReading): ObjectReference | undefined {
  const value = reading.annotations[PROXY_SSL_SECRET_ANNOTATION];
  if (!value) return undefined;
  const [ns, name] = value.includes('/') ? value.split('/', 2) : [reading.object.namespace, value];
  return {
    from: reading.object, field: `metadata.annotations[${JSON.stringify(PROXY_SSL_SECRET_ANNOTATION)}]`, kind: 'Secret', name,
    namespace: normalizeNamespace(ns), use: 'backend-ca',
  };
}

/** What ingress-nginx makes of an Ingress's annotations. */
export function ingressNginxMeaning(reading: IngressReading): IngressMeaning {
  return {
    passthrough: isPassthrough(reading),
    backendProtocol: (reading.annotations[`${NGINX_ANNOTATION_PREFIX}backend-protocol`] ?? 'HTTP').toUpperCase(),
    backendVerified: reading.annotations[`${NGINX_ANNOTATION_PREFIX}proxy-ssl-verify`] === 'on',
    backendCa: backendCa(reading),
  };
}

function flag(args: readonly string[], name: string): string | undefined {
  const hit = args.find(a => a.startsWith(`--${name}=`));
  return hit === undefined ? undefined : hit.slice(name.length + 3);
}

/** An ingress-nginx controller's pods: its class, ssl passthrough and default backend (`$(POD_NAMESPACE)` is the pods' namespace). */
function ingressNginxController(pod: { readonly namespace: string; readonly containers: ReadonlyArray<{ args: string[]; image: string }> }):
ControllerReading | undefined {
  const args = pod.containers.flatMap(c => c.args);
  const isController = args.some(a => a.startsWith('--ingress-class=') || a.startsWith('--controller-class='))
    || pod.containers.some(c => /ingress-nginx[/-]controller/.test(c.image));
  if (!isController) return undefined;
  return {
    ingressClassName: flag(args, 'ingress-class') ?? 'nginx',
    sslPassthroughEnabled: args.includes('--enable-ssl-passthrough'),
    defaultBackend: flag(args, 'default-backend-service')?.replace('$(POD_NAMESPACE)', pod.namespace),
  };
}

/** Ingresses as ingress-nginx reads them, and its controllers' pods. */
export const INGRESS_NGINX_READER: ModelReader = {
  name: 'ingress-nginx',
  kinds: ['networking.k8s.io/Ingress'],
  read: objects => readIngresses(objects, ingressNginxMeaning),
  controllerOf: ingressNginxController,
};
