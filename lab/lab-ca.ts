import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CertificateAuthority } from '../constructs';
import { LabConfig } from './config';

/**
 * The seed's "own CA" fix of experiment 5, in the cluster: cert-manager issues a lab CA and,
 * from it, the backends' serving certificates (the Ingress certificates are issued next to
 * each Ingress) and the trust Secret `lab-ca-trust` that svc4's Ingress verifies its backend
 * with. Only with `LabCertificates.LAB_CA`.
 */
export class LabCaChart extends Chart {
  public readonly ca: CertificateAuthority;

  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true, namespace: config.namespace });
    this.ca = new CertificateAuthority(this, 'LabCa', { name: 'lab-ca' });
  }
}
