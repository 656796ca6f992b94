import { useEffect, useRef, useState } from 'react';
import { formatPeople, formatRadius } from '../../core/coverage/kpi';
import { cancelOptimizeJob, getOptimizeJob, startOptimizeJob } from '../api/coverage';
import type { Institution } from '../api/sites';
import type { AreaSpec } from '../../core/api/areas';
import { OptimizeCancelled, runOptimizeJob } from './optimizeJob';
import type { Maximize, OptimizeState } from './OptimizePanel';

export interface Optimizer {
  state: OptimizeState;
  run: (objective: 'mclp' | 'closure', n: number, radiusM: number, solver: 'greedy' | 'exact', maximize?: Maximize, minSpacingM?: number) => Promise<void>;
  cancel: () => void;
}

/**
 * Optimisation (MCLP over the study area's H3 grid, or closure in it) as a cancellable server job: progress while it runs, then
 * the answer saved as a scenario and shown as B against today (`onDone`), with how good it is (optimal, or the gap).
 */
export function useOptimizer({ own, area, onDone, t, locale }: {
  own: Institution | null;
  /** The study area (shared with Site scoring). */
  area: AreaSpec;
  /**
   * The job saved scenario `scenarioId` (named `scenarioName`), solved at `radiusM`; resolves to the name of the
   * scenario now shown (an earlier identical run's, when this one repeated it).
   */
  onDone: (scenarioId: string, radiusM: number, scenarioName: string) => Promise<string>;
  t: (key: string, vars?: Record<string, string | number>) => string;
  locale: 'en' | 'zh';
}): Optimizer {
  const [state, setState] = useState<OptimizeState>({ running: false, progress: 0, phase: '', message: null, error: null });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    if (own) setState((o) => ({ ...o, message: null, error: null, result: null, quality: null }));
  }, [own]);

  const run = async (objective: 'mclp' | 'closure', n: number, radiusM: number, solver: 'greedy' | 'exact', maximize: Maximize = 'coverage', minSpacingM = 0) => {
    if (!own) return;
    const ctl = new AbortController();
    abort.current = ctl;
    setState({ running: true, progress: 0, phase: '', message: null, error: null, result: null, quality: null });
    const byForecast = objective === 'mclp' && maximize === 'forecastDeposits';
    const name = t(objective === 'closure' ? 'cov.closureName' : byForecast ? 'cov.optimizeNameForecast' : 'cov.optimizeName', { p: n, r: formatRadius(radiusM) });
    try {
      const res = await runOptimizeJob(
        { objective, ...(objective === 'mclp' ? { p: n } : { k: n }), radiusM, ownNetwork: own.id, area, candidates: 'grid', solver, timeLimitS: 60, scenarioName: name,
          ...(byForecast ? { maximize, minSpacingM } : {}) },
        { start: startOptimizeJob, get: (id) => getOptimizeJob(id), cancel: cancelOptimizeJob, wait: (ms) => new Promise((r) => setTimeout(r, ms)) },
        (progress, phase) => setState((o) => ({ ...o, progress, phase })),
        ctl.signal,
      );
      // the saved name: ours, with " #n" when an earlier run already has it (the server numbers repeated runs)
      // (stored as saved; the panel says it in the UI's language when it shows the message)
      const shown = await onDone(res.scenarioId, radiusM, res.scenarioName ?? name);
      const change = formatPeople(Math.abs(res.coveredPopulationAfter - res.coveredPopulationBefore), locale);
      const fd = res.forecastDeposits;
      if (byForecast && fd) {
        setState({
          running: false, progress: 1, phase: 'done', error: null,
          message: { key: 'cov.optimizeDoneForecast', vars: { p: res.selected.length, name: shown } },
          result: { objective, maximize, selected: res.selected, forecast: { totalUsd: fd.totalUsd, lowUsd: fd.independent?.lowUsd ?? null,
            highUsd: fd.independent?.highUsd ?? null, allLowUsd: fd.comonotone.lowUsd, allHighUsd: fd.comonotone.highUsd } },
          quality: { key: 'cov.quality.forecast' },
        });
        return;
      }
      setState({
        running: false, progress: 1, phase: 'done', error: null,
        message: { key: objective === 'mclp' ? 'cov.optimizeDone' : 'cov.closureDone', vars: { p: res.selected.length, gain: change, r: formatRadius(radiusM), name: shown } },
        result: { objective, selected: res.selected },
        quality:
          res.gap === 0
            ? { key: res.solver === 'exact' ? 'cov.quality.optimal' : 'cov.quality.optimalBound' }
            : res.gap != null
              ? { key: res.solver === 'exact' ? 'cov.quality.gapExact' : 'cov.quality.gapGreedy', vars: { gap: `${(res.gap * 100).toFixed(1)}%` } }
              : null,
      });
    } catch (e) {
      const cancelled = e instanceof OptimizeCancelled;
      setState({ running: false, progress: 0, phase: '', message: cancelled ? { key: 'cov.cancelled' } : null, error: cancelled ? null : String((e as Error).message ?? e), result: null, quality: null });
    } finally {
      abort.current = null;
    }
  };

  return { state, run, cancel: () => abort.current?.abort() };
}
