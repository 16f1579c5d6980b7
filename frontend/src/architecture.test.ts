/**
 * The bulletproof-react rules, checked: features do not import each other, shared code
 * (components, lib) imports no feature, and nothing hand-imports past the generated client's entry.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:from|import)\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

const all = files(SRC).map((path) => ({ path: relative(SRC, path).split(sep).join('/'), deps: imports(path) }));

describe('module boundaries', () => {
  it('features do not import other features', () => {
    const bad = all.flatMap(({ path, deps }) => {
      const own = /^features\/([^/]+)\//.exec(path)?.[1];
      if (!own) return [];
      return deps
        .filter((d) => d.startsWith('@/features/') && !d.startsWith(`@/features/${own}/`))
        .map((d) => `${path} → ${d}`);
    });
    expect(bad).toEqual([]);
  });

  it('shared components and lib import no feature', () => {
    const bad = all.flatMap(({ path, deps }) =>
      /^(components|lib|locales)\//.test(path)
        ? deps.filter((d) => d.startsWith('@/features/') || d.startsWith('@/app/')).map((d) => `${path} → ${d}`)
        : [],
    );
    expect(bad).toEqual([]);
  });

  it('only lib/api.ts talks to the generated client', () => {
    const users = all.filter(({ deps }) => deps.some((d) => d.startsWith('@/client/'))).map(({ path }) => path);
    expect(users).toEqual(['lib/api.ts']);
  });
});

describe('module size', () => {
  it('keeps every component under 300 lines, so a screen splits by part before it sprawls', () => {
    const long = all
      .filter(({ path }) => path.endsWith('.tsx') && !path.endsWith('.test.tsx'))
      .map(({ path }) => [path, readFileSync(join(SRC, path), 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > 300);
    expect(long).toEqual([]);
  });
});
