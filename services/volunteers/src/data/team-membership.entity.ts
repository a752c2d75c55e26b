import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { TeamRole } from '@vg/standards';

export type { TeamRole };

/** A volunteer's membership of a team, with their role; a team has at most one LEADER. */
@Entity('team_memberships')
export class TeamMembership {
  @PrimaryColumn({ type: 'bigint', name: 'team_id' })
  teamId!: string;

  @PrimaryColumn({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'varchar', length: 14 })
  role!: TeamRole;

  @Column({ type: 'timestamptz', name: 'joined_at' })
  joinedAt!: Date;
}
