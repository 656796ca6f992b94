import { describe, expect, it } from 'vitest';
import { groupRankLabels, labelOffsets, labelWidthPx, mercatorPx, rankRuns } from './topMarks';
import { mapLabelBoxes } from './siteLayers';

describe('rank marks of the top list', () => {
  it('writes ranks as runs', () => {
    expect(rankRuns([9, 1, 3, 2, 5, 8])).toBe('1–3, 5, 8–9');
    expect(rankRuns([4])).toBe('4');
  });
  it('projects to 512-px Web Mercator pixels (Times Square at zoom 0: x = (180 − 73.9855) / 360 · 512)', () => {
    const [x, y] = mercatorPx(-73.9855, 40.758, 0);
    expect(x).toBeCloseTo(150.776, 3);
    expect(y).toBeCloseTo(192.417, 3);
  });
  it('keeps apart labels that do not overlap and merges those that would, at the better rank', () => {
    // 0.0055° of longitude at 40.758° N is 32.0 px at zoom 12 and 16.0 px at zoom 11; two one-digit labels are
    // 17 px wide each, so they overlap below 17 + 2 px apart
    const pts = [{ rank: 2, lng: -73.98, lat: 40.758 }, { rank: 1, lng: -73.9855, lat: 40.758 }, { rank: 3, lng: -73.95, lat: 40.8 }];
    expect(labelWidthPx('1')).toBe(17);
    expect(groupRankLabels(pts, 12).map((l) => l.text)).toEqual(['1', '2', '3']);
    const z11 = groupRankLabels(pts, 11);
    expect(z11.map((l) => l.text)).toEqual(['1–2', '3']);
    expect(z11[0]).toMatchObject({ lng: -73.9855, lat: 40.758, ranks: [1, 2] });
    // 3 lies 0.042° north: 20.2 px at zoom 8 (clear of an 18-px label + 2), 10.1 px at zoom 7, where all share one label
    expect(groupRankLabels(pts, 8).map((l) => l.text)).toEqual(['1–2', '3']);
    expect(groupRankLabels(pts, 7).map((l) => l.text)).toEqual(['1–3']);
  });
  it('merges again when a merged label grows into a neighbour', () => {
    // 1 and 2 (0.0005° apart, 0.9 px) merge at zoom 11 into "1–2", 38 px wide; 4 lies 24 px east of 1: clear of a
    // one-digit label ((17 + 17) / 2 + 2 = 19 < 24) but not of "1–2" ((38 + 17) / 2 + 2 = 29.5 > 24), so it joins them
    const pts = [{ rank: 1, lng: -73.9855, lat: 40.758 }, { rank: 2, lng: -73.9855, lat: 40.7585 }, { rank: 4, lng: -73.9855 + 0.00825, lat: 40.758 }];
    expect(groupRankLabels(pts, 11).map((l) => l.text)).toEqual(['1–2, 4']);
  });
  it('puts a label above its ring, or below / right / left when a map label or a better-ranked label is there', () => {
    // a 17-px label over an 8-px ring: 18 px above its centre (8 + 9 + 1), or 18.5 px to the right (8 + 8.5 + 2)
    expect(labelOffsets(17, 8)).toEqual([[0, -18], [0, 18], [18.5, 0], [-18.5, 0]]);
    const site = { rank: 1, lng: -73.9855, lat: 40.758 };
    expect(groupRankLabels([site], 12)[0].offsetPx).toEqual([0, -18]);
    // "Manhattan" (17 px bold: 9 × 0.62 em + 10 = 104.9 × 27 px) centred 20 px above the site, as at city zoom
    const [, y] = mercatorPx(site.lng, site.lat, 12);
    const lat20pxUp = site.lat + 20 / (512 * 2 ** 12) * 360 * Math.cos((site.lat * Math.PI) / 180);
    expect(mercatorPx(site.lng, lat20pxUp, 12)[1]).toBeCloseTo(y - 20, 0);
    const manhattan = mapLabelBoxes([{ kind: 'borough', text: 'Manhattan', lng: site.lng, lat: lat20pxUp }], 12);
    expect(manhattan[0].widthPx).toBeCloseTo(104.86, 2);
    expect(manhattan[0].heightPx).toBe(27);
    expect(groupRankLabels([site], 12, manhattan)[0].offsetPx).toEqual([0, 18]);
    // Chinese names are about 1 em a character: 曼哈顿 = 3 × 17 + 10 px
    expect(mapLabelBoxes([{ kind: 'borough', text: '曼哈顿', lng: 0, lat: 0 }], 12)[0].widthPx).toBe(61);
    // neighbourhood names count from zoom 12.5 only
    expect(mapLabelBoxes([{ kind: 'neighborhood', text: 'Midtown', lng: 0, lat: 0 }], 12)).toEqual([]);
  });
  it('joins a label boxed in by a map name and a rank label to that rank label (Chase, NYC at zoom 10.6, in Chinese)', () => {
    // the top Chase cells of the NYC grid: ranks 1–8 and 10–12 in Midtown share one label ("1–8, 10–12", 87 px wide),
    // 14 lies 1.2 km north-east, 32 px below 曼哈顿 (61 × 27 px): above, it covers the name; below, right and left,
    // the Midtown label — so it joins it. With a narrower Midtown label ("1–8") it finds room on the right.
    const midtown = { lng: -73.97738204475199, lat: 40.75543699410768 };
    const fourteen = { rank: 14, lng: -73.96496216197335, lat: 40.76634773525434 };
    const manhattan = [{ lng: -73.9672, lat: 40.7772, widthPx: 61, heightPx: 27 }];
    const ranks = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12].map((rank) => ({ rank, ...midtown }));
    expect(groupRankLabels([...ranks, fourteen], 10.6, manhattan).map((l) => [l.text, l.offsetPx])).toEqual([['1–8, 10–12, 14', [0, -18]]]);
    expect(groupRankLabels([...ranks.slice(0, 8), fourteen], 10.6, manhattan).map((l) => [l.text, l.offsetPx])).toEqual([['1–8', [0, -18]], ['14', [22, 0]]]);
  });
});
