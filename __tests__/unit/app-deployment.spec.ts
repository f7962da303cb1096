import { Testing } from 'cdk8s';
import { AppDeployment, AppDeploymentProps, Protocol } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const BASE: AppDeploymentProps = { image: 'nginx:1.27', containerPort: 80 };

function synthDeployment(props: Partial<AppDeploymentProps> = {}, id = 'Svc1Deployment'): { dep: AppDeployment; manifest: any[] } {
  const chart = Testing.chart();
  const dep = new AppDeployment(chart, id, { ...BASE, ...props });
  return { dep, manifest: Testing.synth(chart) };
}

function build(props: Partial<AppDeploymentProps>, id = 'Web'): () => AppDeployment {
  return () => new AppDeployment(Testing.chart(), id, { ...BASE, ...props });
}

test('defaults', () => {
  const { dep, manifest } = synthDeployment();
  expect(manifest).toMatchSnapshot();
  expect(manifest).toHaveLength(1);
  const [obj] = manifest;
  expect(obj.apiVersion).toBe('apps/v1');
  expect(obj.kind).toBe('Deployment');
  expect(obj.metadata).toEqual({ name: 'svc1-deployment', labels: { app: 'svc1-deployment' } });
  expect(obj.spec.replicas).toBe(1);
  // selects on the plain labels only: no cdk8s.io/metadata.addr
  expect(obj.spec.selector).toEqual({ matchLabels: { app: 'svc1-deployment' } });
  expect(obj.spec.template.metadata).toEqual({ labels: { app: 'svc1-deployment' } });
  expect(obj.spec.template.spec).toEqual({
    containers: [{ name: 'main', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
  });
  expect(JSON.stringify(obj)).not.toContain('cdk8s.io/metadata.addr');
  expect(JSON.stringify(obj)).not.toContain('securityContext');
  expect(JSON.stringify(obj)).not.toContain('resources');
  expect(dep.name).toBe('svc1-deployment');
  expect(dep.labels).toEqual({ app: 'svc1-deployment' });
  expect(dep.replicas).toBe(1);
  expect(dep.containerPort).toBe(80);
  expect(dep.protocol).toBe(Protocol.TCP);
});

test('replicas, labels, name, port name and files', () => {
  const { dep, manifest } = synthDeployment({
    replicas: 3, name: 'web', labels: { app: 'web', tier: 'front' }, portName: 'http', containerPort: 8080,
    env: [{ name: 'MODE', value: 'prod' }],
    files: [{ sourceName: 'web-config', key: 'nginx.conf', mountPath: '/etc/nginx/nginx.conf' }],
  });
  expect(manifest).toMatchSnapshot();
  const [obj] = manifest;
  expect(obj.metadata).toEqual({ name: 'web', labels: { app: 'web', tier: 'front' } });
  expect(obj.spec.replicas).toBe(3);
  expect(obj.spec.selector.matchLabels).toEqual({ app: 'web', tier: 'front' });
  expect(obj.spec.template.metadata.labels).toEqual({ app: 'web', tier: 'front' });
  const c = obj.spec.template.spec.containers[0];
  expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  expect(c.env).toEqual([{ name: 'MODE', value: 'prod' }]);
  expect(c.volumeMounts).toEqual([{ name: 'config-0', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true }]);
  expect(obj.spec.template.spec.volumes).toEqual([{ name: 'config-0', configMap: { name: 'web-config' } }]);
  expect(dep.replicas).toBe(3);
});

test('replicas 0 and 1000 are accepted', () => {
  expect(synthDeployment({ replicas: 0 }).manifest[0].spec.replicas).toBe(0);
  expect(synthDeployment({ replicas: 1000 }).manifest[0].spec.replicas).toBe(1000);
});

test('labels are copied, not shared', () => {
  const labels = { app: 'web' };
  const { dep, manifest } = synthDeployment({ labels });
  expect(manifest[0].spec.selector.matchLabels).not.toBe(manifest[0].spec.template.metadata.labels);
  expect(dep.labels).toEqual(labels);
});

describe('fails', () => {
  test.each([-1, 1001, 1.5])('fails for replicas %p', v => {
    expectFails(build({ replicas: v }), '[test/Web]', 'spec.replicas', `${v} is not allowed`, 'allowed: an integer from 0 to 1000');
  });
  test('fails for an image with spaces', () => {
    expectFails(build({ image: 'my image' }), '[test/Web]', 'spec.containers[0].image', '"my image" is not a valid image reference');
  });
  test.each([0, 65536])('fails for containerPort %p', v => {
    expectFails(build({ containerPort: v }), '[test/Web]', 'spec.containers[0].ports[0].containerPort', `${v} is not a valid port number`);
  });
  test('fails for a bad label key', () => {
    expectFails(build({ labels: { 'app name': 'web' } }), '[test/Web]', 'metadata.labels["app name"]', '"app name" is not a valid label key');
  });
  test('fails for a label value of 64 characters', () => {
    const v = 'v'.repeat(64);
    expectFails(build({ labels: { app: v } }), '[test/Web]', 'metadata.labels["app"]', `"${v}" is not a valid label value`);
  });
  test('fails for empty labels (a Deployment needs a selector)', () => {
    expectFails(build({ labels: {} }), '[test/Web]', 'metadata.labels', 'is empty');
  });
  test('fails for a relative mount path in files', () => {
    expectFails(build({ files: [{ sourceName: 'cfg', key: 'k', mountPath: 'etc/k' }] }),
      '[test/Web]', 'spec.template.spec.containers[0].volumeMounts[0].mountPath', '"etc/k" is not an absolute path');
  });
  test('fails for a bad name', () => {
    expectFails(build({ name: 'Web_1' }), '[test/Web]', 'metadata.name', '"Web_1" is not a valid DNS-1123 subdomain');
  });
  test('fails for a bad port name', () => {
    expectFails(build({ portName: 'HTTP' }), '[test/Web]', 'spec.containers[0].ports[0].name', '"HTTP" is not a valid port name');
  });
});

test('one error lists every problem (replicas and an env name)', () => {
  const e = expectFails(build({ replicas: -1, env: [{ name: 'A=B', value: '' }] }));
  expect(e.problems).toHaveLength(2);
  expect(e.message.split('\n')).toEqual([
    '[test/Web] spec.replicas: -1 is not allowed; allowed: an integer from 0 to 1000',
    '[test/Web] spec.template.spec.containers[0].env[0].name: "A=B" is not a valid environment variable name: it must consist of letters, digits, \'_\', \'-\' or \'.\', and not start with a digit; allowed: [-._a-zA-Z][-._a-zA-Z0-9]* (e.g. "MY_ENV.NAME")',
  ]);
});
