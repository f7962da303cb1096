/**
 * App-wide rules about what the Gateway API renderer emits (and any Gateway or BackendTLSPolicy
 * in the app): the Secrets a Gateway's listeners serve exist, and the CA ConfigMap a
 * BackendTLSPolicy verifies with has the key `ca.crt`.
 */
import { AppFacts, ObjectFacts } from '../../app-checks/facts';
import { error, Finding, warning } from '../../app-checks/findings';
import { RuleFamily } from '../../app-checks/rule-families';
import { definedSecrets, undefinedSecret } from '../../app-checks/families/secrets';

const GATEWAY_GROUP = 'gateway.networking.k8s.io/';

function gatewayObjects(facts: AppFacts, kind: string): ObjectFacts[] {
  return facts.objects.filter(o => o.json.kind === kind && String(o.json.apiVersion).startsWith(GATEWAY_GROUP));
}

function isCertManagerAnnotated(o: ObjectFacts): boolean {
  const ann = o.json.metadata?.annotations ?? {};
  return Boolean(ann['cert-manager.io/issuer'] || ann['cert-manager.io/cluster-issuer']);
}

/** `tls-secret`: each listener's `certificateRefs` Secret is defined, issued (Certificate or gateway-shim) or declared external. */
export function checkGatewayListenerSecrets(facts: AppFacts): Finding[] {
  const defined = definedSecrets(facts);
  const findings: Finding[] = [];
  for (const gw of gatewayObjects(facts, 'Gateway')) {
    (gw.json.spec?.listeners ?? []).forEach((l: any, i: number) => {
      (l.tls?.certificateRefs ?? []).forEach((ref: any, j: number) => {
        if ((ref.kind ?? 'Secret') !== 'Secret' || (ref.group ?? '') !== '') return;
        const namespace = ref.namespace ?? gw.namespace;
        // cert-manager's gateway-shim issues the Secrets of an annotated Gateway (in its namespace)
        if (isCertManagerAnnotated(gw) && namespace === gw.namespace) return;
        const hit = undefinedSecret(gw, { field: `spec.listeners[${i}].tls.certificateRefs[${j}]`, name: ref.name, namespace }, defined);
        if (hit) findings.push(hit);
      });
    });
  }
  return findings;
}

/**
 * `backend-ca`: a BackendTLSPolicy's `caCertificateRefs` ConfigMap, when the app defines it, has
 * `ca.crt` (the key Gateway API reads); when it does not, it must exist in the cluster (warned).
 */
export function checkBackendCaConfigMaps(facts: AppFacts): Finding[] {
  const configMaps = new Map(facts.objects.filter(o => o.json.kind === 'ConfigMap').map(o => [`${o.namespace}/${o.json.metadata?.name}`, o]));
  const findings: Finding[] = [];
  for (const policy of gatewayObjects(facts, 'BackendTLSPolicy')) {
    (policy.json.spec?.validation?.caCertificateRefs ?? []).forEach((ref: any, i: number) => {
      if (ref.kind !== 'ConfigMap' || (ref.group ?? '') !== '') return;
      const field = `spec.validation.caCertificateRefs[${i}]`;
      const cm = configMaps.get(`${policy.namespace}/${ref.name}`);
      if (!cm) {
        findings.push(warning(policy.path, 'backend-ca', `${field}: ConfigMap ${JSON.stringify(ref.name)} (namespace ${policy.namespace}) is not ` +
          'defined in this app; it must exist with the CA certificate under the key ca.crt, or the Gateway refuses the backend ' +
          '(ResolvedRefs=False)'));
      } else if (cm.json.data?.['ca.crt'] === undefined) {
        findings.push(error(policy.path, 'backend-ca', `${field}: ConfigMap ${JSON.stringify(ref.name)} has no key ca.crt ` +
          `(keys: ${Object.keys(cm.json.data ?? {}).join(', ') || 'none'}); allowed: the PEM CA certificate under ca.crt`));
      }
    });
  }
  return findings;
}

/** The families the Gateway API renderer registers. */
export const GATEWAY_API_RULE_FAMILIES: RuleFamily[] = [
  { name: 'gateway-api/backend-ca', check: checkBackendCaConfigMaps },
  { name: 'gateway-api/listener-secrets', check: checkGatewayListenerSecrets },
];
