import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFLICT_REASONS } from './reasons';

describe('CONFLICT reasons', () => {
  it('are each documented in the README, with the mutations that raise them', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    // The table under the README's "CONFLICT reasons" heading, up to the next heading.
    const section = readme.split(/^#+ /m).find((part) => part.startsWith('CONFLICT reasons')) ?? '';
    const rows = new Map(
      section
        .split('\n')
        .map((line) => /^\| `([A-Z_]+)` \|(.*)\|(.*)\|$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[3]]),
    );
    for (const [reason, { raisedBy }] of Object.entries(CONFLICT_REASONS)) {
      expect({ reason, documented: rows.has(reason) }).toEqual({ reason, documented: true });
      for (const mutation of raisedBy) expect({ reason, mutation, listed: rows.get(reason)!.includes(`\`${mutation}\``) }).toEqual({ reason, mutation, listed: true });
    }
    // Nothing documented that the code cannot raise.
    expect([...rows.keys()].filter((r) => !(r in CONFLICT_REASONS))).toEqual([]);
  });
});
