/** The ingress-nginx annotation keys the renderer and its checks share. */

import { INGRESS_NGINX_ANNOTATIONS_PREFIX } from './annotation-rules';

/** The prefix of every ingress-nginx annotation. */
export const NGINX_ANNOTATION_PREFIX = `${INGRESS_NGINX_ANNOTATIONS_PREFIX}/`;

/** `ssl-passthrough` and `proxy-ssl-secret`, with the prefix. */
export const SSL_PASSTHROUGH_ANNOTATION = `${NGINX_ANNOTATION_PREFIX}ssl-passthrough`;
export const PROXY_SSL_SECRET_ANNOTATION = `${NGINX_ANNOTATION_PREFIX}proxy-ssl-secret`;
