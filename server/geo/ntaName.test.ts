import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { BasemapService, loadBasemap, loadNtaShapes } from './basemap';

const basemap = new BasemapService(loadConfig().dataDir);
const ntaNameAt = (lng: number, lat: number) => basemap.ntaNameAt(lng, lat);

describe('BasemapService.ntaNameAt', () => {
  it('names the NTA polygon holding a point', () => {
    // The middle of Central Park, Times Square, and Mount Hope in the Bronx (E 176th St & Walton Ave).
    expect(ntaNameAt(-73.9654, 40.7829)).toBe('Central Park');
    expect(ntaNameAt(-73.98555, 40.75800)).toBe('Midtown-Times Square');
    expect(ntaNameAt(-73.90730, 40.84760)).toBe('Mount Hope');
  });
  it('is null outside every NTA (open water, New Jersey)', () => {
    expect(ntaNameAt(-74.02, 40.60)).toBeNull(); // the Narrows' outer harbour
    expect(ntaNameAt(-74.17, 40.73)).toBeNull(); // Newark
  });
});

describe('loadNtaShapes', () => {
  it("gives the basemap's neighbourhoods (code, name, rounded outline) from the NTA file alone", () => {
    const dataDir = loadConfig().dataDir;
    const shapes = loadNtaShapes(dataDir);
    const fromBasemap = loadBasemap(dataDir).neighborhoods.features;
    expect(shapes.length).toBe(fromBasemap.length);
    expect(shapes.length).toBeGreaterThan(250); // NTA2020: 262 areas
    expect(shapes.map((s) => ({ code: s.code, name: s.name, geometry: s.geometry })))
      .toEqual(fromBasemap.map((f) => ({ code: f.properties.code, name: f.properties.name, geometry: f.geometry })));
    const midtown = shapes.find((s) => s.name === 'Midtown-Times Square')!;
    expect(midtown.bbox[0]).toBeLessThan(-73.98555); expect(midtown.bbox[2]).toBeGreaterThan(-73.98555);
  });
});

describe('optimised grid sites are named by their NTA', () => {
  it('Chase, NYC grid, p = 5, R = 1 km: each added site carries the NTA name of its cell centre, in the result and the scenario', async () => {
    const { createTestApp } = await import('../testing/testApp');
    const t = await createTestApp();
    try {
      const res = await t.app.request('/api/optimize', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ objective: 'mclp', p: 5, radiusM: 1000, ownNetwork: 'cert:628', area: 'nyc', candidates: 'grid', lpBound: false }) });
      expect(res.status).toBe(200);
      const r = await res.json() as { scenarioId: string; selected: { id: string; lng: number; lat: number; name?: string }[] };
      expect(r.selected).toHaveLength(5);
      for (const s of r.selected) {
        const nta = ntaNameAt(s.lng, s.lat);
        expect(nta).toEqual(expect.any(String)); // grid cells are on NYC land, so inside some NTA
        expect(s.name).toBe(nta);
      }
      const sc = await (await t.app.request(`/api/scenarios/${r.scenarioId}`)).json() as { added: { id: string; name?: string }[]; params: { marginalPopulation: Record<string, number> } };
      expect(sc.added.map((a) => a.name)).toEqual(r.selected.map((s) => s.name));
      // The scenario keeps each site's marginal residents (the brief's site table reads them).
      expect(sc.params.marginalPopulation).toEqual(Object.fromEntries(r.selected.map((s) => [s.id, (s as unknown as { marginalPopulation: number }).marginalPopulation])));
    } finally {
      await t.close();
    }
  });
});
