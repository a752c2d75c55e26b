import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CommendationLevel = 'COUNTY' | 'CITY' | 'PROVINCE' | 'NATIONAL';
export type AwardeeKind = 'VOLUNTEER' | 'TEAM' | 'PROJECT' | 'STATION';

/**
 * A commendation (四个100, 五个十佳, 学雷锋示范点/示范岗 …) of a volunteer, team, project or station:
 * the awardee is an entity of another subgraph, kept by kind and id (no foreign key crosses
 * services). One per awardee, title and year.
 */
@Entity('commendations')
export class Commendation {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 10 })
  level!: CommendationLevel;

  @Column({ type: 'text', nullable: true })
  citation!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'awarding_body' })
  awardingBody!: string;

  @Column({ type: 'varchar', length: 10, name: 'awardee_kind' })
  awardeeKind!: AwardeeKind;

  @Column({ type: 'bigint', name: 'awardee_id' })
  awardeeId!: string;

  /** The awardee's region (a Zibo region code). */
  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'varchar', length: 128, name: 'recorded_by' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
