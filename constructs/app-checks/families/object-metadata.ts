/**
 * `object-metadata`: what the API server's `ValidateObjectMeta` refuses in any object of the app,
 * raw `k8s.Kube*` objects included: a namespace that is not a DNS-1123 label
 * (`ValidateNamespaceName`, e.g. a chart's `namespace: 'Bad_NS'`), annotation keys that are not
 * qualified names and annotations over 256 KiB in total (`ValidateAnnotations`).
 */
import { annotationsSize, qualifiedNameProblem, TOTAL_ANNOTATION_SIZE_LIMIT_B } from '../../validation/metadata-rules';
import { invalid } from '../../core/problem';
import { AppModel } from '../app-model';
import { error, Finding } from '../findings';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Every object's namespace and annotations, as the API server checks them: errors. */
export function checkObjectMetadata(model: AppModel): Finding[] {
  const findings: Finding[] = [];
  for (const o of model.objects) {
    const metadata = o.json.metadata ?? {};
    const ns = metadata.namespace;
    if (typeof ns === 'string' && ns !== '' && (ns.length > 63 || !DNS1123_LABEL.test(ns))) {
      findings.push(error(o.path, 'object-metadata', invalid('metadata.namespace', ns, `${JSON.stringify(ns)} is not a valid namespace name ` +
        '(ValidateNamespaceName: a DNS-1123 label); allowed: 1-63 lowercase letters, digits or \'-\', starting and ending with a letter or digit')));
    }
    const annotations: Record<string, string> = metadata.annotations ?? {};
    for (const key of Object.keys(annotations)) {
      const problem = qualifiedNameProblem(key.toLowerCase());
      if (problem !== undefined) {
        findings.push(error(o.path, 'object-metadata', invalid(`metadata.annotations[${JSON.stringify(key)}]`, key, `not a valid annotation key: ` +
          `${problem}; allowed: an optional DNS subdomain prefix and '/', then a name of 1-63 alphanumerics, '-', '_' or '.'`)));
      }
    }
    const size = annotationsSize(annotations);
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
      findings.push(error(o.path, 'object-metadata', invalid('metadata.annotations', size, `total ${size} bytes is too long; allowed: at most ` +
        `${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes (TotalAnnotationSizeLimitB)`)));
    }
  }
  return findings;
}
