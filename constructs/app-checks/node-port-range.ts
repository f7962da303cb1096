/**
 * The nodePort range of the cluster an app is for: the API server's `--service-node-port-range`
 * (30000-32767 unless the cluster sets another), declared once on the app
 * (`CrossObjectChecks.declareNodePortRange`) and read by every check that knows nodePorts: the
 * Services' constructors, the app-wide `node-port` and `host-port-node-port` families.
 */
import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { invalid, Problem, show } from '../core/problem';
import { NODE_PORT_RANGE, notAnIntegerReason } from '../validation/ports';
import { FactKind, factsOf } from './construct-facts';

/** A nodePort range, both ends included. */
export interface NodePortRange {
  readonly min: number;
  readonly max: number;
  /** Declared for the app (false: the API server's default). */
  readonly declared: boolean;
}

/** The range declared on an App (`CrossObjectChecks.declareNodePortRange`); the last one wins. */
export const NODE_PORT_RANGE_FACT = new FactKind<NodePortRange>('nodePort range');

/** The API server's default range. */
export const DEFAULT_NODE_PORT_RANGE: NodePortRange = { min: NODE_PORT_RANGE.min, max: NODE_PORT_RANGE.max, declared: false };

/** The nodePort range of the app `scope` belongs to. */
export function nodePortRangeOf(scope: IConstruct): NodePortRange {
  const declared = factsOf(App.of(scope), NODE_PORT_RANGE_FACT);
  return declared.length > 0 ? declared[declared.length - 1] : DEFAULT_NODE_PORT_RANGE;
}

/** How a message names the range: `30000-32767 (the API server's default --service-node-port-range)`. */
export function describeNodePortRange(range: NodePortRange): string {
  return `${range.min}-${range.max} ${rangeSource(range)}`;
}

function rangeSource(range: NodePortRange): string {
  return range.declared ? '(the --service-node-port-range declared for this app)' : '(the API server\'s default --service-node-port-range)';
}

/** A declared range: integers, 1 <= min <= max <= 65535 (what `--service-node-port-range` parses to). */
export function nodePortRangeProblems(min: number, max: number): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of [['min', min], ['max', max]] as const) {
    const reason = notAnIntegerReason(value);
    if (reason !== undefined || value < 1 || value > 65535) {
      problems.push(invalid(FieldPath.prop(name), value, `${show(value)} is not a valid port${reason ? `: it ${reason}` : ''}; allowed: an integer from 1 to 65535`));
    }
  }
  if (problems.length === 0 && min > max) {
    problems.push(invalid(FieldPath.prop('max'), max, `${max} is below min ${min}; allowed: a range min-max with min <= max (e.g. 30000-32767)`));
  }
  return problems;
}

/** A nodePort: an integer inside `range`. */
export function nodePortInRangeProblems(field: FieldPath | string, value: number, range: NodePortRange): Problem[] {
  const reason = notAnIntegerReason(value);
  if (reason !== undefined) {
    return [invalid(field, value, `${show(value)} is not a valid nodePort: it ${reason}; allowed: an integer from ${range.min} ` +
      `to ${range.max} ${rangeSource(range)}`)];
  }
  if (value >= range.min && value <= range.max) return [];
  return [invalid(field, value, `${show(value)} is outside the allowed range ${describeNodePortRange(range)}`)];
}
