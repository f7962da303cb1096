import { Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { HostPortPod, HostPortPodProps, ImagePullPolicy, Protocol } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const BASE: HostPortPodProps = { image: 'nginx:1.9.0', containerPort: 80, hostPort: 30890 };

function synthPod(props: Partial<HostPortPodProps> = {}, id = 'Pod1HostPort'): { pod: HostPortPod; manifest: any[] } {
  const chart = Testing.chart();
  // the Secret a `fromSecret` file refers to (app-wide checks want it defined)
  if (props.files?.some(f => f.fromSecret)) new k8s.KubeSecret(chart, 'Certs', { metadata: { name: 'certs' } });
  const pod = new HostPortPod(chart, id, { ...BASE, ...props });
  return { pod, manifest: Testing.synth(chart) };
}

function build(props: Partial<HostPortPodProps>, id = 'Pod'): () => HostPortPod {
  return () => new HostPortPod(Testing.chart(), id, { ...BASE, ...props });
}

test('defaults', () => {
  const { pod, manifest } = synthPod();
  expect(manifest).toMatchSnapshot();
  expect(manifest).toHaveLength(1);
  const [obj] = manifest;
  expect(obj.kind).toBe('Pod');
  expect(obj.metadata).toEqual({ name: 'pod1-host-port', labels: { app: 'pod1-host-port' } });
  expect(obj.spec).toEqual({
    containers: [{
      name: 'main',
      image: 'nginx:1.9.0',
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 80, hostPort: 30890, protocol: 'TCP' }],
    }],
  });
  // no cdk8s-plus defaults
  expect(obj.spec.securityContext).toBeUndefined();
  expect(obj.spec.containers[0].securityContext).toBeUndefined();
  expect(obj.spec.containers[0].resources).toBeUndefined();
  expect(obj.spec.automountServiceAccountToken).toBeUndefined();
  expect(pod.name).toBe('pod1-host-port');
  expect(pod.labels).toEqual({ app: 'pod1-host-port' });
  expect(pod.hostPort).toBe(30890);
  expect(pod.containerPort).toBe(80);
  expect(pod.protocol).toBe(Protocol.TCP);
  expect(pod.hostIp).toBeUndefined();
  expect(pod.node.path).toBe('test/Pod1HostPort');
});

test('all options', () => {
  const { pod, manifest } = synthPod({
    name: 'web', labels: { app: 'web', tier: 'front' }, hostIp: '10.0.0.5', protocol: Protocol.UDP, portName: 'dns',
    containerName: 'server', imagePullPolicy: ImagePullPolicy.ALWAYS, command: ['nginx'], args: ['-g', 'daemon off;'],
    env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }], nodeSelector: { 'kubernetes.io/hostname': 'node1' },
    files: [
      { sourceName: 'site', key: 'default.conf', mountPath: '/etc/nginx/conf.d/default.conf' },
      { sourceName: 'site', key: 'index.html', mountPath: '/usr/share/nginx/html/index.html' },
      { sourceName: 'certs', key: 'tls.crt', mountPath: '/certs/tls.crt', fromSecret: true },
    ],
  });
  expect(manifest).toMatchSnapshot();
  const obj = manifest.find(o => o.kind === 'Pod');
  expect(obj.metadata).toEqual({ name: 'web', labels: { app: 'web', tier: 'front' } });
  const c = obj.spec.containers[0];
  expect(c.ports[0]).toEqual({ name: 'dns', containerPort: 80, hostPort: 30890, hostIP: '10.0.0.5', protocol: 'UDP' });
  expect(c.name).toBe('server');
  expect(c.imagePullPolicy).toBe('Always');
  expect(c.command).toEqual(['nginx']);
  expect(c.args).toEqual(['-g', 'daemon off;']);
  expect(c.env).toEqual([{ name: 'B', value: '2' }, { name: 'A', value: '1' }]);
  expect(obj.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'node1' });
  expect(obj.spec.volumes).toEqual([
    { name: 'config-0', configMap: { name: 'site' } },
    { name: 'secret-1', secret: { secretName: 'certs' } },
  ]);
  expect(c.volumeMounts).toEqual([
    { name: 'config-0', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf', readOnly: true },
    { name: 'config-0', mountPath: '/usr/share/nginx/html/index.html', subPath: 'index.html', readOnly: true },
    { name: 'secret-1', mountPath: '/certs/tls.crt', subPath: 'tls.crt', readOnly: true },
  ]);
  expect(pod.hostIp).toBe('10.0.0.5');
  expect(pod.protocol).toBe(Protocol.UDP);
  expect(pod.labels).toEqual({ app: 'web', tier: 'front' });
});

test('IPv6 hostIP', () => {
  const { manifest } = synthPod({ hostIp: '2001:db8::5' });
  expect(manifest[0].spec.containers[0].ports[0].hostIP).toBe('2001:db8::5');
});

test('hostPort 1 and 65535 are accepted', () => {
  expect(synthPod({ hostPort: 1 }).manifest[0].spec.containers[0].ports[0].hostPort).toBe(1);
  expect(synthPod({ hostPort: 65535 }).manifest[0].spec.containers[0].ports[0].hostPort).toBe(65535);
});

describe('fails', () => {
  test.each([0, 65536, 1.5, -80])('fails for hostPort %p', v => {
    expectFails(build({ hostPort: v }), '[test/Pod]', 'spec.containers[0].ports[0].hostPort', `${v} is not a valid port number`, '1 to 65535');
  });
  test.each([0, 65536])('fails for containerPort %p', v => {
    expectFails(build({ containerPort: v }), '[test/Pod]', 'spec.containers[0].ports[0].containerPort', `${v} is not a valid port number`);
  });
  test.each(['1.2.3', 'node1', 'fe80::1%eth0'])('fails for hostIp %p', v => {
    expectFails(build({ hostIp: v }), '[test/Pod]', 'spec.containers[0].ports[0].hostIP', `${JSON.stringify(v)} is not a valid IP address`);
  });
  test('fails for an image with spaces', () => {
    expectFails(build({ image: 'nginx 1.9' }), '[test/Pod]', 'spec.containers[0].image', '"nginx 1.9" is not a valid image reference');
    expectFails(build({ image: '' }), '[test/Pod]', 'spec.containers[0].image', '""');
  });
  test('fails for a bad protocol', () => {
    expectFails(build({ protocol: 'HTTP' as Protocol }), '[test/Pod]', 'spec.containers[0].ports[0].protocol', '"HTTP" is not allowed', '"TCP", "UDP", "SCTP"');
  });
  test('fails for a bad imagePullPolicy', () => {
    expectFails(build({ imagePullPolicy: 'Sometimes' as ImagePullPolicy }), '[test/Pod]', 'spec.containers[0].imagePullPolicy', '"Sometimes" is not allowed');
  });
  test('fails for a port name longer than 15 characters', () => {
    expectFails(build({ portName: 'a-very-long-name' }), '[test/Pod]', 'spec.containers[0].ports[0].name', '"a-very-long-name"', 'must be 1-15 characters (has 16)');
  });
  test('fails for a bad container name', () => {
    expectFails(build({ containerName: 'Main' }), '[test/Pod]', 'spec.containers[0].name', '"Main" is not a valid DNS-1123 label');
  });
  test('fails for a bad label key and value', () => {
    expectFails(build({ labels: { 'bad key': 'x' } }), '[test/Pod]', 'metadata.labels["bad key"]', '"bad key" is not a valid label key');
    expectFails(build({ labels: { app: '-x' } }), '[test/Pod]', 'metadata.labels["app"]', '"-x" is not a valid label value');
  });
  test('fails for empty labels', () => {
    expectFails(build({ labels: {} }), '[test/Pod]', 'metadata.labels', 'is empty');
  });
  test('fails for a bad nodeSelector', () => {
    expectFails(build({ nodeSelector: { 'kubernetes.io/hostname': 'node 1' } }), '[test/Pod]', 'spec.nodeSelector["kubernetes.io/hostname"]', '"node 1"');
  });
  test('fails for a bad explicit name', () => {
    expectFails(build({ name: 'Web' }), '[test/Pod]', 'metadata.name', '"Web" is not a valid DNS-1123 subdomain');
  });
  test('fails for an id that derives no valid name, saying to set props.name', () => {
    expectFails(build({}, '---'), '[test/---]', 'metadata.name', 'set props.name');
  });
  test('fails for a relative mount path in files', () => {
    expectFails(build({ files: [{ sourceName: 'site', key: 'a', mountPath: 'etc/a' }] }),
      '[test/Pod]', 'spec.containers[0].volumeMounts[0].mountPath', '"etc/a" is not an absolute path', "allowed: a path beginning with '/'");
  });
  test('fails for the same mount path twice', () => {
    expectFails(build({ files: [{ sourceName: 'a', key: 'x', mountPath: '/x' }, { sourceName: 'b', key: 'y', mountPath: '/x' }] }),
      '[test/Pod]', 'spec.containers[0].volumeMounts[1].mountPath', '"/x" is mounted twice');
  });
  test('fails for a bad file source name', () => {
    expectFails(build({ files: [{ sourceName: 'My_Config', key: 'x', mountPath: '/x' }] }),
      '[test/Pod]', 'props.files[0].sourceName', '"My_Config" is not a valid DNS-1123 subdomain');
  });
  test('a failed construction leaves nothing in the tree', () => {
    const chart = Testing.chart();
    expect(() => new HostPortPod(chart, 'Pod', { ...BASE, hostPort: 0 })).toThrow(/hostPort: 0/);
    expect(chart.node.tryFindChild('Pod')).toBeUndefined();
    expect(Testing.synth(chart)).toEqual([]);
  });
});

test('one error lists every problem (hostPort and image)', () => {
  const e = expectFails(build({ hostPort: 0, image: 'nginx latest' }));
  expect(e.problems).toHaveLength(2);
  expect(e.message.split('\n')).toEqual([
    '[test/Pod] spec.containers[0].ports[0].hostPort: 0 is not a valid port number; allowed: an integer from 1 to 65535',
    '[test/Pod] spec.containers[0].image: "nginx latest" is not a valid image reference: it contains whitespace; allowed: [registry[:port]/]repository[:tag][@sha256:<64 hex>] with a lowercase repository (e.g. "nginx:1.27", "registry.k8s.io/pause:3.9")',
  ]);
});
