import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NetworkRef } from '../../core/api/coverage';
import { createScenario, deleteScenario, listScenarios, updateScenario, type Scenario } from '../api/coverage';
import type { Institution } from '../api/sites';
import { RADII_M } from './coverageArea';
import type { OutletProps } from './mapData';
import { TODAY } from './ScenarioPanel';
import { localizeGeneratedName } from '../i18n/generatedName';
import { clearScenarioFromAddress } from './useScenarioRoute';
import { sortNewestCreatedFirst } from '../../core/coverage/scenarioList';

/** The network a map side shows, as the coverage API names it: the own network today, or a saved scenario. */
export function scenarioNetworkRef(id: string, ownId: string): { network: NetworkRef; ownNetwork?: string } {
  return id === TODAY ? { network: 'own', ownNetwork: ownId } : { network: { scenarioId: id } };
}

/** A site typed into the scenario editor. */
export interface NewSite { lng: number; lat: number; name?: string }

export interface CoverageScenarios {
  /** The own network's saved scenarios, newest created first (as `GET /api/scenarios` lists them; an edit moves none). */
  scenarios: Scenario[];
  /** What maps A (left) and B (right) show: {@link TODAY} or a scenario id. */
  leftId: string;
  rightId: string;
  left: Scenario | null;
  right: Scenario | null;
  /** Changes whenever either side or its scenario changes (the coverage requests depend on it). */
  compareKey: string;
  /** False while the maps A/B a link or a tab switch named are still waiting for the scenario list (keep the address). */
  sidesSettled: boolean;
  nameOf: (id: string) => string;
  show: (side: 'left' | 'right', id: string) => void;
  /** Reload the list of `ownId`'s scenarios; a scenario waiting to be revealed opens on the right. */
  reload: (ownId: string) => Promise<Scenario[]>;
  /** Show scenario `id` on the right as soon as a reload lists it (an address `#/coverage/<id>`). */
  revealWhenLoaded: (id: string) => void;
  create: (init?: Partial<Scenario>) => Promise<Scenario | null>;
  save: (s: Scenario) => Promise<void>;
  remove: (s: Scenario) => Promise<void>;
  rename: (s: Scenario, name: string) => void;
  /** "Add site on click": a site at the clicked point (6 decimals, ≈ 0.1 m) on scenario B (a new one when B is today). */
  addSiteOnMap: (lng: number, lat: number) => void;
  /** Edits of the right-hand scenario. */
  addSite: (site: NewSite) => void;
  removeAdded: (id: string) => void;
  reopen: (branchId: number) => void;
  /** Click on an outlet of map B: close it, or reopen a closed one (a new scenario closing it when B is today). */
  toggleOutlet: (p: OutletProps) => void;
}

/**
 * Scenarios of the own network: the list, which two are compared (A left, B right; switching the network shows
 * today's on both), creating, renaming, deleting and editing the right-hand one (added sites, closed outlets).
 */
export function useCoverageScenarios({ own, initialScenarioId, initialSides, onError, t }: {
  own: Institution | null;
  /** A scenario to reveal once the list is loaded (the address the tab was opened with). */
  initialScenarioId: string | null;
  /** Maps A and B as the address names them (`?net=…&a=…&b=…`): applied once that network's list is loaded. */
  initialSides?: { network: string | null | undefined; a: string | null; b: string | null };
  onError: (message: string) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}): CoverageScenarios {
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const [leftId, setLeftId] = useState(TODAY);
  const [rightId, setRightId] = useState(TODAY);
  const pending = useRef<string | null>(initialScenarioId);
  const pendingSides = useRef(initialSides && (initialSides.a || initialSides.b) ? initialSides : null);
  const [sidesSettled, setSidesSettled] = useState(pendingSides.current == null);
  const fail = (e: unknown) => onError(String((e as Error).message ?? e));

  const byId = useMemo(() => new Map(scenarios.map((s) => [s.id, s])), [scenarios]);
  const left = leftId === TODAY ? null : byId.get(leftId) ?? null;
  const right = rightId === TODAY ? null : byId.get(rightId) ?? null;
  const nameOf = useCallback((id: string) => {
    if (id === TODAY) return t('cov.today');
    const name = byId.get(id)?.name;
    return name ? localizeGeneratedName(name, t) : '…';
  }, [byId, t]);

  const reload = useCallback(async (ownId: string) => {
    const all = await listScenarios();
    const mine = sortNewestCreatedFirst(all.filter((s) => s.baseNetwork === ownId));
    setScenarios(mine);
    const want = pending.current;
    if (want && mine.some((s) => s.id === want)) {
      // show the scenario the address asked for on the right, and leave `#/coverage` in the address bar
      pending.current = null;
      setLeftId(TODAY);
      setRightId(want);
      clearScenarioFromAddress();
    } else if (pendingSides.current && (pendingSides.current.network == null || pendingSides.current.network === ownId)) {
      // the sides a copied link names (a scenario no longer listed falls back to today)
      const { a, b } = pendingSides.current;
      pendingSides.current = null;
      const known = (id: string | null) => (id && mine.some((s) => s.id === id) ? id : TODAY);
      setLeftId(known(a));
      setRightId(known(b));
      setSidesSettled(true);
    } else if (pendingSides.current) {
      // the link named another network: its sides do not apply to this one
      pendingSides.current = null;
      setSidesSettled(true);
    }
    return mine;
  }, []);

  useEffect(() => {
    if (!own) return;
    setLeftId(TODAY);
    setRightId(TODAY);
    reload(own.id).catch((e) => { pendingSides.current = null; setSidesSettled(true); fail(e); });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own, reload]);

  const save = async (s: Scenario) => {
    try {
      const saved = await updateScenario(s);
      setScenarios((list) => list.map((x) => (x.id === saved.id ? saved : x)));
    } catch (e) {
      fail(e);
    }
  };
  const create = async (init?: Partial<Scenario>) => {
    if (!own) return null;
    try {
      const s = await createScenario({
        name: t('cov.newScenarioName', { n: scenarios.length + 1 }),
        baseNetwork: own.id,
        added: [],
        closed: [],
        moved: [],
        params: { radiiM: RADII_M },
        ...init,
      });
      setScenarios((list) => sortNewestCreatedFirst([...list, s])); // at the top, where a reload puts it too
      setRightId(s.id);
      return s;
    } catch (e) {
      fail(e);
      return null;
    }
  };
  const siteId = () => `site-${Date.now().toString(36)}`;

  return {
    scenarios, leftId, rightId, left, right, nameOf, reload, save, create, sidesSettled,
    compareKey: `${leftId}@${left?.updatedAt ?? ''}|${rightId}@${right?.updatedAt ?? ''}`,
    show: (side, id) => (side === 'left' ? setLeftId(id) : setRightId(id)),
    revealWhenLoaded: (id) => { pending.current = id; },
    remove: async (s) => {
      try {
        await deleteScenario(s.id);
        setScenarios((list) => list.filter((x) => x.id !== s.id));
        if (leftId === s.id) setLeftId(TODAY);
        if (rightId === s.id) setRightId(TODAY);
      } catch (e) {
        fail(e);
      }
    },
    rename: (s, name) => void save({ ...s, name }),
    addSiteOnMap: (lng, lat) => {
      const site = { id: siteId(), lng: Number(lng.toFixed(6)), lat: Number(lat.toFixed(6)), name: t('cov.mapSite', { n: (right?.added.length ?? 0) + 1 }) };
      if (!right) void create({ added: [site] });
      else void save({ ...right, added: [...right.added, site] });
    },
    addSite: (site) => { if (right) void save({ ...right, added: [...right.added, { id: siteId(), lng: site.lng, lat: site.lat, name: site.name || undefined }] }); },
    removeAdded: (id) => { if (right) void save({ ...right, added: right.added.filter((a) => a.id !== id) }); },
    reopen: (branchId) => { if (right) void save({ ...right, closed: right.closed.filter((x) => x !== branchId) }); },
    toggleOutlet: (p) => {
      if (p.kind === 'added') return;
      const id = Number(p.id);
      if (!right) { void create({ closed: [id] }); return; }
      const closed = right.closed.includes(id) ? right.closed.filter((x) => x !== id) : [...right.closed, id];
      void save({ ...right, closed });
    },
  };
}
