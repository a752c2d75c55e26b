export { startGateway, type GatewayOptions, type RunningGateway } from './startGateway';
export { loadEnvironment, type GatewayEnvironment } from './environment';
export { gatewayOptionsFrom } from './options';
export { TOOL_INTROSPECTION_QUERIES } from './introspectionQueries';
