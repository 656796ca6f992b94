import { useEffect, useState } from 'react';
import type { PlanCommand } from '../../core/floorplan/commands';
import { BranchType, FixtureKind, type Door, type Fixture, type FloorPlan, type PlanPoint, type Wall, type Zone } from '../../core/floorplan/model';
import { openRing, polygonAreaM2, polygonPerimeterM } from '../../core/floorplan/geometry';
import { OUTLINE_ID } from '../../core/floorplan/elements';
import { ZONE_KINDS } from '../../core/floorplan/zoneKinds';
import { useI18n } from '../i18n/i18n';
import { formatAreaM2, formatLengthM } from './viewport';
import { LinkedSite } from './LinkedSite';

/**
 * Properties of the selection: plan (nothing selected), zone (kind, name, attributes, edge
 * lengths), door (clear width, swing, flags, zones joined) or fixture (type, size, height,
 * facing). Every change is one model command (one undo step), applied on Enter / blur / toggle.
 */
export interface PropertiesPanelProps {
  plan: FloorPlan;
  selection: readonly string[];
  exec: (cmd: PlanCommand) => boolean;
  newZoneKind: string;
  setNewZoneKind: (k: string) => void;
  onDelete: () => void;
  onDuplicate: () => void;
  /** The selected edge (of a zone or of the outline), if any. */
  selectedEdge?: { id: string; index: number } | null;
  /** Replace the selection (not an undo step). */
  select?: (ids: string[]) => void;
  /** Select one edge of a zone or of the outline. */
  selectEdge?: (id: string, index: number) => void;
}

export function PropertiesPanel(p: PropertiesPanelProps) {
  const { t } = useI18n();
  const { plan, selection } = p;
  if (selection.length === 0) return <PlanProps {...p} />;
  if (selection.length > 1) {
    return (
      <section className="ed-props" data-testid="ed-props">
        <h3>{t('editor.props.multi', { n: selection.length })}</h3>
        <div className="ed-row-buttons">
          <button onClick={p.onDuplicate}>{t('editor.action.duplicate')}</button>
          <button onClick={p.onDelete} className="danger">{t('editor.action.delete')}</button>
        </div>
      </section>
    );
  }
  const id = selection[0];
  const z = plan.zones.find((e) => e.id === id);
  if (z) return <ZoneProps z={z} {...p} />;
  const d = plan.doors.find((e) => e.id === id);
  if (d) return <DoorProps d={d} {...p} />;
  const f = plan.fixtures.find((e) => e.id === id);
  if (f) return <FixtureProps f={f} {...p} />;
  const w = plan.outline.walls.find((e) => e.id === id);
  if (w) return <section className="ed-props" data-testid="ed-props"><WallProps w={w} exec={p.exec} /></section>;
  if (id === OUTLINE_ID) return <OutlineProps {...p} />;
  return null;
}

function PlanProps({ plan, exec, newZoneKind, setNewZoneKind, select }: PropertiesPanelProps) {
  const { t, locale } = useI18n();
  const total = plan.zones.reduce((s, z) => s + polygonAreaM2(z.polygon), 0);
  return (
    <section className="ed-props" data-testid="ed-props">
      <h3>{t('editor.props.plan')}</h3>
      <TextField label={t('editor.props.name')} value={plan.name} onCommit={(v) => v.trim() && exec({ type: 'setPlanProperties', patch: { name: v.trim() } })} />
      <label className="ed-field">
        <span>{t('editor.props.branchType')}</span>
        <select value={plan.branchType} onChange={(e) => exec({ type: 'setPlanProperties', patch: { branchType: e.target.value as FloorPlan['branchType'] } })}>
          {BranchType.options.map((b) => <option key={b} value={b}>{t(`editor.branchType.${b}`)}</option>)}
        </select>
      </label>
      <label className="ed-field">
        <span>{t('editor.props.newZoneKind')}</span>
        <select value={newZoneKind} onChange={(e) => setNewZoneKind(e.target.value)} data-testid="ed-new-kind">
          {ZONE_KINDS.map((k) => <option key={k.id} value={k.id}>{k.label[locale]}</option>)}
        </select>
      </label>
      <dl className="ed-facts">
        <dt>{t('editor.props.outlineArea')}</dt><dd>{formatAreaM2(polygonAreaM2(plan.outline.polygon))}</dd>
        <dt>{t('editor.props.zonesArea')}</dt><dd>{formatAreaM2(total)}</dd>
        <dt>{t('editor.props.counts')}</dt><dd>{t('editor.props.countsValue', { zones: plan.zones.length, doors: plan.doors.length, fixtures: plan.fixtures.length })}</dd>
      </dl>
      {select && <button onClick={() => select([OUTLINE_ID])} data-testid="ed-edit-outline">{t('editor.outline.edit')}</button>}
      <LinkedSite plan={plan} exec={exec} />
    </section>
  );
}

/** Walls lying along segment a–b (both ends on its line, within 1 mm). */
function wallsOnEdge(plan: FloorPlan, a: PlanPoint, b: PlanPoint): Wall[] {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len === 0) return [];
  const ux = (b[0] - a[0]) / len, uy = (b[1] - a[1]) / len;
  const on = (p: PlanPoint) => {
    const rx = p[0] - a[0], ry = p[1] - a[1];
    const t = rx * ux + ry * uy;
    return Math.abs(rx * uy - ry * ux) <= 1e-3 && t >= -1e-3 && t <= len + 1e-3;
  };
  return plan.outline.walls.filter((w) => on(w.a) && on(w.b));
}

/** The building outline: area, perimeter, typed edge lengths, and the wall(s) on the selected edge. */
function OutlineProps({ plan, exec, selectedEdge, selectEdge }: PropertiesPanelProps) {
  const { t } = useI18n();
  const ring = openRing(plan.outline.polygon);
  const edge = selectedEdge?.id === OUTLINE_ID ? selectedEdge.index : null;
  const walls = edge !== null && edge < ring.length ? wallsOnEdge(plan, ring[edge], ring[(edge + 1) % ring.length]) : [];
  return (
    <section className="ed-props" data-testid="ed-props">
      <h3>{t('editor.outline.title')}</h3>
      <dl className="ed-facts">
        <dt>{t('editor.props.area')}</dt><dd data-testid="ed-outline-area">{formatAreaM2(polygonAreaM2(ring))}</dd>
        <dt>{t('editor.props.perimeter')}</dt><dd>{formatLengthM(polygonPerimeterM(ring))}</dd>
      </dl>
      <div className="ed-sub">{t('editor.props.edges')}</div>
      <div className="ed-edges">
        {ring.map((a, i) => {
          const b = ring[(i + 1) % ring.length];
          const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
          return (
            <NumberField key={i} label={`${i + 1}→${((i + 1) % ring.length) + 1}`} value={len} unit="m" digits={3}
              onCommit={(v) => v > 0 && exec({ type: 'setOutlineEdgeLength', edgeIndex: i, lengthM: v })} testId={`ed-outline-edge-${i}`} />
          );
        })}
      </div>
      {selectEdge && (
        <label className="ed-field">
          <span>{t('editor.outline.wallOfEdge')}</span>
          <select value={edge ?? ''} onChange={(e) => e.target.value !== '' && selectEdge(OUTLINE_ID, Number(e.target.value))} data-testid="ed-outline-edge-pick">
            <option value="">—</option>
            {ring.map((_, i) => <option key={i} value={i}>{`${i + 1}→${((i + 1) % ring.length) + 1}`}</option>)}
          </select>
        </label>
      )}
      {edge !== null && !walls.length && <p className="ed-muted">{t('editor.outline.noWall')}</p>}
      {walls.map((w) => <WallProps key={w.id} w={w} exec={exec} />)}
      <p className="ed-muted">{t('editor.outline.hint')}</p>
    </section>
  );
}

/** One wall: thickness, full-height, glazed and exterior flags, material; each change one command. */
function WallProps({ w, exec }: { w: Wall; exec: (cmd: PlanCommand) => boolean }) {
  const { t } = useI18n();
  const set = (patch: Record<string, unknown>) => exec({ type: 'setProperties', id: w.id, patch });
  return (
    <div className="ed-wall" data-testid={`ed-wall-${w.id}`}>
      <h4>{t('editor.props.wall')} <code>{w.id}</code> · {formatLengthM(Math.hypot(w.b[0] - w.a[0], w.b[1] - w.a[1]))}</h4>
      <NumberField label={t('editor.wall.thickness')} value={w.thicknessM} unit="m" digits={3} onCommit={(v) => v > 0 && set({ thicknessM: v })} testId="ed-wall-thickness" />
      {(['fullHeight', 'glazed', 'exterior'] as const).map((k) => (
        <label key={k} className="ed-check">
          <input type="checkbox" checked={!!w[k]} onChange={(e) => set({ [k]: e.target.checked })} data-testid={`ed-wall-${k}`} />
          {t(`editor.wall.${k}`)}
        </label>
      ))}
      <TextField label={t('editor.wall.material')} value={w.material ?? ''} onCommit={(v) => set({ material: v.trim() || undefined })} />
    </div>
  );
}

function ZoneProps({ z, exec, onDelete, onDuplicate }: PropertiesPanelProps & { z: Zone }) {
  const { t, locale } = useI18n();
  const set = (patch: Record<string, unknown>) => exec({ type: 'setProperties', id: z.id, patch });
  const attrs = z.attributes ?? {};
  return (
    <section className="ed-props" data-testid="ed-props">
      <h3>{t('editor.props.zone')} <code>{z.id}</code></h3>
      <label className="ed-field">
        <span>{t('editor.props.kind')}</span>
        <select value={z.kind} onChange={(e) => set({ kind: e.target.value })} data-testid="ed-zone-kind">
          {ZONE_KINDS.map((k) => <option key={k.id} value={k.id}>{k.label[locale]}</option>)}
        </select>
      </label>
      <TextField label={t('editor.props.name')} value={z.name} onCommit={(v) => set({ name: v })} testId="ed-zone-name" />
      <dl className="ed-facts">
        <dt>{t('editor.props.area')}</dt><dd data-testid="ed-zone-area">{formatAreaM2(polygonAreaM2(z.polygon))}</dd>
        <dt>{t('editor.props.perimeter')}</dt><dd>{formatLengthM(polygonPerimeterM(z.polygon))}</dd>
      </dl>
      <div className="ed-sub">{t('editor.props.edges')}</div>
      <div className="ed-edges">
        {z.polygon.map((a, i) => {
          const b = z.polygon[(i + 1) % z.polygon.length];
          const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
          return (
            <NumberField key={i} label={`${i + 1}→${((i + 1) % z.polygon.length) + 1}`} value={len} unit="m" digits={3}
              onCommit={(v) => v > 0 && exec({ type: 'setEdgeLength', zoneId: z.id, edgeIndex: i, lengthM: v })} testId={`ed-edge-${i}`} />
          );
        })}
      </div>
      <div className="ed-sub">{t('editor.props.attributes')}</div>
      {(['open24h', 'lockable', 'sprinklered'] as const).map((k) => (
        <label key={k} className="ed-check">
          <input type="checkbox" checked={!!attrs[k]} onChange={(e) => set({ attributes: { [k]: e.target.checked || undefined } })} />
          {t(`editor.attr.${k}`)}
        </label>
      ))}
      <NumberField label={t('editor.attr.ceilingHeightM')} value={typeof attrs.ceilingHeightM === 'number' ? attrs.ceilingHeightM : NaN} unit="m" digits={2}
        onCommit={(v) => set({ attributes: { ceilingHeightM: v > 0 ? v : undefined } })} />
      <div className="ed-row-buttons">
        <button onClick={onDuplicate}>{t('editor.action.duplicate')}</button>
        <button onClick={onDelete} className="danger">{t('editor.action.delete')}</button>
      </div>
    </section>
  );
}

function DoorProps({ d, plan, exec, onDelete, onDuplicate }: PropertiesPanelProps & { d: Door }) {
  const { t, locale } = useI18n();
  const set = (patch: Record<string, unknown>) => exec({ type: 'setProperties', id: d.id, patch });
  const zoneOpts = [{ id: 'outside', label: t('editor.door.outside') }, ...plan.zones.map((z) => ({ id: z.id, label: `${z.name || ZONE_KINDS.find((k) => k.id === z.kind)?.label[locale] || z.kind} (${z.id})` }))];
  return (
    <section className="ed-props" data-testid="ed-props">
      <h3>{t('editor.props.door')} <code>{d.id}</code></h3>
      <TextField label={t('editor.props.name')} value={d.name} onCommit={(v) => set({ name: v })} />
      <NumberField label={t('editor.door.clearWidth')} value={d.clearWidthM} unit="m" digits={3} onCommit={(v) => v > 0 && set({ clearWidthM: v })} testId="ed-door-clear" />
      <dl className="ed-facts"><dt>{t('editor.door.opening')}</dt><dd>{formatLengthM(Math.hypot(d.b[0] - d.a[0], d.b[1] - d.a[1]))}</dd></dl>
      <label className="ed-field">
        <span>{t('editor.door.swingType')}</span>
        <select value={d.swing.type} onChange={(e) => set({ swing: { ...d.swing, type: e.target.value } })}>
          {(['single', 'double', 'sliding', 'automatic', 'revolving', 'opening'] as const).map((s) => <option key={s} value={s}>{t(`editor.door.type.${s}`)}</option>)}
        </select>
      </label>
      <div className="ed-row-buttons">
        <button onClick={() => set({ swing: { ...d.swing, hinge: d.swing.hinge === 'a' ? 'b' : 'a' } })}>{t('editor.door.flipHinge')}</button>
        <button onClick={() => set({ swing: { ...d.swing, side: d.swing.side === 'left' ? 'right' : 'left' } })}>{t('editor.door.flipSide')}</button>
      </div>
      {(['exit', 'mainEntrance', 'accessControlled', 'interlocked', 'lockable'] as const).map((k) => (
        <label key={k} className="ed-check">
          <input type="checkbox" checked={!!d[k]} onChange={(e) => set({ [k]: e.target.checked })} />
          {t(`editor.door.${k}`)}
        </label>
      ))}
      {[0, 1].map((i) => (
        <label key={i} className="ed-field">
          <span>{t('editor.door.connects', { n: i + 1 })}</span>
          <select value={d.connects[i]} onChange={(e) => { const c = [...d.connects] as [string, string]; c[i] = e.target.value; set({ connects: c }); }}>
            {zoneOpts.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </select>
        </label>
      ))}
      <div className="ed-row-buttons">
        <button onClick={onDuplicate}>{t('editor.action.duplicate')}</button>
        <button onClick={onDelete} className="danger">{t('editor.action.delete')}</button>
      </div>
    </section>
  );
}

/** Compass word for a fixture's front: rotation 0 faces +y (down the plan = "south"). */
function facingKey(rotationDeg: number): string {
  const r = ((Math.round(rotationDeg / 45) * 45) % 360 + 360) % 360;
  return ({ 0: 's', 45: 'sw', 90: 'w', 135: 'nw', 180: 'n', 225: 'ne', 270: 'e', 315: 'se' } as Record<number, string>)[r] ?? 's';
}

function FixtureProps({ f, exec, onDelete, onDuplicate }: PropertiesPanelProps & { f: Fixture }) {
  const { t } = useI18n();
  const set = (patch: Record<string, unknown>) => exec({ type: 'setProperties', id: f.id, patch });
  const attrs = f.attributes ?? {};
  return (
    <section className="ed-props" data-testid="ed-props">
      <h3>{t('editor.props.fixture')} <code>{f.id}</code></h3>
      <label className="ed-field">
        <span>{t('editor.props.type')}</span>
        <select value={f.kind} onChange={(e) => set({ kind: e.target.value })}>
          {FixtureKind.options.map((k) => <option key={k} value={k}>{t(`editor.fixture.${k}`)}</option>)}
        </select>
      </label>
      <TextField label={t('editor.props.name')} value={f.name} onCommit={(v) => set({ name: v })} />
      <NumberField label={t('editor.fixture.width')} value={f.widthM} unit="m" digits={3} onCommit={(v) => v > 0 && set({ widthM: v })} testId="ed-fx-width" />
      <NumberField label={t('editor.fixture.depth')} value={f.depthM} unit="m" digits={3} onCommit={(v) => v > 0 && set({ depthM: v })} testId="ed-fx-depth" />
      <NumberField label={t('editor.fixture.height')} value={f.heightM} unit="m" digits={3} onCommit={(v) => v > 0 && set({ heightM: v })} />
      <NumberField label={t('editor.fixture.rotation')} value={f.rotationDeg} unit="°" digits={1} onCommit={(v) => Number.isFinite(v) && set({ rotationDeg: ((v % 360) + 360) % 360 })} testId="ed-fx-rotation" />
      <dl className="ed-facts"><dt>{t('editor.fixture.facing')}</dt><dd>{t(`editor.compass.${facingKey(f.rotationDeg)}`)}</dd></dl>
      {(['accessible', 'cash', 'glazed', 'voiceComm', 'throughWall'] as const).map((k) => (
        <label key={k} className="ed-check">
          <input type="checkbox" checked={!!attrs[k]} onChange={(e) => set({ attributes: { [k]: e.target.checked || undefined } })} />
          {t(`editor.fixtureAttr.${k}`)}
        </label>
      ))}
      <div className="ed-row-buttons">
        <button onClick={onDuplicate}>{t('editor.action.duplicate')}</button>
        <button onClick={onDelete} className="danger">{t('editor.action.delete')}</button>
      </div>
    </section>
  );
}

function TextField({ label, value, onCommit, testId }: { label: string; value: string; onCommit: (v: string) => void; testId?: string }) {
  const [v, setV] = useState(value);
  useEffect(() => setV(value), [value]);
  const commit = () => { if (v !== value) onCommit(v); };
  return (
    <label className="ed-field">
      <span>{label}</span>
      <input value={v} onChange={(e) => setV(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setV(value); }} data-testid={testId} />
    </label>
  );
}

/** A number input that commits on Enter or blur (one undo step), showing `digits` decimals. */
export function NumberField({ label, value, unit, digits, onCommit, testId }: {
  label: string; value: number; unit: string; digits: number; onCommit: (v: number) => void; testId?: string;
}) {
  const shown = Number.isFinite(value) ? String(Math.round(value * 10 ** digits) / 10 ** digits) : '';
  const [v, setV] = useState(shown);
  useEffect(() => setV(shown), [shown]);
  const commit = () => {
    if (v === shown) return;
    const n = parseFloat(v.replace(',', '.'));
    if (v.trim() === '') onCommit(NaN);
    else if (Number.isFinite(n)) onCommit(n);
    else setV(shown);
  };
  return (
    <label className="ed-field ed-num">
      <span>{label}</span>
      <input value={v} inputMode="decimal" onChange={(e) => setV(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setV(shown); }} data-testid={testId} />
      <em>{unit}</em>
    </label>
  );
}
