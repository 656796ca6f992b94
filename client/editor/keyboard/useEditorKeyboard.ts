import { useEffect, useRef } from 'react';
import { isEditorHash } from '../document/planRoute';
import type { EditorStore } from '../state/editorStore';
import type { ToolController } from '../tools/useToolController';
import type { EditorViewport } from '../useEditorViewport';
import { editorKeyAction, type EditorKeyAction } from './keymap';

/** Typing into a field is never a shortcut. */
function isTextTarget(target: EventTarget | null, tags: string[]): boolean {
  const el = target as HTMLElement | null;
  return !!el && tags.includes(el.tagName);
}

/**
 * The editor's keyboard shortcuts (see ./keymap.ts) on the window, while the editor tab is shown and no field has the
 * focus; Space held pans with the left button.
 */
export function useEditorKeyboard({ store, tools, viewport, save }: {
  store: EditorStore;
  tools: ToolController;
  viewport: EditorViewport;
  save: () => void;
}): void {
  const perform = (a: EditorKeyAction) => {
    switch (a.type) {
      case 'panStart': viewport.spaceHeld.current = true; return;
      case 'undo': store.undo(); return;
      case 'redo': store.redo(); return;
      case 'duplicate': store.duplicateSelection(); return;
      case 'save': save(); return;
      case 'cancel': tools.cancel(); return;
      case 'closePolygon': tools.closePolygon(); return;
      case 'undoPolygonPoint': tools.undoPolygonPoint(); return;
      case 'deleteSelection': store.deleteSelection(); return;
      case 'nudge': store.nudge(a.dxM, a.dyM); return;
      case 'dimension': tools.openDim(a.mode, a.text); return;
      case 'tool': tools.setTool(a.tool); return;
      case 'toggleGrid': viewport.toggleGrid(); return;
      case 'fit': viewport.fit(); return;
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (isTextTarget(e.target, ['INPUT', 'SELECT', 'TEXTAREA']) || !isEditorHash(location.hash)) return;
    const r = editorKeyAction(e, { tool: tools.tool, drawing: tools.drawing(), selectionCount: store.getSnapshot().selection.length });
    if (!r) return;
    if (r.preventDefault) e.preventDefault();
    perform(r.action);
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (e.key !== ' ') return;
    viewport.spaceHeld.current = false;
    // a focused toolbar button would otherwise be "clicked" by the Space used for panning
    if (e.target && !isTextTarget(e.target, ['INPUT', 'TEXTAREA']) && isEditorHash(location.hash)) e.preventDefault();
  };
  // the listeners stay registered; they always call this render's handlers
  const latest = useRef({ onKeyDown, onKeyUp });
  latest.current = { onKeyDown, onKeyUp };
  useEffect(() => {
    const down = (e: KeyboardEvent) => latest.current.onKeyDown(e);
    const up = (e: KeyboardEvent) => latest.current.onKeyUp(e);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => { window.removeEventListener('keydown', down); window.removeEventListener('keyup', up); };
  }, []);
}
