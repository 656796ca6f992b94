import { useEffect, useRef } from 'react';
import { getScenario } from '../api/coverage';
import { searchInstitutions, type Institution } from '../api/sites';
import { scenarioIdFromHash } from './mapData';
import type { CoverageScenarios } from './useCoverageScenarios';

/** After a scenario from the address is shown: leave `#/coverage` in the address bar. */
export function clearScenarioFromAddress(): void {
  if (scenarioIdFromHash(location.hash)) history.replaceState(null, '', '#/coverage');
}

/**
 * `#/coverage/<scenarioId>` (on opening the tab and while it is open): switch the own network to the scenario's base
 * if needed, then show the scenario on map B once the list has it (see `revealWhenLoaded`) and drop the id from the
 * address.
 */
export function useScenarioRoute({ own, setOwn, scenarios, onError, t }: {
  own: Institution | null;
  setOwn: (inst: Institution) => void;
  scenarios: Pick<CoverageScenarios, 'reload' | 'revealWhenLoaded'>;
  onError: (message: string) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}): void {
  const ownRef = useRef(own);
  ownRef.current = own;
  const latest = useRef({ setOwn, scenarios, onError, t });
  latest.current = { setOwn, scenarios, onError, t };
  useEffect(() => {
    const open = () => {
      const id = scenarioIdFromHash(location.hash);
      if (!id) return;
      const { scenarios: sc, setOwn: switchOwn, onError: fail, t: tr } = latest.current;
      sc.revealWhenLoaded(id);
      getScenario(id)
        .then(async (s) => {
          const cur = ownRef.current;
          if (cur?.id === s.baseNetwork) {
            await sc.reload(cur.id);
            return;
          }
          const rows = await searchInstitutions(s.baseNetwork, 5);
          const inst = rows.find((r) => r.id === s.baseNetwork);
          if (inst) switchOwn(inst);
          else fail(tr('cov.error', { msg: s.baseNetwork }));
        })
        .catch((e) => fail(String(e.message ?? e)));
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
}
