/**
 * The core kinds every app model reads itself, whatever targets the app uses: the pod templates
 * of Pods, workloads and CronJobs, and `v1` Services.
 */
import {
  ContainerPort, ModelContainer, ModelObject, ModelService, ModelServicePort, PodNodePort, PodTemplate, SecretVolume,
} from './app-model';

const WORKLOAD_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'ReplicationController'];

/** A pod template as read, before the model links it to its ingress controller. */
export type PodTemplateReading = Omit<PodTemplate, 'ownedByController' | 'controller'>;

/** The pod (template) of a Pod, a workload or a CronJob, as `{ metadata, spec }`. */
function podTemplateOf(json: any): any {
  if (json.kind === 'Pod') return json;
  if (WORKLOAD_KINDS.includes(json.kind)) return json.spec?.template;
  if (json.kind === 'CronJob') return json.spec?.jobTemplate?.spec?.template;
  return undefined;
}

function containerOf(c: any): ModelContainer {
  const ports: ContainerPort[] = (c.ports ?? []).map((p: any) => ({
    name: p.name, containerPort: p.containerPort, hostPort: p.hostPort, hostIP: p.hostIP, protocol: p.protocol ?? 'TCP',
  }));
  return { name: c.name, image: String(c.image), args: [...(c.command ?? []), ...(c.args ?? [])].map(String), ports };
}

/**
 * Every port the pod opens on its node: hostPorts, and on the host network every container port
 * (its hostPort, when set, equals it).
 */
function nodePortsOf(spec: any, containers: ModelContainer[]): PodNodePort[] {
  const out: PodNodePort[] = [];
  for (const container of containers) {
    for (const p of container.ports) {
      const port = spec.hostNetwork ? (p.hostPort ?? p.containerPort) : p.hostPort;
      if (typeof port !== 'number' || !port) continue;
      out.push({
        containerName: container.name, port, protocol: p.protocol, hostIp: spec.hostNetwork ? '' : (p.hostIP ?? ''),
        hostNetwork: spec.hostNetwork === true,
      });
    }
  }
  return out;
}

function secretVolumesOf(spec: any): SecretVolume[] {
  const out: SecretVolume[] = [];
  (spec.volumes ?? []).forEach((v: any, i: number) => {
    if (v.secret?.secretName && !v.secret.optional) out.push({ field: `spec.volumes[${i}].secret.secretName`, name: v.secret.secretName });
  });
  return out;
}

/** The pod template of `o`, if it has one. */
export function readPodTemplate(o: ModelObject): PodTemplateReading | undefined {
  const template = podTemplateOf(o.json);
  if (!template) return undefined;
  const spec = template.spec ?? {};
  const running = [...(spec.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always'), ...(spec.containers ?? [])];
  const containers = running.map(containerOf);
  return {
    object: o,
    owner: `${o.json.kind}/${o.json.metadata?.name}`,
    namespace: o.namespace,
    labels: template.metadata?.labels ?? {},
    spec,
    containers,
    ports: containers.flatMap(c => c.ports),
    images: containers.map(c => c.image),
    hostNetwork: spec.hostNetwork === true,
    nodeSelector: spec.nodeSelector ?? {},
    hasAffinity: spec.affinity !== undefined,
    everyNode: o.kind === 'DaemonSet',
    replicas: o.kind === 'Pod' || o.kind === 'DaemonSet' ? undefined : o.json.spec?.replicas ?? 1,
    secretVolumes: secretVolumesOf(spec),
    nodePorts: nodePortsOf(spec, containers),
  };
}

/** `o` as a Service, if it is a `v1` Service. */
export function readService(o: ModelObject): ModelService | undefined {
  if (o.kind !== 'Service' || o.apiVersion !== 'v1') return undefined;
  const spec = o.json.spec ?? {};
  const ports: ModelServicePort[] = (spec.ports ?? []).map((p: any, index: number) => ({
    index, name: p.name, port: p.port, targetPort: p.targetPort, nodePort: typeof p.nodePort === 'number' ? p.nodePort : undefined,
    protocol: p.protocol ?? 'TCP', appProtocol: p.appProtocol,
  }));
  return {
    object: o, namespace: o.namespace, name: o.json.metadata?.name, type: spec.type ?? 'ClusterIP', selector: spec.selector,
    ports, externalIPs: spec.externalIPs ?? [], externalName: spec.externalName,
  };
}
