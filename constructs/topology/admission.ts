/**
 * Admission webhooks: the API server calls them (a ValidatingWebhookConfiguration's or
 * MutatingWebhookConfiguration's `clientConfig.service`) while it admits objects; no client
 * connects to them and they forward nothing. A webhook's port on a host-network controller is
 * therefore not drawn as an entry point, and the call is drawn from the API server.
 */
import { AppModel, ModelService, PodTemplate } from '../app-checks/app-model';
import { ServiceInfo, resolveTargetPort } from './exposures';
import { GraphBuilder, selects } from './graph';
import { EdgeProtocol, HopKind, TlsMarking, TopologyNodeKind, TopologyZone } from './types';

const WEBHOOK_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'];

/** One webhook's Service reference: what the API server calls. */
export interface WebhookCall {
  readonly configuration: string;
  readonly namespace: string;
  readonly service: string;
  /** `clientConfig.service.port`, 443 when not set (the API's default). */
  readonly port: number;
  /** What it admits (`ingresses`), from its rules. */
  readonly resources: string[];
}

/** Every webhook of the model that calls a Service. */
export function webhookCalls(model: AppModel): WebhookCall[] {
  const out: WebhookCall[] = [];
  for (const o of model.objects.filter(x => WEBHOOK_KINDS.includes(x.kind))) {
    for (const w of (o.json.webhooks ?? []) as any[]) {
      const svc = w?.clientConfig?.service;
      if (!svc?.name) continue;
      const resources = ((w.rules ?? []) as any[]).flatMap(r => (r.resources ?? []) as string[]);
      out.push({ configuration: o.name, namespace: svc.namespace ?? 'default', service: svc.name, port: svc.port ?? 443, resources: [...new Set(resources)] });
    }
  }
  return out;
}

/** The Services webhooks call (read once per topology). */
export function webhookServices(model: AppModel): ModelService[] {
  const calls = webhookCalls(model);
  return model.services.filter(s => calls.some(c => c.namespace === s.object.namespace && c.service === s.object.name));
}

/** Whether `containerPort` of `pod` is what one of the webhooks' Services sends to (then it is no client's entry point). */
export function isWebhookPort(webhooks: readonly ModelService[], pod: PodTemplate, containerPort: number): boolean {
  return webhooks.some(s => s.object.namespace === pod.object.namespace && selects(s.selector, pod.labels)
    && s.ports.some(p => {
      const resolved = resolveTargetPort(p, pod);
      return (typeof resolved === 'number' ? resolved : resolved?.containerPort) === containerPort;
    }));
}

/** The API server and its calls to the webhooks' Services (the Services then reach the webhook's pods). */
export function addAdmissionCalls(g: GraphBuilder, model: AppModel, services: readonly ServiceInfo[]): void {
  for (const call of webhookCalls(model)) {
    const svc = services.find(s => s.service.object.namespace === call.namespace && s.service.object.name === call.service);
    if (!svc) continue;
    const api = g.node({
      id: 'hop/api-server', kind: TopologyNodeKind.HOP, hopKind: HopKind.API_SERVER, zone: TopologyZone.CONTROL_PLANE,
      label: 'API server', details: ['calls admission webhooks while it admits objects', 'not a client\'s path; forwards nothing'],
    });
    const what = call.resources.length > 0 ? `admission call (${call.resources.join(', ')})` : 'admission call';
    g.edge(api, svc.id, EdgeProtocol.HTTPS, TlsMarking.TERMINATED, call.port, svc.service.object.group, what);
  }
}
