import { getIntrospectionQuery, type IntrospectionOptions } from 'graphql';

/**
 * The introspection documents real tools send, for tests of the query limits: whatever limit the
 * gateway sets must let every one of these through.
 */
const OPTION_SETS: Record<string, IntrospectionOptions> = {
  // GraphiQL 3/4 as @graphql-yoga/render-graphiql configures it: its introspect() calls its copy of
  // getIntrospectionQuery with exactly these two options (typeDepth 9 by default).
  'GraphiQL (render-graphiql)': { inputValueDeprecation: true, schemaDescription: true },
  // GraphiQL 4's full option set (what it uses for a schema given locally; newer builds send it).
  'GraphiQL 4 (all options)': { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true },
  // graphql-js's default: Apollo's @apollo/... tooling, codegen and most clients.
  'graphql-js default': {},
  // Apollo Sandbox / Explorer and Rover: repeatable directives and specifiedByURL.
  'Apollo Sandbox / Rover': { directiveIsRepeatable: true, specifiedByUrl: true, inputValueDeprecation: true },
  // Older graphql-js (15.x, still bundled by many tools) nested ofType 7 times.
  'graphql-js 15 (typeDepth 7)': { typeDepth: 7 },
};

export const TOOL_INTROSPECTION_QUERIES: [tool: string, query: string][] = [
  ...Object.entries(OPTION_SETS).map(([tool, options]) => [tool, getIntrospectionQuery(options)] as [string, string]),
  // GraphiQL retries without subscriptionType when the first answer has no data.
  ['GraphiQL retry (no subscriptionType)', getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }).replace('subscriptionType { name }', '')],
];
