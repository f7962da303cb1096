/**
 * The built-in renderers, registered once. A new renderer is a module next to this one and
 * one line here.
 */
import { registerIngressRenderer } from '../model/renderer';
import { GATEWAY_API_RENDERER } from './gateway-api';
import { INGRESS_NGINX_RENDERER } from './ingress-nginx';

registerIngressRenderer(INGRESS_NGINX_RENDERER);
registerIngressRenderer(GATEWAY_API_RENDERER);
