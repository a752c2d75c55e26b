import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '@vg/graphql';
import type { Viewer } from '@vg/standards';

/**
 * Who may introspect the schema (and so also read "Did you mean …" suggestions, which leak it):
 * `open` — anyone (development); `staff` — DATA_STAFF and ADMIN only (production with the sandbox
 * on); `off` — nobody.
 */
export type IntrospectionAccess = 'open' | 'staff' | 'off';

const STAFF_ROLES = ['DATA_STAFF', 'ADMIN'];

export function canIntrospect(viewer: Viewer, access: IntrospectionAccess): boolean {
  if (access === 'open') return true;
  if (access === 'off') return false;
  return viewer.roles.some((role) => STAFF_ROLES.includes(role));
}

/** graphql-js's suggestions: `Did you mean "a" or "b"?`, `Did you mean the enum value "A"?`, … */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Refuses `__schema` / `__type` to viewers who may not introspect (FORBIDDEN, before any planning),
 * and removes field, argument and enum suggestions from every error such a viewer receives.
 * (`__typename` stays open: clients need it.) With access `off` Apollo's own NoIntrospection rule
 * refuses it at validation.
 */
export function introspectionAccessPlugin<TContext extends { viewer: Viewer }>(access: IntrospectionAccess): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const allowed = canIntrospect(contextValue.viewer, access);
      return {
        async didResolveOperation({ document, operation }) {
          if (allowed || !operation) return;
          const roots = rootFieldNames(operation.selectionSet, document);
          if (roots.has('__schema') || roots.has('__type')) {
            throw new GraphQLError('Introspection is open to DATA_STAFF and ADMIN only', { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
          }
        },
        async willSendResponse({ response }) {
          if (allowed || response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { message: string }).message = error.message.replace(SUGGESTION, '');
          }
        },
      };
    },
  };
}

/** The names of an operation's root fields, through fragments (each read once, however often spread). */
export function rootFieldNames(root: SelectionSetNode, document: DocumentNode): Set<string> {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment);
      }
    }
  };
  visit(root);
  return names;
}
