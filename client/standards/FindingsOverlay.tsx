/**
 * Findings drawn on the editor's Konva stage: each finding highlighted AT its location (a zone or overlap
 * polygon, a measured neck segment, a point) with a label tag "rule · measured / required"; the picked finding
 * shows its whole message. Reads the shared store; non-listening (the editor hit-tests in metres).
 */
import { useSyncExternalStore } from 'react';
import { Circle, Group, Label, Line, Tag, Text } from 'react-konva';
import type { EditorExtensionContext } from '../editor/extensions';
import { findingCentre, type Finding } from '../../core/standards/findings';
import { standardsStore } from './store';
import { findingText, fmtValue, isWholePlan, requiredText } from './report';
import { useI18n } from '../i18n/i18n';
import { polygonAreaM2 } from '../../core/floorplan/geometry';

const COLOURS = { error: '#c0392b', warning: '#d68910', info: '#2e86c1' } as const;

export function FindingsOverlay({ ctx }: { ctx: EditorExtensionContext }) {
  const s = useSyncExternalStore(standardsStore.subscribe, standardsStore.get);
  const { t } = useI18n();
  if (!s.result || !ctx.livePlan) return null;
  const { toScreen } = ctx;
  const flat = (pts: [number, number][]) => pts.flatMap((p) => toScreen(p));
  const outlineArea = polygonAreaM2(ctx.livePlan.outline.polygon);
  let wholePlanRow = 0;
  // labels placed in order; one that would sit on an earlier one moves down a line
  const placed: [number, number][] = [];
  const place = (x: number, y: number): [number, number] => {
    let yy = y;
    for (let guard = 0; guard < 12 && placed.some(([px, py]) => Math.abs(px - x) < 120 && Math.abs(py - yy) < 18); guard++) yy += 18;
    placed.push([x, yy]);
    return [x, yy];
  };
  return (
    <Group listening={false} name="standards-findings">
      {s.result.findings.map((f, i) => {
        const c = COLOURS[f.severity];
        const picked = s.picked === i;
        const at = f.at;
        const whole = isWholePlan(f, outlineArea);
        const shape = whole ? [] : at.type === 'polygon'
          ? at.rings.map((r, k) => <Line key={k} points={flat(r)} closed fill={c} opacity={picked ? 0.45 : 0.22} stroke={c} strokeWidth={picked ? 3 : 1.5} dash={f.severity === 'error' ? undefined : [6, 4]} />)
          : at.type === 'segment'
            ? [<Line key="s" points={flat([at.a, at.b])} stroke={c} strokeWidth={picked ? 6 : 4} lineCap="round" />,
              <Circle key="a" x={toScreen(at.a)[0]} y={toScreen(at.a)[1]} radius={4} fill={c} />,
              <Circle key="b" x={toScreen(at.b)[0]} y={toScreen(at.b)[1]} radius={4} fill={c} />]
            : [<Circle key="p" x={toScreen(at.point)[0]} y={toScreen(at.point)[1]} radius={picked ? 11 : 8} stroke={c} strokeWidth={3} fill={c} opacity={0.6} />];
        // whole-plan findings (missing zones, exits, demand without fixtures): labels stacked at the top-left corner
        const [x, y] = whole ? ((): [number, number] => { const o = toScreen(ctx.livePlan!.outline.polygon[0]); return [o[0] + 90, o[1] + 24 + 22 * wholePlanRow++]; })() : place(...toScreen(findingCentre(f.at)));
        // counts (doors, exits, seats…) are told by the message; lengths and areas show measured / signed bound
        const short = f.unit === 'count' ? f.ruleId : `${f.ruleId} ${fmtValue(f.measured, f.unit)} / ${requiredText(f)}`;
        return (
          <Group key={i}>
            {shape}
            <Label x={x} y={y} opacity={0.95}>
              <Tag fill={c} pointerDirection="down" pointerWidth={8} pointerHeight={6} cornerRadius={3} />
              <Text text={picked ? `${short}\n${findingText(f, t, { unverifiedNote: false })}` : short} fontSize={11} padding={3} fill="#fff" width={picked ? 260 : undefined} fontFamily="Noto Sans SC, Noto Sans, Arial, sans-serif" />
            </Label>
          </Group>
        );
      })}
    </Group>
  );
}
