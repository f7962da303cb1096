import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AppDeployment, ExternalIpService } from '../constructs';
import { LabConfig } from './config';

/**
 * Section 9.4 (`22_service2-external-ip.yaml`): two nginx pods behind one port of one external IP.
 * The seed's port 80 is the ingress controller's host port on every node: on a node's address
 * kube-proxy would capture it first, so the port is `config.externalIpPort` (8088 by default).
 */
export class ExternalIpChart extends Chart {
  public readonly deployment: AppDeployment;
  public readonly service: ExternalIpService;

  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true, namespace: config.namespace });
    this.deployment = new AppDeployment(this, 'Service1DepExternalIp', {
      name: 'service1-dep-external-ip',
      labels: { app: 'nginx', experiment: 'external-ip' },
      replicas: 2,
      containerName: 'nginx',
      image: config.images.nginx,
      containerPort: 80,
    });
    this.service = new ExternalIpService(this, 'Service2ExternalIp', {
      name: 'service2-external-ip',
      selector: this.deployment.labels,
      port: config.externalIpPort,
      targetPort: 80,
      externalIPs: [config.externalIp],
    });
  }
}
