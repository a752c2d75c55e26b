import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { seedRegions } from '@vg/volunteers';
import { builders, type BuiltVolunteer } from './builders';
import {
  LoopAcceptDocument,
  LoopCompleteDocument,
  LoopDispatchDocument,
  LoopFundDocument,
  LoopOrderServiceDocument,
  type CompleteServiceRequestInput,
  type OrderServiceInput,
} from './generated/service-requests';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

/**
 * The five-order loop (点单 → 派单 → 买单 → 接单 → 评单) through the gateway, by the roles that walk
 * it: the stack, the team it is dispatched to and the helpers of test/src/service-requests-*.e2e.test.ts.
 */

export const ADMIN: TokenFor = { roles: ['ADMIN'] };
export const DATA_STAFF: TokenFor = { roles: ['DATA_STAFF'], sub: 'data-staff-1' };
export const DISPATCHER: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'dispatcher-wang' };
export const FUNDER: TokenFor = { roles: ['GOVERNMENT_FUNDER'], sub: 'funder-zhang' };
export const RESIDENT: TokenFor = { roles: ['VOLUNTEER'], sub: 'resident-li' };
export const NEIGHBOUR: TokenFor = { roles: ['VOLUNTEER'], sub: 'resident-zhao' };

export const PHONE = '13805331234';
export const ORDER_INPUT = {
  kind: 'SERVICE',
  title: '助老送餐',
  description: '独居老人午餐送餐上门',
  address: '张店区共青团路 88 号 3 单元',
  regionCode: '370303001',
  contactPhone: PHONE,
} satisfies OrderServiceInput;

/** Half an hour: always within the time since acceptance (rounded up to the next half hour). */
export const DONE = { hours: 0.5 } satisfies CompleteServiceRequestInput;

export const CONFLICT = { code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' };
export const FORBIDDEN = { code: 'FORBIDDEN' };

export type Status = 'ORDERED' | 'DISPATCHED' | 'FUNDED' | 'ACCEPTED' | 'COMPLETED';
const STATUSES: Status[] = ['ORDERED', 'DISPATCHED', 'FUNDED', 'ACCEPTED', 'COMPLETED'];

type Variables = Record<string, unknown>;
/** The one root field an operation of the loop asks for. */
export type FieldOf<R> = R[keyof R];

/** A stored service_requests row, as far as the tests read it. */
export interface StoredRequest {
  status: string;
  team_id: string | null;
  accepted_by: string | null;
  requester_sub: string | null;
  tracking_code_hash: string | null;
  [column: string]: unknown;
}

/** A stored service_request_events row, as far as the tests read it. */
export interface StoredEvent {
  to_status: string;
  [column: string]: unknown;
}

/**
 * A stack with Zibo's regions, a team of three ACTIVE members (made by the builder) and an ACTIVE
 * volunteer in none of its ranks, with the loop's helpers.
 */
export async function startLoop(): Promise<Loop> {
  const stack = await startStack();
  try {
    await seedRegions(stack.volunteers.db.dataSource);
    const world = builders(stack);
    const team = await world.team({ level: 'COUNTY', region: '370303' });
    const members: BuiltVolunteer[] = [];
    for (let i = 0; i < 3; i += 1) members.push(await world.volunteer().inTeam(team));
    const outsider = await world.volunteer();
    return new Loop(stack, { id: team.id, members }, outsider);
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

export class Loop {
  constructor(
    readonly stack: Stack,
    /** The team requests are dispatched to: every member may accept them. */
    readonly team: { id: string; members: BuiltVolunteer[] },
    /** An ACTIVE volunteer in no team. */
    readonly outsider: BuiltVolunteer,
  ) {}

  /** Runs an operation; returns its field's data (null when refused) and the errors. */
  readonly run = async <R, V extends Variables>(document: TypedDocumentNode<R, V>, variables: V, as?: TokenFor): Promise<{ result: FieldOf<R> | null; errors: GraphQLResponse['errors'] }> => {
    const query: (d: TypedDocumentNode<R, V>, v: V, as?: TokenFor) => Promise<GraphQLResponse<R>> = this.stack.query;
    const { data, errors } = await query(document, variables, as);
    const [result = null] = data ? (Object.values(data) as FieldOf<R>[]) : [];
    return { result, errors };
  };

  /** Runs an operation that must succeed. */
  readonly ok = async <R, V extends Variables>(document: TypedDocumentNode<R, V>, variables: V, as?: TokenFor): Promise<FieldOf<R>> => {
    const { result, errors } = await this.run(document, variables, as);
    expect(errors).toBeUndefined();
    return result as FieldOf<R>;
  };

  /** The stored row and history of a request, exactly as in the database. */
  readonly stored = async (id: string | number): Promise<{ row: StoredRequest; events: StoredEvent[] }> => {
    const db = this.stack.projects.db.dataSource;
    const [row]: StoredRequest[] = await db.query('SELECT * FROM service_requests WHERE id = $1', [id]);
    const events: StoredEvent[] = await db.query('SELECT * FROM service_request_events WHERE request_id = $1 ORDER BY id', [id]);
    return { row, events };
  };

  /** Runs an operation that must be refused with `expected` (code, reason, field), changing nothing stored. */
  readonly refused = async <R, V extends Variables & { id: string | number }>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    as: TokenFor | undefined,
    expected: Record<string, unknown>,
  ): Promise<string> => {
    const before = await this.stored(variables.id);
    const { result, errors } = await this.run(document, variables, as);
    expect(result).toBeNull();
    expect(errors?.[0].extensions).toMatchObject(expected);
    expect(await this.stored(variables.id)).toEqual(before);
    return errors?.[0].message ?? '';
  };

  /**
   * A new request ordered by `as` (null: anonymously) and walked to `status` by the right roles; the
   * accepting volunteer is `team.members[0]`.
   */
  readonly requestIn = async (status: Status, as: TokenFor | null = RESIDENT): Promise<{ id: string; trackingCode: string | null }> => {
    const { id, trackingCode } = await this.ok(LoopOrderServiceDocument, { input: ORDER_INPUT }, as ?? undefined);
    const reached = STATUSES.indexOf(status);
    const accepter = this.team.members[0].as;
    if (reached >= 1) await this.ok(LoopDispatchDocument, { id, teamId: this.team.id }, DISPATCHER);
    if (reached >= 2) await this.ok(LoopFundDocument, { id, amount: 80 }, FUNDER);
    if (reached >= 3) await this.ok(LoopAcceptDocument, { id }, accepter);
    if (reached >= 4) await this.ok(LoopCompleteDocument, { id, input: DONE }, accepter);
    return { id, trackingCode };
  };
}
