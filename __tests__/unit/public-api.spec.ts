/**
 * The package's public API, name by name: the entry (`cdk8s-expose`) and the `cdk8s-expose/errors`
 * subpath, as mapped by package.json "exports". The lists were taken from the tree before the
 * layered layout (commit caa5765); an added, removed or renamed export fails here on purpose.
 * Update the lists only for a deliberate API change. A renamed export keeps its old name, deprecated
 * (issue 19: `LabCertificateAuthority` and its props, `DEMO_BACKEND_*`).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const REPO_ROOT = path.join(__dirname, '..', '..');

/** Runtime exports (classes, enums, constants) of the package entry. */
const ENTRY_VALUES = [
  'AppDeployment', 'BackendProtocol', 'CERT_MANAGER_ANNOTATIONS', 'CertManagerIssuerKind', 'CertManagerMode',
  'CertificateAuthority', 'ClusterIpService', 'ControllerKind', 'ControllerServiceType', 'CrossObjectChecks', 'DEMO_BACKEND_CONFIG_DIR',
  'DEMO_BACKEND_IMAGE', 'DEMO_BACKEND_TLS_DIR', 'DEMO_BACKEND_UID', 'DemoBackend', 'DnsPolicy', 'ExposeApp', 'ExposeErrors',
  'ExternalIpService', 'ExternalTrafficPolicy', 'FindingSeverity', 'HostNetworkPod', 'HostPortPod', 'HttpIngress',
  'INGRESS_CLASS_ANNOTATION', 'INGRESS_NGINX_VERSION', 'ImagePullPolicy', 'IngressBase', 'IngressNginxController',
  'IngressNginxImage', 'LabCertificateAuthority', 'NGINX_ANNOTATION_PREFIX', 'NodePortService', 'PathType',
  'PrivateKeyAlgorithm', 'Protocol', 'Routing', 'RoutingTarget', 'RoutingTargetKind', 'ServiceBase', 'TaintEffect', 'TlsCertificate', 'TlsCertificateSource',
  'TlsIngress', 'TlsMode', 'TolerationOperator', 'UnverifiedBackendTls', 'Warnings', 'WebhookCertificateSource', 'WebhookFailurePolicy',
  'EdgeProtocol', 'EntryPointKind', 'HopKind', 'TlsMarking', 'Topology', 'TopologyNodeKind', 'TopologyZone',
  // issue 19: targets that render themselves, one problem shape
  'GatewayApiTarget', 'IngressNginxTarget', 'ProblemKind', 'ServiceBackend',
  // issue 19: the backend CA as a certificate source object
  'BackendCa',
  // issue 23: GitOps (stages and sync waves, the Flux layout, certgen Jobs that stay)
  'CertgenJobLifecycle', 'DeployPlan', 'DeployStage', 'FluxLayout', 'SYNC_WAVE_ANNOTATION',
  // issue 24: LoadBalancer Services, the Service shape, NetworkPolicies, Pod Security, shared Gateways
  'ExposureNetworkPolicies', 'GatewayAddressType', 'GatewayDataPlane', 'IpFamily', 'IpFamilyPolicy', 'LoadBalancerService', 'PodSecurity',
  // issue 25: the topology's edge kinds (traffic, or where a proxy's endpoints come from)
  'EdgeKind',
  // issue 20: the ingress-nginx releases rendered; Pod Security labels for host-access namespaces
  'IngressNginxRelease', 'PodSecurityLabels', 'PodSecurityLevel',
];

/** Type-only exports (interfaces) of the package entry: invisible at runtime, part of the API all the same. */
const ENTRY_TYPES = [
  'AppDeploymentProps', 'CertManagerCertificateOptions', 'CertManagerIssuerRef', 'CertificateAuthorityProps', 'CertificateFilesCheck',
  'CertificateFilesReport', 'ClusterIpServiceProps', 'ContainerOptions', 'DemoBackendProps', 'EnvVariable',
  'ExistingGateway', 'ExposeWarning', 'ExternalIpServiceProps', 'Finding', 'GatewayApiOptions', 'HostListener', 'HostNetworkPodProps', 'HostPortPodProps',
  'HttpIngressProps', 'IngressBackend', 'IngressCertificateOptions', 'IngressControllerFacts', 'IngressModeSpec', 'IngressNginxControllerProps',
  'IngressNginxImageOptions', 'IngressOptions', 'LabCertificateAuthorityProps', 'LabIngressCertificateOptions',
  'LabServerCertificateProps', 'MountedFile', 'NodePortServiceProps', 'ServerCertificateProps', 'ServiceOptions', 'ServiceTypeSpec',
  'TlsCertificateFromFilesOptions', 'TlsCertificateUse', 'TlsIngressProps', 'Toleration',
  'TopologyEdge', 'TopologyNode', 'TopologyRenderOptions', 'TopologySource',
  // issue 19
  'BackendVerification', 'Exposure', 'ExposureTls', 'IRoutingTarget', 'IngressNginxTargetOptions', 'Problem', 'ServiceBackendOptions',
  // the YAML cache of ExposeApp (the bench margin of issue 19)
  'ExposeAppProps', 'IYamlCache',
  // issue 23
  'FluxLayoutFile', 'FluxLayoutOptions', 'ManifestGroup', 'ObjectDependency',
  // issue 24
  'ExposureNetworkPoliciesProps', 'GatewayAddress', 'GatewayInfrastructure', 'IGatewayDataPlane', 'LoadBalancerServiceProps', 'NetworkPeer',
  'PlatformGateway', 'RestrictedPodSecurityOptions', 'ServicePort',
];

/** `cdk8s-expose/errors`: for TypeScript users who want `instanceof`. */
const ERRORS_VALUES = ['ExposeErrors', 'ExposeValidationError'];
const ERRORS_TYPES: string[] = [];

/** The source file behind a package.json "exports" entry (lib/constructs/x.js -> constructs/x.ts). */
function sourceOf(subpath: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const target: string = pkg.exports[subpath].default;
  expect(target).toMatch(/^\.\/lib\/.*\.js$/);
  return path.join(REPO_ROOT, target.replace(/^\.\/lib\//, '').replace(/\.js$/, '.ts'));
}

const sorted = (names: Iterable<string>): string[] => [...names].sort();

/**
 * Names of the module's runtime exports. swc compiles file by file, so `export { SomeInterface }`
 * leaves an export whose value is undefined (tsc drops it); those are types, checked below.
 */
function runtimeExports(file: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module named at run time, loaded as jest would
  const m = require(file);
  return sorted(Object.keys(m).filter(name => m[name] !== undefined));
}

/** Every TypeScript file under `dir`. */
function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? sourcesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/**
 * Value and type-only export names of each module, from one TypeScript program of the package's
 * own sources (constructs/). `noResolve` and `noLib` keep cdk8s, cdk8s-plus-27, imports/ and the
 * standard library out of it (four fifths of the parse, and of this file's time): the kind of an
 * exported name is decided by its declaration, which is ours. A name re-exported from another
 * package has no declaration in this program: that fails here, naming it.
 */
function compilerExports(files: string[]): Map<string, { values: string[]; types: string[] }> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true, noEmit: true, types: [], noResolve: true, noLib: true,
  };
  // JSDoc is not parsed: in TypeScript sources it decides no export's kind (the same 144 names and kinds either
  // way, compared when this was written), and the parse of every file was a seventh to a quarter of the program's cost
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
  const program = ts.createProgram({ rootNames: sourcesUnder(path.join(REPO_ROOT, 'constructs')), options, host });
  const checker = program.getTypeChecker();
  const result = new Map<string, { values: string[]; types: string[] }>();
  for (const file of files) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    const values: string[] = [];
    const types: string[] = [];
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (!target.declarations?.length) throw new Error(`${path.relative(REPO_ROOT, file)}: export ${symbol.name} is not declared under constructs/`);
      (target.flags & ts.SymbolFlags.Value ? values : types).push(symbol.name);
    }
    result.set(file, { values: sorted(values), types: sorted(types) });
  }
  return result;
}

const ENTRY = sourceOf('.');
const ERRORS = sourceOf('./errors');

test('package.json "exports" maps exactly the entry, ./errors, ./validation-plugin and ./package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  expect(Object.keys(pkg.exports).sort()).toEqual(['.', './errors', './package.json', './validation-plugin']);
  // the consumers' cdk8s.yaml names the plugin's class from this entry (README, "Using it from another project")
  expect(pkg.exports['./validation-plugin'].default).toBe('./lib/validation-plugin/index.js');
  expect(fs.existsSync(path.join(REPO_ROOT, 'validation-plugin', 'src', 'index.ts'))).toBe(true);
  expect(ENTRY).toBe(path.join(REPO_ROOT, 'constructs', 'index.ts'));
  expect(fs.existsSync(ERRORS)).toBe(true);
});

test('runtime exports of the package entry', () => {
  expect(runtimeExports(ENTRY)).toEqual(sorted(ENTRY_VALUES));
});

test('runtime exports of cdk8s-expose/errors', () => {
  expect(runtimeExports(ERRORS)).toEqual(sorted(ERRORS_VALUES));
});

test('value and type-only exports, as the TypeScript compiler sees them', () => {
  const exports = compilerExports([ENTRY, ERRORS]);
  expect(exports.get(ENTRY)).toEqual({ values: sorted(ENTRY_VALUES), types: sorted(ENTRY_TYPES) });
  expect(exports.get(ERRORS)).toEqual({ values: sorted(ERRORS_VALUES), types: sorted(ERRORS_TYPES) });
});
