import { useEffect, useState } from 'react';
import { fetchParameterSets, type ParameterSetListing } from '../api/forecast';

/** How long to wait before asking again while the server calibrates the forecast, ms. */
export const CALIBRATION_POLL_MS = 2000;

/** Whether a listing still has a set being calibrated (`status: "calibrating"`, no figures yet). */
export const stillCalibrating = (sets: readonly ParameterSetListing[]): boolean => sets.some((s) => s.status === 'calibrating');

/**
 * The forecast's parameter sets (`GET /api/parameter-sets`) while `enabled`: null until the first answer; while the
 * server is still calibrating a set the answer lists it as `calibrating` and it is asked again every
 * {@link CALIBRATION_POLL_MS} until every set is ready. An error stops the asking.
 */
export function useParameterSets(enabled = true): { sets: ParameterSetListing[] | null; error: string | null } {
  const [sets, setSets] = useState<ParameterSetListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = sets != null && !stillCalibrating(sets);
  useEffect(() => {
    if (!enabled || done || error) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => fetchParameterSets().then((s) => {
      if (!live) return;
      setSets(s);
      if (stillCalibrating(s)) timer = setTimeout(ask, CALIBRATION_POLL_MS);
    }, (e) => live && setError((e as Error).message));
    void ask();
    return () => { live = false; clearTimeout(timer); };
  }, [enabled, done, error]);
  return { sets, error };
}
