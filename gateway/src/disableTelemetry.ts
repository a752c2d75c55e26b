// Must run before @apollo/gateway is loaded: otherwise the gateway exports usage metrics to
// Apollo's servers and probes cloud metadata addresses at start-up. This system never calls out.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
