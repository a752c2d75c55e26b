import type { RedemptionPoint } from './redemption-point.entity';

/** Who a commendation honours: an entity of another subgraph, by kind and id. */
export interface AwardeeRef {
  kind: 'VOLUNTEER' | 'TEAM' | 'PROJECT' | 'STATION';
  id: string;
}

/** Volunteer.points: whose account (the fields load it). */
export interface PointsAccountModel {
  volunteerId: string;
}

export interface StarCandidateModel {
  volunteerId: string;
  recordedHours: number;
  qualifiesFor: number;
}

export interface NearbyRedemptionPointModel {
  redemptionPoint: RedemptionPoint;
  distanceMeters: number;
  walkingMinutes: number;
}

export interface RedemptionPointActivityModel {
  redemptionPoint: RedemptionPoint;
  redemptions: number;
  points: number;
}
