/**
 * A workload's labels in two parts (issue 23): the selector, which a Deployment can never change
 * once it is applied (`spec.selector` is immutable in apps/v1), and the pods' labels, which are
 * the selector plus any others (a team, a cost centre) that can change freely.
 */
import { FieldPath } from '../core/field-path';
import { forbidden, invalid, Problem, show } from '../core/problem';
import { labelsProblems } from '../validation/labels';

/** The label props of a workload construct. */
export interface WorkloadLabelProps {
  readonly labels?: { [key: string]: string };
  readonly selectorLabels?: { [key: string]: string };
  readonly podLabels?: { [key: string]: string };
}

/**
 * The selector and the pod labels of a workload named `name`: the selector is `selectorLabels`,
 * else `labels`, else `{ app: <name> }`; the pods carry `podLabels` and the selector.
 * @internal
 */
export function workloadLabelSet(name: string, props: WorkloadLabelProps): { selector: { [key: string]: string }; pod: { [key: string]: string } } {
  const selector = { ...(props.selectorLabels ?? props.labels ?? { app: name }) };
  return { selector, pod: { ...(props.podLabels ?? {}), ...selector } };
}

/**
 * The label props' problems: a valid, non-empty selector; valid pod labels that do not contradict
 * it (the pods would not match their own Deployment); `labels` and `selectorLabels` not both.
 * @internal
 */
export function workloadLabelPropsProblems(props: WorkloadLabelProps, selector: { [key: string]: string }): Problem[] {
  const problems: Problem[] = [];
  if (props.labels !== undefined && props.selectorLabels !== undefined) {
    problems.push(forbidden(FieldPath.prop('labels'), props.labels,
      'is set together with selectorLabels; allowed: one of them (labels is the selector and the pod labels at once; selectorLabels and podLabels split them)'));
  }
  // named as before selectorLabels existed when it is not used
  problems.push(...labelsProblems(props.selectorLabels !== undefined ? FieldPath.prop('selectorLabels') : FieldPath.metadata('labels'), selector, true));
  const pod = props.podLabels ?? {};
  problems.push(...labelsProblems(FieldPath.prop('podLabels'), pod));
  for (const key of Object.keys(pod).filter(k => k in selector && pod[k] !== selector[k])) {
    problems.push(invalid(`${FieldPath.prop('podLabels')}[${show(key)}]`, pod[key],
      `${show(pod[key])} contradicts the selector's ${show(key)}: ${show(selector[key])}; allowed: the selector's value or another key (the pods must match their Deployment's selector)`));
  }
  return problems;
}
