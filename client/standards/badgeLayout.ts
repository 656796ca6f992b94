/**
 * Collision-free placement of the findings' badges on the plan (screen pixels): no badge covers another, and a zone
 * with many findings gets one grouped badge instead of a pile. Pure; the overlay measures text and draws.
 */

/** A badge to place: its anchor (the finding's centre on screen), its size and the group it belongs to (a zone). */
export interface BadgeRequest { key: number; anchor: [number, number]; width: number; height: number; group: string }
/** A placed box (top-left x, y) for one or more findings (`keys`), with the anchor its leader line points to. */
export interface PlacedBadge { keys: number[]; anchor: [number, number]; x: number; y: number; width: number; height: number }

/** Axis-aligned boxes overlap (touching edges do not; `gap` px kept between boxes). */
export function boxesOverlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * Merge the requests of a group with more than `maxPerGroup` badges into one request (anchored at their mean, as wide
 * as `groupWidth(n)`), keeping the others as they are. Groups named '' (whole-plan findings) are never merged.
 */
export function groupCrowded(reqs: readonly BadgeRequest[], maxPerGroup: number, groupWidth: (n: number) => number):
  { keys: number[]; anchor: [number, number]; width: number; height: number }[] {
  const byGroup = new Map<string, BadgeRequest[]>();
  for (const r of reqs) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  const out: { keys: number[]; anchor: [number, number]; width: number; height: number }[] = [];
  for (const [g, rs] of byGroup) {
    if (g && rs.length > maxPerGroup) {
      const ax = rs.reduce((s, r) => s + r.anchor[0], 0) / rs.length, ay = rs.reduce((s, r) => s + r.anchor[1], 0) / rs.length;
      out.push({ keys: rs.map((r) => r.key), anchor: [ax, ay], width: groupWidth(rs.length), height: rs[0].height });
    } else for (const r of rs) out.push({ keys: [r.key], anchor: r.anchor, width: r.width, height: r.height });
  }
  return out;
}

/**
 * Place each badge at the first free spot near its anchor: above it, below, right, left, then on rings further out,
 * then straight down until free — so the result is always pairwise disjoint (with `gap` px between boxes) and also
 * clear of the `avoid` boxes (e.g. zone name labels) when a free spot nearby exists. With `atAnchor`, a badge centred
 * on its anchor is tried first (a numbered marker sitting on its spot); a badge's own `atAnchor` overrides the option. Badges are placed top to bottom, left to right by anchor.
 */
export function layoutBadges(badges: readonly { keys: number[]; anchor: [number, number]; width: number; height: number; atAnchor?: boolean }[],
  opts: { gap?: number; avoid?: readonly { x: number; y: number; width: number; height: number }[]; atAnchor?: boolean } = {}): PlacedBadge[] {
  const gap = opts.gap ?? 2;
  const avoid = opts.avoid ?? [];
  const placed: PlacedBadge[] = [];
  const order = [...badges].sort((a, b) => a.anchor[1] - b.anchor[1] || a.anchor[0] - b.anchor[0]);
  const free = (box: PlacedBadge, strict: boolean) => !placed.some((p) => boxesOverlap(p, box, gap)) && (!strict || !avoid.some((a) => boxesOverlap(a, box, 0)));
  for (const b of order) {
    const [ax, ay] = b.anchor;
    const at = (dx: number, dy: number): PlacedBadge => ({ keys: b.keys, anchor: b.anchor, x: ax + dx - b.width / 2, y: ay + dy - b.height / 2, width: b.width, height: b.height });
    const step = b.height + gap;
    const candidates: PlacedBadge[] = (b.atAnchor ?? opts.atAnchor) ? [at(0, 0)] : [];
    for (let ring = 1; ring <= 6; ring++) {
      const dy = ring * step, dx = ring * (b.width / 2 + 8);
      candidates.push(at(0, -dy), at(0, dy), at(dx, 0), at(-dx, 0), at(dx, -dy), at(-dx, -dy), at(dx, dy), at(-dx, dy));
    }
    let chosen = candidates.find((c) => free(c, true)) ?? candidates.find((c) => free(c, false));
    for (let k = 7; !chosen; k++) { const c = at(0, k * step); if (free(c, false)) chosen = c; }
    placed.push(chosen);
  }
  return placed;
}
