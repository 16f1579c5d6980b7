/**
 * What changed between two texts, word by word (Myers' O(ND) difference algorithm on words and the
 * spaces between them). Used to show what a revision of minutes or a new version of a kommissorium
 * changed. Past `maxEdits` differences the texts count as rewritten: all old out, all new in.
 */

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** The shortest edit script from `a` to `b` as runs of same / removed / added tokens. */
export function diffTokens(a: string[], b: string[], maxEdits = 4000): DiffPart[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = middleScript(a.slice(start, endA), b.slice(start, endB), maxEdits);
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, start).join(''));
  for (const [kind, text] of middle) push(kind, text);
  push('same', a.slice(endA).join(''));
  return parts;
}

function middleScript(a: string[], b: string[], maxEdits: number): [DiffPart['kind'], string][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) {
    return [
      ['removed', a.join('')],
      ['added', b.join('')],
    ];
  }
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) {
    return [
      ['removed', a.join('')],
      ['added', b.join('')],
    ];
  }
  // Walk the trace back from (n, m) to (0, 0), collecting the script in reverse.
  const script: [DiffPart['kind'], string][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1]! < prev[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      script.push(['same', a[--x]!]);
      y--;
    }
    if (down) script.push(['added', b[--y]!]);
    else script.push(['removed', a[--x]!]);
  }
  while (x > 0 && y > 0) {
    script.push(['same', a[--x]!]);
    y--;
  }
  return script.reverse();
}

/** Word differences between two texts. */
export function diffWords(before: string, after: string): DiffPart[] {
  return diffTokens(tokens(before), tokens(after));
}
