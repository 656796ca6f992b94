import { describe, expect, it } from 'vitest';
import { editorKeyAction, type KeyContext } from './keymap';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) => ({ key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift });
const idle: KeyContext = { tool: 'select', drawing: null, selectionCount: 0 };

describe('editorKeyAction', () => {
  it('Ctrl/Cmd shortcuts suppress the browser default; others with a modifier are ignored', () => {
    expect(editorKeyAction(key('z', { ctrl: true }), idle)).toEqual({ action: { type: 'undo' }, preventDefault: true });
    expect(editorKeyAction(key('Z', { ctrl: true, shift: true }), idle)).toEqual({ action: { type: 'redo' }, preventDefault: true });
    expect(editorKeyAction(key('y', { meta: true }), idle)?.action).toEqual({ type: 'redo' });
    expect(editorKeyAction(key('s', { ctrl: true }), idle)).toEqual({ action: { type: 'save' }, preventDefault: true });
    expect(editorKeyAction(key('d', { ctrl: true }), idle)?.action).toEqual({ type: 'duplicate' });
    expect(editorKeyAction(key('c', { ctrl: true }), idle)).toBeNull();
    expect(editorKeyAction(key('r', { ctrl: true }), idle)).toBeNull();
  });

  it('arrows nudge a selection 10 cm, with Shift 1 m; with nothing selected the page scrolls', () => {
    const sel = { ...idle, selectionCount: 2 };
    expect(editorKeyAction(key('ArrowLeft'), sel)).toEqual({ action: { type: 'nudge', dxM: -0.1, dyM: 0 }, preventDefault: true });
    expect(editorKeyAction(key('ArrowDown', { shift: true }), sel)?.action).toEqual({ type: 'nudge', dxM: 0, dyM: 1 });
    expect(editorKeyAction(key('ArrowUp'), idle)).toBeNull();
  });

  it('Backspace drops a polygon vertex while drawing one, else deletes; Enter closes the polygon', () => {
    expect(editorKeyAction(key('Backspace'), { ...idle, tool: 'outline' })).toEqual({ action: { type: 'undoPolygonPoint' }, preventDefault: true });
    expect(editorKeyAction(key('Backspace'), idle)).toEqual({ action: { type: 'deleteSelection' }, preventDefault: true });
    expect(editorKeyAction(key('Delete'), { ...idle, tool: 'polygon' })?.action).toEqual({ type: 'deleteSelection' });
    expect(editorKeyAction(key('Enter'), { ...idle, tool: 'polygon' })).toEqual({ action: { type: 'closePolygon' }, preventDefault: false });
    expect(editorKeyAction(key('Escape'), { ...idle, tool: 'door' })).toEqual({ action: { type: 'cancel' }, preventDefault: false });
  });

  it('a digit opens the dimension box while drawing or with one element selected; Enter on one selected edits its edge', () => {
    expect(editorKeyAction(key('3'), { ...idle, tool: 'rect', drawing: 'rect' })).toEqual({ action: { type: 'dimension', mode: 'rect', text: '3' }, preventDefault: true });
    expect(editorKeyAction(key('.'), { ...idle, selectionCount: 1 })?.action).toEqual({ type: 'dimension', mode: 'edge', text: '.' });
    expect(editorKeyAction(key('Enter'), { ...idle, selectionCount: 1 })?.action).toEqual({ type: 'dimension', mode: 'edge', text: '' });
    expect(editorKeyAction(key('3'), idle)).toBeNull();
    expect(editorKeyAction(key('3'), { ...idle, tool: 'door', selectionCount: 1 })).toBeNull();
  });

  it('letters pick tools (Shift+O the outline rectangle), G toggles the grid, F fits, Space pans', () => {
    expect(editorKeyAction(key('r'), idle)).toEqual({ action: { type: 'tool', tool: 'rect' }, preventDefault: false });
    expect(editorKeyAction(key('O', { shift: true }), idle)?.action).toEqual({ type: 'tool', tool: 'outlineRect' });
    expect(editorKeyAction(key('o'), idle)?.action).toEqual({ type: 'tool', tool: 'outline' });
    expect(editorKeyAction(key('D'), idle)?.action).toEqual({ type: 'tool', tool: 'door' });
    expect(editorKeyAction(key('g'), idle)?.action).toEqual({ type: 'toggleGrid' });
    expect(editorKeyAction(key('f'), idle)?.action).toEqual({ type: 'fit' });
    expect(editorKeyAction(key(' '), idle)).toEqual({ action: { type: 'panStart' }, preventDefault: true });
    expect(editorKeyAction(key('x'), idle)).toBeNull();
  });
});
