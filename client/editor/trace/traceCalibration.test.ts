import { describe, expect, it } from 'vitest';
import { calibrateTrace, initialTraceFrame } from './traceCalibration';

describe('trace calibration', () => {
  it('a loaded image spans the plan width from its top-left corner', () => {
    // a 12 m wide plan, a 2400 px wide scan: 5 mm per pixel
    expect(initialTraceFrame([-1, 2, 11, 10], 2400)).toEqual({ originM: [-1, 2], mPerPx: 0.005 });
  });

  it('two points 5 m apart said to be 10 m apart double the scale about the first point', () => {
    const frame = calibrateTrace({ originM: [0, 0], mPerPx: 0.01 }, [1, 1], [4, 5], 10)!;
    expect(frame.mPerPx).toBeCloseTo(0.02, 12);
    expect(frame.originM[0]).toBeCloseTo(-1, 12);
    expect(frame.originM[1]).toBeCloseTo(-1, 12);
    // the image pixel under p2 (400, 500) now lies 10 m from p1, which stays put
    const p2 = [frame.originM[0] + 400 * frame.mPerPx, frame.originM[1] + 500 * frame.mPerPx];
    expect(Math.hypot(p2[0] - 1, p2[1] - 1)).toBeCloseTo(10, 9);
  });

  it('two coincident points give nothing to scale by', () => {
    expect(calibrateTrace({ originM: [0, 0], mPerPx: 0.01 }, [1, 1], [1, 1], 3)).toBeNull();
  });
});
