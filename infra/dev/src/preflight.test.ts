import { createServer } from 'node:net';
import { freePort } from '@vg/db';
import { portProblems, takenPorts, UNSAFE_PORTS } from './preflight';

describe('portProblems', () => {
  it('refuses the ports fetch calls unsafe for HTTP processes only (PostgreSQL is never fetched)', () => {
    expect(UNSAFE_PORTS.has(6000) && UNSAFE_PORTS.has(10080) && UNSAFE_PORTS.has(6666)).toBe(true);
    const problems = portProblems([
      { variable: 'GATEWAY_PORT', port: 6000, http: true },
      { variable: 'EMBEDDED_PG_PORT', port: 6667, http: false },
      { variable: 'PROJECTS_PORT', port: 4002, http: true },
    ]);
    expect(problems).toEqual([expect.stringMatching(/^GATEWAY_PORT=6000: Node's fetch refuses this port as unsafe/)]);
  });

  it('names every setting that shares a port', () => {
    const problems = portProblems([
      { variable: 'GATEWAY_PORT', port: 4100, http: true },
      { variable: 'VOLUNTEERS_PORT', port: 4100, http: true },
      { variable: 'EMBEDDED_PG_PORT', port: 4100, http: false },
    ]);
    expect(problems).toEqual(['GATEWAY_PORT and VOLUNTEERS_PORT and EMBEDDED_PG_PORT are all 4100: every process needs its own port']);
  });
});

describe('takenPorts', () => {
  it('reports a port something listens on, except one allowed (a reusable embedded server)', async () => {
    const port = await freePort();
    const free = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const planned = [
        { variable: 'PROJECTS_PORT', port, http: true },
        { variable: 'INSURANCE_PORT', port: free, http: true },
      ];
      expect(await takenPorts('127.0.0.1', planned)).toEqual([`PROJECTS_PORT=${port}: the port is already in use on 127.0.0.1; stop what uses it or choose another port`]);
      expect(await takenPorts('127.0.0.1', planned, (p) => p.port === port)).toEqual([]);
    } finally {
      server.close();
    }
  });
});
