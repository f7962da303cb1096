import { Chart } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { Construct } from 'constructs';
import { LabConfig } from './config';

/**
 * The lab's namespace (`config.namespace`), first in dist/ so that `kubectl apply -f dist`
 * creates it before the objects in it. Not built for `default`, which always exists.
 */
export class LabNamespaceChart extends Chart {
  public readonly namespaceName: string;

  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true });
    this.namespaceName = config.namespace;
    new k8s.KubeNamespace(this, 'Namespace', {
      metadata: { name: config.namespace, labels: { 'app.kubernetes.io/part-of': 'cdk8s-expose' } },
    });
  }
}
