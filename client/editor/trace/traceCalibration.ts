import type { Vec2 } from '../viewport';

/** Where a trace image lies on the plan: plan position (m) of its top-left pixel and metres per image pixel. */
export interface TraceFrame {
  originM: Vec2;
  mPerPx: number;
}

/**
 * The first placement of a trace image: its top-left pixel on the plan's top-left corner and its width spanning
 * the plan's width (`bounds` = `[minX, minY, maxX, maxY]` in metres, `naturalWidthPx` the image's width in pixels).
 * The user then calibrates the scale with {@link calibrateTrace}.
 */
export function initialTraceFrame(bounds: [number, number, number, number], naturalWidthPx: number): TraceFrame {
  return { originM: [bounds[0], bounds[1]], mPerPx: (bounds[2] - bounds[0]) / naturalWidthPx };
}

/**
 * Calibrate a trace image from two points picked on it (plan metres, as drawn now) and their real distance
 * `lengthM`: the image is scaled by k = lengthM / |p2 − p1| about `p1`, so `p1` stays where it is and `p2` ends
 * `lengthM` from it. Returns null when the two points coincide (nothing to scale by).
 */
export function calibrateTrace(frame: TraceFrame, p1: Vec2, p2: Vec2, lengthM: number): TraceFrame | null {
  const measuredM = Math.hypot(p2[0] - p1[0], p2[1] - p1[1]);
  if (!(measuredM > 1e-9)) return null;
  const k = lengthM / measuredM;
  return {
    mPerPx: frame.mPerPx * k,
    originM: [p1[0] - (p1[0] - frame.originM[0]) * k, p1[1] - (p1[1] - frame.originM[1]) * k],
  };
}
