import { Chart } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { Construct } from 'constructs';
import { HostNetworkPod } from '../constructs';
import { LabConfig } from './config';

/**
 * Section 9.2 (`12_pod2-host-network.yaml`): nginx in the node's network namespace.
 *
 * The seed's nginx listens on 80, which the lab's ingress controller (a hostNetwork
 * DaemonSet) holds on every node, so here nginx listens on `config.hostNetworkPort`
 * (a one-line server block from a ConfigMap). With 80, the pod could only run on a node
 * without the controller.
 */
export class HostNetworkChart extends Chart {
  public readonly pod: HostNetworkPod;

  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true, namespace: config.namespace });
    const port = config.hostNetworkPort;
    const conf = new k8s.KubeConfigMap(this, 'NginxConf', {
      metadata: { name: 'pod2-host-network-nginx', labels: { app: 'webapp' } },
      data: {
        'default.conf': [
          'server {',
          `    listen ${port};`,
          '    location / {',
          '        root /usr/share/nginx/html;',
          '        index index.html;',
          '    }',
          '}',
          '',
        ].join('\n'),
      },
    });
    this.pod = new HostNetworkPod(this, 'Pod2HostNetwork', {
      name: 'pod2-host-network',
      labels: { app: 'webapp' },
      containerName: 'ct-nginx',
      image: config.images.nginx,
      containerPort: port,
      files: [{ sourceName: conf.name, key: 'default.conf', mountPath: '/etc/nginx/conf.d/default.conf' }],
    });
  }
}
