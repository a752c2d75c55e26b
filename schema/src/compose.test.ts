import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, SUPERGRAPH_PATH } from './compose';
import { REPO_ROOT } from './subgraphs';

describe('schema', () => {
  it('composes without errors, and the committed supergraph is up to date (run `pnpm compose`)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
  });

  it('has up-to-date generated resolver types for every subgraph (run `pnpm codegen`)', () => {
    // In a child process: the code generator's plugins load ES modules that jest's runtime cannot.
    const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    expect(() => execFileSync(process.execPath, [tsx, join(REPO_ROOT, 'schema', 'src', 'codegen.ts'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
