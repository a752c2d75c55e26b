import type { DataSource } from 'typeorm';
import type { Region, RegionLevel } from './region.entity';
import { RegionRepository } from './region.repository';

/**
 * The whole region tree in memory. Regions are reference data — a few thousand rows, written only
 * by the seed — and nearly every volunteer, team and station points at one, so resolving them from
 * memory keeps requests free of region queries. Loaded on first use; reloaded when an unknown code
 * is asked for (at most once per `reloadAfterMs`, so unknown codes cannot hammer the database).
 */
export class RegionDirectory {
  private byCode = new Map<string, Region>();
  private childrenByCode = new Map<string, Region[]>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reloadAfterMs = 5000,
  ) {}

  /** The regions with these codes, in order; undefined for codes that do not exist. */
  async get(codes: readonly string[]): Promise<(Region | undefined)[]> {
    await this.ensureLoaded(codes.some((code) => !this.byCode.has(code)));
    return codes.map((code) => this.byCode.get(code));
  }

  /** The direct children of each code, ordered by code. */
  async children(codes: readonly string[]): Promise<Region[][]> {
    await this.ensureLoaded(false);
    return codes.map((code) => this.childrenByCode.get(code) ?? []);
  }

  /** Regions at `level` and/or directly under `parentCode`, ordered by code. */
  async list(filter: { level?: RegionLevel | null; parentCode?: string | null }): Promise<Region[]> {
    await this.ensureLoaded(false);
    const candidates = filter.parentCode ? (this.childrenByCode.get(filter.parentCode) ?? []) : [...this.byCode.values()];
    return candidates.filter((r) => !filter.level || r.level === filter.level);
  }

  private async ensureLoaded(missing: boolean): Promise<void> {
    if (this.loadedAt === 0 || (missing && Date.now() - this.loadedAt >= this.reloadAfterMs)) await this.reload();
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows = await new RegionRepository(this.dataSource.manager).all();
        const byCode = new Map(rows.map((r) => [r.code, r]));
        const children = new Map<string, Region[]>();
        for (const row of rows) {
          if (!row.parentCode) continue;
          const siblings = children.get(row.parentCode) ?? [];
          siblings.push(row);
          children.set(row.parentCode, siblings);
        }
        this.byCode = byCode;
        this.childrenByCode = children;
        this.loadedAt = Date.now();
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
