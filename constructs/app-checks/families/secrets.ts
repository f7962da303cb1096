/**
 * `tls-secret`: every Secret an object refers to (an Ingress's `spec.tls`, a Gateway listener's
 * `certificateRefs`, ingress-nginx's `proxy-ssl-secret`, a pod's secret volume: the references of
 * the app model, whichever reader found them) is defined in the app, issued by cert-manager, or
 * declared external.
 */
import { invalid } from '../../core/problem';
import { AppModel, ObjectReference } from '../app-model';
import { error, Finding } from '../findings';
import { objectsOfKind } from '../model-builder';

const definedOf = new WeakMap<AppModel, ReadonlySet<string>>();

/** `namespace/name` of every Secret the app defines, cert-manager issues for it, or declares external (computed once per model). */
export function definedSecrets(model: AppModel): ReadonlySet<string> {
  let defined = definedOf.get(model);
  if (!defined) {
    defined = new Set([
      ...objectsOfKind(model, 'Secret').map(o => `${o.namespace}/${o.json.metadata?.name}`),
      ...model.issuedSecrets.map(s => `${s.namespace}/${s.name}`),
      ...model.externalSecrets.map(s => `${s.namespace}/${s.name}`),
    ]);
    definedOf.set(model, defined);
  }
  return defined;
}

/**
 * How to define or declare a Secret used as `ref.use` says: the declarations that fit that field
 * (a served certificate, a backend CA, a mounted Secret), with the name and namespace filled in.
 */
export function secretRemedy(ref: ObjectReference): string {
  const name = JSON.stringify(ref.name);
  const declare = `CrossObjectChecks.declareExternalSecret(scope, ${name}, ${JSON.stringify(ref.namespace)})`;
  switch (ref.use) {
    case 'certificate':
      return 'define it (TlsCertificate.certManager, TlsCertificate.fromFiles, CertificateAuthority.certificate()) or declare it external: ' +
        `certificate: TlsCertificate.fromSecretName(${name}) (or tlsSecretName) on the exposure, ${declare} for any other object`;
    case 'backend-ca':
      return 'define it (backendCa: BackendCa.fromCertificateAuthority(ca), the CA\'s trust Secret) or declare it external: ' +
        `backendCa: BackendCa.fromSecretName(${name}) on the exposure (instead of the deprecated backendCaSecretName, ` +
        `which declares nothing), ${declare} for any other object`;
    default:
      return `define it (e.g. CertificateAuthority.addServerCertificate, TlsCertificate.fromFiles) or declare it external: ${declare}`;
  }
}

/** The finding for a reference to a Secret that is not in `defined`, if it is not. */
export function undefinedSecret(ref: ObjectReference, defined: ReadonlySet<string>): Finding | undefined {
  if (defined.has(`${ref.namespace}/${ref.name}`)) return undefined;
  return error(ref.from.path, 'tls-secret', invalid(ref.field, ref.name, `Secret ${JSON.stringify(ref.name)} (namespace ${ref.namespace}) is neither ` +
    `defined in this app nor declared external; allowed: ${secretRemedy(ref)}`));
}

/** Every reference to a Secret that is neither defined nor declared: an error. */
export function checkSecrets(model: AppModel): Finding[] {
  const defined = definedSecrets(model);
  const findings: Finding[] = [];
  for (const ref of model.references) {
    if (ref.kind !== 'Secret') continue;
    const hit = undefinedSecret(ref, defined);
    if (hit) findings.push(hit);
  }
  return findings;
}
