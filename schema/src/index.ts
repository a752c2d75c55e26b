export { SUBGRAPHS, loadSubgraphs, type SubgraphSource } from './subgraphs';
export { composeSupergraph, SUPERGRAPH_PATH } from './compose';
