import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { HostPortPod } from '../constructs';
import { LabConfig } from './config';

/** Section 9.1 (`10_pod1-host-port.yaml`): nginx on port 30890 of the node it runs on. */
export class HostPortChart extends Chart {
  public readonly pod: HostPortPod;

  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true, namespace: config.namespace });
    this.pod = new HostPortPod(this, 'Pod1HostPort', {
      name: 'pod1-host-port',
      labels: { app: 'webapp' },
      containerName: 'ct-nginx',
      image: config.images.nginx,
      containerPort: 80,
      hostPort: 30890,
    });
  }
}
