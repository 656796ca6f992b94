/**
 * CSS transform placing a map tooltip next to the cursor (x, y in px from the map's top-left, map `widthPx` ×
 * `heightPx`) on the side with more room: right of the cursor in the map's left half, left of it in the right half;
 * below in the upper half, above in the lower half. The second translate uses percentages of the tooltip's own size,
 * so no measuring is needed and a tooltip (at most half the map wide, see `.map-tooltip`) stays inside the map and out
 * from under the breakdown column beside it. `gapPx` keeps it off the pointer.
 */
export function tooltipTransform(x: number, y: number, widthPx: number, heightPx: number, gapPx = 12): string {
  const dx = x > widthPx / 2 ? `calc(-100% - ${gapPx}px)` : `${gapPx}px`;
  const dy = y > heightPx / 2 ? `calc(-100% - ${gapPx}px)` : `${gapPx}px`;
  return `translate(${Math.round(x)}px, ${Math.round(y)}px) translate(${dx}, ${dy})`;
}
