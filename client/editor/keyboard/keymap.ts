import type { ToolId } from '../tools/toolController';

/**
 * The editor's shortcuts as a pure function: a key press (and what the editor is doing) → one action and whether
 * the browser's default must be suppressed. `useEditorKeyboard` performs the actions. The list is in
 * client/editor/README.md ("Shortcuts").
 */
export type EditorKeyAction =
  | { type: 'panStart' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'duplicate' }
  | { type: 'save' }
  /** Escape: drop the gesture in flight (and the selection with Select); other tools return to Select. */
  | { type: 'cancel' }
  | { type: 'closePolygon' }
  | { type: 'undoPolygonPoint' }
  | { type: 'deleteSelection' }
  /** Arrow keys: move the selection 10 cm (Shift: 1 m). */
  | { type: 'nudge'; dxM: number; dyM: number }
  /** A digit (or Enter on a selected zone/fixture): open the dimension box with that text. */
  | { type: 'dimension'; mode: 'rect' | 'polygon' | 'edge'; text: string }
  | { type: 'tool'; tool: ToolId }
  | { type: 'toggleGrid' }
  | { type: 'fit' };

export interface KeyPress { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }

export interface KeyContext {
  tool: ToolId;
  /** The drawing in flight, if any (a typed number sizes it). */
  drawing: 'rect' | 'polygon' | null;
  /** Number of selected ids. */
  selectionCount: number;
}

/** The action for a key press, or null when the editor ignores it. */
export function editorKeyAction(e: KeyPress, c: KeyContext): { action: EditorKeyAction; preventDefault: boolean } | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const polygonTool = c.tool === 'polygon' || c.tool === 'outline';
  const act = (action: EditorKeyAction, preventDefault = false) => ({ action, preventDefault });
  if (e.key === ' ') return act({ type: 'panStart' }, true);
  if (mod && key === 'z' && !e.shiftKey) return act({ type: 'undo' }, true);
  if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) return act({ type: 'redo' }, true);
  if (mod && key === 'd') return act({ type: 'duplicate' }, true);
  if (mod && key === 's') return act({ type: 'save' }, true);
  if (mod) return null;
  if (e.key === 'Escape') return act({ type: 'cancel' });
  if (polygonTool && e.key === 'Enter') return act({ type: 'closePolygon' });
  if (polygonTool && e.key === 'Backspace') return act({ type: 'undoPolygonPoint' }, true);
  if (e.key === 'Delete' || e.key === 'Backspace') return act({ type: 'deleteSelection' }, true);
  if (e.key.startsWith('Arrow')) {
    const step = e.shiftKey ? 1 : 0.1;
    const d: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    return c.selectionCount && d[e.key] ? act({ type: 'nudge', dxM: d[e.key][0], dyM: d[e.key][1] }, true) : null;
  }
  const canEdge = c.tool === 'select' && c.selectionCount === 1;
  if (/^[0-9.]$/.test(e.key) && (c.drawing || canEdge)) return act({ type: 'dimension', mode: c.drawing ?? 'edge', text: e.key }, true);
  if (e.key === 'Enter' && canEdge) return act({ type: 'dimension', mode: 'edge', text: '' }, true);
  const tool = new Map<string, ToolId>([['v', 'select'], ['r', 'rect'], ['p', 'polygon'], ['o', e.shiftKey ? 'outlineRect' : 'outline'], ['d', 'door']]).get(key);
  if (tool) return act({ type: 'tool', tool });
  if (key === 'g') return act({ type: 'toggleGrid' });
  if (key === 'f') return act({ type: 'fit' });
  return null;
}
