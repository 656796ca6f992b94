import { useEffect, useRef, useState, type RefObject } from 'react';
import type { FloorPlan } from '../../core/floorplan/model';
import { useElementSize } from './canvas/PlanCanvas';
import type { PlanRef } from './state/editorStore';
import { fitBounds, panBy, planViewBounds, wheelZoomFactor, zoomAbout, type Vec2, type Viewport } from './viewport';

/**
 * Margins (px) left around a plan fitted to the canvas: the bottom one clears the scale bar (bottom 30 px, 20 px tall)
 * and the status line under it (one or two lines), so the bottom wall and its doors are never hidden behind them.
 */
const FIT_MARGIN_PX = { top: 48, right: 48, bottom: 84, left: 48 };

export interface EditorViewport {
  viewport: Viewport;
  /** The viewport now (for event handlers between renders). */
  current: () => Viewport;
  /** Canvas size in px. */
  size: { width: number; height: number };
  showGrid: boolean;
  toggleGrid: () => void;
  /** Fit the plan to the canvas (F). */
  fit: () => void;
  /** Fit again once the next plan (or version) is laid out. */
  refitNextPlan: () => void;
  /** `id@version` of the plan the view was last fitted to (the editor is ready only after that). */
  fittedKey: string | null;
  /** Centre the view on a plan point (metres). */
  focus: (pM: Vec2) => void;
  /** Space held: a left-drag pans. */
  spaceHeld: { current: boolean };
  /** Middle-drag or Space+drag panning; each returns true when the event was a pan. */
  pan: {
    start: (e: { button: number; clientX: number; clientY: number; preventDefault: () => void }) => boolean;
    move: (e: { clientX: number; clientY: number }) => boolean;
    end: () => boolean;
  };
}

/**
 * The editor's view of the plan: zoom and pan (wheel about the cursor, middle or Space drag), fit once per opened plan
 * and version, the grid toggle and the canvas size.
 */
export function useEditorViewport(wrapRef: RefObject<HTMLDivElement | null>, plan: FloorPlan | null, ref: PlanRef | null): EditorViewport {
  const size = useElementSize(wrapRef);
  const [viewport, setViewport] = useState<Viewport>({ pxPerM: 40, offsetXPx: 40, offsetYPx: 40 });
  const vpRef = useRef(viewport);
  vpRef.current = viewport;
  const [showGrid, setShowGrid] = useState(true);
  const fittedFor = useRef<string | null>(null);
  const [fittedKey, setFittedKey] = useState<string | null>(null);
  const panFrom = useRef<{ x: number; y: number } | null>(null);
  const spaceHeld = useRef(false);

  // fit the view once per opened plan
  useEffect(() => {
    if (!plan || !ref || size.width < 50) return;
    const key = `${ref.id}@${ref.version}`;
    if (fittedFor.current === key) return;
    fittedFor.current = key;
    setViewport(fitBounds(planViewBounds(plan), size.width, size.height, FIT_MARGIN_PX));
    setFittedKey(key);
  }, [plan, ref, size.width, size.height]);

  // wheel zoom about the cursor (native listener: React's is passive)
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const anchor: Vec2 = [e.clientX - r.left, e.clientY - r.top];
      if (e.ctrlKey || !e.shiftKey) setViewport((v) => zoomAbout(v, anchor, wheelZoomFactor(e.deltaY * (e.deltaMode === 1 ? 33 : 1))));
      else setViewport((v) => panBy(v, -e.deltaY, 0));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [wrapRef]);

  return {
    viewport,
    current: () => vpRef.current,
    size,
    showGrid,
    toggleGrid: () => setShowGrid((g) => !g),
    fit: () => { if (plan) setViewport(fitBounds(planViewBounds(plan), size.width, size.height, FIT_MARGIN_PX)); },
    refitNextPlan: () => { fittedFor.current = null; },
    fittedKey,
    focus: (q) => setViewport((v) => ({ ...v, offsetXPx: size.width / 2 - q[0] * v.pxPerM, offsetYPx: size.height / 2 - q[1] * v.pxPerM })),
    spaceHeld,
    pan: {
      start: (e) => {
        if (!(e.button === 1 || (e.button === 0 && spaceHeld.current))) return false;
        e.preventDefault();
        panFrom.current = { x: e.clientX, y: e.clientY };
        return true;
      },
      move: (e) => {
        if (!panFrom.current) return false;
        const dx = e.clientX - panFrom.current.x, dy = e.clientY - panFrom.current.y;
        panFrom.current = { x: e.clientX, y: e.clientY };
        setViewport((v) => panBy(v, dx, dy));
        return true;
      },
      end: () => {
        if (!panFrom.current) return false;
        panFrom.current = null;
        return true;
      },
    },
  };
}
