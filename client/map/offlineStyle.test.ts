import { describe, expect, it } from 'vitest';
import type { BasemapResponse } from '../../core/api/basemap';
import { BASEMAP_COLORS, fetchStyle, isStyleUrl, offlineStyle, styleReachable } from './offlineStyle';

const fc = (): GeoJSON.FeatureCollection<never, never> => ({ type: 'FeatureCollection', features: [] });
const basemap = {
  boroughs: fc(), neighborhoods: fc(), water: fc(), states: fc(), counties: fc(), labels: [],
  bounds: [-74.26, 40.5, -73.7, 40.92], attribution: ['A', 'B'],
} as unknown as BasemapResponse;

describe('offlineStyle', () => {
  const style = offlineStyle(basemap);
  it('uses only inline GeoJSON sources (works with no internet) and no glyphs/sprites', () => {
    for (const s of Object.values(style.sources)) expect(s.type).toBe('geojson');
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
  });
  it('draws NYC land above the harbour water, and outlines on top', () => {
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('water-fill')).toBeLessThan(ids.indexOf('boroughs-fill'));
    expect(ids.indexOf('boroughs-fill')).toBeLessThan(ids.indexOf('boroughs-line'));
    expect(ids.at(-1)).toBe('boroughs-line');
    const land = style.layers.find((l) => l.id === 'boroughs-fill') as { paint: Record<string, unknown> };
    expect(land.paint['fill-color']).toBe(BASEMAP_COLORS.landNyc);
  });
  it('accepts only http(s) online style URLs', () => {
    expect(isStyleUrl('https://demotiles.maplibre.org/style.json')).toBe(true);
    expect(isStyleUrl('javascript:alert(1)')).toBe(false);
    expect(isStyleUrl('not a url')).toBe(false);
  });
});

describe('fetchStyle', () => {
  const answer = (body: string, status = 200) => (async () => new Response(body, { status })) as unknown as typeof fetch;
  it('returns a valid style and names the URL and the problem otherwise', async () => {
    const ok = await fetchStyle('https://x/style.json', answer('{"version":8,"sources":{},"layers":[]}'));
    expect(ok.version).toBe(8);
    await expect(fetchStyle('https://x/s.json', answer('<html>'))).rejects.toThrow('https://x/s.json: not JSON');
    await expect(fetchStyle('https://x/s.json', answer('{"version":7,"sources":{},"layers":[]}'))).rejects.toThrow('not a MapLibre style');
    await expect(fetchStyle('https://x/s.json', answer('nope', 404))).rejects.toThrow('https://x/s.json: HTTP 404');
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    await expect(fetchStyle('https://x/s.json', offline)).rejects.toThrow('https://x/s.json: Failed to fetch');
  });
});

describe('styleReachable (the streets style is offered only when it loads)', () => {
  const style = JSON.stringify({ version: 8, sources: {}, layers: [] });
  it('is true for a style that loads, false for an HTTP error, a page that is not a style, or no network', async () => {
    expect(await styleReachable('https://x/s.json', async () => new Response(style))).toBe(true);
    expect(await styleReachable('https://x/s.json', async () => new Response('nope', { status: 503 }))).toBe(false);
    expect(await styleReachable('https://x/s.json', async () => new Response('<html></html>'))).toBe(false);
    expect(await styleReachable('https://x/s.json', async () => { throw new TypeError('Failed to fetch'); })).toBe(false);
  });
  it('gives up after the timeout and aborts the request', async () => {
    let aborted = false;
    const hang: typeof fetch = (_u, init) => new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => { aborted = true; reject(new Error('aborted')); }));
    const t0 = Date.now();
    expect(await styleReachable('https://x/s.json', hang, 50)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(aborted).toBe(true);
  });
});
