export { startGateway, type GatewayOptions, type RunningGateway } from './startGateway';
export { loadEnvironment, type GatewayEnvironment } from './environment';
export { gatewayOptionsFrom } from './options';
export { TOOL_INTROSPECTION_QUERIES } from './introspectionQueries';
export { DEFAULT_DOCUMENT_LIMITS, documentRules } from './queryLimits';
export { DEFAULT_COST_LIMITS, operationCost } from './queryCost';
export { DEFAULT_RATE_LIMITS, type RateLimits } from './rateLimits';
export { documentPrecheck } from './documentPrecheck';
