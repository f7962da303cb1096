/**
 * Pod tolerations of the controller (a DaemonSet skips tainted nodes, such as control-plane
 * nodes, unless its pods tolerate the taint).
 */
import * as k8s from '../../imports/k8s';

/**
 * How a toleration matches a taint.
 * @stable
 */
export enum TolerationOperator {
  /** Matches any value of the key (or any taint, without a key). */
  EXISTS = 'Exists',
  /** Matches the key with exactly this value. */
  EQUAL = 'Equal',
}

/**
 * A taint effect.
 * @stable
 */
export enum TaintEffect {
  /** Pods that don't tolerate the taint are not scheduled there. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler tries to avoid the node. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Pods that don't tolerate the taint are also evicted. */
  NO_EXECUTE = 'NoExecute',
}

/**
 * A pod toleration, e.g. to run the controller on tainted control-plane nodes.
 * @stable
 */
export interface Toleration {
  /**
   * Taint key; empty with `EXISTS` tolerates every taint.
   * @default - all keys (operator must be EXISTS)
   */
  readonly key?: string;
  /**
   * How the value matches.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * Taint value (EQUAL only).
   * @default ''
   */
  readonly value?: string;
  /**
   * Taint effect to tolerate.
   * @default - all effects
   */
  readonly effect?: TaintEffect;
  /**
   * NO_EXECUTE only: how long the pod stays after the taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** @internal The toleration with its operator filled in (Equal by default, as the API server does). */
export function withDefaultOperator(t: Toleration): Toleration & { readonly operator: TolerationOperator } {
  return { key: t.key, operator: t.operator ?? TolerationOperator.EQUAL, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds };
}

/** @internal The manifest form of a toleration. */
export function toKubeToleration(t: Toleration): k8s.Toleration {
  return { key: t.key, operator: t.operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds };
}
