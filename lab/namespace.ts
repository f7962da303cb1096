import { Chart } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { Construct } from 'constructs';
import { PodSecurityLabels } from '../constructs';
import { LabConfig } from './config';

/**
 * The lab's namespace (`config.namespace`), first in dist/ so that `kubectl apply -f dist`
 * creates it before the objects in it. Not built for `default`, which always exists.
 *
 * It holds sections 9.1 and 9.2 (a hostPort pod, a hostNetwork pod), which the Pod Security
 * `baseline` standard forbids: it enforces `privileged` and warns and audits at `baseline`
 * (PodSecurityLabels.forHostAccess), so that clusters enforcing baseline by default admit them
 * and the lesson stays visible.
 */
export class LabNamespaceChart extends Chart {
  public readonly namespaceName: string;

  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true });
    this.namespaceName = config.namespace;
    new k8s.KubeNamespace(this, 'Namespace', {
      metadata: { name: config.namespace, labels: { 'app.kubernetes.io/part-of': 'cdk8s-expose', ...PodSecurityLabels.forHostAccess() } },
    });
  }
}
