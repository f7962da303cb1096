/**
 * A cdk8s-plus workload works as the selector source of the Services (`deployment.matchLabels`),
 * and the app-wide checks see its pods.
 */
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CrossObjectChecks, NodePortService } from '../../constructs';

test('a NodePortService selects a cdk8s-plus Deployment through its matchLabels', () => {
  const chart = Testing.chart();
  const web = new kplus.Deployment(chart, 'Web', {
    select: false,
    podMetadata: { labels: { app: 'web' } },
    containers: [{ image: 'nginx:1.27', portNumber: 80, securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false } }],
  });
  web.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
  const svc = new NodePortService(chart, 'WebNodePort', { selector: web.matchLabels, port: 8888, targetPort: 80, nodePort: 30888 });

  const objects = Testing.synth(chart);
  const service = objects.find(o => o.kind === 'Service');
  expect(service.spec.selector).toEqual({ app: 'web' });
  expect(svc.selector).toEqual({ app: 'web' });
  const deployment = objects.find(o => o.kind === 'Deployment');
  expect(deployment.spec.template.metadata.labels).toMatchObject({ app: 'web' });
  // the Service's selector matches the cdk8s-plus pods: no "selects no pod" warning
  expect(CrossObjectChecks.of(chart).run()).toEqual([]);
});
