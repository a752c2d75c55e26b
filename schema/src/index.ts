export { SUBGRAPHS, loadSubgraphs, serviceDir, REPO_ROOT, type SubgraphName, type SubgraphSource } from './subgraphs';
export { composeSupergraph, SUPERGRAPH_PATH } from './compose';
