/**
 * Tooltip for the canvas: hovering a finding's highlight (a polygon, a measured neck, a point) shows its rule,
 * message, measured vs required, clause and verification status next to the pointer. Listens on the editor
 * canvas element (the Konva overlay itself does not listen: the editor hit-tests in metres).
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { EditorExtensionContext } from '../editor/extensions';
import type { Finding } from '../../core/standards/findings';
import type { PlanPoint } from '../../core/floorplan/model';
import { findingText, isWholePlan, ruleTitle, sourceText, valuesText } from './report';
import { pointSegmentDistance, polygonAreaM2, polygonContainsPoint } from '../../core/floorplan/geometry';

type T = (key: string, vars?: Record<string, string | number>) => string;

/** Index of the finding under plan point p (metres), preferring points and segments, then the smallest polygon. */
export function findingAt(findings: Finding[], p: PlanPoint, pxPerM: number, outlineAreaM2: number): number | null {
  const tolM = 8 / pxPerM;
  let best: { i: number; score: number } | null = null;
  findings.forEach((f, i) => {
    const at = f.at;
    let score = Infinity;
    if (at.type === 'point') { const d = Math.hypot(p[0] - at.point[0], p[1] - at.point[1]); if (d <= 1.5 * tolM) score = d; }
    else if (at.type === 'segment') { const d = pointSegmentDistance(p, at.a, at.b).distanceM; if (d <= tolM) score = d; }
    else if (!isWholePlan(f, outlineAreaM2)) {
      for (const r of at.rings) if (r.length >= 3 && polygonContainsPoint(r, p)) score = Math.min(score, 1 + polygonAreaM2(r));
    }
    if (score < (best?.score ?? Infinity)) best = { i, score };
  });
  return (best as { i: number } | null)?.i ?? null;
}

export function FindingTooltip({ ctx, findings, t }: { ctx: EditorExtensionContext; findings: Finding[]; t: T }) {
  const [hover, setHover] = useState<{ i: number; x: number; y: number } | null>(null);
  const live = useRef({ ctx, findings });
  live.current = { ctx, findings };
  useEffect(() => {
    const el = document.querySelector<HTMLElement>('[data-testid=ed-canvas]');
    if (!el) return;
    const move = (e: PointerEvent) => {
      if (e.buttons) { setHover(null); return; }
      const { ctx: c, findings: fs } = live.current;
      if (!c.livePlan) return;
      const box = el.getBoundingClientRect();
      const v = c.viewport;
      const p: PlanPoint = [(e.clientX - box.left - v.offsetXPx) / v.pxPerM, (e.clientY - box.top - v.offsetYPx) / v.pxPerM];
      const i = findingAt(fs, p, v.pxPerM, polygonAreaM2(c.livePlan.outline.polygon));
      setHover(i === null ? null : { i, x: e.clientX, y: e.clientY });
    };
    const leave = () => setHover(null);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerleave', leave);
    return () => { el.removeEventListener('pointermove', move); el.removeEventListener('pointerleave', leave); };
  }, []);
  if (!hover || !findings[hover.i]) return null;
  const f = findings[hover.i];
  return createPortal(
    <div className={`st-tooltip st-tip-${f.severity}`} style={{ left: hover.x + 14, top: hover.y + 14 }} data-testid="standards-tooltip" role="tooltip">
      <div><b>{f.ruleId}</b> {ruleTitle(f, t)}</div>
      <div>{findingText(f, t, { unverifiedNote: false })}</div>
      <div>{valuesText(f, t)}</div>
      <small>{sourceText(f.source, t)} · {t(`standards.status.${f.status}`)}</small>
    </div>,
    document.body,
  );
}
