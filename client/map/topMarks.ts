/**
 * Rank marks of the top sites on the Site scoring map: a ring on every listed site and a label with its rank in the
 * list, sites whose labels would overlap on screen sharing one label ("1–3, 7") so no label hides another.
 */

/** One listed site: its rank in the top list (1 = best) and position, degrees WGS84. */
export interface RankedPoint { rank: number; lng: number; lat: number }
/** One label: its anchor (the best-ranked member's position), its text, the ranks it stands for and where it is
 * drawn from the anchor, px (x right, y down; above the ring unless that would cover a map label or another rank label). */
export interface RankLabel { lng: number; lat: number; text: string; ranks: number[]; offsetPx: [number, number] }
/** Something on the map a rank label must not cover (a borough or neighbourhood name): its centre and size, px. */
export interface LabelBox { lng: number; lat: number; widthPx: number; heightPx: number }

/** Where a rank label may sit around its ring of radius `ringPx`, in order of preference: above, below, right, left. */
export function labelOffsets(widthPx: number, ringPx: number, heightPx = 18): [number, number][] {
  const dy = ringPx + heightPx / 2 + 1, dx = ringPx + widthPx / 2 + 2;
  return [[0, -dy], [0, dy], [dx, 0], [-dx, 0]];
}

/** Web Mercator pixel position at `zoom` (512-px tiles, as MapLibre and deck.gl draw them). */
export function mercatorPx(lng: number, lat: number, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const phi = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return [((lng + 180) / 360) * size, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size];
}

/** Ranks as short runs: [1, 2, 3, 5, 8, 9] → "1–3, 5, 8–9"; [4] → "4". Ranks are sorted first. */
export function rankRuns(ranks: readonly number[]): string {
  const r = [...ranks].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < r.length;) {
    let j = i;
    while (j + 1 < r.length && r[j + 1] === r[j] + 1) j++;
    out.push(j > i ? `${r[i]}–${r[j]}` : `${r[i]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** Approximate width, px, of a label of `text` at 12 px bold with its padding (7 px a character + 10). */
export const labelWidthPx = (text: string): number => 7 * text.length + 10;

/**
 * Group the top sites into non-overlapping labels at `zoom`: labels are boxes of `labelWidthPx` × `heightPx` centred
 * on their site; while two boxes overlap (with `gapPx` between them), the two groups merge into one label at the
 * better-ranked group's position, whose text lists every rank. At street zoom every site keeps its own label; at city
 * zoom a cluster of neighbouring top sites shares one. Each label then takes the first of `labelOffsets` (above, below,
 * right, left of its ring) whose box covers none of `obstacles` and no label placed before it (better ranks first);
 * when none is free and a placed rank label is in the way, the label joins that one; above when only map labels are.
 * @param points the listed sites, any order; ranks distinct.
 * @param obstacles map labels to keep clear (borough names), centred on their position.
 * @param ringPx the ring's radius, px.
 * @returns labels, best rank first.
 */
export function groupRankLabels(points: readonly RankedPoint[], zoom: number, obstacles: readonly LabelBox[] = [], ringPx = 8,
  heightPx = 18, gapPx = 2): RankLabel[] {
  let groups = [...points].sort((a, b) => a.rank - b.rank)
    .map((p) => ({ lng: p.lng, lat: p.lat, px: mercatorPx(p.lng, p.lat, zoom), ranks: [p.rank] }));
  for (let merged = true; merged;) {
    merged = false;
    search: for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i], b = groups[j];
        const wa = labelWidthPx(rankRuns(a.ranks)), wb = labelWidthPx(rankRuns(b.ranks));
        if (Math.abs(a.px[0] - b.px[0]) < (wa + wb) / 2 + gapPx && Math.abs(a.px[1] - b.px[1]) < heightPx + gapPx) {
          groups[i] = { ...a, ranks: [...a.ranks, ...b.ranks] }; // i ranks better than j: the label stays at i
          groups = groups.filter((_, k) => k !== j);
          merged = true;
          break search;
        }
      }
    }
  }
  type Box = { x: number; y: number; w: number; h: number };
  const hits = (a: Box, b: Box) => Math.abs(a.x - b.x) < (a.w + b.w) / 2 + gapPx && Math.abs(a.y - b.y) < (a.h + b.h) / 2 + gapPx;
  const fixed: Box[] = obstacles.map((o) => { const [x, y] = mercatorPx(o.lng, o.lat, zoom); return { x, y, w: o.widthPx, h: o.heightPx }; });
  // place best ranks first; a label with no free place that is boxed in by rank labels joins the first of them it
  // would cover (and the layout starts again), so a crowded cluster ends as one label rather than overlapping ones
  for (;;) {
    const placed: { box: Box; offsetPx: [number, number] }[] = [];
    let joined = false;
    for (let i = 0; i < groups.length && !joined; i++) {
      const g = groups[i], text = rankRuns(g.ranks), w = labelWidthPx(text);
      const options = labelOffsets(w, ringPx, heightPx);
      const boxAt = ([dx, dy]: [number, number]): Box => ({ x: g.px[0] + dx, y: g.px[1] + dy, w, h: heightPx });
      const free = options.find((o) => !fixed.some((t) => hits(t, boxAt(o))) && !placed.some((p) => hits(p.box, boxAt(o))));
      if (free) { placed.push({ box: boxAt(free), offsetPx: free }); continue; }
      const into = placed.findIndex((p) => options.some((o) => hits(p.box, boxAt(o))));
      if (into >= 0) {
        groups[into] = { ...groups[into], ranks: [...groups[into].ranks, ...g.ranks] };
        groups = groups.filter((_, k) => k !== i);
        joined = true;
      } else placed.push({ box: boxAt(options[0]), offsetPx: options[0] }); // only map labels around: above, as drawn
    }
    if (!joined) {
      return groups.map((g, i) => ({ lng: g.lng, lat: g.lat, text: rankRuns(g.ranks), ranks: [...g.ranks].sort((x, y) => x - y), offsetPx: placed[i].offsetPx }));
    }
  }
}
