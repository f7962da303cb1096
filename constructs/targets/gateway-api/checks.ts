/**
 * App-wide rules about what the Gateway API renderer emits (and any BackendTLSPolicy in the
 * app): the CA ConfigMap a BackendTLSPolicy verifies with has the key `ca.crt`.
 *
 * The families carry the target's reader (model-reader.ts), so an app that renders with this
 * target reads its Gateways and routes into the app model, where the neutral rules check them:
 * the Secrets listeners serve (`tls-secret`), route backends (`ingress-backend`), hosts and paths
 * (`ingress-host-path`).
 */
import { AppModel } from '../../app-checks/app-model';
import { error, Finding, warning } from '../../app-checks/findings';
import { objectsOfKind } from '../../app-checks/model-builder';
import { RuleFamily } from '../../app-checks/rule-families';
import { invalid, required } from '../../core/problem';
import { GATEWAY_API_READER } from './model-reader';

/**
 * `backend-ca`: a BackendTLSPolicy's `caCertificateRefs` ConfigMap, when the app defines it, has
 * `ca.crt` (the key Gateway API reads); when it does not, it must exist in the cluster (warned).
 */
export function checkBackendCaConfigMaps(model: AppModel): Finding[] {
  const configMaps = new Map(objectsOfKind(model, 'ConfigMap').map(o => [`${o.namespace}/${o.json.metadata?.name}`, o]));
  const findings: Finding[] = [];
  for (const ref of model.references) {
    if (ref.kind !== 'ConfigMap' || ref.use !== 'backend-ca') continue;
    const cm = configMaps.get(`${ref.namespace}/${ref.name}`);
    if (!cm) {
      findings.push(warning(ref.from.path, 'backend-ca', required(ref.field, `ConfigMap ${JSON.stringify(ref.name)} (namespace ${ref.namespace}) ` +
        'is not defined in this app; it must exist with the CA certificate under the key ca.crt, or the Gateway refuses the backend ' +
        `(ResolvedRefs=False): define it in the app (a ConfigMap with ca.crt) or create it before applying (kubectl create configmap ${ref.name} ` +
        `--from-file=ca.crt -n ${ref.namespace})`)));
    } else if (cm.json.data?.['ca.crt'] === undefined) {
      findings.push(error(ref.from.path, 'backend-ca', invalid(ref.field, ref.name, `ConfigMap ${JSON.stringify(ref.name)} has no key ca.crt ` +
        `(keys: ${Object.keys(cm.json.data ?? {}).join(', ') || 'none'}); allowed: the PEM CA certificate under ca.crt`)));
    }
  }
  return findings;
}

/** The families the Gateway API renderer registers, with the reader of its kinds. */
export const GATEWAY_API_RULE_FAMILIES: RuleFamily[] = [
  { name: 'gateway-api/backend-ca', check: checkBackendCaConfigMaps, readers: [GATEWAY_API_READER] },
];
