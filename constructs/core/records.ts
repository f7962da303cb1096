/** Small helpers for string maps. */

/** A copy of `record` with its keys in code-unit order, so that output is deterministic. */
export function sortKeys(record: { [key: string]: string }): { [key: string]: string } {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
