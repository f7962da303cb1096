/**
 * `tls-secret`: every Secret an object refers to (an Ingress's `spec.tls`, a pod's secret
 * volume) is defined in the app, issued by cert-manager, or declared external.
 * Renderers add their own references (e.g. an annotation naming a Secret) with
 * `definedSecrets` and `undefinedSecret`.
 */
import { AppFacts, ObjectFacts, podsAt } from '../facts';
import { error, Finding } from '../findings';

/** A Secret named by a field of an object. */
export interface SecretReference {
  readonly field: string;
  readonly name: string;
  readonly namespace: string;
}

function secretReferences(o: ObjectFacts, facts: AppFacts): SecretReference[] {
  const refs: SecretReference[] = [];
  if (o.json.kind === 'Ingress') {
    (o.json.spec?.tls ?? []).forEach((t: any, i: number) => {
      if (t.secretName) refs.push({ field: `spec.tls[${i}].secretName`, name: t.secretName, namespace: o.namespace });
    });
  }
  for (const pod of podsAt(facts, o.path)) {
    (pod.spec.volumes ?? []).forEach((v: any, i: number) => {
      if (v.secret?.secretName && !v.secret.optional) refs.push({ field: `spec.volumes[${i}].secret.secretName`, name: v.secret.secretName, namespace: o.namespace });
    });
  }
  return refs;
}

const definedOf = new WeakMap<AppFacts, ReadonlySet<string>>();

/** `namespace/name` of every Secret the app defines, cert-manager issues for it, or declares external (computed once per facts). */
export function definedSecrets(facts: AppFacts): ReadonlySet<string> {
  let defined = definedOf.get(facts);
  if (!defined) definedOf.set(facts, defined = collectDefinedSecrets(facts));
  return defined;
}

function collectDefinedSecrets(facts: AppFacts): Set<string> {
  const defined = new Set<string>();
  for (const o of facts.objects) {
    if (o.json.kind === 'Secret') defined.add(`${o.namespace}/${o.json.metadata?.name}`);
    if (o.json.kind === 'Certificate' && String(o.json.apiVersion).startsWith('cert-manager.io/') && o.json.spec?.secretName) {
      defined.add(`${o.namespace}/${o.json.spec.secretName}`);
    }
    // cert-manager's ingress-shim creates the tls secrets of an annotated Ingress
    const ann = o.json.metadata?.annotations ?? {};
    if (o.json.kind === 'Ingress' && (ann['cert-manager.io/issuer'] || ann['cert-manager.io/cluster-issuer'])) {
      for (const t of o.json.spec?.tls ?? []) if (t.secretName) defined.add(`${o.namespace}/${t.secretName}`);
    }
  }
  for (const s of facts.externalSecrets) defined.add(`${s.namespace}/${s.name}`);
  return defined;
}

/** The finding for a reference to a Secret that is not in `defined`, if it is not. */
export function undefinedSecret(o: ObjectFacts, ref: SecretReference, defined: ReadonlySet<string>): Finding | undefined {
  if (defined.has(`${ref.namespace}/${ref.name}`)) return undefined;
  return error(o.path, 'tls-secret', `${ref.field}: Secret ${JSON.stringify(ref.name)} (namespace ${ref.namespace}) is neither defined ` +
    'in this app nor declared external; allowed: define it (e.g. TlsCertificate.fromFiles, cert-manager) or declare it with ' +
    'TlsCertificate.fromSecretName / CrossObjectChecks.declareExternalSecret');
}

/** Every `spec.tls` and secret-volume reference to a Secret that is neither defined nor declared: an error. */
export function checkSecrets(facts: AppFacts): Finding[] {
  const defined = definedSecrets(facts);
  const findings: Finding[] = [];
  for (const o of facts.objects) {
    for (const ref of secretReferences(o, facts)) {
      const hit = undefinedSecret(o, ref, defined);
      if (hit) findings.push(hit);
    }
  }
  return findings;
}
