import { Testing } from 'cdk8s';
import { DnsPolicy, HostNetworkPod, HostNetworkPodProps, Protocol } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const BASE: HostNetworkPodProps = { image: 'nginx:1.9.0', containerPort: 80 };

function synthPod(props: Partial<HostNetworkPodProps> = {}, id = 'Pod2HostNetwork'): { pod: HostNetworkPod; manifest: any[] } {
  const chart = Testing.chart();
  const pod = new HostNetworkPod(chart, id, { ...BASE, ...props });
  return { pod, manifest: Testing.synth(chart) };
}

function build(props: Partial<HostNetworkPodProps>, id = 'Pod'): () => HostNetworkPod {
  return () => new HostNetworkPod(Testing.chart(), id, { ...BASE, ...props });
}

test('defaults', () => {
  const { pod, manifest } = synthPod();
  expect(manifest).toMatchSnapshot();
  expect(manifest).toHaveLength(1);
  const [obj] = manifest;
  expect(obj.kind).toBe('Pod');
  expect(obj.metadata).toEqual({ name: 'pod2-host-network', labels: { app: 'pod2-host-network' } });
  expect(obj.spec).toEqual({
    hostNetwork: true,
    dnsPolicy: 'ClusterFirstWithHostNet',
    containers: [{
      name: 'main',
      image: 'nginx:1.9.0',
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    }],
  });
  // hostPort omitted, no cdk8s-plus defaults
  expect(obj.spec.containers[0].ports[0].hostPort).toBeUndefined();
  expect(obj.spec.securityContext).toBeUndefined();
  expect(obj.spec.containers[0].securityContext).toBeUndefined();
  expect(obj.spec.containers[0].resources).toBeUndefined();
  expect(pod.name).toBe('pod2-host-network');
  expect(pod.labels).toEqual({ app: 'pod2-host-network' });
  expect(pod.containerPort).toBe(80);
  expect(pod.protocol).toBe(Protocol.TCP);
});

test('hostPort equal to containerPort, other dnsPolicy, explicit name and labels', () => {
  const { pod, manifest } = synthPod({
    hostPort: 8080, containerPort: 8080, dnsPolicy: DnsPolicy.DEFAULT, name: 'netpod', labels: { role: 'probe' },
    protocol: Protocol.UDP, nodeSelector: { 'kubernetes.io/hostname': 'node2' },
  });
  expect(manifest).toMatchSnapshot();
  const [obj] = manifest;
  expect(obj.metadata).toEqual({ name: 'netpod', labels: { role: 'probe' } });
  expect(obj.spec.hostNetwork).toBe(true);
  expect(obj.spec.dnsPolicy).toBe('Default');
  expect(obj.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'node2' });
  expect(obj.spec.containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'UDP' }]);
  expect(pod.protocol).toBe(Protocol.UDP);
});

test('dnsPolicy ClusterFirst is kept as given', () => {
  expect(synthPod({ dnsPolicy: DnsPolicy.CLUSTER_FIRST }).manifest[0].spec.dnsPolicy).toBe('ClusterFirst');
});

describe('fails', () => {
  test('fails for hostPort different from containerPort', () => {
    expectFails(build({ hostPort: 8080 }), '[test/Pod]', 'spec.containers[0].ports[0].hostPort', '8080 differs from containerPort 80',
      'allowed with hostNetwork: omitted or equal to containerPort');
  });
  test('fails for a bad dnsPolicy', () => {
    expectFails(build({ dnsPolicy: 'ClusterLast' as DnsPolicy }), '[test/Pod]', 'spec.dnsPolicy', '"ClusterLast" is not allowed',
      '"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"');
  });
  test('fails for dnsPolicy None (the API server needs dnsConfig, which cannot be set)', () => {
    expectFails(build({ dnsPolicy: DnsPolicy.NONE }), '[test/Pod]', 'spec.dnsPolicy', '"None" requires spec.dnsConfig',
      'allowed: "ClusterFirstWithHostNet", "ClusterFirst", "Default"');
  });
  test.each([0, 65536, 2.5])('fails for containerPort %p', v => {
    expectFails(build({ containerPort: v }), '[test/Pod]', 'spec.containers[0].ports[0].containerPort', `${v} is not a valid port number`);
  });
  test('fails for an image with spaces', () => {
    expectFails(build({ image: 'nginx :1.9' }), '[test/Pod]', 'spec.containers[0].image', '"nginx :1.9" is not a valid image reference');
  });
  test('fails for a bad label key', () => {
    expectFails(build({ labels: { 'a/b/c': 'x' } }), '[test/Pod]', 'metadata.labels["a/b/c"]', 'is not a valid label key');
  });
  test('fails for empty labels', () => {
    expectFails(build({ labels: {} }), '[test/Pod]', 'metadata.labels', 'is empty');
  });
  test('fails for a port name longer than 15 characters', () => {
    expectFails(build({ portName: 'sixteen-chars-xx' }), '[test/Pod]', 'spec.containers[0].ports[0].name', '"sixteen-chars-xx"', '1-15 characters');
  });
  test('fails for a relative mount path in files', () => {
    expectFails(build({ files: [{ sourceName: 'cfg', key: 'k', mountPath: 'relative/k' }] }),
      '[test/Pod]', 'spec.containers[0].volumeMounts[0].mountPath', '"relative/k" is not an absolute path');
  });
  test('fails for a derived name that is invalid', () => {
    expectFails(build({}, '__'), '[test/__]', 'metadata.name', 'set props.name');
  });
});

test('one error lists every problem (hostPort and dnsPolicy)', () => {
  const e = expectFails(build({ hostPort: 8080, dnsPolicy: DnsPolicy.NONE }));
  expect(e.problems).toHaveLength(2);
  expect(e.message.split('\n')).toEqual([
    '[test/Pod] spec.containers[0].ports[0].hostPort: 8080 differs from containerPort 80; allowed with hostNetwork: omitted or equal to containerPort',
    '[test/Pod] spec.dnsPolicy: "None" requires spec.dnsConfig, which cdk8s-expose does not set; allowed: "ClusterFirstWithHostNet", "ClusterFirst", "Default"',
  ]);
});
