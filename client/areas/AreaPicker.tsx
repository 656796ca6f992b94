import { useEffect, useMemo, useState } from 'react';
import type { GridSpec } from '../../core/api/areas';
import { fetchCounties, fetchNtas, type CountyDto, type NtaDto } from '../api/areas';
import { useI18n } from '../i18n/i18n';
import { formatInt } from '../sites/format';
import { BOROUGH_FIPS, ntaBoroughOf, ntaOptions } from './ntaFilter';
import './areas.css';


type Mode = 'nyc' | 'counties' | 'nyc-places' | 'draw';

/** The borough code (1 Bronx … 5 Staten Island) of an area that is exactly one NYC borough, else null (its name is then translated). */
export function boroughOfArea(a: GridSpec['area']): number | null {
  if (a === 'nyc' || !('counties' in a) || a.counties.length !== 1) return null;
  return BOROUGH_FIPS.find((b) => b.fips === a.counties[0])?.code ?? null;
}

function modeOf(g: GridSpec): Mode {
  const a = g.area;
  if (a === 'nyc') return 'nyc';
  if ('counties' in a) return a.counties.every((f) => BOROUGH_FIPS.some((b) => b.fips === f)) ? 'nyc-places' : 'counties';
  if ('ntas' in a) return 'nyc-places';
  if ('polygon' in a) return 'draw';
  return 'counties';
}

/**
 * The study-area picker (issue 10): New York City, any US counties (searched by name), a NYC borough or
 * neighbourhoods (2020 NTAs), or a polygon drawn on the map; and the H3 resolution of the grid (8, 9 or 10).
 * The parent scores the grid, frames the map and runs the drawing mode (map clicks add vertices).
 */
export function AreaPicker(props: {
  value: GridSpec;
  /** The resolved area's name and cell count (null while resolving). */
  info: { name: string; cells: number | null } | null;
  onChange: (g: GridSpec) => void;
  /** Drawing on the map (Site scoring); without these the picker offers no "Draw" mode. */
  drawing?: { points: number } | null;
  onStartDraw?: () => void;
  onFinishDraw?: (resolution: GridSpec['resolution']) => void;
  onCancelDraw?: () => void;
  /** Hide the resolution choice (the coverage tab works on block groups, not on a grid). */
  hideResolution?: boolean;
  disabled?: boolean;
}) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<Mode>(() => modeOf(props.value));
  const [resolution, setResolution] = useState<GridSpec['resolution']>(props.value.resolution);
  useEffect(() => setResolution(props.value.resolution), [props.value.resolution]);
  const apply = (area: GridSpec['area'], res = resolution) => props.onChange({ resolution: res, area });

  // ── counties ──
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<CountyDto[]>([]);
  const [picked, setPicked] = useState<CountyDto[]>([]);
  useEffect(() => {
    if (mode !== 'counties' || q.trim().length < 2) { setHits([]); return; }
    const ctl = new AbortController();
    const timer = setTimeout(() => fetchCounties(q.trim(), 12, ctl.signal).then((r) => setHits(r.counties), () => undefined), 150);
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [q, mode]);

  // ── NYC neighbourhoods ──
  const [ntas, setNtas] = useState<NtaDto[] | null>(null);
  const [ntaFilter, setNtaFilter] = useState('');
  // the neighbourhoods of the current area (from the address or the last visit) start ticked
  const [pickedNtas, setPickedNtas] = useState<string[]>(() => (props.value.area !== 'nyc' && 'ntas' in props.value.area ? props.value.area.ntas : []));
  useEffect(() => {
    if (mode === 'nyc-places' && !ntas) fetchNtas().then((r) => setNtas(r.ntas), () => setNtas([]));
  }, [mode, ntas]);
  // a borough chosen (or neighbourhoods of one borough) lists that borough's neighbourhoods only
  const ntaBorough = useMemo(() => ntaBoroughOf(props.value.area, ntas), [props.value.area, ntas]);
  const ntaMatches = useMemo(() => ntaOptions(ntas, ntaBorough, ntaFilter), [ntas, ntaBorough, ntaFilter]);
  const ntaBoroughCode = BOROUGH_FIPS.find((b) => b.fips === ntaBorough)?.code ?? null;

  const modes: Mode[] = props.onStartDraw ? ['nyc', 'counties', 'nyc-places', 'draw'] : ['nyc', 'counties', 'nyc-places'];
  return (
    <section className="panel-section area-picker" data-testid="area-picker">
      <h2>{t('area.title')}</h2>
      <p className="area-current" data-testid="area-name">
        <strong>{props.value.area === 'nyc' ? t('area.mode.nyc') : boroughOfArea(props.value.area) ? t(`borough.${boroughOfArea(props.value.area)}`) : props.info?.name ?? '…'}</strong>
        {props.info?.cells != null && !props.hideResolution && <small> · {t('area.cells', { n: formatInt(locale, props.info.cells), r: props.value.resolution })}</small>}
      </p>
      <div className="area-modes" role="tablist">
        {modes.map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'active' : ''}
            onClick={() => { setMode(m); if (m === 'nyc') apply('nyc'); }} data-testid={`area-mode-${m}`} disabled={props.disabled}>
            {t(`area.mode.${m}`)}
          </button>
        ))}
      </div>
      {!props.hideResolution && <label className="area-resolution">
        {t('area.resolution')}{' '}
        <select value={resolution} disabled={props.disabled} data-testid="area-resolution"
          onChange={(e) => { const r = Number(e.target.value) as GridSpec['resolution']; setResolution(r); if (mode !== 'draw' || !props.drawing) apply(props.value.area, r); }}>
          {([8, 9, 10] as const).map((r) => <option key={r} value={r}>{t(`area.resolution.${r}`)}</option>)}
        </select>
      </label>}

      {mode === 'counties' && (
        <div className="area-counties">
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('area.counties.search')}
            aria-label={t('area.counties.search')} data-testid="area-county-search" disabled={props.disabled} />
          {hits.length > 0 && (
            <ul className="combo-list static" role="listbox">
              {hits.map((c) => (
                <li key={c.fips} role="option" aria-selected={picked.some((p) => p.fips === c.fips)} data-testid={`area-county-option-${c.fips}`}
                  onMouseDown={(e) => { e.preventDefault(); if (!picked.some((p) => p.fips === c.fips)) setPicked([...picked, c]); setQ(''); setHits([]); }}>
                  <span className="combo-name">{c.name}, {c.state}</span>
                  <small>{t('area.residents', { n: formatInt(locale, c.population) })} · {c.fips}</small>
                </li>
              ))}
            </ul>
          )}
          <ul className="area-chips">
            {picked.map((c) => (
              <li key={c.fips}>{c.name}, {c.state}
                <button type="button" className="link" aria-label={t('area.remove', { name: c.name })} onClick={() => setPicked(picked.filter((p) => p.fips !== c.fips))}>✕</button>
              </li>
            ))}
          </ul>
          <button type="button" disabled={!picked.length || props.disabled} data-testid="area-apply" onClick={() => apply({ counties: picked.map((p) => p.fips) })}>
            {t('area.apply')}
          </button>
        </div>
      )}

      {mode === 'nyc-places' && (
        <div className="area-nyc">
          <div className="button-row wrap">
            {BOROUGH_FIPS.map((b) => (
              <button key={b.fips} type="button" data-testid={`area-borough-${b.fips}`} disabled={props.disabled}
                className={props.value.area !== 'nyc' && 'counties' in props.value.area && props.value.area.counties.length === 1 && props.value.area.counties[0] === b.fips ? 'active' : ''}
                onClick={() => { setPickedNtas((p) => p.filter((code) => ntas?.find((n) => n.code === code)?.countyFips === b.fips)); apply({ counties: [b.fips] }); }}>
                {t(`borough.${b.code}`)}
              </button>
            ))}
          </div>
          <input type="search" value={ntaFilter} onChange={(e) => setNtaFilter(e.target.value)} placeholder={t('area.ntas.search')}
            aria-label={t('area.ntas.search')} data-testid="area-nta-search" disabled={props.disabled} />
          {ntaBoroughCode != null && <p className="area-nta-scope" data-testid="area-nta-scope">{t('area.ntas.inBorough', { borough: t(`borough.${ntaBoroughCode}`) })}</p>}
          <ul className="area-nta-list" data-testid="area-nta-list">
            {ntaMatches.map((n) => (
              <li key={n.code}>
                <label>
                  <input type="checkbox" checked={pickedNtas.includes(n.code)} data-testid={`area-nta-${n.code}`} data-county={n.countyFips}
                    onChange={(e) => setPickedNtas(e.target.checked ? [...pickedNtas, n.code] : pickedNtas.filter((c) => c !== n.code))} />
                  {n.name} <small>{t(`borough.${BOROUGH_FIPS.find((b) => b.fips === n.countyFips)?.code ?? 0}`)}</small>
                </label>
              </li>
            ))}
          </ul>
          <button type="button" disabled={!pickedNtas.length || props.disabled} data-testid="area-apply-ntas" onClick={() => apply({ ntas: pickedNtas })}>
            {t('area.ntas.apply', { n: pickedNtas.length })}
          </button>
        </div>
      )}

      {mode === 'draw' && props.onStartDraw && (
        <div className="area-draw">
          {props.drawing ? (
            <>
              <p className="hint">{t('area.draw.active', { n: props.drawing.points })}</p>
              <div className="button-row">
                <button type="button" disabled={props.drawing.points < 3} onClick={() => props.onFinishDraw?.(resolution)} data-testid="area-draw-finish">{t('area.draw.finish')}</button>
                <button type="button" className="link" onClick={props.onCancelDraw}>{t('area.draw.cancel')}</button>
              </div>
            </>
          ) : (
            <button type="button" onClick={props.onStartDraw} disabled={props.disabled} data-testid="area-draw-start">{t('area.draw.start')}</button>
          )}
        </div>
      )}
    </section>
  );
}
