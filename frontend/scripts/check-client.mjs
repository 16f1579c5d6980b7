// Fails when the committed generated client differs from what `npm run generate` would write.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/client/schema.d.ts';
const dir = mkdtempSync(join(tmpdir(), 'sammen-client-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync('npx', ['openapi-typescript', '../openapi.yaml', '-o', fresh], { stdio: 'inherit' });
  const a = readFileSync(committed, 'utf8');
  const b = readFileSync(fresh, 'utf8');
  if (a !== b) {
    console.error(`${committed} is out of date with ../openapi.yaml: run \`npm run generate\` and commit it.`);
    process.exit(1);
  }
  console.log(`${committed} matches ../openapi.yaml.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
