export { startGateway, type GatewayOptions, type RunningGateway } from './startGateway';
export { loadEnvironment as loadGatewayEnvironment } from './environment';
