import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AppDeployment, NodePortService } from '../constructs';
import { LabConfig } from './config';

/** Section 9.3 (`20_service1-node-port.yaml`): two nginx pods behind nodePort 30888 on every node. */
export class NodePortChart extends Chart {
  public readonly deployment: AppDeployment;
  public readonly service: NodePortService;

  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true, namespace: config.namespace });
    this.deployment = new AppDeployment(this, 'Service1DepNodePort', {
      name: 'service1-dep-node-port',
      // the seed's `app: nginx`, plus a label of its own: section 9.4 reuses `app: nginx`
      labels: { app: 'nginx', experiment: 'node-port' },
      replicas: 2,
      containerName: 'nginx',
      image: config.images.nginx,
      containerPort: 80,
    });
    this.service = new NodePortService(this, 'Service1NodePort', {
      name: 'service1-node-port',
      selector: this.deployment.labels,
      port: 8888,
      targetPort: 80,
      nodePort: 30888,
    });
  }
}
