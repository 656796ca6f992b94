/**
 * The text of a jsPDF document as a PDF reader's copy-paste would give it, page by page: every `<hex> Tj` of each
 * page's content stream decoded through the embedded font's ToUnicode CMap (`<glyph id> <UTF-16>` pairs). Works on
 * jsPDF's default output (streams not compressed) with one embedded Identity-H font. Test-only helper.
 * @param pdf the PDF bytes as a latin1 string (`Buffer.from(doc.output('arraybuffer')).toString('latin1')`)
 * @returns one array of text runs per page, in drawing order
 */
export function pdfPageTexts(pdf: string): string[][] {
  const map = new Map<string, string>();
  for (const block of pdf.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      let s = '';
      for (let i = 0; i < m[2].length; i += 4) s += String.fromCharCode(parseInt(m[2].slice(i, i + 4), 16));
      map.set(m[1].toLowerCase().padStart(4, '0'), s);
    }
  }
  const pages: string[][] = [];
  for (const stream of pdf.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    const body = stream[1];
    if (!/\bBT\b/.test(body) || /begincmap/.test(body)) continue; // page content only (not fonts or CMaps)
    const runs: string[] = [];
    for (const m of body.matchAll(/<([0-9a-fA-F]+)>\s*Tj/g)) {
      let s = '';
      for (let i = 0; i < m[1].length; i += 4) s += map.get(m[1].slice(i, i + 4).toLowerCase()) ?? '\uFFFD';
      runs.push(s);
    }
    pages.push(runs);
  }
  return pages;
}
