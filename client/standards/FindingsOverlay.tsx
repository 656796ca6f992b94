/**
 * Findings drawn on the editor's Konva stage: each finding highlighted AT its location (a zone or overlap
 * polygon, a measured neck segment, a point) with a badge "rule · measured / required" placed where it covers no
 * other badge (client/standards/badgeLayout.ts; a zone with more than 3 findings gets one grouped badge) and a leader
 * line to its place; every zone a finding names is outlined (both zones of an overlap); the picked finding shows its
 * whole message. Reads the shared store; non-listening (the editor hit-tests in metres).
 */
import { useSyncExternalStore } from 'react';
import { Circle, Group, Label, Line, Tag, Text } from 'react-konva';
import type { EditorExtensionContext } from '../editor/extensions';
import { findingCentre } from '../../core/standards/findings';
import { standardsStore } from './store';
import { findingText, fmtValue, isWholePlan, requiredText } from './report';
import { useI18n } from '../i18n/i18n';
import { polygonAreaM2 } from '../../core/floorplan/geometry';
import { groupCrowded, layoutBadges, type BadgeRequest } from './badgeLayout';
import { testHooksEnabled } from '../testHooks';

const COLOURS = { error: '#c0392b', warning: '#d68910', info: '#2e86c1' } as const;

/** Approximate text width in px at 11 px (CJK glyphs are square, Latin ≈ 0.56 em). */
function textWidthPx(s: string, fontPx = 11): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? fontPx : fontPx * 0.58;
  return Math.ceil(w);
}
const LINE_PX = 14;
const MAX_PER_ZONE = 3;

export function FindingsOverlay({ ctx }: { ctx: EditorExtensionContext }) {
  const s = useSyncExternalStore(standardsStore.subscribe, standardsStore.get);
  const { t } = useI18n();
  if (!s.result || !ctx.livePlan) return null;
  const plan = ctx.livePlan;
  const { toScreen } = ctx;
  const flat = (pts: [number, number][]) => pts.flatMap((p) => toScreen(p));
  const outlineArea = polygonAreaM2(plan.outline.polygon);
  const findings = s.result.findings;
  const corner = toScreen(plan.outline.polygon[0]);
  // badge texts and sizes; whole-plan findings are anchored at the outline's first corner
  const texts = findings.map((f, i) => {
    const short = f.unit === 'count' ? f.ruleId : `${f.ruleId} ${fmtValue(f.measured, f.unit)} / ${requiredText(f)}`;
    return s.picked === i ? `${short}\n${findingText(f, t, { unverifiedNote: false })}` : short;
  });
  const reqs: BadgeRequest[] = findings.map((f, i) => {
    const whole = isWholePlan(f, outlineArea);
    const picked = s.picked === i;
    const width = picked ? 260 : textWidthPx(texts[i]) + 6;
    const height = picked ? 6 + LINE_PX * (1 + Math.ceil(textWidthPx(texts[i].split('\n')[1] ?? '') / 254)) : LINE_PX + 6;
    return { key: i, anchor: whole ? [corner[0] + 90, corner[1] + 24] : toScreen(findingCentre(f.at)), width, height,
      group: whole || picked ? '' : f.zoneIds[0] ?? '' };
  });
  const groupText = (keys: number[]) => t('standards.badge.group', { n: keys.length, rules: [...new Set(keys.map((k) => findings[k].ruleId))].join(', ') });
  const requests = groupCrowded(reqs, MAX_PER_ZONE, () => 0).map((b) => (b.keys.length > 1 ? { ...b, width: textWidthPx(groupText(b.keys)) + 6 } : b));
  // badges keep off the zones' name and area labels, where the canvas placed them, when a free spot nearby exists
  const avoid = ctx.zoneLabels;
  const badges = layoutBadges(requests, { avoid });
  if (testHooksEnabled()) {
    (window as unknown as { __findingBadges?: unknown }).__findingBadges = badges.map(({ keys, x, y, width, height }) => ({ keys, x, y, width, height }));
    (window as unknown as { __zoneLabels?: unknown }).__zoneLabels = avoid.map(({ zoneId, x, y, width, height }) => ({ zoneId, x, y, width, height }));
  }
  const zoneById = new Map(plan.zones.map((z) => [z.id, z]));
  return (
    <Group listening={false} name="standards-findings">
      {findings.map((f, i) => {
        const c = COLOURS[f.severity];
        const picked = s.picked === i;
        const at = f.at;
        const whole = isWholePlan(f, outlineArea);
        const shape = whole ? [] : at.type === 'polygon'
          ? at.rings.map((r, k) => <Line key={k} points={flat(r)} closed fill={c} opacity={picked ? 0.45 : 0.22} stroke={c} strokeWidth={picked ? 3 : 1.5} dash={f.severity === 'error' ? undefined : [6, 4]} perfectDrawEnabled={false} />)
          : at.type === 'segment'
            ? [<Line key="s" points={flat([at.a, at.b])} stroke={c} strokeWidth={picked ? 6 : 4} lineCap="round" />,
              <Circle key="a" x={toScreen(at.a)[0]} y={toScreen(at.a)[1]} radius={4} fill={c} />,
              <Circle key="b" x={toScreen(at.b)[0]} y={toScreen(at.b)[1]} radius={4} fill={c} />]
            : [<Circle key="p" x={toScreen(at.point)[0]} y={toScreen(at.point)[1]} radius={picked ? 11 : 8} stroke={c} strokeWidth={3} fill={c} opacity={0.6} perfectDrawEnabled={false} />];
        // a finding between zones (an overlap, a clearance between two zones) outlines every zone it names
        const zones = !whole && f.zoneIds.length > 1
          ? f.zoneIds.map((id) => zoneById.get(id)).filter((z): z is NonNullable<typeof z> => !!z)
            .map((z) => <Line key={`z-${z.id}`} name="finding-zone" points={flat(z.polygon)} closed stroke={c} strokeWidth={picked ? 3 : 2} dash={[8, 4]} fill={c} opacity={0.12} perfectDrawEnabled={false} />)
          : [];
        return <Group key={i}>{zones}{shape}</Group>;
      })}
      {badges.map((b) => {
        const f = findings[b.keys[0]];
        const worst = b.keys.some((k) => findings[k].severity === 'error') ? 'error' : b.keys.some((k) => findings[k].severity === 'warning') ? 'warning' : f.severity;
        const c = COLOURS[worst];
        const text = b.keys.length > 1 ? groupText(b.keys) : texts[b.keys[0]];
        const cx = b.x + b.width / 2, edgeY = b.anchor[1] < b.y ? b.y : b.y + b.height;
        return (
          <Group key={b.keys.join('-')} name="finding-badge">
            <Line points={[b.anchor[0], b.anchor[1], cx, edgeY]} stroke={c} strokeWidth={1} opacity={0.8} />
            <Label x={b.x} y={b.y} opacity={0.95}>
              <Tag fill={c} cornerRadius={3} />
              <Text text={text} fontSize={11} padding={3} fill="#fff" width={b.width} height={b.height} fontFamily="Noto Sans SC, Noto Sans, Arial, sans-serif" />
            </Label>
          </Group>
        );
      })}
    </Group>
  );
}
