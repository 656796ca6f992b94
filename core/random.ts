/**
 * mulberry32: a small seeded PRNG, uniform on [0, 1) (T. Ettinger, public domain; period 2³²). Used wherever a run
 * must be reproducible from its seed (weight sensitivity draws, the forecast's fold shuffles and bootstrap).
 */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
