import { describe, expect, it } from 'vitest';
import { topRowLabels } from './topRows';

describe('topRowLabels', () => {
  it('tells same-name rows apart by coordinates to 3 decimals and keeps the full name in the tooltip', () => {
    const sites = [
      { id: '892a100d2c3ffff', lng: -73.905412, lat: 40.849123 },
      { id: '892a100d2c7ffff', lng: -73.908801, lat: 40.846656 },
      { id: 'my-site', lng: -73.99, lat: 40.75 },
    ];
    const rows = topRowLabels(sites, (s) => (s.id === 'my-site' ? 'my-site' : 'Mount Hope'));
    expect(rows).toEqual([
      { name: 'Mount Hope', detail: '40.849, -73.905', title: 'Mount Hope\n40.84912, -73.90541\n892a100d2c3ffff' },
      { name: 'Mount Hope', detail: '40.847, -73.909', title: 'Mount Hope\n40.84666, -73.90880\n892a100d2c7ffff' },
      { name: 'my-site', detail: '40.750, -73.990', title: 'my-site\n40.75000, -73.99000\nmy-site' },
    ]);
  });
  it('adds the short cell id when name and rounded coordinates still coincide', () => {
    const rows = topRowLabels([
      { id: '892a100d2c3ffff', lng: -73.90541, lat: 40.84912 },
      { id: '892a100d2cbffff', lng: -73.90549, lat: 40.84904 },
    ], () => 'Mount Hope');
    expect(rows.map((r) => r.detail)).toEqual(['40.849, -73.905 · …00d2c3', '40.849, -73.905 · …00d2cb']);
    expect(new Set(rows.map((r) => `${r.name} ${r.detail}`)).size).toBe(2);
  });
});
