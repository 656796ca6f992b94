import { describe, expect, it } from 'vitest';
import { exportFileName, fileStem, svgLengthMm } from './io';
import { editorExtensions, registerEditorOverlay, registerEditorSidePanel } from './extensions';
import type { FloorPlan } from '../../core/floorplan/model';

describe('io helpers', () => {
  it('reads SVG lengths in mm', () => {
    expect(svgLengthMm('170mm')).toBe(170);
    expect(svgLengthMm('17cm')).toBeCloseTo(170, 9);
    expect(svgLengthMm('1in')).toBeCloseTo(25.4, 9);
    expect(svgLengthMm('96')).toBeCloseTo(25.4, 9); // CSS px at 96 dpi
    expect(svgLengthMm('72pt')).toBeCloseTo(25.4, 9);
    expect(svgLengthMm(null)).toBeNaN();
    expect(svgLengthMm('100%')).toBeNaN();
  });
  it('makes safe file names, keeping Chinese letters', () => {
    expect(fileStem({ name: 'Community branch (150 m²)' } as FloorPlan)).toBe('community-branch-150-m');
    expect(fileStem({ name: '社区网点 A' } as FloorPlan)).toBe('社区网点-a');
    expect(fileStem({ name: '///' } as FloorPlan)).toBe('plan');
  });
  it('names every export by one rule: <plan-name>-v<version>[-edited][-<what>].<ext>', () => {
    const plan = { name: 'Community branch - NON-COMPLIANT copy' };
    expect(exportFileName(plan, { version: 3, ext: 'svg' })).toBe('community-branch-non-compliant-copy-v3.svg');
    expect(exportFileName(plan, { version: 3, ext: 'plan.json' })).toBe('community-branch-non-compliant-copy-v3.plan.json');
    expect(exportFileName(plan, { version: 3, edited: true, ext: 'dxf' })).toBe('community-branch-non-compliant-copy-v3-edited.dxf');
    expect(exportFileName(plan, { version: 1, what: 'standards', ext: 'pdf' })).toBe('community-branch-non-compliant-copy-v1-standards.pdf');
    expect(exportFileName({ name: '社区网点（一号）' }, { version: 2, ext: 'geojson' })).toBe('社区网点-一号-v2.geojson');
    expect(exportFileName({ name: '' }, { version: null, ext: 'png' })).toBe('plan.png');
  });
});

describe('extension slots', () => {
  it('registers, replaces by id and unregisters overlays and side panels', () => {
    const v0 = editorExtensions().version;
    const off1 = registerEditorOverlay({ id: 'x', render: () => null });
    const off2 = registerEditorOverlay({ id: 'x', render: () => 'second' });
    const offP = registerEditorSidePanel({ id: 'p', title: 'T', render: () => null });
    const e = editorExtensions();
    expect(e.overlays.map((o) => o.id)).toEqual(['x']);
    expect(e.sidePanels.map((p) => p.id)).toEqual(['p']);
    expect(e.version).toBe(v0 + 3);
    off1(); // stale unregister does not remove the replacement
    expect(editorExtensions().overlays).toHaveLength(1);
    off2();
    offP();
    expect(editorExtensions().overlays).toHaveLength(0);
    expect(editorExtensions().sidePanels).toHaveLength(0);
  });
});

describe('PDF route', () => {
  it('uses vectors for Latin text (m², ×, · included) and a raster for Chinese', async () => {
    const { needsRasterPdf } = await import('./io');
    expect(needsRasterPdf('<svg><text>Cash area 18.00 m² · 1:100 × 2</text></svg>')).toBe(false);
    expect(needsRasterPdf('<svg><text>现金业务区</text></svg>')).toBe(true);
    expect(needsRasterPdf('<svg font-family="Noto Sans SC"><title>x</title></svg>')).toBe(false);
  });
});
