/**
 * The container options shared by HostPortPod, HostNetworkPod and AppDeployment, and the
 * one place that turns them into a Kubernetes container.
 *
 * Deliberately plain: no cdk8s-plus defaults (`runAsNonRoot`, `readOnlyRootFilesystem`,
 * 1-CPU requests), because common images such as the stock nginx start as root and write to
 * /var/cache/nginx. Add a security context yourself when your image supports it.
 */
import { ApiObject } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { ImagePullPolicy, Protocol } from '../core/enums';
import { FieldPath } from '../core/field-path';
import { Problem } from '../core/problem';
import { imageReferenceProblems } from '../validation/image-references';
import { labelsProblems } from '../validation/labels';
import { dns1123LabelProblems, dns1123SubdomainProblems } from '../validation/names';
import { portNameProblems, portNumberProblems } from '../validation/ports';
import { integerRangeProblems, oneOfProblems } from '../validation/values';
import { envVarNameProblems, mountedFileKeyProblems, mountPathProblems } from './container-rules';

/**
 * A file from a ConfigMap or Secret key, mounted into the container at `mountPath`.
 * @stable
 */
export interface MountedFile {
  /** Name of the ConfigMap (or Secret, with `fromSecret`) that holds the file. */
  readonly sourceName: string;
  /** The key in that ConfigMap or Secret. */
  readonly key: string;
  /** Absolute path of the file inside the container. */
  readonly mountPath: string;
  /**
   * Read the key from a Secret instead of a ConfigMap.
   * @default false
   */
  readonly fromSecret?: boolean;
}

/**
 * A container's environment variable.
 * @stable
 */
export interface EnvVariable {
  /** Variable name. */
  readonly name: string;
  /** Value. */
  readonly value: string;
}

/**
 * Options of the one container of a cdk8s-expose workload.
 * @stable
 */
export interface ContainerOptions {
  /** Container image, e.g. `nginx:1.9.0`. */
  readonly image: string;
  /** The port the container listens on. */
  readonly containerPort: number;
  /**
   * Protocol of the container port.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * Name of the container port (IANA_SVC_NAME, at most 15 characters), so a Service can
   * target it by name.
   * @default - the port is unnamed
   */
  readonly portName?: string;
  /**
   * Name of the container.
   * @default 'main'
   */
  readonly containerName?: string;
  /**
   * Image pull policy.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Entrypoint override.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Environment variables, in this order.
   * @default - none
   */
  readonly env?: EnvVariable[];
  /**
   * Files mounted from ConfigMaps or Secrets (one volume per source, `subPath` mounts).
   * @default - none
   */
  readonly files?: MountedFile[];
  /**
   * Node labels the pod must run on.
   * @default - any node
   */
  readonly nodeSelector?: { [key: string]: string };
}

/** What `buildContainer` returns: the container and the pod volumes it needs. */
export interface BuiltContainer {
  readonly container: k8s.Container;
  readonly volumes: k8s.Volume[];
}

/** The manifest fields of the one container of a pod spec at `podSpec` (`spec`, `spec.template.spec`). */
function containerFields(podSpec: FieldPath) {
  const container = podSpec.child('containers').index(0);
  const port = container.child('ports').index(0);
  return { container, port, mount: (i: number) => container.child('volumeMounts').index(i) };
}

/**
 * The problems of the shared container options. `podSpec` is where the pod spec sits in the
 * manifest (`spec` for a Pod, `spec.template.spec` for a Deployment).
 * @internal
 */
export function containerOptionsProblems(podSpec: FieldPath, options: ContainerOptions): Problem[] {
  const f = containerFields(podSpec);
  const problems = [
    ...dns1123LabelProblems(f.container.child('name'), options.containerName ?? 'main'),
    ...imageReferenceProblems(f.container.child('image'), options.image),
    ...portNumberProblems(f.port.child('containerPort'), options.containerPort),
    ...oneOfProblems(f.port.child('protocol'), options.protocol ?? Protocol.TCP, Object.values(Protocol)),
    ...(options.portName !== undefined ? portNameProblems(f.port.child('name'), options.portName) : []),
    ...oneOfProblems(f.container.child('imagePullPolicy'), options.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT, Object.values(ImagePullPolicy)),
    ...(options.nodeSelector ? labelsProblems(podSpec.child('nodeSelector'), options.nodeSelector) : []),
  ];
  const files = options.files ?? [];
  files.forEach((file, i) => {
    // one mount per file, in order: files[i] is volumeMounts[i]
    problems.push(...mountPathProblems(f.mount(i).child('mountPath'), file.mountPath, files.slice(0, i).map(e => e.mountPath)));
    // files of one source share a volume, so sourceName has no single manifest field
    problems.push(...dns1123SubdomainProblems(FieldPath.prop('files').index(i).child('sourceName'), file.sourceName));
    problems.push(...mountedFileKeyProblems(f.mount(i).child('subPath'), file.key));
  });
  (options.env ?? []).forEach((e, i) => problems.push(...envVarNameProblems(f.container.child('env').index(i).child('name'), e.name)));
  return problems;
}

/** One volume per source (ConfigMap or Secret), one read-only `subPath` mount per file, in order. */
function fileVolumes(files: readonly MountedFile[]): { volumes: k8s.Volume[]; volumeMounts: k8s.VolumeMount[] } {
  const volumes: k8s.Volume[] = [];
  const volumeBySource = new Map<string, string>();
  const volumeMounts = files.map(file => {
    const sourceKey = `${file.fromSecret ? 'secret' : 'configmap'}/${file.sourceName}`;
    let volumeName = volumeBySource.get(sourceKey);
    if (!volumeName) {
      volumeName = `${file.fromSecret ? 'secret' : 'config'}-${volumes.length}`;
      volumeBySource.set(sourceKey, volumeName);
      volumes.push(file.fromSecret
        ? { name: volumeName, secret: { secretName: file.sourceName } }
        : { name: volumeName, configMap: { name: file.sourceName } });
    }
    return { name: volumeName, mountPath: file.mountPath, subPath: file.key, readOnly: true };
  });
  return { volumes, volumeMounts };
}

/**
 * The container of options that {@link containerOptionsProblems} found no problem with, and the
 * pod volumes it needs.
 * @internal
 */
export function buildContainer(options: ContainerOptions, extraPort: Partial<k8s.ContainerPort> = {}): BuiltContainer {
  const { volumes, volumeMounts } = fileVolumes(options.files ?? []);
  const env = (options.env ?? []).map(e => ({ name: e.name, value: e.value }));
  const container: k8s.Container = {
    name: options.containerName ?? 'main',
    image: options.image,
    imagePullPolicy: options.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
    command: options.command,
    args: options.args,
    env: env.length > 0 ? env : undefined,
    ports: [{
      name: options.portName,
      containerPort: options.containerPort,
      protocol: options.protocol ?? Protocol.TCP,
      ...extraPort,
    }],
    volumeMounts: volumeMounts.length > 0 ? volumeMounts : undefined,
  };
  return { container, volumes };
}

/**
 * A workload's labels: `{ app: name }` unless labels are given.
 * @internal
 */
export function workloadLabels(name: string, labels: { [key: string]: string } | undefined): { [key: string]: string } {
  return labels ?? { app: name };
}

/**
 * A workload's labels are its pods' labels and what Services select: valid and not empty.
 * @internal
 */
export function workloadLabelsProblems(labels: { [key: string]: string }): Problem[] {
  return labelsProblems(FieldPath.metadata('labels'), labels, true);
}

/**
 * `spec.replicas` of a workload's Deployment: 0-1000.
 * @internal
 */
export function replicasProblems(replicas: number): Problem[] {
  return integerRangeProblems(FieldPath.spec('replicas'), replicas, 0, 1000);
}

/**
 * The Deployment `Resource` of a workload: the selector is a copy of `labels`, the pod and object
 * labels copies of `podLabels` (by default the same; no shared objects, so the YAML has no aliases).
 * @internal
 */
export function addDeployment(scope: Construct, name: string, labels: { [key: string]: string }, replicas: number,
  podSpec: k8s.PodSpec, podLabels: { [key: string]: string } = labels): ApiObject {
  return new k8s.KubeDeployment(scope, 'Resource', {
    metadata: { name, labels: { ...podLabels } },
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...podLabels } }, spec: podSpec },
    },
  });
}
