import { join } from 'node:path';
import { serviceDir, SUBGRAPHS } from '@vg/schema/src/subgraphs';
import type { ServiceDefinition } from './ServiceDefinition';

/** The definition a subgraph's `src/service.ts` exports (loaded by path: services never import each other). */
export function loadServiceDefinition(name: string): ServiceDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- by path, so no package lists every service
  return (require(join(serviceDir(name), 'src', 'service')) as { service: ServiceDefinition }).service;
}

/** Every registered subgraph's definition, each after the subgraphs it calls (for starting in order). */
export function definitionsInStartOrder(): ServiceDefinition[] {
  const definitions = new Map(SUBGRAPHS.map(({ name }) => [name as string, loadServiceDefinition(name)]));
  const ordered: ServiceDefinition[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.some((d) => d.name === name)) return;
    if (visiting.has(name)) throw new Error(`subgraphs call each other in a cycle through ${name}`);
    const definition = definitions.get(name);
    if (!definition) throw new Error(`${name} is called but not in the subgraph registry`);
    visiting.add(name);
    for (const called of definition.calls ?? []) visit(called);
    visiting.delete(name);
    ordered.push(definition);
  };
  for (const name of definitions.keys()) visit(name);
  return ordered;
}
