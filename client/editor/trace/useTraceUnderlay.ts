import { useState } from 'react';
import type { FloorPlan } from '../../../core/floorplan/model';
import type { TraceImage } from '../canvas/PlanCanvas';
import type { SetEditorStatus } from '../useEditorStatus';
import { planViewBounds, formatLengthM, type Vec2 } from '../viewport';
import { calibrateTrace, initialTraceFrame } from './traceCalibration';

export interface TraceUnderlay {
  /** The image drawn under the plan, or null. */
  trace: TraceImage | null;
  /** Calibration points picked so far (plan metres; at most two). */
  calibration: Vec2[];
  setCalibration: (points: Vec2[]) => void;
  /** Load a PNG / JPEG as the underlay, spanning the plan's width. */
  loadFile: (file: File | undefined) => void;
  setOpacity: (opacity: number) => void;
  remove: () => void;
  /** Scale the image so the two calibration points are `lengthM` apart (see `calibrateTrace`). */
  calibrate: (lengthM: number) => void;
}

/**
 * The trace underlay: a scanned or photographed floor plan drawn under the plan to draw over, placed on the plan's
 * box when loaded and calibrated by two picked points and their real distance. Not saved with the plan.
 */
export function useTraceUnderlay({ getPlan, setStatus, t }: {
  /** The committed plan when the image loads (its box places the image). */
  getPlan: () => FloorPlan | null;
  setStatus: SetEditorStatus;
  t: (key: string, vars?: Record<string, string | number>) => string;
}): TraceUnderlay {
  const [trace, setTrace] = useState<TraceImage | null>(null);
  const [calibration, setCalibration] = useState<Vec2[]>([]);

  const loadFile = (file: File | undefined) => {
    if (!file) return;
    const plan = getPlan();
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      const frame = initialTraceFrame(plan ? planViewBounds(plan) : [0, 0, 20, 20], img.naturalWidth);
      setTrace({ image: img, ...frame, opacity: 0.5 });
      setStatus({ kind: 'info', text: t('editor.trace.loaded') });
    };
    img.onerror = () => setStatus({ kind: 'error', text: t('editor.trace.bad', { name: file.name }) });
    img.src = url;
  };

  const calibrate = (lengthM: number) => {
    if (!trace || calibration.length !== 2) return;
    const frame = calibrateTrace(trace, calibration[0], calibration[1], lengthM);
    if (!frame) return;
    setTrace({ ...trace, ...frame });
    setStatus({ kind: 'ok', text: t('editor.trace.calibrated', { len: formatLengthM(lengthM) }) });
  };

  return {
    trace,
    calibration,
    setCalibration,
    loadFile,
    setOpacity: (opacity) => setTrace((tr) => (tr ? { ...tr, opacity } : tr)),
    remove: () => setTrace(null),
    calibrate,
  };
}
