/**
 * cert-manager's annotation vocabulary, shared by the certificates that write it and the app
 * model that reads it (one definition: the layers above import it from here).
 */

/** The annotation keys cert-manager's ingress-shim (and gateway-shim) reads. */
export const CERT_MANAGER_ANNOTATIONS = {
  issuer: 'cert-manager.io/issuer',
  clusterIssuer: 'cert-manager.io/cluster-issuer',
  duration: 'cert-manager.io/duration',
  renewBefore: 'cert-manager.io/renew-before',
} as const;

/** Whether `annotations` ask cert-manager's shim to issue the object's Secrets (an issuer or cluster issuer is named). */
export function namesCertManagerIssuer(annotations: { [key: string]: unknown } | undefined): boolean {
  return Boolean(annotations?.[CERT_MANAGER_ANNOTATIONS.issuer] || annotations?.[CERT_MANAGER_ANNOTATIONS.clusterIssuer]);
}
