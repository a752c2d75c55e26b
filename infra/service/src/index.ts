export { defineService, type ServiceWorker, type ServiceContext, type ServiceDefinition, type ServiceDeps, type ServiceSecrets } from './ServiceDefinition';
export { defaultSubgraphUrl, loadServiceEnvironment, LOG_LEVELS, serviceEnvironmentSchema } from './environment';
export { serviceDeps, startService, type RunningService, type StartServiceOptions } from './startService';
export { redactUrl, runService } from './runService';
export { definitionsInStartOrder, loadServiceDefinition } from './registry';
export { dataContext, type DataContext } from './dataContext';
export { waitForSubgraphs } from './waitForSubgraphs';
export { pollingLoop, type PollingLoopOptions } from './pollingLoop';
export { personalDataAudit, personalDataReads, PERSONAL_DATA_AUDIT_ID, type PersonalDataReadsArgs, type PersonalDataReadNode } from './personalDataAudit';
