/** A Flatbush index over boundary segments: candidates near a point or along a ray, never all segments. */
import Flatbush from 'flatbush';
import type { PlanPoint } from '../../floorplan/model';

export type Segment = [PlanPoint, PlanPoint];

export class SegmentIndex {
  private index: Flatbush | null;
  constructor(readonly segments: readonly Segment[]) {
    if (!segments.length) { this.index = null; return; }
    const idx = new Flatbush(segments.length);
    for (const [a, b] of segments) idx.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    idx.finish();
    this.index = idx;
  }
  /** Segments whose bounds meet the box. */
  inBox(minX: number, minY: number, maxX: number, maxY: number): Segment[] {
    if (!this.index) return [];
    return this.index.search(minX, minY, maxX, maxY).map((i) => this.segments[i]);
  }
  /** Segments that the ray o + t·d, 0 < t ≤ maxT, may cross. */
  alongRay(o: PlanPoint, d: PlanPoint, maxT: number): Segment[] {
    const e: PlanPoint = [o[0] + d[0] * maxT, o[1] + d[1] * maxT];
    return this.inBox(Math.min(o[0], e[0]) - 1e-9, Math.min(o[1], e[1]) - 1e-9, Math.max(o[0], e[0]) + 1e-9, Math.max(o[1], e[1]) + 1e-9);
  }
  /** Segments within r of p (by bounds). */
  near(p: PlanPoint, r: number): Segment[] {
    return this.inBox(p[0] - r, p[1] - r, p[0] + r, p[1] + r);
  }
}
