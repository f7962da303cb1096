import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { LabCertificateAuthority } from '../constructs';

/**
 * The seed's "own CA" fix of experiment 5, in the cluster: cert-manager issues a lab CA and,
 * from it, the backends' serving certificates (the Ingress certificates are issued next to
 * each Ingress). Only with `LabCertificates.LAB_CA`.
 */
export class LabCaChart extends Chart {
  public readonly ca: LabCertificateAuthority;

  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    this.ca = new LabCertificateAuthority(this, 'LabCa', { name: 'lab-ca' });
  }
}
