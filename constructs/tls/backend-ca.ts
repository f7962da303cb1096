/**
 * The CA a re-encrypting Ingress verifies its backend's certificate against: a Secret with
 * `ca.crt` in the Ingress's namespace (ingress-nginx's `proxy-ssl-secret`, Gateway API's
 * BackendTLSPolicy). A reference to a CertificateAuthority of the app, or a name declared external.
 */
import { IConstruct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { Problem } from '../core/problem';
import { dns1123SubdomainProblems } from '../validation/names';
import { CertificateAuthority } from './certificate-authority';
import { backendCaNamespaceProblems } from './certificate-rules';

/**
 * Where the CA that verifies a re-encrypted backend comes from. Create one with a static factory
 * and pass it to the consumer (TlsIngress `backendCa`); the same instance may serve several.
 *
 * @example
 * BackendCa.fromCertificateAuthority(ca);   // the trust Secret of a CertificateAuthority of this app
 * BackendCa.fromSecretName('backend-ca');   // kubectl create secret generic backend-ca --from-file=ca.crt
 * @experimental
 */
export class BackendCa {
  /**
   * An existing Secret with `ca.crt` in the consumer's namespace, created outside this app;
   * declared external for the app-wide checks (as `TlsCertificate.fromSecretName`).
   */
  public static fromSecretName(secretName: string): BackendCa {
    // a static factory, not a construct: messages name the call and the argument
    new ProblemList().add(dns1123SubdomainProblems(FieldPath.root('secretName'), secretName)).throwIfAny('BackendCa.fromSecretName()');
    return new BackendCa(secretName, false, undefined);
  }

  /**
   * The trust Secret of a CertificateAuthority of this app (`<name>-trust`: `ca.crt` is the CA, no
   * CA key), defined in the app. The consumer must be in the CA's namespace.
   */
  public static fromCertificateAuthority(ca: CertificateAuthority): BackendCa {
    return new BackendCa(ca.trustSecretName, ca.trustSecretDefined, ca);
  }

  /** The Secret with `ca.crt`. */
  public readonly secretName: string;
  /** Whether this app defines the Secret (a CertificateAuthority's trust Secret), as opposed to declaring it external (`fromSecretName`). */
  public readonly definedInApp: boolean;
  /**
   * The CertificateAuthority whose trust Secret this is.
   * @default - none (`fromSecretName`)
   */
  public readonly certificateAuthority?: CertificateAuthority;

  private constructor(secretName: string, definedInApp: boolean, certificateAuthority: CertificateAuthority | undefined) {
    this.secretName = secretName;
    this.definedInApp = definedInApp;
    this.certificateAuthority = certificateAuthority;
  }

  /**
   * The problems of a use from a consumer in `namespace` (the consumer's chart namespace): a
   * CertificateAuthority's trust Secret must be in it.
   * @internal
   */
  public _useProblems(field: FieldPath | string, namespace: string | undefined): Problem[] {
    return this.certificateAuthority === undefined ? [] : backendCaNamespaceProblems(field, this.certificateAuthority, namespace);
  }

  /**
   * Records a use by `consumer` in `namespace`: a Secret the app does not define is declared
   * external there, for the app-wide checks. Collect `_useProblems` first.
   * @internal
   */
  public _bind(consumer: IConstruct, namespace: string | undefined): void {
    if (!this.definedInApp) CrossObjectChecks.declareExternalSecret(consumer, this.secretName, namespace);
  }
}
