import './disableTelemetry';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopOnSignals } from '@vg/config';
import { createLogger } from '@vg/logger';
import { loadEnvironment } from './environment';
import { gatewayOptionsFrom } from './options';
import { startGateway } from './startGateway';

/** The one place that reads the environment and starts the gateway. */
async function main(): Promise<void> {
  const env = loadEnvironment();
  const logger = createLogger({ name: 'gateway', level: env.LOG_LEVEL });
  const supergraphSdl = readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  const gateway = await startGateway(gatewayOptionsFrom(env, { supergraphSdl, logger }));
  stopOnSignals(logger, () => gateway.stop());
}

main().catch((error) => {
  process.stderr.write(`gateway failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
