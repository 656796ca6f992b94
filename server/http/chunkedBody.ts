/** Bytes per piece of a {@link chunkedBody} (1 MiB: one socket write of a few ms on a loaded machine). */
export const BODY_CHUNK_BYTES = 1024 * 1024;

/**
 * A large response body (a nationwide gap map's JSON: tens of MB) as a stream of {@link BODY_CHUNK_BYTES} slices, so
 * the HTTP server writes it piece by piece as the socket drains instead of in one synchronous write (up to 130–180 ms
 * held on a loaded machine). The slices are views of `bytes`, not copies. Small bodies are returned as they are.
 */
export function chunkedBody(bytes: Uint8Array): Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> {
  if (bytes.byteLength <= BODY_CHUNK_BYTES) return bytes as Uint8Array<ArrayBuffer>;
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(bytes.subarray(at, Math.min(bytes.byteLength, at + BODY_CHUNK_BYTES)));
      at += BODY_CHUNK_BYTES;
      if (at >= bytes.byteLength) controller.close();
    },
  }, { highWaterMark: 0 });
}
