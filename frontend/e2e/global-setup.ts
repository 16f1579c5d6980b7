/**
 * Start the real backend for the e2e run: fresh SQLite database, migrations, the demo seed,
 * then `sammen.cli serve` on a free port serving the built SPA. The URL reaches the tests
 * through E2E_BASE_URL; the returned function stops the server.
 *
 * SAMMEN_PYTHON picks the interpreter (default: ../.venv/bin/python if present, else python3).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FRONTEND = fileURLToPath(new URL('..', import.meta.url));
const REPO = resolve(FRONTEND, '..');

function python(): string {
  if (process.env.SAMMEN_PYTHON) return process.env.SAMMEN_PYTHON;
  const venv = join(REPO, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the backend exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the backend did not answer ${url}/api/v1/health within ${timeoutMs} ms`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dist = join(FRONTEND, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('frontend/dist is missing: run `npm run build` first (npm run test:e2e does).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'sammen-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite+aiosqlite:///${join(dir, 'e2e.db')}`,
    DEMO_MODE: 'true',
    // The refresh cookie is Secure by default; plain http://127.0.0.1 is fine for Chromium either way,
    // but a non-Secure cookie keeps the run independent of browser quirks.
    COOKIE_SECURE: process.env.E2E_COOKIE_SECURE ?? 'false',
    SPA_DIST: dist,
    PYTHONPATH: join(REPO, 'backend'),
  };
  for (const args of [['db', 'upgrade'], ['seed', '--demo']]) {
    const run = spawnSync(python(), ['-m', 'sammen.cli', ...args], { cwd: REPO, env, encoding: 'utf8' });
    if (run.status !== 0) {
      throw new Error(`sammen.cli ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
  }
  const child = spawn(python(), ['-m', 'sammen.cli', 'serve', '--port', String(port)], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'ignore', process.env.E2E_SERVER_LOG ? 'inherit' : 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  process.env.E2E_BASE_URL = url;

  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          r(null);
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          r(null);
        });
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
