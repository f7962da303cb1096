/**
 * Which certificate each experiment uses, for each `LabCertificates` choice: the seed's
 * `bootstrap_keys.sh` + `kubectl create secret tls`, made explicit.
 */
import * as path from 'path';
import { Construct } from 'constructs';
import { CertificateAuthority, CrossObjectChecks, TlsCertificate } from '../constructs';
import { LabCertificates, LabConfig } from './config';

/** The backends that serve TLS themselves (seed: svc2, svc4 and svc5 have server.crt baked in). */
export type HttpsBackend = 'svc2' | 'svc4' | 'svc5';

/** The Secret of the CA that svc4's ingress verifies its backend with (EXISTING_SECRETS, FILES). */
export const BACKEND_CA_SECRET = 'lab-backend-ca';

export class LabTls {
  constructor(private readonly config: LabConfig, private readonly ca?: CertificateAuthority) {
    if (config.certificates === LabCertificates.LAB_CA && !ca) throw new Error('LabCertificates.LAB_CA needs the lab CA chart');
  }

  /** The certificate an Ingress serves for svcN.<domain> (`secret-tls-svcN`, as in the seed). */
  public ingressCertificate(svc: 'svc3' | 'svc4'): TlsCertificate {
    const secretName = `secret-tls-${svc}`;
    switch (this.config.certificates) {
      case LabCertificates.LAB_CA:
        return this.ca!.certificate({ secretName });
      case LabCertificates.FILES:
        return TlsCertificate.fromFiles(this.file('wildcard.crt'), this.file('wildcard.key'), { secretName, allowPrivateKeyInManifest: true });
      default:
        return TlsCertificate.fromSecretName(secretName);
    }
  }

  /**
   * The Secret an HTTPS backend serves: the backend certificate for svc2/svc4 (its SANs are
   * the Service's DNS names), and for svc5 (passthrough) one for svc5.<domain> itself.
   */
  public backendSecretName(scope: Construct, svc: HttpsBackend): string {
    const secretName = svc === 'svc5' ? 'secret-tls-svc5' : `${svc}-backend-tls`;
    if (this.config.certificates === LabCertificates.LAB_CA) {
      const dnsNames = svc === 'svc5' ? [`svc5.${this.config.domain}`] : serviceDnsNames(`${svc}-cluster-ip`, this.config.namespace);
      this.ca!.addServerCertificate(`${svc[0].toUpperCase()}${svc.slice(1)}Backend`, { dnsNames, secretName });
    } else {
      // created from .lab-certs with kubectl (README)
      CrossObjectChecks.declareExternalSecret(scope, secretName, this.config.namespace);
    }
    return secretName;
  }

  /** The Secret whose `ca.crt` svc4's Ingress verifies its backend with (LAB_CA: `lab-ca-trust`, issued by the lab CA). */
  public backendCaSecretName(scope: Construct): string {
    if (this.config.certificates === LabCertificates.LAB_CA) return this.ca!.trustSecretName;
    // created from .lab-certs/ca.crt with kubectl (README); public data only
    CrossObjectChecks.declareExternalSecret(scope, BACKEND_CA_SECRET, this.config.namespace);
    return BACKEND_CA_SECRET;
  }

  private file(name: string): string {
    return path.join(this.config.certsDir, name);
  }
}

/** A Service's names in `namespace`: what a backend certificate must cover. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [service, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}
