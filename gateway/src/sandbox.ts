import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Serves GraphiQL (one self-contained page: no CDN, works offline) as the landing page for
 * browsers that GET the GraphQL endpoint: the data staff's sandbox, with the docs explorer.
 */
export function offlineSandboxPlugin(endpoint: string): ApolloServerPlugin {
  let html: string | undefined;
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          html ??= renderGraphiQL({ endpoint, title: 'Volunteer Graph sandbox', defaultQuery: DEFAULT_QUERY });
          return { html };
        },
      };
    },
  };
}

const DEFAULT_QUERY = `# Volunteer Graph. Add a token in Headers: {"Authorization": "Bearer <pnpm token output>"}
{
  volunteers(first: 5) {
    totalCount
    edges { node { volunteerNo name region { name parent { name } } teams { name level } } }
  }
  stationsNear(lat: 36.81, lng: 118.05) { station { name kind } walkingMinutes }
}
`;
