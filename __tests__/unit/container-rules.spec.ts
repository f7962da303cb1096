/**
 * Container rules through the workloads that take container options: environment variable names
 * (IsEnvVarName of 1.27), the keys of mounted files (IsConfigMapKey; they become subPath) and image
 * references (distribution's reference grammar, as the kubelet parses them).
 */
import { Testing } from 'cdk8s';
import { AppDeployment, ContainerOptions, DemoBackend, HostNetworkPod, HostPortPod } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const deployment = (props: Partial<ContainerOptions>) => () => new AppDeployment(Testing.chart(), 'Web', { image: 'nginx:1.27', containerPort: 80, ...props });
const pod = (props: Partial<ContainerOptions>) => () => new HostPortPod(Testing.chart(), 'Pod', { image: 'nginx:1.27', containerPort: 80, hostPort: 30890, ...props });
const env = (name: string) => deployment({ env: [{ name: 'OK', value: '1' }, { name, value: 'x' }] });
const file = (key: string) => pod({ files: [{ sourceName: 'conf', key, mountPath: '/etc/app/file' }] });

describe('envVarNameProblems', () => {
  test.each(['MY_ENV', 'my.env-name', 'MY_ENV.NAME', '_x', '-x', '.x', 'MyEnvName1'])('accepts %p (IsEnvVarName)', name => {
    expect(env(name)).not.toThrow();
  });
  test.each([
    ['', 'it is empty'],
    ['A=B', 'it must consist of letters, digits'],
    ['1ABC', 'not start with a digit'],
    ['MY VAR', 'it must consist of letters, digits'],
    ['ÄRGER', 'it must consist of letters, digits'],
    ['.', "it must not be '.'"],
    ['..', "it must not be '..'"],
    ['..x', "it must not start with '..'"],
  ])('fails for %p', (name, why) => {
    expectFails(env(name), '[test/Web]', 'spec.template.spec.containers[0].env[1].name', `${JSON.stringify(name)} is not a valid environment variable name`, why);
  });
  test('fails on a host-network pod too, with its own field path', () => {
    expectFails(() => new HostNetworkPod(Testing.chart(), 'Pod', { image: 'nginx:1.27', containerPort: 80, env: [{ name: 'A=B', value: '' }] }),
      'spec.containers[0].env[0].name');
  });
});

describe('mountedFileKeyProblems (subPath)', () => {
  test.each(['nginx.conf', 'default.conf', 'tls.crt', '.hidden', 'a..b', 'KEY_NAME'])('accepts %p', key => {
    const p = file(key)();
    const obj = Testing.synth(p.node.scope as any).find((o: any) => o.kind === 'Pod');
    expect(obj.spec.containers[0].volumeMounts[0].subPath).toBe(key);
  });
  test.each([
    ['', 'it is empty'],
    ['..', "it must not be '..'"],
    ['../etc/passwd', "it contains '/'"],
    ['/etc/passwd', "it contains '/'"],
    ['a/../b', "it contains '/'"],
    ['..data', "it must not start with '..'"],
    ['a b', 'letters, digits'],
    ['k'.repeat(254), 'it has 254 characters'],
  ])('fails for %p', (key, why) => {
    expectFails(file(key), '[test/Pod]', 'spec.containers[0].volumeMounts[0].subPath', 'is not a valid ConfigMap or Secret key', why);
  });
});

describe('imageReferenceProblems', () => {
  const D = 'a'.repeat(64);
  test.each([
    'nginx', 'nginx:1.27', 'library/nginx:latest', 'docker.io/library/nginx:1.27', 'registry.k8s.io/ingress-nginx/controller:v1.11.8',
    `registry.k8s.io/ingress-nginx/controller:v1.11.8@sha256:${D}`, `nginx@sha256:${D}`, 'localhost:5000/app', 'localhost/app',
    'Registry.Example.com/team/app:v1', '[::1]:5000/app:1', 'my-registry:5000/a__b/c--d.e:TAG_1', `app@sha512:${'f'.repeat(128)}`,
  ])('accepts %p', image => {
    expect(pod({ image })).not.toThrow();
  });
  test.each([
    ['Nginx:1.27', 'has upper case letters'],
    ['team/MyApp:1', 'has upper case letters'],
    ['nginx:', 'its tag ""'],
    ['nginx:-1', 'its tag "-1"'],
    ['nginx:1.27:2', 'is not [registry[:port]/]path'],
    [`nginx@sha256:${'a'.repeat(63)}`, 'its sha256 digest must be 64 lowercase hex digits'],
    [`nginx@sha256:${'A'.repeat(64)}`, 'its sha256 digest must be 64 lowercase hex digits'],
    ['nginx@sha256:abc', 'is not algorithm:hex'],
    [`nginx@md5:${'a'.repeat(32)}`, 'its digest algorithm "md5" is not supported'],
    ['nginx@', 'is not algorithm:hex'],
    ['-nginx', 'is not [registry[:port]/]path'],
    ['nginx/', 'is not [registry[:port]/]path'],
    ['a'.repeat(64), 'cannot be a 64-character hexadecimal string'],
    [' nginx', 'leading or trailing whitespace'],
    ['', 'it is empty'],
  ])('fails for %p', (image, why) => {
    expectFails(pod({ image }), '[test/Pod]', 'spec.containers[0].image', `${JSON.stringify(image)} is not a valid image reference`, why);
  });
  test('fails for a DemoBackend image too', () => {
    expectFails(() => new DemoBackend(Testing.chart(), 'B', { serviceName: 'b', image: 'Demo:1' }), 'spec.template.spec.containers[0].image', 'upper case');
  });
});
