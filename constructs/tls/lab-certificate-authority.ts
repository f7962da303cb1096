/**
 * The names the certificate authority had before it lost its lab words (issue 19), kept so that
 * code using them still compiles and behaves the same. Nothing new goes here.
 */
import { Construct } from 'constructs';
import { CertificateAuthority, CertificateAuthorityProps, IngressCertificateOptions, ServerCertificateProps } from './certificate-authority';

/**
 * Props of {@link LabCertificateAuthority}.
 * @deprecated use CertificateAuthorityProps
 */
export interface LabCertificateAuthorityProps extends CertificateAuthorityProps {}

/**
 * Props of a backend certificate (`addServerCertificate`).
 * @deprecated use ServerCertificateProps
 */
export interface LabServerCertificateProps extends ServerCertificateProps {}

/**
 * Options of an Ingress certificate (`certificate()`).
 * @deprecated use IngressCertificateOptions
 */
export interface LabIngressCertificateOptions extends IngressCertificateOptions {}

/**
 * A certificate authority run by cert-manager: the former name of {@link CertificateAuthority}, same objects.
 * @deprecated use CertificateAuthority
 */
export class LabCertificateAuthority extends CertificateAuthority {
  constructor(scope: Construct, id: string, props: LabCertificateAuthorityProps = {}) {
    super(scope, id, props);
  }
}
