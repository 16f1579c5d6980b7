/**
 * The agenda builder's ordering rules, apart from the screen: moving an item by drag (from one
 * place to another) or by keyboard (arrow keys, Home, End), and whether an order differs from the saved one.
 */

/** `list` with the item at `from` moved to `to` (both clamped into the list); the input is not changed. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Where a keyboard key moves the item at `index` in a list of `length`; null when the key does not move it. */
export function keyTarget(key: string, index: number, length: number): number | null {
  switch (key) {
    case 'ArrowUp':
      return index > 0 ? index - 1 : null;
    case 'ArrowDown':
      return index < length - 1 ? index + 1 : null;
    case 'Home':
      return index > 0 ? 0 : null;
    case 'End':
      return index < length - 1 ? length - 1 : null;
    default:
      return null;
  }
}

/** Whether two orders of the same items differ. */
export function orderChanged<T extends { id: number }>(saved: readonly T[], now: readonly T[]): boolean {
  return saved.length !== now.length || saved.some((item, i) => item.id !== now[i]?.id);
}

/** The id order `now` gives, for the API (every item the caller sees, first to last). */
export function orderIds<T extends { id: number }>(now: readonly T[]): number[] {
  return now.map((i) => i.id);
}

/** Start times of each item from the meeting's start and the items' durations (minutes); null once one has none. */
export function itemStarts(startMillis: number, durations: readonly (number | null)[]): (number | null)[] {
  const out: (number | null)[] = [];
  let at: number | null = startMillis;
  for (const minutes of durations) {
    out.push(at);
    at = at !== null && minutes ? at + minutes * 60_000 : null;
  }
  return out;
}
