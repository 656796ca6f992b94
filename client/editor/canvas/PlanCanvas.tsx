import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Arc, Circle, Group, Image as KImage, Layer, Line, Rect, Shape, Stage, Text } from 'react-konva';
import type Konva from 'konva';
import type { Door, Fixture, FloorPlan, PlanPoint, Zone } from '../../../core/floorplan/model';
import { doorSwingNormal, fixtureFootprint, fixtureFrontEdge, openRing, polygonAreaM2, polygonCentroid } from '../../../core/floorplan/geometry';
import { zoneKindColour } from '../../../core/floorplan/zoneKinds';
import type { ZoneLabelBox } from './zoneLabels';
import { handlePositions } from '../hitTest';
import { OUTLINE_ID } from '../../../core/floorplan/elements';
import type { Box, HandleId } from '../tools/types';
import { formatAreaM2, formatLengthM, metresToPx, worldToScreen, type Vec2, type Viewport } from '../viewport';

/**
 * The Konva drawing of a plan. Everything is drawn in screen pixels from plan metres through the
 * viewport (so line widths and label sizes stay readable at every zoom) and nothing listens for
 * events: the parent hit-tests in plan metres. Konva never holds the truth.
 */
export interface TraceImage {
  image: HTMLImageElement;
  /** Plan position (m) of the image's top-left pixel. */
  originM: Vec2;
  /** Metres per image pixel. */
  mPerPx: number;
  opacity: number;
}

export interface CanvasGuide {
  box?: Box;
  ring?: Vec2[];
  cursor?: Vec2;
  closed?: boolean;
  /** Calibration points picked so far. */
  calibration?: Vec2[];
  snapKind?: string;
}

export interface PlanCanvasProps {
  plan: FloorPlan | null;
  /** The zone labels placed by layoutZoneLabels (client/editor/canvas/zoneLabels.ts) for this plan and viewport. */
  zoneLabels: readonly ZoneLabelBox[];
  viewport: Viewport;
  width: number;
  height: number;
  selection: readonly string[];
  selectedEdge: { id: string; index: number } | null;
  guide: CanvasGuide | null;
  gridM: number;
  showGrid: boolean;
  trace: TraceImage | null;
  locale: 'en' | 'zh';
  rotateKnobM: number;
  overlays: ReactNode;
  stageRef?: React.RefObject<Konva.Stage | null>;
  /** Translate a UI string key (fixture abbreviations, EXIT). */
  t: (key: string) => string;
}

const SEL = '#1f6feb';
const INK = '#2b3440';

function darken(hex: string, f = 0.55): string {
  const n = parseInt(hex.slice(1), 16);
  const r = Math.round(((n >> 16) & 255) * f), g = Math.round(((n >> 8) & 255) * f), b = Math.round((n & 255) * f);
  return `rgb(${r},${g},${b})`;
}

const FIXTURE_COLOUR: Record<string, string> = {
  counter: '#8d6e63', 'low-counter': '#a1887f', atm: '#1565c0', kiosk: '#1e88e5', seat: '#7e57c2', camera: '#37474f',
  alarm: '#c62828', 'queue-barrier': '#757575', desk: '#6d4c41', table: '#795548', 'enquiry-desk': '#5d4037', cabinet: '#546e7a',
};

export function PlanCanvas(p: PlanCanvasProps) {
  const { plan, viewport: v } = p;
  const flat = (ring: readonly PlanPoint[]) => ring.flatMap((q) => worldToScreen(v, q));
  const sel = new Set(p.selection);

  return (
    <Stage width={p.width} height={p.height} ref={p.stageRef} listening={false}>
      <Layer listening={false}>
        <Rect x={0} y={0} width={p.width} height={p.height} fill="#f4f5f7" />
        {p.trace && <TraceLayer trace={p.trace} v={v} />}
        {p.showGrid && <Grid v={v} width={p.width} height={p.height} gridM={p.gridM} />}
        {plan && (
          <>
            <Line points={flat(plan.outline.polygon)} closed fill={p.trace ? undefined : 'rgba(255,255,255,0.92)'} stroke={INK} strokeWidth={1} />
            {plan.zones.map((z) => <ZoneShape key={z.id} z={z} v={v} selected={sel.has(z.id)} tracing={!!p.trace} />)}
            {plan.outline.walls.map((w) => {
              const pts = [...worldToScreen(v, w.a), ...worldToScreen(v, w.b)];
              const wPx = Math.max(1.5, metresToPx(v, w.thicknessM));
              return w.glazed ? (
                <Group key={w.id}>
                  <Line points={pts} stroke="#3b7fb0" strokeWidth={wPx} lineCap="butt" opacity={0.55} />
                  <Line points={pts} stroke="#e8f4fc" strokeWidth={Math.max(0.5, wPx - 2)} lineCap="butt" opacity={0.9} />
                  <Line points={pts} stroke="#3b7fb0" strokeWidth={1} />
                </Group>
              ) : (
                <Line key={w.id} points={pts} stroke={INK} strokeWidth={wPx} lineCap="square" />
              );
            })}
            {plan.doors.map((d) => <DoorShape key={d.id} d={d} v={v} selected={sel.has(d.id)} t={p.t} />)}
            {plan.fixtures.map((f) => <FixtureShape key={f.id} f={f} v={v} selected={sel.has(f.id)} t={p.t} />)}
            <ZoneLabels labels={p.zoneLabels} />
            <SelectionLayer plan={plan} v={v} selection={p.selection} selectedEdge={p.selectedEdge} rotateKnobM={p.rotateKnobM} />
          </>
        )}
        {p.guide && <GuideLayer g={p.guide} v={v} />}
      </Layer>
      <Layer listening={false}>{p.overlays}</Layer>
    </Stage>
  );
}

function TraceLayer({ trace, v }: { trace: TraceImage; v: Viewport }) {
  const [x, y] = worldToScreen(v, trace.originM);
  const s = trace.mPerPx * v.pxPerM;
  return <KImage image={trace.image} x={x} y={y} width={trace.image.naturalWidth * s} height={trace.image.naturalHeight * s} opacity={trace.opacity} />;
}

/** Grid lines: the finest of gridM, 0.5 m, 1 m, 5 m, 10 m that is ≥ 8 px apart; every 5th-metre line darker. */
function Grid({ v, width, height, gridM }: { v: Viewport; width: number; height: number; gridM: number }) {
  return (
    <Shape
      listening={false}
      sceneFunc={(ctx) => {
        const steps = [gridM, 0.5, 1, 5, 10, 50].filter((s) => s >= gridM);
        const step = steps.find((s) => s * v.pxPerM >= 8) ?? 50;
        const major = step < 1 ? 1 : step * 5;
        const x0 = Math.floor(-v.offsetXPx / v.pxPerM / step) * step;
        const y0 = Math.floor(-v.offsetYPx / v.pxPerM / step) * step;
        const x1 = (width - v.offsetXPx) / v.pxPerM;
        const y1 = (height - v.offsetYPx) / v.pxPerM;
        const c = ctx._context;
        for (const pass of [false, true]) {
          c.beginPath();
          for (let x = x0; x <= x1; x += step) {
            const isMajor = Math.abs(x / major - Math.round(x / major)) < 1e-6;
            if (isMajor !== pass) continue;
            const sx = Math.round(v.offsetXPx + x * v.pxPerM) + 0.5;
            c.moveTo(sx, 0); c.lineTo(sx, height);
          }
          for (let y = y0; y <= y1; y += step) {
            const isMajor = Math.abs(y / major - Math.round(y / major)) < 1e-6;
            if (isMajor !== pass) continue;
            const sy = Math.round(v.offsetYPx + y * v.pxPerM) + 0.5;
            c.moveTo(0, sy); c.lineTo(width, sy);
          }
          c.strokeStyle = pass ? '#c9d0d8' : '#e3e7ec';
          c.lineWidth = 1;
          c.stroke();
        }
      }}
    />
  );
}

/** A zone filled by its kind's colour; lighter while a trace image is underneath so the scan shows through. */
function ZoneShape({ z, v, selected, tracing }: { z: Zone; v: Viewport; selected: boolean; tracing: boolean }) {
  const colour = zoneKindColour(z.kind);
  return (
    <Line points={z.polygon.flatMap((q) => worldToScreen(v, q))} closed fill={colour} opacity={tracing ? 0.5 : 0.92}
      stroke={selected ? SEL : darken(colour)} strokeWidth={selected ? 2 : 1} perfectDrawEnabled={false} />
  );
}

/** Zone labels (name + area) where {@link layoutZoneLabels} placed them. */
function ZoneLabels({ labels }: { labels: readonly ZoneLabelBox[] }) {
  return (
    <Group>
      {labels.map((l) => (
        <Group key={l.zoneId} x={l.x} y={l.y}>
          <Rect width={l.width} height={l.height} fill="#ffffff" opacity={0.55} cornerRadius={3} />
          {l.lines.map((line, i) => <Text key={i} y={3 + i * (l.fontPx + 3)} text={line} width={l.width} align="center" fontSize={l.fontPx} fontStyle="bold" fill="#1d2733" wrap="none" />)}
          <Text y={l.lines.length ? 3 + l.lines.length * (l.fontPx + 3) : 2} text={l.areaText} width={l.width} align="center" fontSize={l.fontPx - 1} fill="#3c4856" />
        </Group>
      ))}
    </Group>
  );
}

function DoorShape({ d, v, selected, t }: { d: Door; v: Viewport; selected: boolean; t: (k: string) => string }) {
  const a = worldToScreen(v, d.a), b = worldToScreen(v, d.b);
  const lenPx = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const n = doorSwingNormal(d);
  const colour = selected ? SEL : d.accessControlled ? '#b26a00' : d.mainEntrance ? '#1a7f4b' : '#37474f';
  const hinge = d.swing.hinge === 'a' ? a : b;
  const other = d.swing.hinge === 'a' ? b : a;
  const leafEnd: Vec2 = [hinge[0] + n[0] * lenPx, hinge[1] + n[1] * lenPx];
  const angClosed = (Math.atan2(other[1] - hinge[1], other[0] - hinge[0]) * 180) / Math.PI;
  const angOpen = (Math.atan2(n[1], n[0]) * 180) / Math.PI;
  let sweep = angOpen - angClosed;
  while (sweep > 180) sweep -= 360;
  while (sweep < -180) sweep += 360;
  const start = sweep >= 0 ? angClosed : angOpen;
  const swings = d.swing.type === 'single' || d.swing.type === 'double';
  return (
    <Group>
      <Line points={[...a, ...b]} stroke="#ffffff" strokeWidth={Math.max(4, metresToPx(v, 0.15))} />
      <Line points={[...a, ...b]} stroke={colour} strokeWidth={1} dash={swings ? [] : [4, 3]} />
      {swings && (
        <>
          <Line points={[...hinge, ...leafEnd]} stroke={colour} strokeWidth={2} />
          <Arc x={hinge[0]} y={hinge[1]} innerRadius={lenPx} outerRadius={lenPx} angle={Math.abs(sweep)} rotation={start} stroke={colour} strokeWidth={1} dash={[3, 3]} />
        </>
      )}
      {(d.exit || d.mainEntrance) && lenPx > 14 && (
        // beside the wall on the side the door does not swing to (sideways for a door in an upright wall), never on it
        <Text x={(a[0] + b[0]) / 2 - 20 - n[0] * 28} y={(a[1] + b[1]) / 2 - n[1] * 14 - 6} width={40} align="center" text={d.mainEntrance ? t('editor.abbr.entrance') : t('editor.abbr.exit')} fontSize={9} fill={colour} />
      )}
    </Group>
  );
}

function FixtureShape({ f, v, selected, t }: { f: Fixture; v: Viewport; selected: boolean; t: (k: string) => string }) {
  const ring = fixtureFootprint(f).flatMap((q) => worldToScreen(v, q));
  const [fl, fr] = fixtureFrontEdge(f);
  const colour = FIXTURE_COLOUR[f.kind] ?? '#607d8b';
  const front = [...worldToScreen(v, fl), ...worldToScreen(v, fr)];
  const c = worldToScreen(v, f.at);
  const sizePx = Math.min(f.widthM, f.depthM) * v.pxPerM;
  return (
    <Group>
      <Line points={ring} closed fill={colour} opacity={0.88} stroke={selected ? SEL : '#263238'} strokeWidth={selected ? 2 : 1} perfectDrawEnabled={false} />
      <Line points={front} stroke="#ffd54f" strokeWidth={Math.max(2, Math.min(4, sizePx / 6))} />
      {sizePx > 16 && f.kind !== 'seat' && f.kind !== 'queue-barrier' && <Text x={c[0] - 30} y={c[1] - 5} width={60} align="center" text={t(`editor.abbr.${f.kind}`)} fontSize={9} fill="#ffffff" />}
    </Group>
  );
}


/** Selection outline, resize/rotate handles, vertex handles and live edge-length labels. */
function SelectionLayer({ plan, v, selection, selectedEdge, rotateKnobM }: {
  plan: FloorPlan; v: Viewport; selection: readonly string[]; selectedEdge: { id: string; index: number } | null; rotateKnobM: number;
}) {
  const items = useMemo(() => {
    const pts: PlanPoint[] = [];
    for (const id of selection) {
      const z = plan.zones.find((e) => e.id === id);
      if (z) { pts.push(...z.polygon); continue; }
      const f = plan.fixtures.find((e) => e.id === id);
      if (f) { pts.push(...fixtureFootprint(f)); continue; }
      const d = plan.doors.find((e) => e.id === id);
      if (d) { pts.push(d.a, d.b); continue; }
      const w = plan.outline.walls.find((e) => e.id === id);
      if (w) { pts.push(w.a, w.b); continue; }
      if (id === OUTLINE_ID) pts.push(...plan.outline.polygon);
    }
    return pts;
  }, [plan, selection]);
  if (!items.length) return null;
  const box: Box = {
    minX: Math.min(...items.map((q) => q[0])), minY: Math.min(...items.map((q) => q[1])),
    maxX: Math.max(...items.map((q) => q[0])), maxY: Math.max(...items.map((q) => q[1])),
  };
  const hs = handlePositions(box, rotateKnobM);
  const [x0, y0] = worldToScreen(v, [box.minX, box.minY]);
  const [x1, y1] = worldToScreen(v, [box.maxX, box.maxY]);
  const lineOnly = selection.length === 1 && (plan.doors.some((e) => e.id === selection[0]) || plan.outline.walls.some((e) => e.id === selection[0]));
  const outlineSel = selection.length === 1 && selection[0] === OUTLINE_ID;
  const hideBox = outlineSel || lineOnly;
  const single: Zone | undefined = selection.length === 1
    ? outlineSel ? { id: OUTLINE_ID, kind: 'outline', name: '', polygon: openRing(plan.outline.polygon), attributes: {} } : plan.zones.find((z) => z.id === selection[0])
    : undefined;
  const walls = plan.outline.walls.filter((w) => selection.includes(w.id));
  const top = worldToScreen(v, [(box.minX + box.maxX) / 2, box.minY]);
  const knob = worldToScreen(v, hs.rotate);
  return (
    <Group>
      {walls.map((w) => (
        <Line key={w.id} points={[...worldToScreen(v, w.a), ...worldToScreen(v, w.b)]} stroke="#f59e0b" strokeWidth={Math.max(4, metresToPx(v, w.thicknessM) + 4)} opacity={0.55} lineCap="butt" />
      ))}
      {outlineSel && <Line points={plan.outline.polygon.flatMap((q) => worldToScreen(v, q))} closed stroke={SEL} strokeWidth={2} dash={[8, 4]} />}
      {!hideBox && <Rect x={x0} y={y0} width={x1 - x0} height={y1 - y0} stroke={SEL} strokeWidth={1} dash={[5, 4]} />}
      {!hideBox && <Line points={[...top, ...knob]} stroke={SEL} strokeWidth={1} />}
      {!hideBox && <Circle x={knob[0]} y={knob[1]} radius={5} fill="#fff" stroke={SEL} strokeWidth={1.5} />}
      {!hideBox && (Object.keys(hs) as HandleId[]).filter((h) => h !== 'rotate' && !(single && h.length === 2)).map((h) => {
        const [hx, hy] = worldToScreen(v, hs[h]);
        return <Rect key={h} x={hx - 4} y={hy - 4} width={8} height={8} fill="#fff" stroke={SEL} strokeWidth={1.5} />;
      })}
      {single && single.polygon.map((q, i) => {
        const [sx, sy] = worldToScreen(v, q);
        return <Circle key={i} x={sx} y={sy} radius={5} fill={SEL} stroke="#fff" strokeWidth={1.5} />;
      })}
      {single && <EdgeLabels z={single} v={v} selectedIndex={selectedEdge?.id === single.id ? selectedEdge.index : null} />}
    </Group>
  );
}

/** Length label on each edge of a zone, outside the polygon; the selected edge highlighted. */
export function EdgeLabels({ z, v, selectedIndex }: { z: Zone; v: Viewport; selectedIndex: number | null }) {
  const ring = z.polygon;
  const c = polygonCentroid(ring);
  return (
    <Group>
      {ring.map((a, i) => {
        const b = ring[(i + 1) % ring.length];
        const lenM = Math.hypot(b[0] - a[0], b[1] - a[1]);
        const sa = worldToScreen(v, a), sb = worldToScreen(v, b);
        const lenPx = Math.hypot(sb[0] - sa[0], sb[1] - sa[1]);
        if (lenPx < 28 && i !== selectedIndex) return null;
        const mid: Vec2 = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        let nx = -(b[1] - a[1]) / (lenM || 1), ny = (b[0] - a[0]) / (lenM || 1);
        if ((mid[0] - c[0]) * nx + (mid[1] - c[1]) * ny < 0) { nx = -nx; ny = -ny; }
        const [mx, my] = worldToScreen(v, mid);
        const text = formatLengthM(lenM);
        const w = text.length * 6.4 + 8;
        const x = mx + nx * 13 - w / 2, y = my + ny * 13 - 8;
        const on = i === selectedIndex;
        return (
          <Group key={i}>
            {on && <Line points={[...sa, ...sb]} stroke="#f59e0b" strokeWidth={4} opacity={0.9} />}
            <Rect x={x} y={y} width={w} height={16} fill={on ? '#f59e0b' : '#ffffff'} stroke={on ? '#b45309' : SEL} strokeWidth={1} cornerRadius={3} />
            <Text x={x} y={y + 3} width={w} align="center" text={text} fontSize={11} fill={on ? '#fff' : '#0b2a4a'} />
          </Group>
        );
      })}
    </Group>
  );
}

/** Drawing guides: rectangle being drawn with W × H, polygon rubber band with segment length, marquee, calibration. */
function GuideLayer({ g, v }: { g: CanvasGuide; v: Viewport }) {
  const parts: ReactNode[] = [];
  if (g.box) {
    const [x0, y0] = worldToScreen(v, [g.box.minX, g.box.minY]);
    const [x1, y1] = worldToScreen(v, [g.box.maxX, g.box.maxY]);
    parts.push(<Rect key="box" x={x0} y={y0} width={x1 - x0} height={y1 - y0} fill="rgba(31,111,235,0.10)" stroke={SEL} strokeWidth={1} dash={[6, 4]} />);
    const wM = g.box.maxX - g.box.minX, hM = g.box.maxY - g.box.minY;
    if (wM > 0 && hM > 0 && !g.ring) {
      parts.push(<DimTag key="w" x={(x0 + x1) / 2} y={y0 - 14} text={formatLengthM(wM)} />);
      parts.push(<DimTag key="h" x={x1 + 6} y={(y0 + y1) / 2} text={formatLengthM(hM)} anchor="left" />);
      parts.push(<DimTag key="a" x={(x0 + x1) / 2} y={(y0 + y1) / 2} text={formatAreaM2(wM * hM)} />);
    }
  }
  if (g.ring && g.ring.length) {
    parts.push(<Line key="ring" points={g.ring.flatMap((q) => worldToScreen(v, q))} stroke={SEL} strokeWidth={1.5} dash={[6, 4]} closed={!!g.closed} />);
    g.ring.forEach((q, i) => {
      const [sx, sy] = worldToScreen(v, q);
      if (i < g.ring!.length - 1) parts.push(<Circle key={`p${i}`} x={sx} y={sy} radius={4} fill="#fff" stroke={SEL} strokeWidth={1.5} />);
    });
    if (g.ring.length >= 2) {
      const a = g.ring[g.ring.length - 2], b = g.ring[g.ring.length - 1];
      const [mx, my] = worldToScreen(v, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
      parts.push(<DimTag key="seg" x={mx} y={my - 16} text={formatLengthM(Math.hypot(b[0] - a[0], b[1] - a[1]))} />);
    }
    if (g.ring.length >= 3) {
      const closed = g.ring;
      parts.push(<DimTag key="parea" x={worldToScreen(v, polygonCentroid(closed))[0]} y={worldToScreen(v, polygonCentroid(closed))[1]} text={formatAreaM2(polygonAreaM2(closed))} />);
    }
  }
  if (g.calibration) {
    g.calibration.forEach((q, i) => {
      const [sx, sy] = worldToScreen(v, q);
      parts.push(<Circle key={`c${i}`} x={sx} y={sy} radius={6} stroke="#d81b60" strokeWidth={2} />);
    });
    if (g.calibration.length === 2) {
      parts.push(<Line key="cal" points={g.calibration.flatMap((q) => worldToScreen(v, q))} stroke="#d81b60" strokeWidth={2} />);
    }
  }
  if (g.cursor) {
    const [sx, sy] = worldToScreen(v, g.cursor);
    parts.push(<Line key="cx" points={[sx - 8, sy, sx + 8, sy]} stroke={g.snapKind === 'vertex' ? '#d81b60' : g.snapKind === 'edge' ? '#f59e0b' : '#556'} strokeWidth={1} />);
    parts.push(<Line key="cy" points={[sx, sy - 8, sx, sy + 8]} stroke={g.snapKind === 'vertex' ? '#d81b60' : g.snapKind === 'edge' ? '#f59e0b' : '#556'} strokeWidth={1} />);
    if (g.snapKind === 'vertex') parts.push(<Rect key="sv" x={sx - 5} y={sy - 5} width={10} height={10} stroke="#d81b60" strokeWidth={1.5} />);
  }
  return <Group>{parts}</Group>;
}

function DimTag({ x, y, text, anchor = 'center' }: { x: number; y: number; text: string; anchor?: 'center' | 'left' }) {
  const w = text.length * 6.6 + 10;
  const left = anchor === 'center' ? x - w / 2 : x;
  return (
    <Group>
      <Rect x={left} y={y - 8} width={w} height={17} fill="#0b2a4a" cornerRadius={3} opacity={0.88} />
      <Text x={left} y={y - 5} width={w} align="center" text={text} fontSize={11} fill="#ffffff" />
    </Group>
  );
}

/** Measure a container element (ResizeObserver). */
export function useElementSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    setSize({ width: el.clientWidth, height: el.clientHeight });
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

