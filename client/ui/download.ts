/**
 * Browser file output shared by every tab: save a blob under a file name, and the PDF exports' font. The one home of
 * both (the Sites, Coverage, Standards and floor-plan exports call these).
 */

/** Offer `data` as a file download named `name` through a temporary link; the object URL is revoked after 10 s. */
export function downloadBlob(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offer `text` as a file download named `name` with the given MIME type. */
export function downloadText(name: string, text: string, mime: string): void {
  downloadBlob(new Blob([text], { type: mime }), name);
}

let fontPromise: Promise<Uint8Array> | null = null;

/**
 * The PDF exports' font — Noto Sans SC (Latin + Simplified Chinese), self-hosted by @fontsource — as TrueType for
 * jsPDF: fetched and converted from WOFF once per page (a failed load is retried on the next call). Loaded lazily so
 * the converter stays out of the first bundle. @throws Error naming the font URL on an HTTP failure.
 */
export function loadPdfFont(): Promise<Uint8Array> {
  fontPromise ??= (async () => {
    const { default: url } = await import('@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff?url');
    const { woffToSfnt } = await import('../coverage/woffToTtf');
    const r = await fetch(url);
    if (!r.ok) throw new Error(`font ${url}: HTTP ${r.status}`);
    return woffToSfnt(new Uint8Array(await r.arrayBuffer()));
  })().catch((e) => { fontPromise = null; throw e; });
  return fontPromise;
}
