/**
 * Pure edit commands on an immutable {@link FloorPlan}. A command is plain data (a `PlanCommand`);
 * `applyCommand(plan, cmd)` returns `{ plan, inverse }`, where applying `inverse` to the new plan gives back
 * the original plan exactly (deep-equal, not "up to float error": inverses restore snapshots rather than
 * subtracting deltas). Convenience wrappers (`addZone(plan, zone)` …) build and apply one command.
 *
 * Sizes stay dimensions: a resized fixture gets a new `widthM` / `depthM`; a resized zone gets new vertices.
 * Nothing here ever stores a scale.
 *
 * Element ids are unique across walls, zones, doors and fixtures, so one `ids` list can mix them.
 * Misuse (unknown id, invalid element, a ring of < 3 vertices) throws {@link CommandError}.
 */
import { Door, Fixture, Wall, Zone, type ElementCollection, type FloorPlan, type Outline, type PlanElement, type PlanPoint } from './model';
import { openRing, pointDistanceM, rotatePoint, type BoundsM } from './geometry';

/** Thrown on a command that cannot apply (programmer error or invalid input). */
export class CommandError extends Error {
  readonly code = 'plan_command';
}

/** Plan-level fields a command may set. */
export interface PlanFieldsPatch { name?: string; branchType?: FloorPlan['branchType']; siteId?: string; description?: string; source?: string }

/** One element at a position in its collection (used to restore deletions exactly). */
export interface ElementEntry { collection: ElementCollection; index: number; element: PlanElement }

/** Every edit, as data. */
export type PlanCommand =
  | { type: 'addZone'; zone: Zone; index?: number }
  | { type: 'addDoor'; door: Door; index?: number }
  | { type: 'addFixture'; fixture: Fixture; index?: number }
  | { type: 'addWall'; wall: Wall; index?: number }
  | { type: 'deleteElements'; ids: string[] }
  | { type: 'insertElements'; entries: ElementEntry[] }
  | { type: 'replaceElements'; elements: PlanElement[] }
  | { type: 'moveElements'; ids: string[]; dxM: number; dyM: number }
  | { type: 'moveVertex'; zoneId: string; index: number; to: PlanPoint }
  | { type: 'insertVertex'; zoneId: string; index: number; at: PlanPoint }
  | { type: 'deleteVertex'; zoneId: string; index: number }
  | { type: 'setZoneVertices'; zoneId: string; polygon: PlanPoint[] }
  | { type: 'rotateElements'; ids: string[]; about: PlanPoint; angleDeg: number }
  | { type: 'resizeElements'; ids: string[]; fromBox: BoundsM; toBox: BoundsM }
  | { type: 'setEdgeLength'; zoneId: string; edgeIndex: number; lengthM: number }
  | { type: 'duplicateElements'; ids: string[]; offset: PlanPoint; newIds?: Record<string, string> }
  | { type: 'setProperties'; id: string; patch: Record<string, unknown> }
  | { type: 'setPlanProperties'; patch: PlanFieldsPatch }
  | { type: 'setOutline'; outline: Partial<Outline> }
  | { type: 'moveOutlineVertex'; index: number; to: PlanPoint }
  | { type: 'insertOutlineVertex'; index: number; at: PlanPoint }
  | { type: 'deleteOutlineVertex'; index: number }
  | { type: 'setOutlineEdgeLength'; edgeIndex: number; lengthM: number }
  | { type: 'batch'; commands: PlanCommand[] };

/** Result of every command: the new plan and the command that undoes it. */
export interface CommandResult { plan: FloorPlan; inverse: PlanCommand }

const COLLECTIONS: ElementCollection[] = ['walls', 'zones', 'doors', 'fixtures'];
const SCHEMAS = { walls: Wall, zones: Zone, doors: Door, fixtures: Fixture } as const;

function list(plan: FloorPlan, c: ElementCollection): PlanElement[] {
  return c === 'walls' ? plan.outline.walls : plan[c];
}

function withList(plan: FloorPlan, c: ElementCollection, items: PlanElement[]): FloorPlan {
  if (c === 'walls') return { ...plan, outline: { ...plan.outline, walls: items as Wall[] } };
  return { ...plan, [c]: items } as FloorPlan;
}

/** Find an element by id: its collection, index and value; undefined when absent. */
export function findElement(plan: FloorPlan, id: string): ElementEntry | undefined {
  for (const collection of COLLECTIONS) {
    const index = list(plan, collection).findIndex((e) => e.id === id);
    if (index >= 0) return { collection, index, element: list(plan, collection)[index] };
  }
  return undefined;
}

function mustFind(plan: FloorPlan, id: string): ElementEntry {
  const e = findElement(plan, id);
  if (!e) throw new CommandError(`no element with id "${id}"`);
  return e;
}

function mustZone(plan: FloorPlan, id: string): Zone {
  const e = mustFind(plan, id);
  if (e.collection !== 'zones') throw new CommandError(`"${id}" is a ${e.collection.slice(0, -1)}, not a zone`);
  return e.element as Zone;
}

function validated(collection: ElementCollection, element: unknown): PlanElement {
  const r = SCHEMAS[collection].safeParse(element);
  if (!r.success) {
    throw new CommandError(`invalid ${collection.slice(0, -1)}: ` + r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  return r.data as PlanElement;
}

function allIds(plan: FloorPlan): Set<string> {
  return new Set(COLLECTIONS.flatMap((c) => list(plan, c).map((e) => e.id)));
}

/** Replace elements by id (primitive). Inverse: the previous snapshots. */
function replaceElementsImpl(plan: FloorPlan, elements: PlanElement[]): CommandResult {
  const previous: PlanElement[] = [];
  let out = plan;
  for (const el of elements) {
    const found = mustFind(out, el.id);
    previous.push(found.element);
    const items = list(out, found.collection).slice();
    items[found.index] = el;
    out = withList(out, found.collection, items);
  }
  return { plan: out, inverse: { type: 'replaceElements', elements: previous.reverse() } };
}

/** Insert elements at positions (primitive). Inverse: delete them. */
function insertElementsImpl(plan: FloorPlan, entries: ElementEntry[]): CommandResult {
  const ids = allIds(plan);
  let out = plan;
  const sorted = entries.slice().sort((a, b) => a.index - b.index);
  for (const e of sorted) {
    if (ids.has(e.element.id)) throw new CommandError(`id "${e.element.id}" is already used in this plan`);
    ids.add(e.element.id);
    const items = list(out, e.collection).slice();
    items.splice(Math.min(Math.max(0, e.index), items.length), 0, validated(e.collection, e.element));
    out = withList(out, e.collection, items);
  }
  return { plan: out, inverse: { type: 'deleteElements', ids: entries.map((e) => e.element.id) } };
}

/** Delete elements (primitive). Inverse: re-insert each at its old index. */
function deleteElementsImpl(plan: FloorPlan, ids: string[]): CommandResult {
  const entries = [...new Set(ids)].map((id) => mustFind(plan, id));
  let out = plan;
  for (const c of COLLECTIONS) {
    const drop = new Set(entries.filter((e) => e.collection === c).map((e) => e.element.id));
    if (drop.size) out = withList(out, c, list(out, c).filter((e) => !drop.has(e.id)));
  }
  return { plan: out, inverse: { type: 'insertElements', entries } };
}

/** Apply a point transform to an element's geometry (not its size). */
function mapElementPoints(el: PlanElement, collection: ElementCollection, f: (p: PlanPoint) => PlanPoint): PlanElement {
  switch (collection) {
    case 'zones': return { ...(el as Zone), polygon: (el as Zone).polygon.map(f) };
    case 'doors': return { ...(el as Door), a: f((el as Door).a), b: f((el as Door).b) };
    case 'walls': return { ...(el as Wall), a: f((el as Wall).a), b: f((el as Wall).b) };
    case 'fixtures': return { ...(el as Fixture), at: f((el as Fixture).at) };
  }
}

function transformElements(plan: FloorPlan, ids: string[], fn: (entry: ElementEntry) => PlanElement): CommandResult {
  return replaceElementsImpl(plan, [...new Set(ids)].map((id) => fn(mustFind(plan, id))));
}

function normDeg(a: number): number {
  const r = a % 360;
  return r < 0 ? r + 360 : r;
}

/** |cos| below which two edges count as perpendicular in setEdgeLength. */
const PERPENDICULAR_COS = 1e-3;

/**
 * A ring with edge `edgeIndex` (vertex i → i+1 of the open ring) set to `lengthM`: the far end moves
 * along the edge; when the next edge is perpendicular its far end moves by the same delta (rectangles
 * stay rectangular). `what` names the ring in errors.
 */
function ringWithEdgeLength(polygon: PlanPoint[], edgeIndex: number, lengthM: number, what: string): PlanPoint[] {
  if (!(lengthM > 0) || !Number.isFinite(lengthM)) throw new CommandError(`edge length must be a positive number of metres, got ${lengthM}`);
  const ring = openRing(polygon);
  const n = ring.length;
  if (!Number.isInteger(edgeIndex) || edgeIndex < 0 || edgeIndex >= n) throw new CommandError(`${what} has no edge ${edgeIndex}`);
  const i = edgeIndex, j = (i + 1) % n, k = (i + 2) % n;
  const a = ring[i], b = ring[j];
  const len = pointDistanceM(a, b);
  if (len === 0) throw new CommandError(`edge ${edgeIndex} of ${what} has zero length`);
  const ux = (b[0] - a[0]) / len, uy = (b[1] - a[1]) / len;
  const dx = ux * (lengthM - len), dy = uy * (lengthM - len);
  const next = ring.slice();
  next[j] = [a[0] + ux * lengthM, a[1] + uy * lengthM];
  // Keep rectangles rectangular: when the next edge is perpendicular (|cos| < 1e-3, i.e. within 0.057°, so
  // vertices rounded to 0.1 mm after a rotation still count), move its far end by the same delta.
  const c = ring[k];
  const lenNext = pointDistanceM(b, c);
  if (k !== i && lenNext > 0) {
    const dot = (ux * (c[0] - b[0]) + uy * (c[1] - b[1])) / lenNext;
    if (Math.abs(dot) < PERPENDICULAR_COS) next[k] = [c[0] + dx, c[1] + dy];
  }
  return next;
}

function setEdgeLengthImpl(plan: FloorPlan, zoneId: string, edgeIndex: number, lengthM: number): CommandResult {
  const zone = mustZone(plan, zoneId);
  return replaceElementsImpl(plan, [{ ...zone, polygon: ringWithEdgeLength(zone.polygon, edgeIndex, lengthM, `zone "${zoneId}"`) }]);
}

const samePoint = (p: PlanPoint, q: PlanPoint) => p[0] === q[0] && p[1] === q[1];

/**
 * Replace the outline ring by `next` (same vertex count as the open ring `prev`); every wall end that
 * sat exactly on a vertex of `prev` that moved follows it to its new place, so the envelope walls stay
 * on the outline. Inverse: the previous polygon and walls (snapshots, exact).
 */
function outlineRingEdit(plan: FloorPlan, next: PlanPoint[], walls?: Wall[]): CommandResult {
  const prev = openRing(plan.outline.polygon);
  ringOrThrow(next, 'the outline');
  let outWalls = walls ?? plan.outline.walls;
  if (!walls && next.length === prev.length) {
    const follow = (p: PlanPoint): PlanPoint => {
      const i = prev.findIndex((q) => samePoint(p, q));
      return i >= 0 && !samePoint(prev[i], next[i]) ? [next[i][0], next[i][1]] : p;
    };
    outWalls = plan.outline.walls.map((w) => {
      const a = follow(w.a), b = follow(w.b);
      return a === w.a && b === w.b ? w : { ...w, a, b };
    });
  }
  return {
    plan: { ...plan, outline: { ...plan.outline, polygon: next, walls: outWalls } },
    inverse: { type: 'setOutline', outline: { polygon: plan.outline.polygon, walls: plan.outline.walls } },
  };
}

/** Is point p on segment a–b (within 1e-9 m of its line, between its ends)? */
function onSegment(p: PlanPoint, a: PlanPoint, b: PlanPoint): boolean {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return samePoint(p, a);
  const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  const cross = ((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / Math.sqrt(len2);
  return Math.abs(cross) <= 1e-9 && t >= -1e-12 && t <= 1 + 1e-12;
}

function insertOutlineVertexImpl(plan: FloorPlan, index: number, at: PlanPoint): CommandResult {
  const prev = openRing(plan.outline.polygon);
  const n = prev.length;
  if (!Number.isInteger(index) || index < 1 || index > n) throw new CommandError(`cannot insert an outline vertex at ${index} (1…${n})`);
  if (!Number.isFinite(at[0]) || !Number.isFinite(at[1])) throw new CommandError('the new outline vertex is not finite');
  const a = prev[index - 1], b = prev[index % n];
  const next = prev.slice();
  next.splice(index, 0, [at[0], at[1]]);
  // a wall running along the split edge (ends at both of its vertices) is split in two at the new vertex
  const taken = allIds(plan);
  const walls: Wall[] = [];
  for (const w of plan.outline.walls) {
    const along = (samePoint(w.a, a) && samePoint(w.b, b)) || (samePoint(w.a, b) && samePoint(w.b, a));
    if (along && onSegment(at, a, b) && !samePoint(at, a) && !samePoint(at, b)) {
      walls.push({ ...w, b: [at[0], at[1]] }, { ...w, id: uniqueSplitId(w.id, taken), a: [at[0], at[1]], b: w.b });
    } else walls.push(w);
  }
  return outlineRingEdit(plan, next, walls);
}

function uniqueSplitId(base: string, taken: Set<string>): string {
  let id = `${base}-b`;
  for (let n = 2; taken.has(id); n++) id = `${base}-b${n}`;
  taken.add(id);
  return id;
}

function deleteOutlineVertexImpl(plan: FloorPlan, index: number): CommandResult {
  const prev = openRing(plan.outline.polygon);
  const n = prev.length;
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new CommandError(`the outline has no vertex ${index}`);
  const v = prev[index], before = prev[(index - 1 + n) % n], after = prev[(index + 1) % n];
  const next = prev.filter((_, i) => i !== index);
  ringOrThrow(next, 'the outline');
  // walls meeting at the removed vertex: the one from the previous vertex now runs to the next vertex;
  // the one from the removed vertex to the next is dropped (the merged edge has one wall)
  const walls: Wall[] = [];
  for (const w of plan.outline.walls) {
    if ((samePoint(w.a, v) && samePoint(w.b, after)) || (samePoint(w.b, v) && samePoint(w.a, after))) continue;
    if (samePoint(w.b, v) && samePoint(w.a, before)) walls.push({ ...w, b: [after[0], after[1]] });
    else if (samePoint(w.a, v) && samePoint(w.b, before)) walls.push({ ...w, a: [after[0], after[1]] });
    else walls.push(w);
  }
  return outlineRingEdit(plan, next, walls);
}

function resizeElementsImpl(plan: FloorPlan, ids: string[], from: BoundsM, to: BoundsM): CommandResult {
  const fw = from.maxX - from.minX, fh = from.maxY - from.minY;
  const tw = to.maxX - to.minX, th = to.maxY - to.minY;
  if (!(fw > 0 && fh > 0 && tw > 0 && th > 0)) throw new CommandError('resize boxes must have a positive width and height');
  const sx = tw / fw, sy = th / fh;
  const f = (p: PlanPoint): PlanPoint => [to.minX + (p[0] - from.minX) * sx, to.minY + (p[1] - from.minY) * sy];
  return transformElements(plan, ids, ({ collection, element }) => {
    const moved = mapElementPoints(element, collection, f);
    if (collection !== 'fixtures') return moved;
    const fx = moved as Fixture;
    const t = (fx.rotationDeg * Math.PI) / 180;
    // the fixture's local axes, stretched by the box scale: new dimensions are the stretched lengths
    const widthScale = Math.hypot(Math.cos(t) * sx, Math.sin(t) * sy);
    const depthScale = Math.hypot(-Math.sin(t) * sx, Math.cos(t) * sy);
    return { ...fx, widthM: fx.widthM * widthScale, depthM: fx.depthM * depthScale };
  });
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = `${base}-copy`;
  for (let n = 2; taken.has(id); n++) id = `${base}-copy-${n}`;
  taken.add(id);
  return id;
}

function duplicateElementsImpl(plan: FloorPlan, ids: string[], offset: PlanPoint, newIds?: Record<string, string>): CommandResult {
  const taken = allIds(plan);
  const entries = [...new Set(ids)].map((id) => mustFind(plan, id));
  const map = new Map<string, string>();
  for (const e of entries) {
    const wanted = newIds?.[e.element.id];
    if (wanted !== undefined) {
      if (taken.has(wanted)) throw new CommandError(`id "${wanted}" is already used in this plan`);
      taken.add(wanted);
      map.set(e.element.id, wanted);
    } else map.set(e.element.id, uniqueId(e.element.id, taken));
  }
  const shift = (p: PlanPoint): PlanPoint => [p[0] + offset[0], p[1] + offset[1]];
  const counts: Record<ElementCollection, number> = { walls: 0, zones: 0, doors: 0, fixtures: 0 };
  const inserts: ElementEntry[] = entries.map((e) => {
    let copy = { ...mapElementPoints(e.element, e.collection, shift), id: map.get(e.element.id)! } as PlanElement;
    if (e.collection === 'doors') {
      const d = copy as Door;
      copy = { ...d, connects: d.connects.map((z) => map.get(z) ?? z) as [string, string] };
    }
    return { collection: e.collection, index: list(plan, e.collection).length + counts[e.collection]++, element: copy };
  });
  return insertElementsImpl(plan, inserts);
}

function setPropertiesImpl(plan: FloorPlan, id: string, patch: Record<string, unknown>): CommandResult {
  if ('id' in patch && patch.id !== id) throw new CommandError('setProperties cannot change an id (duplicate and delete instead)');
  const { collection, element } = mustFind(plan, id);
  const merged: Record<string, unknown> = { ...element };
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'attributes' && v && typeof v === 'object') {
      const attrs: Record<string, unknown> = { ...(element as Zone).attributes };
      for (const [ak, av] of Object.entries(v)) {
        if (av === undefined) delete attrs[ak]; else attrs[ak] = av;
      }
      merged.attributes = attrs;
    } else if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return replaceElementsImpl(plan, [validated(collection, merged)]);
}

function setPlanPropertiesImpl(plan: FloorPlan, patch: PlanFieldsPatch): CommandResult {
  const before: Record<string, unknown> = {};
  const out: Record<string, unknown> = { ...plan };
  for (const [k, v] of Object.entries(patch)) {
    if (!['name', 'branchType', 'siteId', 'description', 'source'].includes(k)) throw new CommandError(`setPlanProperties cannot set "${k}"`);
    before[k] = (plan as Record<string, unknown>)[k];
    if (v === undefined) delete out[k]; else out[k] = v;
  }
  return { plan: out as FloorPlan, inverse: { type: 'setPlanProperties', patch: before as PlanFieldsPatch } };
}

function ringOrThrow(polygon: PlanPoint[], what: string): PlanPoint[] {
  if (openRing(polygon).length < 3) throw new CommandError(`${what} needs at least 3 distinct vertices`);
  if (polygon.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) throw new CommandError(`${what} has a non-finite vertex`);
  return polygon;
}

/**
 * Apply one command. Pure: `plan` is not modified.
 * @returns the new plan and the inverse command (apply it to the new plan to get `plan` back, deep-equal).
 * @throws CommandError for an unknown id, an invalid element or an impossible edit.
 */
export function applyCommand(plan: FloorPlan, cmd: PlanCommand): CommandResult {
  switch (cmd.type) {
    case 'addZone': return insertElementsImpl(plan, [{ collection: 'zones', index: cmd.index ?? plan.zones.length, element: cmd.zone }]);
    case 'addDoor': return insertElementsImpl(plan, [{ collection: 'doors', index: cmd.index ?? plan.doors.length, element: cmd.door }]);
    case 'addFixture': return insertElementsImpl(plan, [{ collection: 'fixtures', index: cmd.index ?? plan.fixtures.length, element: cmd.fixture }]);
    case 'addWall': return insertElementsImpl(plan, [{ collection: 'walls', index: cmd.index ?? plan.outline.walls.length, element: cmd.wall }]);
    case 'deleteElements': return deleteElementsImpl(plan, cmd.ids);
    case 'insertElements': return insertElementsImpl(plan, cmd.entries);
    case 'replaceElements': return replaceElementsImpl(plan, cmd.elements);
    case 'moveElements':
      return transformElements(plan, cmd.ids, ({ collection, element }) =>
        mapElementPoints(element, collection, (p) => [p[0] + cmd.dxM, p[1] + cmd.dyM]));
    case 'moveVertex': {
      const zone = mustZone(plan, cmd.zoneId);
      if (!(cmd.index >= 0 && cmd.index < zone.polygon.length)) throw new CommandError(`zone "${cmd.zoneId}" has no vertex ${cmd.index}`);
      const polygon = zone.polygon.slice();
      polygon[cmd.index] = [cmd.to[0], cmd.to[1]];
      // keep an explicit closing vertex closed
      const last = zone.polygon.length - 1;
      const closed = last > 0 && zone.polygon[0][0] === zone.polygon[last][0] && zone.polygon[0][1] === zone.polygon[last][1];
      if (closed && cmd.index === 0) polygon[last] = [cmd.to[0], cmd.to[1]];
      if (closed && cmd.index === last) polygon[0] = [cmd.to[0], cmd.to[1]];
      return replaceElementsImpl(plan, [{ ...zone, polygon }]);
    }
    case 'insertVertex': {
      const zone = mustZone(plan, cmd.zoneId);
      if (!(cmd.index >= 0 && cmd.index <= zone.polygon.length)) throw new CommandError(`cannot insert a vertex at ${cmd.index} in zone "${cmd.zoneId}"`);
      const polygon = zone.polygon.slice();
      polygon.splice(cmd.index, 0, [cmd.at[0], cmd.at[1]]);
      return replaceElementsImpl(plan, [{ ...zone, polygon }]);
    }
    case 'deleteVertex': {
      const zone = mustZone(plan, cmd.zoneId);
      if (!(cmd.index >= 0 && cmd.index < zone.polygon.length)) throw new CommandError(`zone "${cmd.zoneId}" has no vertex ${cmd.index}`);
      const polygon = zone.polygon.filter((_, i) => i !== cmd.index);
      return replaceElementsImpl(plan, [{ ...zone, polygon: ringOrThrow(polygon, `zone "${cmd.zoneId}"`) }]);
    }
    case 'setZoneVertices': {
      const zone = mustZone(plan, cmd.zoneId);
      return replaceElementsImpl(plan, [{ ...zone, polygon: ringOrThrow(cmd.polygon.map((p) => [p[0], p[1]] as PlanPoint), `zone "${cmd.zoneId}"`) }]);
    }
    case 'rotateElements':
      return transformElements(plan, cmd.ids, ({ collection, element }) => {
        const moved = mapElementPoints(element, collection, (p) => rotatePoint(p, cmd.angleDeg, cmd.about));
        return collection === 'fixtures' ? { ...(moved as Fixture), rotationDeg: normDeg((moved as Fixture).rotationDeg + cmd.angleDeg) } : moved;
      });
    case 'resizeElements': return resizeElementsImpl(plan, cmd.ids, cmd.fromBox, cmd.toBox);
    case 'setEdgeLength': return setEdgeLengthImpl(plan, cmd.zoneId, cmd.edgeIndex, cmd.lengthM);
    case 'duplicateElements': return duplicateElementsImpl(plan, cmd.ids, cmd.offset, cmd.newIds);
    case 'setProperties': return setPropertiesImpl(plan, cmd.id, cmd.patch);
    case 'setPlanProperties': return setPlanPropertiesImpl(plan, cmd.patch);
    case 'setOutline': {
      const before: Partial<Outline> = {};
      for (const k of Object.keys(cmd.outline) as (keyof Outline)[]) (before as Record<string, unknown>)[k] = plan.outline[k];
      if (cmd.outline.polygon) ringOrThrow(cmd.outline.polygon, 'the outline');
      const walls = cmd.outline.walls?.map((w) => validated('walls', w) as Wall);
      return { plan: { ...plan, outline: { ...plan.outline, ...cmd.outline, ...(walls ? { walls } : {}) } }, inverse: { type: 'setOutline', outline: before } };
    }
    case 'moveOutlineVertex': {
      const prev = openRing(plan.outline.polygon);
      if (!Number.isInteger(cmd.index) || cmd.index < 0 || cmd.index >= prev.length) throw new CommandError(`the outline has no vertex ${cmd.index}`);
      const next = prev.slice();
      next[cmd.index] = [cmd.to[0], cmd.to[1]];
      return outlineRingEdit(plan, next);
    }
    case 'insertOutlineVertex': return insertOutlineVertexImpl(plan, cmd.index, cmd.at);
    case 'deleteOutlineVertex': return deleteOutlineVertexImpl(plan, cmd.index);
    case 'setOutlineEdgeLength':
      return outlineRingEdit(plan, ringWithEdgeLength(plan.outline.polygon, cmd.edgeIndex, cmd.lengthM, 'the outline'));
    case 'batch': {
      let out = plan;
      const inverses: PlanCommand[] = [];
      for (const c of cmd.commands) {
        const r = applyCommand(out, c);
        out = r.plan;
        inverses.push(r.inverse);
      }
      return { plan: out, inverse: { type: 'batch', commands: inverses.reverse() } };
    }
    default: {
      const never: never = cmd;
      throw new CommandError(`unknown command ${JSON.stringify((never as { type?: string }).type)}`);
    }
  }
}

// ── convenience wrappers (names the editor calls) ──

/** Add a zone at the end of the zone list (validated). */
export const addZone = (plan: FloorPlan, zone: Zone) => applyCommand(plan, { type: 'addZone', zone });
/** Add a door (validated; `connects` is not checked against zones here — loadPlan does that). */
export const addDoor = (plan: FloorPlan, door: Door) => applyCommand(plan, { type: 'addDoor', door });
/** Add a fixture (validated). */
export const addFixture = (plan: FloorPlan, fixture: Fixture) => applyCommand(plan, { type: 'addFixture', fixture });
/** Add a wall (validated). */
export const addWall = (plan: FloorPlan, wall: Wall) => applyCommand(plan, { type: 'addWall', wall });
/** Delete any elements by id; the inverse restores each at its old index. */
export const deleteElements = (plan: FloorPlan, ids: string[]) => applyCommand(plan, { type: 'deleteElements', ids });
/** Move elements by (dxM, dyM) metres. */
export const moveElements = (plan: FloorPlan, ids: string[], dxM: number, dyM: number) => applyCommand(plan, { type: 'moveElements', ids, dxM, dyM });
/** Move one vertex of a zone to `to`. */
export const moveVertex = (plan: FloorPlan, zoneId: string, index: number, to: PlanPoint) => applyCommand(plan, { type: 'moveVertex', zoneId, index, to });
/** Replace a zone's ring. */
export const setZoneVertices = (plan: FloorPlan, zoneId: string, polygon: PlanPoint[]) => applyCommand(plan, { type: 'setZoneVertices', zoneId, polygon });
/** Rotate elements about a point by angleDeg (clockwise on screen); fixtures also turn their rotationDeg. */
export const rotateElements = (plan: FloorPlan, ids: string[], about: PlanPoint, angleDeg: number) => applyCommand(plan, { type: 'rotateElements', ids, about, angleDeg });
/** Map elements from one box to another: zone/door/wall points map box→box; fixtures get new widthM/depthM. */
export const resizeElements = (plan: FloorPlan, ids: string[], fromBox: BoundsM, toBox: BoundsM) => applyCommand(plan, { type: 'resizeElements', ids, fromBox, toBox });
/** Set edge `edgeIndex` (vertex i → i+1) of a zone to `lengthM`, moving its far end (and the next vertex when that edge is perpendicular). */
export const setEdgeLength = (plan: FloorPlan, zoneId: string, edgeIndex: number, lengthM: number) => applyCommand(plan, { type: 'setEdgeLength', zoneId, edgeIndex, lengthM });
/** Copy elements shifted by `offset`, with fresh ids (`<id>-copy`, `<id>-copy-2` … unless `newIds` names them). */
export const duplicateElements = (plan: FloorPlan, ids: string[], offset: PlanPoint, newIds?: Record<string, string>) => applyCommand(plan, { type: 'duplicateElements', ids, offset, newIds });
/** Shallow-merge a patch into an element (attributes merged key by key; `undefined` removes a key); validated. */
export const setProperties = (plan: FloorPlan, id: string, patch: Record<string, unknown>) => applyCommand(plan, { type: 'setProperties', id, patch });
